"""Every write of Party affairs. Views, the API and the demo call these functions only.

The rules of RULES.md live here: the dues bands (read from the rate table in force), the base
of each month (the personnel service's base, or an entered one), reductions, payments, the
支委会 quorum, and the intervals of developing members."""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from office.audit import record_save
from office.models import User
from office.services.common import lock, require, require_action, required_text
from office.services.notifications import notification_send
from office.services.supervision import supervised_item_open, supervised_items_complete_for_source
from office.services.voiding import record_void

from . import permissions
from .choices import (
    BAND_CATEGORIES,
    COMMITTEE_MEETING,
    PARTY_CODES,
    PARTY_MEETING_TYPES,
    SUPERVISION_PARTY,
    AwardKind,
    BaseSource,
    CareKind,
    CommitteePost,
    DisclosureScope,
    DuesCategory,
    IntegrityKind,
    MemberKind,
    MemberStatus,
    OrganKind,
    PaymentMethod,
    ReductionKind,
    Rounding,
    Stage,
    TransferDirection,
)
from .models import (
    Award,
    CareVisit,
    CommitteeMember,
    Development,
    DevelopmentAssessment,
    Disclosure,
    DuesAssessment,
    DuesBand,
    DuesPayment,
    DuesPaymentMonth,
    DuesRateTable,
    DuesReduction,
    IntegrityActivity,
    Member,
    Organ,
    OrganisationalLife,
    Transfer,
    UnpaidReason,
    month_start,
)

CENT = Decimal("0.01")
TERM_WARNING = relativedelta(months=3)  # the 换届 item starts this long before the term ends


def _manager(actor):
    require(permissions.can_manage(actor), "只有党务工作人员可以办理党建事项。")


def _today():
    return timezone.localdate()


def _not_future(value, field, label):
    if value is not None and value > _today():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _month(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def _money(value, field, label, *, allow_none=False):
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError({field: f"请填写{label}。"})
    try:
        value = Decimal(str(value))
    except ArithmeticError as exc:
        raise ValidationError({field: f"{label}须为金额。"}) from exc
    if value < 0:
        raise ValidationError({field: f"{label}不能为负数。"})
    if value != value.quantize(CENT):
        raise ValidationError({field: f"{label}最多保留两位小数（分）。"})
    return value


# ---------------------------------------------------------------- organisation and members


def organ_create(
    *,
    actor: User,
    name: str,
    kind: str,
    established_on: datetime.date,
    parent: Organ | None = None,
    department=None,
    term_start: datetime.date | None = None,
    term_years: int = 3,
    sort_order: int = 100,
) -> Organ:
    """Adds a Party organisation to the tree; a committee's term, when given, opens its 换届 item."""
    _manager(actor)
    name = required_text(name, "name", "党组织名称")
    errors = {}
    if kind not in OrganKind.values:
        errors["kind"] = "请选择党组织类型。"
    allowed_parents = {
        OrganKind.COMMITTEE: {None},
        OrganKind.GENERAL_BRANCH: {OrganKind.COMMITTEE},
        OrganKind.BRANCH: {OrganKind.COMMITTEE, OrganKind.GENERAL_BRANCH},
        OrganKind.GROUP: {OrganKind.BRANCH},
    }.get(kind, set())
    parent_kind = parent.kind if parent is not None else None
    if kind in OrganKind.values and parent_kind not in allowed_parents:
        wanted = "、".join(OrganKind(k).label for k in allowed_parents if k) or "无"
        errors["parent"] = f"{OrganKind(kind).label}的上级须为：{wanted}。"
    if established_on is None:
        errors["established_on"] = "请填写成立日期。"
    if Organ.objects.filter(name=name).exists():
        errors["name"] = f"已有名为“{name}”的党组织。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organ = Organ(
            name=name,
            kind=kind,
            parent=parent,
            department=department,
            established_on=established_on,
            term_years=term_years,
            sort_order=sort_order,
        )
        record_save(organ, actor=actor, reason="设立党组织")
        if term_start is not None:
            organ_set_term(actor=actor, organ=organ, term_start=term_start, term_years=term_years)
            organ.refresh_from_db()
    return organ


def organ_set_term(*, actor: User, organ: Organ, term_start: datetime.date, term_years: int = 3) -> Organ:
    """Records an election (换届): the new term's start; the previous 换届 item is completed and a
    new one opened, due at the end of the new term (3 years for a branch)."""
    _manager(actor)
    errors = {}
    if term_start is None:
        errors["term_start"] = "请填写本届任期开始日期。"
    elif term_start < organ.established_on:
        errors["term_start"] = "任期开始不能早于党组织成立日期。"
    if not 1 <= (term_years or 0) <= 5:
        errors["term_years"] = "任期须为1至5年。"
    if organ.kind == OrganKind.GROUP:
        errors["term_start"] = "党小组不设委员会任期。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organ = lock(organ)
        organ.term_start, organ.term_years = term_start, term_years
        record_save(organ, actor=actor, reason="换届", update_fields=["term_start", "term_years", "updated_at"])
        supervised_items_complete_for_source(actor=actor, source=organ, note=f"{term_start:%Y年%m月%d日}完成换届。")
        _open_item(
            actor,
            title=f"{organ.name}换届（本届任期至{organ.term_end:%Y年%m月%d日}）",
            deadline=organ.term_end,
            start=organ.term_end - TERM_WARNING,
            source=organ,
        )
    return organ


def _open_item(actor, *, title, deadline, source, start=None):
    """A supervised item (党建事项) for the officer who took the step, in their department."""
    if actor.department_id is None:
        return None
    start = min(start or _today(), deadline)
    return supervised_item_open(
        actor=actor,
        title=title[:200],
        category=SUPERVISION_PARTY,
        owner_department=actor.department,
        responsible=actor,
        start_date=start,
        deadline=deadline,
        source=source,
    )


