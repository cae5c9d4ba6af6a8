"""Excel export of any register: the rows the user sees, as filtered, in one shape for every app.

An app declares a register once, in its own module:

    INCOMING = Register(
        title="收文登记簿",
        filename="收文登记簿.xlsx",
        rows=lambda user, params: IncomingFilter(params, queryset=incoming_list(user=user)).qs,
        columns=[Column("收文编号", 16, lambda row, ctx: row.serial_number), ...],
        context=lambda user: {"cleared": has_clearance(user)},   # what the columns need to mask
    )

and its view answers `export_response(request, "documents.export.INCOMING")`. Up to
settings.EXPORT_INLINE_ROWS rows are written in the request (a write-only workbook);
a larger export runs in Celery (`office.tasks.register_export_run`) and the
requester is notified with a download link. The worker re-reads the rows with the requester's
own scope, so it exports exactly what they would have seen.

Every text cell is written as text: a value beginning with =, +, -, @, tab or CR gets a leading
apostrophe, so a title typed as a formula never runs in a spreadsheet (OWASP, CSV injection).
"""

import datetime
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from .plugins import resolve

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Any, dict], Any]  # (row, context) -> the cell's value


@dataclass(frozen=True)
class Register:
    title: str  # the sheet's name, and the export's name in the user's list
    filename: str | Callable[[dict], str]  # or a function of the filter parameters
    rows: Callable  # (user, params: QueryDict) -> queryset, scoped to the user and filtered
    columns: list[Column] = field(default_factory=list)
    context: Callable | None = None  # (user) -> dict handed to every column function

    def name_for(self, params) -> str:
        return self.filename(params) if callable(self.filename) else self.filename


def user_request(user):
    """What a FilterSet needs of a request (its user), for rows read outside one (in a worker)."""
    return SimpleNamespace(user=user)


def safe_cell(value):
    """A cell value that a spreadsheet shows and never evaluates."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_workbook(register: Register, user, params, fileobj, *, limit=None) -> int:
    """Writes the register's rows for `user` and `params` to `fileobj`; returns the row count."""
    context = register.context(user) if register.context else {}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=register.title[:31])
    for index, column in enumerate(register.columns, start=1):
        sheet.column_dimensions[_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in register.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        header.append(cell)
    sheet.append(header)
    queryset = register.rows(user, params)
    if limit is not None:
        queryset = queryset[:limit]
    count = 0
    for row in queryset.iterator(chunk_size=2000):
        sheet.append([safe_cell(column.value(row, context)) for column in register.columns])
        count += 1
    book.save(fileobj)
    return count


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def export_response(request, register_path: str):
    """The export of a register as the requesting user sees it: the file itself when small, or
    a queued job (and a redirect to the user's exports) when large."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import AuditEvent
    from .services.audit_log import audit
    from .services.exports import register_export_request

    register: Register = resolve(register_path)
    params = request.GET.copy()
    params.pop("page", None)
    conditions = params.urlencode()
    inline_limit = settings.EXPORT_INLINE_ROWS
    if register.rows(request.user, params)[: inline_limit + 1].count() > inline_limit:
        job = register_export_request(actor=request.user, register_path=register_path, params=params)
        audit(AuditEvent.EXPORT, request=request, target=register.title, detail=f"转入后台生成；条件：{conditions}")
        messages.info(request, f"数据较多，已转入后台生成“{job.title}”，完成后会通知您，可在“我的导出”下载。")
        return redirect("exports:list")
    # At most EXPORT_INLINE_ROWS rows: a write-only workbook in memory is a few hundred KB.
    buffer = io.BytesIO()
    count = write_workbook(register, request.user, params, buffer)
    audit(AuditEvent.EXPORT, request=request, target=register.title, detail=f"{count} 行；条件：{conditions}")
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(register.name_for(params))}"
    return response


def write_job_file(job) -> None:
    """Writes a queued export's file (called by the task through the service)."""
    from django.http import QueryDict

    register: Register = resolve(job.register)
    params = QueryDict(mutable=True)
    for key, values in job.params.items():
        params.setlist(key, values)
    with tempfile.TemporaryFile() as handle:
        job.rows = write_workbook(register, job.requested_by, params, handle, limit=settings.EXPORT_MAX_ROWS)
        handle.seek(0)
        job.file.save(register.name_for(params), File(handle), save=False)


def _audit_rows(user, params):
    from .filters import AuditEventFilter
    from .selectors import audit_event_list

    return AuditEventFilter(params, queryset=audit_event_list(user=user), request=user_request(user)).qs


def _audit_filename(params):
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"审计日志_{stamp}.xlsx"


# 审计日志: the administrator's search, exported as filtered (office/views/audit.py).
AUDIT_LOG = Register(
    title="审计日志",
    filename=_audit_filename,
    rows=_audit_rows,
    columns=[
        Column("时间", 20, lambda row, ctx: row.at),
        Column("事件", 14, lambda row, ctx: row.get_kind_display()),
        Column("用户名", 14, lambda row, ctx: row.username),
        Column("网络地址", 16, lambda row, ctx: row.address or ""),
        Column("请求", 40, lambda row, ctx: f"{row.method} {row.path}".strip()),
        Column("对象", 30, lambda row, ctx: row.target),
        Column("说明", 50, lambda row, ctx: row.detail),
    ],
)
