"""The personnel registers as Excel (office.export): the roster with the columns of a 花名册,
and every other register. Personal data is masked for anyone but HR and the person; every
person whose salary figures an export shows to someone else is recorded in the read log."""

from office.export import Column, Register
from office.masking import plain, shown

from . import permissions
from .choices import SALARY_COMPONENTS, SensitiveAccessVia
from .filters import (
    AppointmentFilter,
    ExpertTaskFilter,
    PersonFilter,
    RecruitmentFilter,
    SalaryChangeFilter,
    TalkFilter,
    TitleReviewFilter,
    TransferFilter,
)
from .selectors import (
    appointment_list,
    expert_list,
    person_list,
    recruitment_list,
    round_assessments,
    round_get,
    salary_list,
    talk_list,
    title_list,
    transfer_list,
)


def _viewer(user):
    return {"user": user}


def _row_number(person, ctx):
    ctx["n"] = ctx.get("n", 0) + 1
    return ctx["n"]


def _pd(row, ctx, value, kind):
    return shown(value, kind, permissions.can_view_personal_data(ctx["user"], row))


ROSTER_COLUMNS = [
    Column("序号", 6, _row_number),
    Column("姓名", 10, lambda p, ctx: p.name),
    Column("性别", 6, lambda p, ctx: p.get_sex_display()),
    Column("出生日期", 12, lambda p, ctx: _pd(p, ctx, p.birth_date, "date")),
    Column("公民身份号码", 22, lambda p, ctx: _pd(p, ctx, p.citizen_id, "id_number")),
    Column("民族", 8, lambda p, ctx: p.get_ethnicity_display()),
    Column("政治面貌", 12, lambda p, ctx: p.get_political_status_display()),
    Column("学历", 10, lambda p, ctx: p.get_education_display()),
    Column("学位", 8, lambda p, ctx: p.get_degree_display()),
    Column("参加工作时间", 12, lambda p, ctx: p.work_start_date),
    Column("进入本单位时间", 14, lambda p, ctx: p.join_date),
    Column("编制", 8, lambda p, ctx: p.get_staffing_display()),
    Column("科室", 14, lambda p, ctx: p.department.name if p.department else ""),
    Column("职务", 16, lambda p, ctx: p.post),
    Column("职级", 12, lambda p, ctx: p.get_rank_display()),
    Column("专业技术职称", 14, lambda p, ctx: p.title),
    Column("联系电话", 14, lambda p, ctx: _pd(p, ctx, p.phone, "phone")),
    Column("人员状态", 10, lambda p, ctx: p.get_status_display()),
    Column("状态日期", 12, lambda p, ctx: p.status_date),
]
ROSTER_HEADERS = [c.header for c in ROSTER_COLUMNS]

ROSTER = Register(
    title="花名册",
    filename="花名册.xlsx",
    rows=lambda user, params: PersonFilter(params, queryset=person_list(user=user)).qs,
    columns=ROSTER_COLUMNS,
    context=_viewer,
)

APPOINTMENTS = Register(
    title="任免登记",
    filename="任免登记.xlsx",
    rows=lambda user, params: AppointmentFilter(params, queryset=appointment_list(user=user)).qs,
    columns=[
        Column("登记号", 10, lambda a, ctx: a.serial),
        Column("姓名", 10, lambda a, ctx: a.person.name),
        Column("类别", 10, lambda a, ctx: a.get_kind_display()),
        Column("职务", 18, lambda a, ctx: a.post),
        Column("职级", 12, lambda a, ctx: a.get_rank_display()),
        Column("科室", 14, lambda a, ctx: a.department.name if a.department else ""),
        Column("原职务", 18, lambda a, ctx: a.previous_post),
        Column("任免日期", 12, lambda a, ctx: a.effective_date),
        Column("任免文号", 18, lambda a, ctx: a.document_number),
        Column("任前公示", 24, lambda a, ctx: f"{a.publicity_start}至{a.publicity_end}" if a.publicity_start else ""),
        Column("试用期满", 12, lambda a, ctx: a.probation_end),
        Column("状态", 8, lambda a, ctx: a.get_status_display()),
    ],
)


def _salary_cell(name):
    def value(change, ctx):
        user = ctx["user"]
        allowed = permissions.can_view_salary(user, change.person)
        if allowed and not permissions.is_own(user, change.person) and change.person_id not in ctx["logged"]:
            from .services import salary_read_record

            salary_read_record(viewer=user, person=change.person, via=SensitiveAccessVia.EXPORT)
            ctx["logged"].add(change.person_id)
        return shown(plain(getattr(change, name)), "money", allowed) if getattr(change, name) is not None else ""

    return value