def member_create(
    *,
    actor: User,
    name: str,
    organ: Organ,
    joined_on: datetime.date,
    kind: str = MemberKind.FULL,
    full_on: datetime.date | None = None,
    dues_category: str = DuesCategory.STAFF,
    entered_base=None,
    user: User | None = None,
    person=None,
    note: str = "",
    reason: str = "登记党员",
) -> Member:
    """Registers a member: linked to a staff record (personnel.Person) or entered on their own."""
    _manager(actor)
    if person is not None and not name:
        name = person.name
    if person is not None and user is None:
        user = getattr(person, "user", None)
    name = required_text(name, "name", "姓名")
    errors = {}
    if organ is None:
        errors["organ"] = "请选择所在党组织。"
    elif organ.kind not in (OrganKind.BRANCH, OrganKind.GENERAL_BRANCH, OrganKind.COMMITTEE):
        errors["organ"] = "党员的组织关系应在党支部（党总支、机关党委），不在党小组。"
    if joined_on is None:
        errors["joined_on"] = "请填写入党日期。"
    else:
        _not_future(joined_on, "joined_on", "入党日期")
    if kind == MemberKind.FULL and full_on is None:
        errors["full_on"] = "正式党员请填写转正日期。"
    if full_on is not None and joined_on is not None and full_on < joined_on:
        errors["full_on"] = "转正日期不能早于入党日期。"
    if dues_category not in DuesCategory.values:
        errors["dues_category"] = "请选择党费类别。"
    entered_base = _money(entered_base, "entered_base", "录入月基数", allow_none=True)
    if person is not None and Member.objects.filter(person=person).exists():
        errors["person"] = f"{person}已登记为党员。"
    if user is not None and Member.objects.filter(user=user).exists():
        errors["user"] = f"{user}已登记为党员。"
    if errors:
        raise ValidationError(errors)
    member = Member(
        name=name,
        organ=organ,
        kind=kind,
        joined_on=joined_on,
        full_on=full_on,
        dues_category=dues_category,
        entered_base=entered_base,
        user=user,
        note=note or "",
    )
    if person is not None:
        member.person = person
    with transaction.atomic():
        record_save(member, actor=actor, reason=reason)
    return member


MEMBER_FIELDS = ("name", "organ", "dues_category", "entered_base", "note", "user")


def member_update(*, actor: User, member: Member, **fields) -> Member:
    """Changes a member's branch, dues category, entered base or note."""
    _manager(actor)
    unknown = set(fields) - set(MEMBER_FIELDS) - {"person"}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "该项不能在此修改。"})
    with transaction.atomic():
        member = lock(member)
        require_action(permissions.member_actions(actor, member), "change", "该党员已不在册，不能修改。")
        if "entered_base" in fields:
            fields["entered_base"] = _money(fields["entered_base"], "entered_base", "录入月基数", allow_none=True)
        if "name" in fields:
            fields["name"] = required_text(fields["name"], "name", "姓名")
        if "organ" in fields and (fields["organ"] is None or fields["organ"].kind == OrganKind.GROUP):
            raise ValidationError({"organ": "党员的组织关系应在党支部（党总支、机关党委），不在党小组。"})
        if "dues_category" in fields and fields["dues_category"] not in DuesCategory.values:
            raise ValidationError({"dues_category": "请选择党费类别。"})
        for name, value in fields.items():
            setattr(member, name, value)
        record_save(member, actor=actor, reason="修改党员信息", update_fields=[*fields, "updated_at"])
    return member


def member_transfer_in(
    *,
    actor: User,
    name: str,
    organ: Organ,
    on: datetime.date,
    joined_on: datetime.date,
    other_organisation: str,
    letter_number: str = "",
    **member_fields,
) -> Member:
    """A member whose organisational relationship is transferred in (组织关系转入)."""
    _manager(actor)
    other_organisation = required_text(other_organisation, "other_organisation", "转出单位党组织")
    if on is None:
        raise ValidationError({"on": "请填写转入日期。"})
    _not_future(on, "on", "转入日期")
    with transaction.atomic():
        member = member_create(
            actor=actor, name=name, organ=organ, joined_on=joined_on, reason="组织关系转入", **member_fields
        )
        record_save(
            Transfer(
                member=member,
                direction=TransferDirection.IN,
                on=on,
                other_organisation=other_organisation,
                letter_number=letter_number or "",
                created_by=actor,
            ),
            actor=actor,
            reason="组织关系转入",
        )
    return member


def member_transfer_out(
    *, actor: User, member: Member, on: datetime.date, other_organisation: str, letter_number: str = ""
) -> Transfer:
    """Transfers a member's organisational relationship out (组织关系转出): no dues after that month."""
    _manager(actor)
    other_organisation = required_text(other_organisation, "other_organisation", "转入单位党组织")
    with transaction.atomic():
        member = lock(member)
        require_action(permissions.member_actions(actor, member), "transfer_out", "该党员已不在册。")
        if on is None:
            raise ValidationError({"on": "请填写转出日期。"})
        if on < member.joined_on:
            raise ValidationError({"on": "转出日期不能早于入党日期。"})
        _not_future(on, "on", "转出日期")
        transfer = Transfer(
            member=member,
            direction=TransferDirection.OUT,
            on=on,
            other_organisation=other_organisation,
            letter_number=letter_number or "",
            created_by=actor,
        )
        record_save(transfer, actor=actor, reason="组织关系转出")
        member.status, member.left_on = MemberStatus.TRANSFERRED_OUT, on
        record_save(member, actor=actor, reason="组织关系转出", update_fields=["status", "left_on", "updated_at"])
        CommitteeMember.objects.filter(member=member, end__isnull=True)
        for post in CommitteeMember.objects.filter(member=member, end__isnull=True):
            post.end = max(on, post.start)
            record_save(post, actor=actor, reason="组织关系转出", update_fields=["end", "updated_at"])
    return transfer


def committee_appoint(*, actor: User, organ: Organ, member: Member, post: str, start: datetime.date) -> CommitteeMember:
    """Puts a member of the branch on its committee; a post held by someone else is ended the day before."""
    _manager(actor)
    errors = {}
    if post not in CommitteePost.values:
        errors["post"] = "请选择委员职务。"
    if member is None or member.status != MemberStatus.ACTIVE:
        errors["member"] = "请选择在册党员。"
    elif member.organ_id != organ.pk:
        errors["member"] = f"支委须为本支部（{organ.name}）的党员。"
    if organ.kind == OrganKind.GROUP:
        errors["organ"] = "党小组不设委员会。"
    if start is None:
        errors["start"] = "请填写任职日期。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organ = lock(organ)
        if CommitteeMember.objects.filter(organ=organ, member=member, end__isnull=True).exists():
            raise ValidationError({"member": f"{member}已是本届委员，请先免去原职务。"})
        single = post in (CommitteePost.SECRETARY,)
        if single:
            for old in CommitteeMember.objects.filter(organ=organ, post=post, end__isnull=True):
                old.end = max(old.start, start - datetime.timedelta(days=1))
                record_save(old, actor=actor, reason="职务调整", update_fields=["end", "updated_at"])
        row = CommitteeMember(organ=organ, member=member, post=post, start=start)
        record_save(row, actor=actor, reason="任命支委")
    return row


