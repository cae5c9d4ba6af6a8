"""The documents' registers as Excel, declared once for office.export: the rows the user sees,
as filtered, with the classified fields hidden from users without clearance."""

from django.utils import timezone

from office.export import Column, Register, user_request

from .choices import CLASSIFIED_TITLE
from .filters import ArchiveFilter, IncomingFilter, OutgoingFilter
from .permissions import has_clearance
from .selectors import archive_list, incoming_list, outgoing_list


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
    ("公开属性", 10, lambda d, c: d.get_disclosure_display()),
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


def _context(user):
    return {"cleared": has_clearance(user)}


def _columns(spec):
    # (header, width, fn(row, cleared)) → Column(header, width, fn(row, context))
    return [Column(header, width, lambda row, ctx, f=f: f(row, ctx["cleared"])) for header, width, f in spec]


def _archive_params(params):
    params = params.copy()
    if not params.get("year"):
        params["year"] = str(timezone.localdate().year)
    return params


INCOMING = Register(
    title="收文登记簿",
    filename=lambda params: f"收文登记簿-{timezone.localdate():%Y%m%d}.xlsx",
    rows=lambda user, params: IncomingFilter(
        params, queryset=incoming_list(user=user), request=user_request(user)
    ).qs,
    columns=_columns(INCOMING_COLUMNS),
    context=_context,
)

OUTGOING = Register(
    title="发文登记簿",
    filename=lambda params: f"发文登记簿-{timezone.localdate():%Y%m%d}.xlsx",
    rows=lambda user, params: OutgoingFilter(
        params, queryset=outgoing_list(user=user, people=("drafter", "signer")), request=user_request(user)
    ).qs,
    columns=_columns(OUTGOING_COLUMNS),
    context=_context,
)

ARCHIVE = Register(
    title="归档文件目录",
    filename=lambda params: f"归档文件目录-{_archive_params(params)['year']}.xlsx",
    rows=lambda user, params: ArchiveFilter(
        _archive_params(params), queryset=archive_list(user=user), request=user_request(user)
    ).qs,
    columns=_columns(ARCHIVE_COLUMNS),
    context=_context,
)