SALARY = Register(
    title="薪资变动",
    filename="薪资变动.xlsx",
    rows=lambda user, params: SalaryChangeFilter(params, queryset=salary_list(user=user)).qs,
    columns=[
        Column("姓名", 10, lambda c, ctx: c.person.name),
        Column("起薪月份", 10, lambda c, ctx: f"{c.effective_month:%Y-%m}"),
        Column("变动原因", 10, lambda c, ctx: c.get_reason_display()),
        Column("工资类别", 10, lambda c, ctx: c.get_scheme_display()),
        *[
            Column(label, 12, _salary_cell(name))
            for name, label in SALARY_COMPONENTS["organ"][:2] + SALARY_COMPONENTS["institution"]
        ],
        Column("月固定工资合计", 14, _salary_cell("base")),
        Column("说明", 20, lambda c, ctx: c.note),
    ],
    context=lambda user: {"user": user, "logged": set()},
)

RECRUITMENT = Register(
    title="人才引进招聘",
    filename="人才引进招聘.xlsx",
    rows=lambda user, params: RecruitmentFilter(params, queryset=recruitment_list(user=user)).qs,
    columns=[
        Column("姓名", 10, lambda r, ctx: r.person.name),
        Column("渠道", 24, lambda r, ctx: r.get_channel_display()),
        Column("到岗日期", 12, lambda r, ctx: r.date),
        Column("说明", 24, lambda r, ctx: r.note),
    ],
)

TITLES = Register(
    title="职称评审",
    filename="职称评审.xlsx",
    rows=lambda user, params: TitleReviewFilter(params, queryset=title_list(user=user)).qs,
    columns=[
        Column("姓名", 10, lambda t, ctx: t.person.name),
        Column("年度", 8, lambda t, ctx: t.year),
        Column("系列", 10, lambda t, ctx: t.series),
        Column("职称", 14, lambda t, ctx: t.title),
        Column("级别", 10, lambda t, ctx: t.get_level_display()),
        Column("结果", 8, lambda t, ctx: "通过" if t.passed else "未通过"),
    ],
)

TRANSFERS = Register(
    title="转隶",
    filename="转隶.xlsx",
    rows=lambda user, params: TransferFilter(params, queryset=transfer_list(user=user)).qs,
    columns=[
        Column("日期", 12, lambda b, ctx: b.date),
        Column("方向", 8, lambda b, ctx: b.get_direction_display()),
        Column("涉改单位", 20, lambda b, ctx: b.other_body),
        Column("依据文号", 18, lambda b, ctx: b.document_number),
        Column("人数", 8, lambda b, ctx: b.person_count),
        Column("人员", 40, lambda b, ctx: "、".join(p.name for p in b.persons.all())),
    ],
)

EXPERTS = Register(
    title="专家服务基层",
    filename="专家服务基层.xlsx",
    rows=lambda user, params: ExpertTaskFilter(params, queryset=expert_list(user=user)).qs,
    columns=[
        Column("日期", 12, lambda t, ctx: t.date),
        Column("任务", 30, lambda t, ctx: t.title),
        Column("地点", 16, lambda t, ctx: t.place),
        Column("承担人员", 30, lambda t, ctx: "、".join(p.name for p in t.experts.all())),
    ],
)

TALKS = Register(
    title="谈话记录",
    filename="谈话记录.xlsx",
    rows=lambda user, params: TalkFilter(params, queryset=talk_list(user=user)).qs,
    columns=[
        Column("日期", 12, lambda t, ctx: t.date),
        Column("谈话人", 10, lambda t, ctx: t.talker.name),
        Column("谈话对象", 10, lambda t, ctx: t.talkee.name),
        Column("类型", 10, lambda t, ctx: t.get_kind_display()),
        Column("谈话要点", 50, lambda t, ctx: t.notes),
    ],
)


def _round_rows(user, params):
    try:
        pk = int(params.get("round", ""))
    except ValueError:
        pk = 0
    return round_assessments(round_get(user=user, pk=pk))


ASSESSMENTS = Register(
    title="年度考核结果",
    filename=lambda params: "年度考核结果.xlsx",
    rows=_round_rows,
    columns=[
        Column("姓名", 10, lambda a, ctx: a.person.name),
        Column("科室", 14, lambda a, ctx: a.person.department.name if a.person.department else ""),
        Column("编制", 8, lambda a, ctx: a.person.get_staffing_display()),
        Column("职务", 16, lambda a, ctx: a.person.post),
        Column("考核等次", 10, lambda a, ctx: a.get_grade_display() or "未评定"),
    ],
)