def committee_end(*, actor: User, post: CommitteeMember, end: datetime.date) -> CommitteeMember:
    _manager(actor)
    with transaction.atomic():
        post = lock(post)
        if post.end is not None:
            raise ValidationError({"end": "该职务已免去。"})
        if end is None or end < post.start:
            raise ValidationError({"end": "离任日期不能早于任职日期。"})
        post.end = end
        record_save(post, actor=actor, reason="免去支委职务", update_fields=["end", "updated_at"])
    return post


def committee_in_force(organ: Organ, on: datetime.date):
    """The committee's posts held on a date (one query)."""
    return CommitteeMember.objects.filter(organ=organ, start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))


# ---------------------------------------------------------------- dues: rates and assessment


def rate_table_for(month: datetime.date) -> DuesRateTable:
    table = DuesRateTable.objects.filter(effective_from__lte=month).order_by("-effective_from").first()
    if table is None:
        raise ValidationError({"month": f"{month:%Y年%m月}没有适用的党费标准，请先由管理员录入。"})
    return table


def _bands(table):
    rows = getattr(table, "_band_cache", None)
    if rows is None:
        rows = {}
        for band in table.bands.all():
            rows.setdefault(band.category, []).append(band)
        for bands in rows.values():
            bands.sort(key=lambda b: (b.upper is None, b.upper or 0))
        table._band_cache = rows
    return rows


def round_money(value: Decimal, table: DuesRateTable) -> Decimal:
    """Rounds to a multiple of the table's quantum (default the fen) with its rounding rule."""
    quantum = table.quantum
    units = (value / quantum).quantize(Decimal(1), rounding=table.rounding)
    return (units * quantum).quantize(CENT)


def dues_for_base(*, base: Decimal | None, category: str, table: DuesRateTable) -> tuple[Decimal | None, Decimal]:
    """(rate in percent, monthly amount) for a base: the rate of the band the base falls in, on
    the whole base (not progressive); students, laid-off members and those on 低保 pay the
    table's flat amount."""
    if category == DuesCategory.MINIMAL:
        return None, table.flat_amount
    if base is None:
        raise ValidationError({"base": "缺少月基数，无法核定党费。"})
    for band in _bands(table).get(category, []):
        if band.upper is None or base <= band.upper:
            return band.rate, round_money(base * band.rate / Decimal(100), table)
    raise ValidationError({"base": f"党费标准（{table}）缺少“{DuesCategory(category).label}”的档次。"})


def member_base_for_month(member: Member, year: int, month: int) -> tuple[Decimal | None, str | None]:
    """The member's monthly base: for staff, the personnel service's base for that month (the
    latest salary change in force); otherwise, or when personnel has none, the entered base."""
    person_id = member.person_id
    if person_id is not None:
        from personnel.services import salary_base_for_month

        base = salary_base_for_month(person=member.person, year=year, month=month)
        if base is not None:
            return Decimal(base), BaseSource.PERSONNEL
    if member.entered_base is not None:
        return member.entered_base, BaseSource.ENTERED
    return None, None


def _reduction_for(member, month, reductions):
    for reduction in reductions.get(member.pk, []):
        if reduction.first_month <= month <= reduction.last_month:
            return reduction
    return None


def _assessment_values(member, month, table, reductions):
    category = member.dues_category
    if category == DuesCategory.MINIMAL:
        base, source = None, BaseSource.FLAT
    else:
        base, source = member_base_for_month(member, month.year, month.month)
        if base is None:
            return None
    rate, computed = dues_for_base(base=base, category=category, table=table)
    amount = computed
    reduction = _reduction_for(member, month, reductions)
    if reduction is not None:
        amount = Decimal("0.00") if reduction.kind == ReductionKind.EXEMPT else min(computed, reduction.monthly_amount)
    return {
        "organ_id": member.organ_id,
        "category": category,
        "base": base,
        "base_source": source,
        "rate": rate,
        "computed": computed,
        "amount": amount,
        "table_id": table.pk,
        "reduction_id": reduction.pk if reduction else None,
    }


def _paid_lines():
    return DuesPaymentMonth.objects.filter(assessment=OuterRef("pk"), payment__voided_at__isnull=True)


def dues_assess_month(*, actor: User, year: int, month: int, organ: Organ | None = None, members=None) -> dict:
    """Assesses (核定) every member's dues for a month, with the rate table in force then.

    A month already paid keeps its assessment; an unpaid one is recomputed (after a salary
    change or a reduction recorded later). Members with no base are listed, not guessed."""
    _manager(actor)
    if not (1 <= month <= 12 and 1949 < year < 2200):
        raise ValidationError({"month": "请选择有效的年月。"})
    first = month_start(year, month)
    if first > _month(_today()):
        raise ValidationError({"month": "不能核定未来月份的党费。"})
    table = rate_table_for(first)
    last = first + relativedelta(months=1) - datetime.timedelta(days=1)
    qs = members if members is not None else Member.objects.all()
    qs = qs.filter(joined_on__lte=last).filter(Q(left_on__isnull=True) | Q(left_on__gte=first))
    if organ is not None:
        qs = qs.filter(Q(organ=organ) | Q(organ__parent=organ) | Q(organ__parent__parent=organ))
    qs = qs.select_related("organ", "person")
    people = list(qs)
    reductions = {}
    for reduction in DuesReduction.objects.filter(
        member__in=[m.pk for m in people], voided_at__isnull=True, first_month__lte=first, last_month__gte=first
    ):
        reductions.setdefault(reduction.member_id, []).append(reduction)
    result = {"created": 0, "updated": 0, "unchanged": 0, "paid": 0, "missing": []}
    with transaction.atomic():
        existing = {
            a.member_id: a
            for a in DuesAssessment.objects.select_for_update()
            .filter(month=first, member__in=[m.pk for m in people])
            .annotate(is_paid=Exists(_paid_lines()))
        }
        new, changed = [], []
        fields = [
            "organ_id",
            "category",
            "base",
            "base_source",
            "rate",
            "computed",
            "amount",
            "table_id",
            "reduction_id",
        ]
        for member in people:
            values = _assessment_values(member, first, table, reductions)
            if values is None:
                result["missing"].append(member.name)
                continue
            row = existing.get(member.pk)
            if row is None:
                new.append(DuesAssessment(member=member, month=first, **values))
            elif row.is_paid:
                result["paid"] += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                changed.append(row)
            else:
                result["unchanged"] += 1
        if new:
            bulk_create_with_history(new, DuesAssessment, default_user=actor, default_change_reason="核定党费")
        if changed:
            bulk_update_with_history(
                changed,
                DuesAssessment,
                [f.removesuffix("_id") for f in fields] + ["updated_at"],
                default_user=actor,
                default_change_reason="重新核定党费",
            )
        result["created"], result["updated"] = len(new), len(changed)
    return result


