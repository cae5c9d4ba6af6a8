"""Party affairs registers as Excel (office.export): the members, the dues assessed month by
month, the monthly or yearly dues statement per branch (assessed, paid, arrears per member, to
the fen), payments, organisational life, development and the other records. Bases (pay) are
masked for viewers other than the Party officer and the administrator."""

from decimal import Decimal

from office.export import Column, Register
from office.masking import shown

from . import permissions
from .filters import (
    AssessmentFilter,
    AwardFilter,
    CareFilter,
    DevelopmentFilter,
    DisclosureFilter,
    IntegrityFilter,
    LifeFilter,
    MemberFilter,
    PaymentFilter,
)
from .models import Organ
from .selectors import (
    assessment_list,
    award_list,
    care_list,
    development_list,
    disclosure_list,
    dues_statement,
    integrity_list,
    life_list,
    member_list,
    payment_list,
)


def _fen(value):
    # SQLite (the embedded default) sums decimals as floats.
    return Decimal(value).quantize(Decimal("0.01"))


def _ctx(user):
    return {"user": user, "base": permissions.sees_base(user)}


def _int(params, name):
    try:
        return int(params.get(name) or 0) or None
    except (TypeError, ValueError):
        return None


MEMBERS = Register(
    title="党员名册",
    filename="党员名册.xlsx",
    rows=lambda user, params: MemberFilter(params, queryset=member_list(user=user)).qs,
    columns=[
        Column("姓名", 10, lambda m, ctx: m.name),
        Column("党组织", 18, lambda m, ctx: m.organ.name),
        Column("党员类别", 10, lambda m, ctx: m.get_kind_display()),
        Column("入党日期", 12, lambda m, ctx: m.joined_on),
        Column("转正日期", 12, lambda m, ctx: m.full_on),
        Column("党费类别", 14, lambda m, ctx: m.get_dues_category_display()),
        Column("状态", 8, lambda m, ctx: m.get_status_display()),
        Column("备注", 24, lambda m, ctx: m.note),
    ],
    context=_ctx,
)

ASSESSMENTS = Register(
    title="党费核定明细",
    filename="党费核定明细.xlsx",
    rows=lambda user, params: AssessmentFilter(params, queryset=assessment_list(user=user)).qs,
    columns=[
        Column("月份", 10, lambda a, ctx: f"{a.month:%Y-%m}"),
        Column("党组织", 18, lambda a, ctx: a.organ.name),
        Column("姓名", 10, lambda a, ctx: a.member.name),
        Column("党费类别", 14, lambda a, ctx: a.get_category_display()),
        Column("月基数（元）", 14, lambda a, ctx: shown(a.base, "money", ctx["base"]) if a.base is not None else ""),
        Column("基数来源", 10, lambda a, ctx: a.get_base_source_display()),
        Column("比例（%）", 10, lambda a, ctx: a.rate),
        Column("核定（元）", 12, lambda a, ctx: a.amount),
        Column("已缴", 6, lambda a, ctx: a.is_paid),
    ],
    context=_ctx,
)


def _statement_rows(user, params):
    organ = Organ.objects.filter(pk=_int(params, "organ")).first() if _int(params, "organ") else None
    return dues_statement(user=user, year=_int(params, "year") or 0, month=_int(params, "month"), organ=organ)


def _statement_name(params):
    year, month = _int(params, "year"), _int(params, "month")
    return f"党费收缴统计表{year or ''}年{f'{month}月' if month else ''}.xlsx"


STATEMENT = Register(
    title="党费收缴统计表",
    filename=_statement_name,
    rows=_statement_rows,
    columns=[
        Column("党组织", 18, lambda r, ctx: r["organ__name"]),
        Column("姓名", 10, lambda r, ctx: r["member__name"]),
        Column("核定月数", 10, lambda r, ctx: r["months"]),
        Column("核定（元）", 12, lambda r, ctx: _fen(r["assessed"])),
        Column("已缴（元）", 12, lambda r, ctx: _fen(r["paid"])),
        Column("欠缴（元）", 12, lambda r, ctx: _fen(r["assessed"] - r["paid"])),
    ],
)

PAYMENTS = Register(
    title="党费收缴登记",
    filename="党费收缴登记.xlsx",
    rows=lambda user, params: PaymentFilter(params, queryset=payment_list(user=user)).qs,
    columns=[
        Column("缴纳日期", 12, lambda p, ctx: p.paid_on),
        Column("党组织", 18, lambda p, ctx: p.member.organ.name),
        Column("姓名", 10, lambda p, ctx: p.member.name),
        Column("所缴月份", 30, lambda p, ctx: "、".join(f"{line.assessment.month:%Y-%m}" for line in p.lines.all())),
        Column("金额（元）", 12, lambda p, ctx: p.amount),
        Column("方式", 10, lambda p, ctx: p.get_method_display()),
        Column("收据号", 12, lambda p, ctx: p.receipt_number),
        Column("作废", 6, lambda p, ctx: p.is_voided),
    ],
)

