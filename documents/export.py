"""Excel (openpyxl) export of any filtered register: the rows the user sees, as filtered."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .choices import CLASSIFIED_TITLE
from .permissions import has_clearance

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 100_000


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _date(value):
    return value.strftime("%Y-%m-%d") if value else ""


INCOMING_COLUMNS = [
    ("收文编号", 16, lambda d, c: d.serial_number),
    ("收文时间", 17, lambda d, c: _local(d.received_at)),
    ("来文单位", 24, lambda d, c: d.sender),
    ("来文字号", 18, lambda d, c: d.sender_number if c or not d.is_classified else ""),
    ("标题", 50, lambda d, c: d.title if c or not d.is_classified else CLASSIFIED_TITLE),
    ("文种", 8, lambda d, c: d.get_kind_display()),
    ("密级", 8, lambda d, c: d.get_classification_display()),
    ("紧急程度", 8, lambda d, c: d.get_urgency_display()),
    ("份数", 6, lambda d, c: d.copies),
    ("主办科室", 16, lambda d, c: d.lead_department.name if d.lead_department_id else ""),
    ("办理时限", 12, lambda d, c: _date(d.deadline)),
    ("状态", 10, lambda d, c: d.get_status_display()),
]

OUTGOING_COLUMNS = [
    ("发文字号", 18, lambda d, c: d.document_number),
    ("标题", 50, lambda d, c: d.title if c or not d.is_classified else CLASSIFIED_TITLE),
    ("文种", 8, lambda d, c: d.get_kind_display()),
    ("拟稿科室", 16, lambda d, c: d.department.name),
    ("拟稿人", 10, lambda d, c: d.drafter.name),
    ("主送", 30, lambda d, c: d.main_recipients),
    ("密级", 8, lambda d, c: d.get_classification_display()),
    ("紧急程度", 8, lambda d, c: d.get_urgency_display()),
    ("签发人", 10, lambda d, c: d.signer.name if d.signer_id else ""),
    ("签发日期", 12, lambda d, c: _date(d.signed_on)),
    ("印发日期", 12, lambda d, c: _date(d.dispatched_on)),
    ("份数", 6, lambda d, c: d.printed_copies or ""),
    ("状态", 10, lambda d, c: d.get_status_display()),
]

ARCHIVE_COLUMNS = [
    ("档号", 28, lambda d, c: d.archive_number),
    ("文号", 18, lambda d, c: d.document_number),
    ("责任者", 20, lambda d, c: d.responsible_body),
    ("题名", 50, lambda d, c: d.title),
    ("日期", 12, lambda d, c: _date(d.document_date)),
    ("页数", 6, lambda d, c: d.pages or ""),
    ("保管期限", 8, lambda d, c: d.get_retention_display()),
    ("归档日期", 12, lambda d, c: _date(d.archived_on)),
]


def workbook_response(*, user, title, columns, queryset, filename):
    cleared = has_clearance(user)
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title
    sheet.append([name for name, _w, _f in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for index, (_name, width, _f) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in queryset[:MAX_ROWS].iterator(chunk_size=2000):
        sheet.append([func(row, cleared) for _n, _w, func in columns])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