def dues_assess_year(*, actor: User, year: int, organ: Organ | None = None) -> dict:
    """Assesses each month of a year up to the current month."""
    totals = {"created": 0, "updated": 0, "unchanged": 0, "paid": 0, "missing": []}
    today = _today()
    for month in range(1, 13):
        if month_start(year, month) > _month(today):
            break
        result = dues_assess_month(actor=actor, year=year, month=month, organ=organ)
        for key in ("created", "updated", "unchanged", "paid"):
            totals[key] += result[key]
        totals["missing"] = sorted(set(totals["missing"]) | set(result["missing"]))
    return totals


def rate_table_save(
    *,
    actor: User,
    effective_from: datetime.date,
    bands: Sequence[tuple[str, Decimal | None, Decimal]],
    rounding: str = Rounding.HALF_UP,
    quantum: Decimal = Decimal("0.01"),
    flat_amount: Decimal = Decimal("0.20"),
    note: str = "",
) -> DuesRateTable:
    """Adds a dues rate table in force from a date (the administrator). Months already assessed
    keep their amounts; months assessed from then on use the new table. A table that months
    were assessed with cannot be replaced in place: add one with a later date."""
    require(permissions.can_edit_rates(actor), "只有系统管理员可以调整党费标准。")
    errors = {}
    if effective_from is None:
        errors["effective_from"] = "请填写执行日期。"
    elif effective_from.day != 1:
        errors["effective_from"] = "执行日期须为某月1日（党费按月核定）。"
    if rounding not in Rounding.values:
        errors["rounding"] = "请选择舍入方式。"
    try:
        quantum = Decimal(str(quantum))
        if quantum not in (Decimal("0.01"), Decimal("0.1"), Decimal("1")):
            errors["quantum"] = "舍入单位须为0.01元、0.1元或1元。"
    except ArithmeticError:
        errors["quantum"] = "舍入单位须为金额。"
    try:
        flat_amount = _money(flat_amount, "flat_amount", "学生/下岗/低保月交金额")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    clean = []
    for category in BAND_CATEGORIES:
        rows = [(u, r) for c, u, r in bands if c == category]
        tops = [r for u, r in rows if u is None]
        uppers = [Decimal(str(u)) for u, r in rows if u is not None]
        label = DuesCategory(category).label
        if len(tops) != 1:
            errors["bands"] = f"“{label}”须有且只有一个最高档（无上限）。"
        elif len(set(uppers)) != len(uppers):
            errors["bands"] = f"“{label}”的档次上限不能重复。"
        for upper, rate in rows:
            rate = Decimal(str(rate))
            if rate < 0 or rate > 100:
                errors["bands"] = f"“{label}”的比例须在0到100之间。"
            clean.append(DuesBand(category=category, upper=None if upper is None else Decimal(str(upper)), rate=rate))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        table = DuesRateTable.objects.select_for_update().filter(effective_from=effective_from).first()
        if table is not None and DuesAssessment.objects.filter(table=table).exists():
            raise ValidationError(
                {"effective_from": f"{effective_from:%Y-%m-%d}起执行的标准已用于核定，请以新的执行日期录入新标准。"}
            )
        table = table or DuesRateTable(effective_from=effective_from)
        table.rounding, table.quantum, table.flat_amount, table.note = rounding, quantum, flat_amount, note or ""
        record_save(table, actor=actor, reason="党费标准")
        for band in table.bands.all():
            band._history_user = actor
            band.delete()
        for band in clean:
            band.table = table
        bulk_create_with_history(clean, DuesBand, default_user=actor, default_change_reason="党费标准")
    return table


# ---------------------------------------------------------------- dues: reductions and payments


def dues_reduction_record(
    *,
    actor: User,
    member: Member,
    kind: str,
    first_month: datetime.date,
    last_month: datetime.date,
    reason: str,
    branch_agreed_on: datetime.date,
    approved_on: datetime.date,
    approved_by: str,
    monthly_amount=None,
) -> DuesReduction:
    """A reduction or exemption: the branch's agreement and the higher committee's approval,
    both dated; unpaid months it covers are assessed again."""
    _manager(actor)
    reason = required_text(reason, "reason", "减免原因")
    approved_by = required_text(approved_by, "approved_by", "批准机关")
    errors = {}
    if kind not in ReductionKind.values:
        errors["kind"] = "请选择减交或免交。"
    if kind == ReductionKind.REDUCE:
        monthly_amount = _money(monthly_amount, "monthly_amount", "减交后月交金额")
    else:
        monthly_amount = None
    if first_month is None:
        errors["first_month"] = "请填写起始月份。"
    if last_month is None:
        errors["last_month"] = "请填写截止月份。"
    if first_month and last_month and _month(last_month) < _month(first_month):
        errors["last_month"] = "截止月份不能早于起始月份。"
    if branch_agreed_on is None:
        errors["branch_agreed_on"] = "减免须经支部同意，请填写支部同意日期。"
    if approved_on is None:
        errors["approved_on"] = "减免须经上级党委批准，请填写批准日期。"
    elif branch_agreed_on is not None and approved_on < branch_agreed_on:
        errors["approved_on"] = "上级党委批准日期不能早于支部同意日期。"
    if errors:
        raise ValidationError(errors)
    _not_future(approved_on, "approved_on", "批准日期")
    with transaction.atomic():
        reduction = DuesReduction(
            member=member,
            kind=kind,
            monthly_amount=monthly_amount,
            first_month=_month(first_month),
            last_month=_month(last_month),
            reason=reason,
            branch_agreed_on=branch_agreed_on,
            approved_on=approved_on,
            approved_by=approved_by,
            created_by=actor,
        )
        record_save(reduction, actor=actor, reason="党费减免")
        _reassess_member(actor, member, reduction.first_month, reduction.last_month)
    return reduction


def _reassess_member(actor, member, first, last):
    months = DuesAssessment.objects.filter(member=member, month__gte=first, month__lte=last).values_list(
        "month", flat=True
    )
    for month in sorted(set(months)):
        dues_assess_month(actor=actor, year=month.year, month=month.month, members=Member.objects.filter(pk=member.pk))


