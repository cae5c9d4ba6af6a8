"""The Excel registers (office/export.py): the rows the user sees, as filtered; petitioners'
personal data masked for everyone but the petitions officer and leaders."""

from office.export import Column, Register
from office.masking import plain, shown

from . import selectors
from .filters import PatrolFilter, PetitionFilter, ReceptionFilter
from .permissions import sees_petitioner


def _people(row, ctx, attribute, kind):
    return "、".join(shown(getattr(p, attribute), kind, ctx["allowed"]) for p in row.petitioners.all())


PETITIONS = Register(
    title="信访登记簿",
    filename="信访登记簿.xlsx",
    rows=lambda user, params: PetitionFilter(params, queryset=selectors.petition_list(user=user)).qs,
    context=lambda user: {"allowed": sees_petitioner(user)},
    columns=[
        Column("信访编号", 16, lambda r, c: r.number),
        Column("登记日期", 12, lambda r, c: r.received_on),
        Column("信访形式", 10, lambda r, c: r.get_channel_display()),
        Column("来访人数", 8, lambda r, c: r.persons),
        Column("信访人", 16, lambda r, c: _people(r, c, "name", "name")),
        Column("身份证号", 22, lambda r, c: _people(r, c, "id_number", "id_number")),
        Column("联系电话", 16, lambda r, c: _people(r, c, "phone", "phone")),
        Column("住址", 24, lambda r, c: _people(r, c, "address", "address")),
        Column("问题类别", 14, lambda r, c: r.get_subject_display()),
        Column("事由", 30, lambda r, c: r.title),
        Column("重复信访", 8, lambda r, c: r.is_repeat),
        Column("处理方式", 10, lambda r, c: r.get_route_display() if r.route else ""),
        Column(
            "承办", 16, lambda r, c: r.transferred_to or (r.handling_department.name if r.handling_department else "")
        ),
        Column("办理期限", 12, lambda r, c: r.due_on),
        Column("答复日期", 12, lambda r, c: r.replied_on),
        Column("满意度", 10, lambda r, c: r.get_satisfaction_display() if r.satisfaction else ""),
        Column("状态", 10, lambda r, c: r.get_status_display()),
    ],
)

RECEPTIONS = Register(
    title="公务接待登记簿",
    filename="公务接待登记簿.xlsx",
    rows=lambda user, params: ReceptionFilter(params, queryset=selectors.reception_list(user=user)).qs,
    columns=[
        Column("开始日期", 12, lambda r, c: r.start_date),
        Column("结束日期", 12, lambda r, c: r.end_date),
        Column("来访单位", 24, lambda r, c: r.visiting_unit),
        Column("公函文号", 18, lambda r, c: r.letter_number),
        Column("来访事由", 30, lambda r, c: r.purpose),
        Column("接待类型", 12, lambda r, c: r.get_kind_display()),
        Column("活动名称", 24, lambda r, c: r.event_name),
        Column("来访人数", 8, lambda r, c: r.visitors_total),
        Column("陪餐人数", 8, lambda r, c: r.meal_companions),
        Column("接待地点", 16, lambda r, c: r.place),
        Column("费用（元）", 12, lambda r, c: plain(r.cost)),
        Column("审批人", 10, lambda r, c: r.approved_by.name if r.approved_by else ""),
        Column("状态", 10, lambda r, c: r.get_status_display()),
    ],
)

PATROLS = Register(
    title="安全巡查登记簿",
    filename="安全巡查登记簿.xlsx",
    rows=lambda user, params: PatrolFilter(params, queryset=selectors.patrol_list(user=user)).qs,
    columns=[
        Column("巡查日期", 12, lambda r, c: r.date),
        Column("巡查人", 10, lambda r, c: r.inspector.name),
        Column("巡查区域", 24, lambda r, c: r.areas),
        Column("巡查情况", 30, lambda r, c: r.findings),
        Column("发现隐患", 30, lambda r, c: r.hazard),
        Column("整改责任人", 10, lambda r, c: r.rectification_owner.name if r.rectification_owner else ""),
        Column("整改期限", 12, lambda r, c: r.rectification_deadline),
        Column("整改状态", 10, lambda r, c: r.get_rectification_status_display()),
    ],
)


def _people_of(day, role):
    return "、".join(a.person.name for a in day.assignments.all() if a.role == role)


DUTY = Register(
    title="值班表",
    filename=lambda params: (
        f"值班表{params.get('year', '')}{'-' + params['month'] if params.get('month') else ''}.xlsx"
    ),
    rows=lambda user, params: selectors.duty_days_for_export(params),
    columns=[
        Column("日期", 12, lambda d, c: d.date),
        Column("星期", 6, lambda d, c: "一二三四五六日"[d.date.weekday()]),
        Column("节假日", 10, lambda d, c: d.holiday_name if d.is_holiday else ""),
        Column("带班领导", 12, lambda d, c: _people_of(d, "leader")),
        Column("值班人员", 24, lambda d, c: _people_of(d, "staff")),
        Column("备注", 24, lambda d, c: d.note),
    ],
)
