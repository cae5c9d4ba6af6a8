"""Every write of personnel (人事), and the salary base other apps read.

Services take keyword arguments with the acting user (`actor`), check permission, validate,
save through office.audit.record_save (history with who and why) inside transaction.atomic."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from office.audit import record_save
from office.services.common import lock, require, require_action
from office.services.voiding import record_void

from . import permissions
from .choices import (
    ALL_SALARY_COMPONENTS,
    SALARY_COMPONENTS,
)
from .idnumbers import normalise
from .models import (
    Person,
    SalaryChange,
    SensitiveRead,
)

PUBLICITY_MIN_WORKING_DAYS = 5
PERSON_FIELDS = [
    "user", "name", "sex", "birth_date", "citizen_id", "ethnicity", "political_status", "phone",
    "education", "degree", "work_start_date", "join_date", "staffing", "department", "post", "rank",
    "title", "title_level", "status", "status_date", "resume", "rewards",
]  # fmt: skip


def _require_manager(actor):
    require(permissions.can_manage(actor), "您没有人事管理权限。")


def _today():
    return timezone.localdate()


def _check_unique_id(citizen_id, exclude_pk=None):
    qs = Person.objects.filter(citizen_id=normalise(citizen_id))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"citizen_id": "该公民身份号码已登记在另一份人员档案中。"})


# --- staff records ---------------------------------------------------------------------------


def person_create(*, actor, **fields) -> Person:
    """Registers a staff record (人员档案). The ID number is checked (GB 11643 check digit, the
    birth date inside it agrees with the record) and unique."""
    _require_manager(actor)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    person = Person(**fields)
    person.citizen_id = normalise(person.citizen_id)
    with transaction.atomic():
        _check_unique_id(person.citizen_id)
        record_save(person, actor=actor, reason="建档")
    return person


def person_update(*, actor, person: Person, **fields) -> Person:
    """Changes a staff record's facts. Post, rank and department change through appointments."""
    _require_manager(actor)
    unknown = set(fields) - (set(PERSON_FIELDS) - {"post", "rank"})
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "职务、职级通过任免登记变更。"})
    with transaction.atomic():
        person = lock(person)
        for name, value in fields.items():
            setattr(person, name, value)
        person.citizen_id = normalise(person.citizen_id)
        _check_unique_id(person.citizen_id, exclude_pk=person.pk)
        record_save(person, actor=actor, reason="修改档案", update_fields=[*fields, "updated_at"])
    return person


# --- salary ----------------------------------------------------------------------------------


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def salary_change_record(
    *,
    actor,
    person: Person,
    effective_month: datetime.date,
    reason: str,
    components: dict,
    before: dict | None = None,
    scheme: str | None = None,
    note: str = "",
) -> SalaryChange:
    """Records a change of fixed monthly pay from `effective_month` (any day of the month).

    `components` are the figures after the change, by name (duty_pay, grade_pay, allowance for
    机关; post_pay, scale_pay, performance_pay, allowance for 事业单位). `before` defaults to
    the figures of the person's latest earlier change."""
    _require_manager(actor)
    scheme = scheme or person.salary_scheme
    names = {name for name, _label in ALL_SALARY_COMPONENTS}
    unknown = (set(components) | set(before or {})) - names
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "未知的工资项目。"})
    month = _month(effective_month) if effective_month else None
    change = SalaryChange(
        person=person, effective_month=month, reason=reason, scheme=scheme, note=note, created_by=actor
    )
    for name, value in components.items():
        setattr(change, name, None if value in (None, "") else Decimal(value))
    with transaction.atomic():
        if before is None and month is not None:
            previous = _latest_change(person, month, strictly_before=True)
            if previous is not None and previous.scheme == scheme:
                before = {name: getattr(previous, name) for name, _label in SALARY_COMPONENTS[scheme]}
        for name, value in (before or {}).items():
            setattr(change, f"before_{name}", None if value in (None, "") else Decimal(value))
        record_save(change, actor=actor, reason="薪资变动")
    return change


def salary_change_void(*, actor, change: SalaryChange, reason: str) -> SalaryChange:
    _require_manager(actor)
    require_action(permissions.salary_change_actions(actor, change), "void", "此薪资记录不能作废。")
    return record_void(actor=actor, record=change, reason=reason, noun="薪资记录")


def _latest_change(person, month, strictly_before=False):
    qs = SalaryChange.objects.filter(person=person, voided_at__isnull=True)
    qs = qs.filter(effective_month__lt=month) if strictly_before else qs.filter(effective_month__lte=month)
    return qs.order_by("-effective_month", "-id").first()


def salary_base_for_month(*, person: Person, year: int, month: int) -> Decimal | None:
    """The fixed monthly base (RULES.md, Party dues) of `person` in `month` of `year`: the sum of
    the components after the latest salary change that took effect in or before that month, or
    None when the person has no such change. Voided changes do not count."""
    change = _latest_change(person, datetime.date(year, month, 1))
    return None if change is None else change.base


def salary_read_record(*, viewer, person: Person, via: str, change: SalaryChange | None = None) -> SensitiveRead | None:
    """Records that `viewer` looked at `person`'s salary records, unless it is their own."""
    if permissions.is_own(viewer, person) or not viewer.is_authenticated:
        return None
    return SensitiveRead.objects.create(viewer=viewer, person=person, salary_change=change, via=via)