def dues_pay(
    *,
    actor: User,
    member: Member,
    months: Iterable[datetime.date],
    paid_on: datetime.date,
    method: str,
    amount=None,
    receipt_number: str = "",
) -> DuesPayment:
    """Records a payment (收缴) of one or more assessed months, each paid in full."""
    _manager(actor)
    months = sorted({_month(m) for m in months or []})
    errors = {}
    if not months:
        errors["months"] = "请选择缴纳的月份。"
    if paid_on is None:
        errors["paid_on"] = "请填写缴纳日期。"
    if method not in PaymentMethod.values:
        errors["method"] = "请选择缴纳方式。"
    amount = _money(amount, "amount", "缴纳金额", allow_none=True)
    if errors:
        raise ValidationError(errors)
    _not_future(paid_on, "paid_on", "缴纳日期")
    with transaction.atomic():
        member = lock(member)
        rows = list(
            DuesAssessment.objects.select_for_update()
            .filter(member=member, month__in=months)
            .annotate(is_paid=Exists(_paid_lines()))
            .order_by("month")
        )
        found = {row.month for row in rows}
        missing = [m for m in months if m not in found]
        if missing:
            raise ValidationError({"months": f"{'、'.join(f'{m:%Y年%m月}' for m in missing)}尚未核定党费，请先核定。"})
        paid = [row.month for row in rows if row.is_paid]
        if paid:
            raise ValidationError({"months": f"{'、'.join(f'{m:%Y年%m月}' for m in paid)}的党费已缴纳。"})
        total = sum((row.amount for row in rows), Decimal("0.00"))
        if amount is not None and amount != total:
            raise ValidationError({"amount": f"所选月份核定党费合计{total}元，缴纳金额{amount}元不符。"})
        payment = DuesPayment(
            member=member,
            paid_on=paid_on,
            method=method,
            amount=total,
            receipt_number=(receipt_number or "").strip(),
            created_by=actor,
        )
        record_save(payment, actor=actor, reason="收缴党费")
        bulk_create_with_history(
            [DuesPaymentMonth(payment=payment, assessment=row, amount=row.amount) for row in rows],
            DuesPaymentMonth,
            default_user=actor,
            default_change_reason="收缴党费",
        )
    return payment


def dues_payment_void(*, actor: User, payment: DuesPayment, reason: str) -> DuesPayment:
    """Voids a payment entered in error; its months become unpaid again."""

    def check(record):
        require_action(permissions.payment_actions(actor, record), "void", "您不能作废此缴费记录。")

    return record_void(actor=actor, record=payment, reason=reason, noun="缴费记录", check=check)


def unpaid_reason_record(
    *, actor: User, member: Member, first_month: datetime.date, last_month: datetime.date, reason: str
) -> UnpaidReason:
    """Records why a member has not paid for a run of months; those months are not flagged."""
    _manager(actor)
    reason = required_text(reason, "reason", "未缴原因")
    if first_month is None or last_month is None:
        raise ValidationError({"first_month": "请填写起止月份。"})
    if _month(last_month) < _month(first_month):
        raise ValidationError({"last_month": "截止月份不能早于起始月份。"})
    row = UnpaidReason(
        member=member,
        first_month=_month(first_month),
        last_month=_month(last_month),
        reason=reason,
        created_by=actor,
    )
    with transaction.atomic():
        record_save(row, actor=actor, reason="未缴党费原因")
    return row


def dues_notify_flagged(*, actor: User, as_of: datetime.date | None = None) -> int:
    """Tells each flagged member's branch secretary (书记) that the member has paid nothing for
    six consecutive months without a recorded reason (党章: treated as having left the Party).
    Once per member and run, so it may be sent again without repeating."""
    from .selectors import dues_flagged

    _manager(actor)
    as_of = as_of or _today()
    flagged = dues_flagged(as_of=as_of)
    secretaries = {
        post.organ_id: post.member.user
        for post in CommitteeMember.objects.filter(
            post=CommitteePost.SECRETARY, end__isnull=True, member__user__isnull=False
        ).select_related("member__user")
    }
    sent = 0
    for row in flagged:
        member = row["member"]
        recipient = secretaries.get(member.organ_id) or actor
        note = notification_send(
            recipient=recipient,
            title=f"党费提醒：{member.name}连续{row['months']}个月未交纳党费",
            body=f"自{row['since']:%Y年%m月}起未交纳党费且无正当理由，请支部按党章规定处理。",
            url=reverse("partybuilding:dues_flagged"),
            dedupe_key=f"pb-unpaid-{member.pk}-{row['since']:%Y%m}",
        )
        sent += note is not None
    return sent


# ---------------------------------------------------------------- organisational life


def _party_type(code):
    from meetings.models import MeetingType

    if code not in PARTY_CODES:
        raise ValidationError({"meeting_type": "请选择组织生活类型。"})
    # Created by migration 0002; get_or_create keeps a database emptied by a test usable.
    return MeetingType.objects.get_or_create(code=code, defaults={"name": dict(PARTY_MEETING_TYPES)[code]})[0]


def life_arrange(
    *,
    actor: User,
    organ: Organ,
    type_code: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    attendees: Iterable[User],
    room=None,
    is_video: bool = False,
    host: User | None = None,
    agenda: Sequence[str] = (),
    notify: bool = True,
) -> OrganisationalLife:
    """Arranges a branch's organisational life through the meetings app (one Meeting, with
    attendees, sign-in and minutes there) and links it to the branch."""
    from meetings.services import meeting_create

    _manager(actor)
    if organ is None:
        raise ValidationError({"organ": "请选择党组织。"})
    meeting_type = _party_type(type_code)
    with transaction.atomic():
        meeting = meeting_create(
            actor=actor,
            title=title,
            meeting_type=meeting_type,
            host=host or actor,
            start=start,
            end=end,
            room=room,
            is_video=is_video,
            attendees=list(attendees),
            agenda=agenda,
            notify=notify,
        )
        life = OrganisationalLife(meeting=meeting, organ=organ)
        record_save(life, actor=actor, reason="安排组织生活")
    return life