LIFE = Register(
    title="组织生活登记",
    filename="组织生活登记.xlsx",
    rows=lambda user, params: LifeFilter(params, queryset=life_list(user=user)).qs,
    columns=[
        Column("日期", 16, lambda lf, ctx: lf.meeting.start),
        Column("党组织", 18, lambda lf, ctx: lf.organ.name),
        Column("类型", 12, lambda lf, ctx: lf.meeting.meeting_type.name),
        Column("会议名称", 36, lambda lf, ctx: lf.meeting.title),
        Column("状态", 8, lambda lf, ctx: lf.meeting.get_state_display()),
        Column("支委应到", 8, lambda lf, ctx: lf.committee_size),
        Column("支委实到", 8, lambda lf, ctx: lf.committee_present),
    ],
)

DEVELOPMENT = Register(
    title="发展党员台账",
    filename="发展党员台账.xlsx",
    rows=lambda user, params: DevelopmentFilter(params, queryset=development_list(user=user)).qs,
    columns=[
        Column("姓名", 10, lambda d, ctx: d.name),
        Column("党支部", 18, lambda d, ctx: d.organ.name),
        Column("阶段", 12, lambda d, ctx: d.get_stage_display()),
        Column("申请日期", 12, lambda d, ctx: d.applied_on),
        Column("谈话日期", 12, lambda d, ctx: d.talk_on),
        Column("积极分子", 12, lambda d, ctx: d.activist_on),
        Column("发展对象", 12, lambda d, ctx: d.candidate_on),
        Column("接收预备党员", 12, lambda d, ctx: d.vote_on),
        Column("转正", 12, lambda d, ctx: d.full_on),
    ],
)

AWARDS = Register(
    title="表彰（两优一先）",
    filename="表彰登记.xlsx",
    rows=lambda user, params: AwardFilter(params, queryset=award_list(user=user)).qs,
    columns=[
        Column("年度", 8, lambda a, ctx: a.year),
        Column("类别", 16, lambda a, ctx: a.get_kind_display()),
        Column("受表彰对象", 20, lambda a, ctx: a.recipient),
        Column("表彰机关", 24, lambda a, ctx: a.awarding_body),
        Column("表彰日期", 12, lambda a, ctx: a.awarded_on),
        Column("作废", 6, lambda a, ctx: a.is_voided),
    ],
)

CARE = Register(
    title="走访慰问",
    filename="走访慰问登记.xlsx",
    rows=lambda user, params: CareFilter(params, queryset=care_list(user=user)).qs,
    columns=[
        Column("走访日期", 12, lambda c, ctx: c.visited_on),
        Column("对象类别", 10, lambda c, ctx: c.get_kind_display()),
        Column("走访对象", 30, lambda c, ctx: c.recipients),
        Column("户数", 6, lambda c, ctx: c.households),
        Column("金额（元）", 12, lambda c, ctx: c.amount),
        Column("作废", 6, lambda c, ctx: c.is_voided),
    ],
)

DISCLOSURES = Register(
    title="党务公开",
    filename="党务公开登记.xlsx",
    rows=lambda user, params: DisclosureFilter(params, queryset=disclosure_list(user=user)).qs,
    columns=[
        Column("公开日期", 12, lambda d, ctx: d.published_on),
        Column("标题", 36, lambda d, ctx: d.title),
        Column("公开范围", 10, lambda d, ctx: d.get_scope_display()),
        Column("内容", 48, lambda d, ctx: d.content),
        Column("作废", 6, lambda d, ctx: d.is_voided),
    ],
)

INTEGRITY = Register(
    title="党风廉政",
    filename="党风廉政登记.xlsx",
    rows=lambda user, params: IntegrityFilter(params, queryset=integrity_list(user=user)).qs,
    columns=[
        Column("日期", 12, lambda i, ctx: i.held_on),
        Column("类别", 12, lambda i, ctx: i.get_kind_display()),
        Column("名称", 36, lambda i, ctx: i.title),
        Column("份数", 6, lambda i, ctx: i.copies),
        Column("对象", 20, lambda i, ctx: i.recipients),
        Column("发现问题及整改", 36, lambda i, ctx: i.findings),
        Column("参加人数", 8, lambda i, ctx: i.participants),
        Column("作废", 6, lambda i, ctx: i.is_voided),
    ],
)

RECORD_REGISTERS = {"award": AWARDS, "care": CARE, "disclosure": DISCLOSURES, "integrity": INTEGRITY}
