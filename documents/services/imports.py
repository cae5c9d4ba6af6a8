"""Excel import of past years' registers (收文登记簿, 发文登记簿): every row is checked, errors
are reported by row and column, and nothing is written unless every row passes."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from office.imports import INT_MAX, SMALL_INT_MAX, read_register_rows, whole_number
from office.models import Department, User
from office.numbering import set_at_least

from .. import permissions
from ..choices import (
    CLASSIFIED,
    Classification,
    DocumentKind,
    IncomingStatus,
    OutgoingStatus,
    SecrecyPeriod,
    Urgency,
)
from ..models import IncomingDocument, IssuingCode, OutgoingDocument
from ..models.common import INCOMING_SEQUENCE, document_number_text, incoming_serial_text, issuing_sequence

MAX_ROWS = 20_000
PROGRESS_EVERY = 500
FIRST_YEAR = 1949
SERIAL = re.compile(r"^收〔(\d{4})〕([1-9]\d*)号$")
NUMBER = re.compile(r"^(.+)〔(\d{4})〕([1-9]\d*)号$")


class RowErrors:
    def __init__(self):
        self.messages = []

    def add(self, row, column, message):
        self.messages.append(f"第{row}行，{column}：{message}")

    def raise_if_any(self):
        if self.messages:
            raise ValidationError({"file": self.messages[:200]})


def _rows(upload, required):
    return read_register_rows(upload, required=required, max_rows=MAX_ROWS, hint="请使用导出的登记簿格式。")


def _text(value):
    return "" if value is None else str(value).strip()


def _choice(errors, row, column, value, choices, default):
    value = _text(value)
    if not value:
        return default
    by_label = {label: code for code, label in choices.choices}
    if value in by_label:
        return by_label[value]
    errors.add(row, column, f"“{value}”不是有效的{column}。")
    return default


def _date(errors, row, column, value, required=False):
    if value in (None, ""):
        if required:
            errors.add(row, column, "不能为空。")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value)[:10])
    except ValueError:
        errors.add(row, column, f"“{value}”不是有效日期（例如 2025-03-18）。")
        return None


def _datetime(errors, row, column, value):
    if isinstance(value, datetime.datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    text = _text(value)
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.datetime.strptime(text, fmt))  # noqa: DTZ007 - made aware here
        except ValueError:
            continue
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time(9)))
    errors.add(row, column, "不能为空。" if not text else f"“{text}”不是有效时间（例如 2025-03-18 09:30）。")
    return None


def _positive(errors, row, column, value, default=None, maximum=INT_MAX):
    if value in (None, ""):
        return default
    number, problem = whole_number(value, maximum=maximum)
    if problem:
        errors.add(row, column, problem)
        return default
    return number


def _serial(errors, row, column, text):
    """The 序号 of a 收文编号 or 发文字号: within the column's range, or the row's error."""
    serial, problem = whole_number(text)
    if problem:
        errors.add(row, column, f"序号{problem}")
    return serial


def _year(errors, row, column, text, this_year):
    year = int(text)
    if year < FIRST_YEAR:
        errors.add(row, column, f"年度须在{FIRST_YEAR}年及以后。")
        return None
    if year >= this_year:
        errors.add(row, column, f"只能导入往年（{this_year}年以前）的登记簿。")
        return None
    return year


def _departments():
    return {d.name: d for d in Department.objects.all()}


INCOMING_REQUIRED = ["收文编号", "收文时间", "来文单位", "标题"]


def _progress(progress, done, total):
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(done, total)


def incoming_import(*, actor, upload, progress=None) -> int:
    """Imports a past years' 收文登记簿 (the export's columns). Returns the number of rows.
    `progress(done, total)` is told how many rows have been checked (office.services.imports)."""
    if not permissions.can_manage_incoming(actor):
        raise PermissionDenied("只有办公室文书可以导入收文登记簿。")
    rows = _rows(upload, INCOMING_REQUIRED)
    errors = RowErrors()
    departments = _departments()
    this_year = timezone.localdate().year
    seen = {}
    documents = []
    for done, (row, data) in enumerate(rows, start=1):
        _progress(progress, done, len(rows))
        match = SERIAL.match(_text(data.get("收文编号")))
        year = serial = None
        if not match:
            errors.add(row, "收文编号", "格式应为 收〔2025〕12号。")
        else:
            year = _year(errors, row, "收文编号", match.group(1), this_year)
            serial = _serial(errors, row, "收文编号", match.group(2))
            if year is None or serial is None:
                match = None
            elif (year, serial) in seen:
                errors.add(row, "收文编号", f"与第{seen[(year, serial)]}行重复。")
            if match:
                seen.setdefault((year, serial), row)
        received_at = _datetime(errors, row, "收文时间", data.get("收文时间"))
        for column in ("来文单位", "标题"):
            if not _text(data.get(column)):
                errors.add(row, column, "不能为空。")
        classification = _choice(errors, row, "密级", data.get("密级"), Classification, Classification.NONE)
        period = _choice(errors, row, "保密期限", data.get("保密期限"), SecrecyPeriod, "")
        if classification in CLASSIFIED and not period:
            errors.add(row, "保密期限", "秘密及以上文件须填写保密期限。")
        department = None
        if _text(data.get("主办科室")):
            department = departments.get(_text(data.get("主办科室")))
            if department is None:
                errors.add(row, "主办科室", f"没有名为“{_text(data.get('主办科室'))}”的科室。")
        documents.append(
            IncomingDocument(
                year=year,
                serial=serial,
                serial_number=incoming_serial_text(year, serial) if match else "",
                sender=_text(data.get("来文单位"))[:100],
                sender_number=_text(data.get("来文字号"))[:60],
                title=_text(data.get("标题"))[:200],
                kind=_choice(errors, row, "文种", data.get("文种"), DocumentKind, DocumentKind.OTHER),
                classification=classification,
                secrecy_period=period,
                urgency=_choice(errors, row, "紧急程度", data.get("紧急程度"), Urgency, Urgency.NORMAL),
                copies=_positive(errors, row, "份数", data.get("份数"), 1, maximum=SMALL_INT_MAX),
                received_at=received_at,
                deadline=_date(errors, row, "办理时限", data.get("办理时限")),
                lead_department=department,
                status=_choice(errors, row, "状态", data.get("状态"), IncomingStatus, IncomingStatus.DONE),
                created_by=actor,
                registered_by=actor,
                remarks="导入",
            )
        )
    if seen:
        existing = IncomingDocument.objects.filter(
            year__in={y for y, _s in seen}, serial__in={s for _y, s in seen}
        ).values_list("year", "serial")
        for year, serial in existing:
            if (year, serial) in seen:
                errors.add(seen[(year, serial)], "收文编号", f"{incoming_serial_text(year, serial)}已在系统中。")
    errors.raise_if_any()
    with transaction.atomic():
        bulk_create_with_history(
            documents, IncomingDocument, batch_size=1000, default_user=actor, default_change_reason="导入"
        )
        for year in {d.year for d in documents}:
            top = max(d.serial for d in documents if d.year == year)
            set_at_least(INCOMING_SEQUENCE, year, top)
    return len(documents)


OUTGOING_REQUIRED = ["发文字号", "标题", "拟稿科室", "印发日期"]


def outgoing_import(*, actor, upload, progress=None) -> int:
    """Imports a past years' 发文登记簿 (the export's columns): issued documents with their numbers."""
    if not permissions.can_manage_outgoing(actor):
        raise PermissionDenied("只有办公室文书可以导入发文登记簿。")
    rows = _rows(upload, OUTGOING_REQUIRED)
    errors = RowErrors()
    departments = _departments()
    codes = {c.code: c for c in IssuingCode.objects.all()}
    people = {}
    for user in User.objects.filter(is_active=True).only("pk", "name", "department_id"):
        people.setdefault(user.name, user)
    this_year = timezone.localdate().year
    seen = {}
    documents = []
    for done, (row, data) in enumerate(rows, start=1):
        _progress(progress, done, len(rows))
        match = NUMBER.match(_text(data.get("发文字号")))
        code = year = serial = None
        if not match:
            errors.add(row, "发文字号", "格式应为 X水发〔2025〕12号。")
        else:
            code = codes.get(match.group(1))
            year = _year(errors, row, "发文字号", match.group(2), this_year)
            serial = _serial(errors, row, "发文字号", match.group(3))
            if code is None:
                errors.add(row, "发文字号", f"机关代字“{match.group(1)}”不存在，请先由管理员添加。")
            elif year is not None and serial is not None:
                if (code.pk, year, serial) in seen:
                    errors.add(row, "发文字号", f"与第{seen[(code.pk, year, serial)]}行重复。")
                seen.setdefault((code.pk, year, serial), row)
        if not _text(data.get("标题")):
            errors.add(row, "标题", "不能为空。")
        department = departments.get(_text(data.get("拟稿科室")))
        if department is None:
            errors.add(row, "拟稿科室", f"没有名为“{_text(data.get('拟稿科室'))}”的科室。")
        drafter = people.get(_text(data.get("拟稿人"))) or actor
        signer = people.get(_text(data.get("签发人"))) if _text(data.get("签发人")) else None
        dispatched_on = _date(errors, row, "印发日期", data.get("印发日期"), required=True)
        documents.append(
            OutgoingDocument(
                title=_text(data.get("标题"))[:200],
                kind=_choice(errors, row, "文种", data.get("文种"), DocumentKind, DocumentKind.NOTICE),
                drafter=drafter,
                department=department,
                main_recipients=_text(data.get("主送"))[:300],
                classification=_choice(errors, row, "密级", data.get("密级"), Classification, Classification.NONE),
                urgency=_choice(errors, row, "紧急程度", data.get("紧急程度"), Urgency, Urgency.NORMAL),
                issuing_code=code,
                number_year=year,
                number_serial=serial,
                document_number=document_number_text(code.code, year, serial) if code else "",
                signer=signer,
                signed_on=_date(errors, row, "签发日期", data.get("签发日期")),
                dispatched_on=dispatched_on,
                printed_copies=_positive(errors, row, "份数", data.get("份数")),
                status=_choice(errors, row, "状态", data.get("状态"), OutgoingStatus, OutgoingStatus.DISPATCHED),
            )
        )
    keys = set(seen)
    if keys:
        existing = OutgoingDocument.objects.filter(
            issuing_code_id__in={k[0] for k in keys}, number_year__in={k[1] for k in keys}
        ).values_list("issuing_code_id", "number_year", "number_serial")
        for key in existing:
            if key in seen:
                errors.add(seen[key], "发文字号", "该文号已在系统中。")
    errors.raise_if_any()
    with transaction.atomic():
        bulk_create_with_history(
            documents, OutgoingDocument, batch_size=1000, default_user=actor, default_change_reason="导入"
        )
        for code_id, year in {(k[0], k[1]) for k in keys}:
            top = OutgoingDocument.objects.filter(issuing_code_id=code_id, number_year=year).aggregate(
                m=Max("number_serial")
            )["m"]
            set_at_least(issuing_sequence(code_id), year, top)
    return len(documents)