def life_record_held(
    *, actor: User, life: OrganisationalLife, present: Iterable[User], minutes: str = ""
) -> OrganisationalLife:
    """Records that the meeting was held, with who was present (signed in at the start) and its
    minutes. A 支委会 needs more than half the committee in force that day present."""
    from meetings.services import attendance_sign_in_many, meeting_mark_held, meeting_record_minutes

    _manager(actor)
    present = {user.pk: user for user in present}
    with transaction.atomic():
        life = lock(life)
        meeting = life.meeting
        require_action(permissions.life_actions(actor, life), "record_held", "该会议已登记，不能重复登记。")
        if meeting.start > timezone.now():
            raise ValidationError({"status": "会议尚未开始，不能登记召开情况。"})
        if not present:
            raise ValidationError({"present": "请选择到会人员。"})
        fields = []
        if meeting.meeting_type.code == COMMITTEE_MEETING:
            day = timezone.localdate(meeting.start)
            committee = list(committee_in_force(life.organ, day).values_list("member__user_id", flat=True))
            size = len(committee)
            came = sum(1 for user_id in committee if user_id in present)
            if size == 0:
                raise ValidationError({"present": f"{life.organ}在{day:%Y年%m月%d日}没有在任支委，不能召开支委会。"})
            if came * 2 <= size:
                raise ValidationError(
                    {"present": f"支委会须有半数以上委员到会：应到{size}人，实到{came}人，不足法定人数。"}
                )
            life.committee_size, life.committee_present = size, came
            fields = ["committee_size", "committee_present"]
        attendance_sign_in_many(actor=actor, meeting=meeting, times=dict.fromkeys(present, meeting.start))
        meeting_mark_held(actor=actor, meeting=meeting)
        if minutes and minutes.strip():
            meeting_record_minutes(actor=actor, meeting=meeting, minutes=minutes)
        record_save(life, actor=actor, reason="组织生活已召开", update_fields=[*fields, "updated_at"])
    return life


def life_record(*, actor: User, present: Iterable[User], minutes: str = "", **arrange) -> OrganisationalLife:
    """Enters a meeting already held: arranged and recorded as held in one step."""
    present = list(present)
    with transaction.atomic():
        life = life_arrange(actor=actor, notify=False, **arrange)
        return life_record_held(actor=actor, life=life, present=present, minutes=minutes)


# ---------------------------------------------------------------- developing members

MIN_AGE = 18
TALK_WITHIN = relativedelta(months=1)
ACTIVIST_YEARS = relativedelta(years=1)
ASSESSMENT_EVERY = relativedelta(months=6)
PROBATION = relativedelta(years=1)


def _dev_action(actor, development, name, message):
    _manager(actor)
    require_action(permissions.development_actions(actor, development), name, message)


def _date(value, field, label, *, after=None, after_label=""):
    if value is None:
        raise ValidationError({field: f"请填写{label}。"})
    _not_future(value, field, label)
    if after is not None and value < after:
        raise ValidationError({field: f"{label}不能早于{after_label}（{after:%Y年%m月%d日}）。"})
    return value


def development_register(
    *,
    actor: User,
    name: str,
    organ: Organ,
    birth_date: datetime.date,
    applied_on: datetime.date,
    user: User | None = None,
) -> Development:
    """An application to join (入党申请): the applicant is at least 18 on the day."""
    _manager(actor)
    name = required_text(name, "name", "姓名")
    if organ is None or organ.kind != OrganKind.BRANCH:
        raise ValidationError({"organ": "请选择党支部。"})
    if birth_date is None:
        raise ValidationError({"birth_date": "请填写出生日期。"})
    _date(applied_on, "applied_on", "递交申请日期")
    if applied_on < birth_date + relativedelta(years=MIN_AGE):
        raise ValidationError({"birth_date": "递交入党申请时须年满18周岁。"})
    with transaction.atomic():
        development = Development(name=name, organ=organ, birth_date=birth_date, applied_on=applied_on, user=user)
        record_save(development, actor=actor, reason="递交入党申请")
        _next_step(actor, development)
    return development


def development_record_talk(*, actor: User, development: Development, talk_on: datetime.date, talk_by: str):
    """The talk with the applicant, within one month of the application."""
    talk_by = required_text(talk_by, "talk_by", "谈话人")
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "talk", "当前阶段不能登记谈话。")
        _date(talk_on, "talk_on", "谈话日期", after=development.applied_on, after_label="递交申请日期")
        limit = development.applied_on + TALK_WITHIN
        if talk_on > limit:
            raise ValidationError(
                {"talk_on": f"党组织应在收到入党申请书后一个月内派人谈话，最迟{limit:%Y年%m月%d日}。"}
            )
        development.talk_on, development.talk_by = talk_on, talk_by
        record_save(development, actor=actor, reason="谈话", update_fields=["talk_on", "talk_by", "updated_at"])
        _next_step(actor, development)
    return development


def development_make_activist(*, actor: User, development: Development, on: datetime.date, contacts: str):
    """Chosen as an activist (入党积极分子) by the branch committee, with one or two contacts."""
    contacts = required_text(contacts, "contacts", "培养联系人")
    names = [n for n in contacts.replace("，", "、").replace(",", "、").split("、") if n.strip()]
    if not 1 <= len(names) <= 2:
        raise ValidationError({"contacts": "应指定1至2名正式党员作为培养联系人（以“、”分隔）。"})
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "make_activist", "当前阶段不能确定为入党积极分子。")
        if development.talk_on is None:
            raise ValidationError({"talk_on": "须先登记与申请人的谈话，才能确定为入党积极分子。"})
        _date(on, "on", "确定积极分子日期", after=development.talk_on, after_label="谈话日期")
        development.stage, development.activist_on, development.contacts = Stage.ACTIVIST, on, "、".join(names)
        record_save(
            development,
            actor=actor,
            reason="确定入党积极分子",
            update_fields=["stage", "activist_on", "contacts", "updated_at"],
        )
        _next_step(actor, development)
    return development


def development_assess(*, actor: User, development: Development, assessed_on: datetime.date, text: str):
    """A six-monthly assessment (考察) of an activist."""
    text = required_text(text, "text", "考察意见")
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "assess", "当前阶段不能登记考察。")
        _date(assessed_on, "assessed_on", "考察日期", after=development.activist_on, after_label="确定积极分子日期")
        row = DevelopmentAssessment(development=development, assessed_on=assessed_on, text=text)
        record_save(row, actor=actor, reason="积极分子考察")
        _next_step(actor, development)
    return row


def _missing_assessment(development, until):
    """The first six-month period since the activist date, ending on or before `until`, that has
    no assessment in it; None when every period has one."""
    dates = sorted(development.assessments.values_list("assessed_on", flat=True))
    begin = development.activist_on
    k = 1
    while development.activist_on + ASSESSMENT_EVERY * k <= until:
        end = development.activist_on + ASSESSMENT_EVERY * k
        if not any(begin < d <= end for d in dates):
            return begin, end
        begin, k = end, k + 1
    return None


