"""Excel import of a roster (花名册) in the columns the roster export writes: every row is
checked (the ID number rules included), errors name the row and the column, and nothing is
written unless every row passes."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from office.audit import record_save
from office.errors import add_errors_to_form
from office.imports import read_register_rows
from office.models import Department

from . import permissions
from .choices import (
    ETHNICITY_CHOICES,
    Degree,
    Education,
    PersonStatus,
    PoliticalStatus,
    Rank,
    Sex,
    Staffing,
)
from .forms import ImportForm
from .idnumbers import normalise
from .models import Person

MAX_ROWS = 5000
REQUIRED = ["姓名", "性别", "出生日期", "公民身份号码", "编制"]
# column → (field, kind, choices)
COLUMNS = {
    "姓名": ("name", "text", None),
    "性别": ("sex", "choice", Sex.choices),
    "出生日期": ("birth_date", "date", None),
    "公民身份号码": ("citizen_id", "text", None),
    "民族": ("ethnicity", "choice", ETHNICITY_CHOICES),
    "政治面貌": ("political_status", "choice", PoliticalStatus.choices),
    "学历": ("education", "choice", Education.choices),
    "学位": ("degree", "choice", Degree.choices),
    "参加工作时间": ("work_start_date", "date", None),
    "进入本单位时间": ("join_date", "date", None),
    "编制": ("staffing", "choice", Staffing.choices),
    "科室": ("department", "department", None),
    "职务": ("post", "text", None),
    "职级": ("rank", "choice", Rank.choices),
    "专业技术职称": ("title", "text", None),
    "联系电话": ("phone", "text", None),
    "人员状态": ("status", "choice", PersonStatus.choices),
    "状态日期": ("status_date", "date", None),
}
FIELD_COLUMN = {field: column for column, (field, _kind, _choices) in COLUMNS.items()}


def _read(upload):
    return read_register_rows(upload, required=REQUIRED, max_rows=MAX_ROWS, hint="请使用花名册导出的格式。")


def _text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _value(kind, choices, raw, departments):
    """(value, error message or None)."""
    text = _text(raw)
    if kind == "text":
        return text, None
    if not text:
        return (None if kind in ("date", "department") else ""), None
    if kind == "choice":
        by_label = {label: code for code, label in choices}
        if text in by_label:
            return by_label[text], None
        return "", f"“{text}”不是有效的选项。"
    if kind == "department":
        if text in departments:
            return departments[text], None
        return None, f"没有名为“{text}”的科室。"
    if isinstance(raw, datetime.datetime):
        return raw.date(), None
    if isinstance(raw, datetime.date):
        return raw, None
    try:
        return datetime.date.fromisoformat(text[:10]), None
    except ValueError:
        return None, f"“{text}”不是有效日期（例如 1985-06-15）。"


def roster_import(*, actor, upload) -> int:
    """Creates a staff record per row. Raises ValidationError({"file": ["第3行，公民身份号码：…", …]})
    and writes nothing when any row fails."""
    if not permissions.can_manage(actor):
        raise PermissionDenied("只有人事可以导入花名册。")
    rows = _read(upload)
    departments = {d.name: d for d in Department.objects.all()}
    known_ids = set(Person.objects.values_list("citizen_id", flat=True))
    seen = {}
    errors, people = [], []
    for index, row in rows:
        fields = {}
        for column, (field, kind, choices) in COLUMNS.items():
            if column not in row:
                continue
            value, problem = _value(kind, choices, row[column], departments)
            if problem:
                errors.append(f"第{index}行，{column}：{problem}")
            elif value not in (None, ""):
                fields[field] = value
        for column in REQUIRED:
            if not _text(row.get(column)) and not any(e.startswith(f"第{index}行，{column}") for e in errors):
                errors.append(f"第{index}行，{column}：不能为空。")
        person = Person(**fields)
        try:
            person.full_clean(validate_unique=False)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                column = FIELD_COLUMN.get(field, field)
                if any(e.startswith(f"第{index}行，{column}") for e in errors):
                    continue
                errors.extend(f"第{index}行，{column}：{m}" for m in messages_)
        citizen_id = normalise(fields.get("citizen_id", ""))
        if citizen_id in known_ids:
            errors.append(f"第{index}行，公民身份号码：该号码已登记在人员档案中。")
        elif citizen_id and citizen_id in seen:
            errors.append(f"第{index}行，公民身份号码：与第{seen[citizen_id]}行重复。")
        seen.setdefault(citizen_id, index)
        people.append(person)
    if errors:
        raise ValidationError({"file": errors[:200]})
    with transaction.atomic():
        for person in people:
            record_save(person, actor=actor, reason="导入花名册", validate=False)
    return len(people)


@login_required
def roster_import_view(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有人事可以导入花名册。")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = roster_import(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, f"已导入 {count} 份人员档案。")
            return redirect("personnel:person_list")
    return render(
        request,
        "personnel/form.html",
        {
            "form": form,
            "title": "导入花名册",
            "multipart": True,
            "help_text": "请使用“导出花名册”的列格式：必填列为" + "、".join(REQUIRED) + "。"
            "任一行有误时整个文件都不导入，错误信息写明行号和列名。",
        },
        status=400 if form.errors else 200,
    )