def development_make_candidate(*, actor: User, development: Development, on: datetime.date):
    """Chosen as a candidate (发展对象): at least one year after becoming an activist, assessed in
    every six months of it."""
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "make_candidate", "当前阶段不能确定为发展对象。")
        _date(on, "on", "确定发展对象日期", after=development.activist_on, after_label="确定积极分子日期")
        earliest = development.activist_on + ACTIVIST_YEARS
        if on < earliest:
            raise ValidationError(
                {"on": f"入党积极分子须经过一年以上培养教育才能列为发展对象，最早{earliest:%Y年%m月%d日}。"}
            )
        gap = _missing_assessment(development, on)
        if gap is not None:
            raise ValidationError(
                {"on": f"积极分子每半年须考察一次：{gap[0]:%Y年%m月%d日}至{gap[1]:%Y年%m月%d日}没有考察记录。"}
            )
        development.stage, development.candidate_on = Stage.CANDIDATE, on
        record_save(
            development, actor=actor, reason="确定发展对象", update_fields=["stage", "candidate_on", "updated_at"]
        )
        _next_step(actor, development)
    return development


def development_make_probationary(
    *,
    actor: User,
    development: Development,
    vote_on: datetime.date,
    political_review_on: datetime.date | None,
    sponsors: Sequence[Member],
    votes_entitled: int,
    votes_yes: int,
    training_days: int | None = None,
    training_hours: int | None = None,
):
    """Admitted as a probationary member (预备党员) by the branch general meeting: political
    review done, concentrated training of at least 3 days or 24 hours, two full members as
    sponsors, more than half of those entitled voting yes. The member record is created."""
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "make_probationary", "当前阶段不能接收为预备党员。")
        _date(vote_on, "vote_on", "支部大会讨论日期", after=development.candidate_on, after_label="确定发展对象日期")
        if political_review_on is None:
            raise ValidationError({"political_review_on": "发展对象须经政治审查，请填写政治审查日期。"})
        if political_review_on > vote_on:
            raise ValidationError({"political_review_on": "政治审查须在支部大会讨论之前完成。"})
        if (training_days or 0) < 3 and (training_hours or 0) < 24:
            raise ValidationError({"training_days": "发展对象须经过不少于3天（或不少于24学时）的集中培训。"})
        sponsors = list({s.pk: s for s in sponsors or []}.values())
        if len(sponsors) != 2:
            raise ValidationError({"sponsors": "须有两名正式党员作入党介绍人。"})
        for sponsor in sponsors:
            if sponsor.kind != MemberKind.FULL or sponsor.status != MemberStatus.ACTIVE:
                raise ValidationError({"sponsors": f"入党介绍人须为在册的正式党员，{sponsor}不是。"})
        if votes_entitled is None or votes_entitled <= 0:
            raise ValidationError({"votes_entitled": "请填写有表决权的正式党员人数。"})
        if votes_yes is None or votes_yes < 0 or votes_yes > votes_entitled:
            raise ValidationError({"votes_yes": "赞成票须在0到有表决权人数之间。"})
        if votes_yes * 2 <= votes_entitled:
            raise ValidationError(
                {"votes_yes": f"赞成人数须超过有表决权人数的半数：有表决权{votes_entitled}人，赞成{votes_yes}人。"}
            )
        member = member_create(
            actor=actor,
            name=development.name,
            organ=development.organ,
            joined_on=vote_on,
            kind=MemberKind.PROBATIONARY,
            user=development.user,
            reason="接收为预备党员",
        )
        development.stage = Stage.PROBATIONARY
        development.vote_on, development.political_review_on = vote_on, political_review_on
        development.training_days, development.training_hours = training_days, training_hours
        development.votes_entitled, development.votes_yes = votes_entitled, votes_yes
        development.member = member
        record_save(
            development,
            actor=actor,
            reason="接收为预备党员",
            update_fields=[
                "stage",
                "vote_on",
                "political_review_on",
                "training_days",
                "training_hours",
                "votes_entitled",
                "votes_yes",
                "member",
                "updated_at",
            ],
        )
        development.sponsors.set(sponsors)
        _next_step(actor, development)
    return development


def development_extend_probation(*, actor: User, development: Development, months: int, reason: str):
    """Extends the probation once, by at least 6 months and at most a year."""
    reason = required_text(reason, "reason", "延长预备期原因")
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "extend", "当前阶段不能延长预备期。")
        if months is None or not 6 <= months <= 12:
            raise ValidationError({"months": "延长预备期不能少于半年（6个月），最长不超过一年（12个月）。"})
        development.extension_months = months
        record_save(
            development, actor=actor, reason=f"延长预备期：{reason}", update_fields=["extension_months", "updated_at"]
        )
        _next_step(actor, development)
    return development


def development_make_full(*, actor: User, development: Development, on: datetime.date):
    """Made a full member (转正) when the probation (one year from the vote, plus any extension) is over."""
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "make_full", "当前阶段不能转为正式党员。")
        _date(on, "on", "转正日期", after=development.vote_on, after_label="支部大会讨论日期")
        end = development.probation_end
        if on < end:
            raise ValidationError({"on": f"预备期未满，不能转正：预备期至{end:%Y年%m月%d日}。"})
        development.stage, development.full_on = Stage.FULL, on
        record_save(development, actor=actor, reason="转为正式党员", update_fields=["stage", "full_on", "updated_at"])
        member = lock(development.member)
        member.kind, member.full_on = MemberKind.FULL, on
        record_save(member, actor=actor, reason="转为正式党员", update_fields=["kind", "full_on", "updated_at"])
        supervised_items_complete_for_source(
            actor=actor, source=development, note="已转为正式党员。", completed_on=on
        )
    return development


def development_remove(*, actor: User, development: Development, on: datetime.date, reason: str):
    """Ends the process (取消预备党员资格, or not pursued further)."""
    reason = required_text(reason, "reason", "原因")
    with transaction.atomic():
        development = lock(development)
        _dev_action(actor, development, "remove", "当前阶段不能取消。")
        _date(on, "on", "日期", after=development.applied_on, after_label="递交申请日期")
        development.stage, development.removed_on, development.removed_reason = Stage.REMOVED, on, reason[:200]
        record_save(
            development,
            actor=actor,
            reason="取消资格",
            update_fields=["stage", "removed_on", "removed_reason", "updated_at"],
        )
        if development.member_id:
            member = lock(development.member)
            member.status, member.left_on = MemberStatus.LEFT, on
            record_save(
                member, actor=actor, reason="取消预备党员资格", update_fields=["status", "left_on", "updated_at"]
            )
        supervised_items_complete_for_source(actor=actor, source=development, note=f"已取消：{reason}")
    return development


def next_step(development: Development) -> tuple[str, datetime.date] | None:
    """The next due step of a person in development and its date (None: no dated step)."""
    if development.stage == Stage.APPLICANT and development.talk_on is None:
        return "与入党申请人谈话", development.applied_on + TALK_WITHIN
    if development.stage == Stage.APPLICANT:
        return "确定入党积极分子", None
    if development.stage == Stage.ACTIVIST:
        # .all(): a page listing several people prefetches their assessments.
        dates = [development.activist_on, *(a.assessed_on for a in development.assessments.all())]
        return "积极分子半年考察", max(dates) + ASSESSMENT_EVERY
    if development.stage == Stage.PROBATIONARY:
        return "预备期满讨论转正", development.probation_end
    return None


def _next_step(actor, development):
    supervised_items_complete_for_source(actor=actor, source=development, note="已办理，转入下一步。")
    step = next_step(development)
    if step is None or step[1] is None:
        return
    label, due = step
    _open_item(actor, title=f"发展党员：{development.name}{label}", deadline=due, source=development)


# ---------------------------------------------------------------- awards, care, disclosure, integrity


def award_create(
    *,
    actor: User,
    year: int,
    kind: str,
    recipient: str = "",
    awarding_body: str,
    awarded_on: datetime.date,
    member: Member | None = None,
    organ: Organ | None = None,
) -> Award:
    """An award (两优一先): a member (优秀共产党员, 优秀党务工作者) or an organisation (先进基层党组织)."""
    _manager(actor)
    if kind not in AwardKind.values:
        raise ValidationError({"kind": "请选择表彰类别。"})
    if kind == AwardKind.ORGANISATION:
        recipient = recipient or (organ.name if organ else "")
    else:
        recipient = recipient or (member.name if member else "")
    recipient = required_text(recipient, "recipient", "受表彰对象")
    awarding_body = required_text(awarding_body, "awarding_body", "表彰机关")
    _date(awarded_on, "awarded_on", "表彰日期")
    if year is None or not 1949 <= year <= _today().year:
        raise ValidationError({"year": "请填写有效的表彰年度。"})
    award = Award(
        year=year,
        kind=kind,
        recipient=recipient,
        member=member,
        organ=organ,
        awarding_body=awarding_body,
        awarded_on=awarded_on,
    )
    with transaction.atomic():
        record_save(award, actor=actor, reason="登记表彰")
    return award


def care_visit_create(
    *,
    actor: User,
    visited_on: datetime.date,
    kind: str,
    recipients: str,
    households: int = 1,
    amount=Decimal("0.00"),
    organ: Organ | None = None,
    note: str = "",
) -> CareVisit:
    """A care visit (走访慰问) to one or more households."""
    _manager(actor)
    if kind not in CareKind.values:
        raise ValidationError({"kind": "请选择走访对象类别。"})
    recipients = required_text(recipients, "recipients", "走访对象")
    _date(visited_on, "visited_on", "走访日期")
    if households is None or households < 1:
        raise ValidationError({"households": "户数至少为1。"})
    amount = _money(amount, "amount", "慰问金额")
    visit = CareVisit(
        visited_on=visited_on,
        kind=kind,
        recipients=recipients,
        households=households,
        amount=amount,
        organ=organ,
        note=note or "",
    )
    with transaction.atomic():
        record_save(visit, actor=actor, reason="走访慰问")
    return visit


def disclosure_create(
    *, actor: User, title: str, content: str, scope: str, published_on: datetime.date, organ: Organ | None = None
) -> Disclosure:
    """A Party affairs disclosure (党务公开)."""
    _manager(actor)
    title = required_text(title, "title", "标题")
    content = required_text(content, "content", "公开内容")
    if scope not in DisclosureScope.values:
        raise ValidationError({"scope": "请选择公开范围。"})
    _date(published_on, "published_on", "公开日期")
    row = Disclosure(title=title, content=content, scope=scope, published_on=published_on, organ=organ)
    with transaction.atomic():
        record_save(row, actor=actor, reason="党务公开")
    return row


def integrity_record(
    *,
    actor: User,
    kind: str,
    held_on: datetime.date,
    title: str,
    copies: int | None = None,
    recipients: str = "",
    outgoing_document=None,
    findings: str = "",
    participants: int | None = None,
) -> IntegrityActivity:
    """An integrity activity: a 廉洁过节 notice needs its copies and recipients; a supervision
    check its findings."""
    _manager(actor)
    if kind not in IntegrityKind.values:
        raise ValidationError({"kind": "请选择类别。"})
    title = required_text(title, "title", "名称")
    _date(held_on, "held_on", "日期")
    if kind == IntegrityKind.FESTIVAL_NOTICE:
        if not copies or copies < 1:
            raise ValidationError({"copies": "廉洁过节提醒请填写下发份数。"})
        recipients = required_text(recipients, "recipients", "发送对象")
    else:
        copies = None
    if kind == IntegrityKind.INSPECTION:
        findings = required_text(findings, "findings", "发现问题及整改情况")
    if outgoing_document is not None and outgoing_document.status not in ("numbered", "dispatched", "archived"):
        raise ValidationError({"outgoing_document": "只能关联已编号印发的发文。"})
    row = IntegrityActivity(
        kind=kind,
        held_on=held_on,
        title=title,
        copies=copies,
        recipients=recipients or "",
        outgoing_document=outgoing_document,
        findings=findings or "",
        participants=participants,
    )
    with transaction.atomic():
        record_save(row, actor=actor, reason="党风廉政")
    return row


def record_void_simple(*, actor: User, record, reason: str):
    """Voids an award, care visit, disclosure or integrity activity entered in error."""
    nouns = {Award: "表彰", CareVisit: "走访慰问记录", Disclosure: "党务公开", IntegrityActivity: "廉政记录"}
    noun = nouns.get(type(record))
    if noun is None:
        raise PermissionDenied("该记录不能作废。")

    def check(row):
        require_action(permissions.record_actions(actor, row), "void", f"您不能作废此{noun}。")

    return record_void(actor=actor, record=record, reason=reason, noun=noun, check=check)
