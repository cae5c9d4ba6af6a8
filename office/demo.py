"""The office core's part of the demo: a water resources bureau, its people in every role, and
a year of supervised items in every state. Deterministic: the same data on every run and machine
(dates are placed relative to today so that "due soon" and "overdue" always have examples)."""

import datetime
import random

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from .choices import SPECIAL_TASK, DepartmentKind, SupervisionStatus
from .models import Department, Notification, SupervisedItem, SupervisionEvent, User
from .roles import ROLES, sync_roles
from .services import supervision as services
from .workdays import add_working_days

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 - published demo logins
# The demo's leaders and administrator must pass the second factor (OTP_REQUIRED_ROLES): their
# authenticators share this published secret, so anyone can log in to the demo with
# `manage.py demo_otp` or an authenticator app. Never for real accounts.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - published demo secret

DEPARTMENTS = [
    # code, name, kind, parent code
    ("office", "办公室", DepartmentKind.SECTION, None),
    ("planning", "规划计划科", DepartmentKind.SECTION, None),
    ("resources", "水资源管理科", DepartmentKind.SECTION, None),
    ("rivers", "河湖管理科", DepartmentKind.SECTION, None),
    ("rural", "农村水利水电科", DepartmentKind.SECTION, None),
    ("flood", "水旱灾害防御科", DepartmentKind.SECTION, None),
    ("works", "建设与运行管理科", DepartmentKind.SECTION, None),
    ("hr", "人事科", DepartmentKind.SECTION, None),
    ("finance", "财务审计科", DepartmentKind.SECTION, None),
    ("party", "机关党委", DepartmentKind.SECTION, None),
    ("center", "水利事业发展中心", DepartmentKind.UNIT, None),
    ("riverstation", "河道管理站", DepartmentKind.UNIT, "center"),
    ("hydrology", "水文水资源勘测站", DepartmentKind.UNIT, None),
]

# username, name, department code, position, roles; the first person of each role is the
# demo login printed for it.
PEOPLE = [
    ("leader", "张建国", None, "局长", ["leader"]),
    ("lidw", "李卫东", None, "副局长", ["leader"]),
    ("wangxy", "王秀英", None, "副局长", ["leader"]),
    ("liuzq", "刘志强", None, "总工程师", ["leader"]),
    ("depthead", "陈晓华", "office", "办公室主任", ["office_director", "department_head"]),
    ("clerk", "赵敏", "office", "文书", ["clerk"]),
    ("sunli", "孙丽", "office", "文书", ["clerk"]),
    ("petitions", "周涛", "office", "信访专干", ["petitions"]),
    ("admin", "吴磊", "office", "信息化管理员", ["administrator"]),
    ("handler", "郑浩", "planning", "一级主任科员", ["handler"]),
    ("wangfang", "王芳", "planning", "科长", ["department_head"]),
    ("fengjun", "冯军", "planning", "四级主任科员", ["handler"]),
    ("chenjing", "陈静", "resources", "科长", ["department_head"]),
    ("chuyong", "褚勇", "resources", "一级科员", ["handler"]),
    ("weiqiang", "卫强", "rivers", "科长", ["department_head"]),
    ("jiangli", "蒋丽", "rivers", "二级主任科员", ["handler"]),
    ("shenbo", "沈波", "rural", "科长", ["department_head"]),
    ("hanxue", "韩雪", "rural", "一级科员", ["handler"]),
    ("yangfan", "杨帆", "flood", "科长", ["department_head"]),
    ("zhuming", "朱明", "flood", "三级主任科员", ["handler"]),
    ("qinlei", "秦磊", "works", "科长", ["department_head"]),
    ("youjia", "尤佳", "works", "一级科员", ["handler"]),
    ("hr", "许红", "hr", "人事专干", ["hr"]),
    ("hejun", "何军", "hr", "科长", ["department_head"]),
    ("lvping", "吕萍", "finance", "科长", ["department_head"]),
    ("shiyan", "施燕", "finance", "会计", ["handler"]),
    ("party", "张敏华", "party", "党务专干", ["party"]),
    ("kongwei", "孔伟", "party", "专职副书记", ["department_head"]),
    ("caoyang", "曹阳", "center", "主任", ["department_head"]),
    ("yanhui", "严辉", "center", "工程师", ["handler"]),
    ("huajie", "华杰", "riverstation", "站长", ["department_head"]),
    ("jinbo", "金波", "hydrology", "站长", ["department_head"]),
]

# The core's own supervised items are the special tasks (专题任务) the Party group assigns; the
# other categories come from the apps' demos, opened by their services (documents, meetings,
# petitions …). A bureau runs about a dozen such tasks a year; their names are printed in the
# annual summary, so they carry no ledger codes.
SPECIAL_TASKS = {
    -1: [
        "中央生态环境保护督察反馈问题整改",
        "水利安全生产专项整治三年行动收官",
        "河湖长制工作年度考核",
        "水利年鉴编纂",
        "优化营商环境专项任务",
        "全面从严治党主体责任检查迎检",
        "防汛抗旱应急预案修订",
        "水资源刚性约束制度落实",
        "机关档案数字化",
        "政务服务事项“一网通办”梳理",
    ],
    0: [
        "党纪学习教育专项任务",
        "中央巡视反馈意见整改",
        "水利年鉴续编",
        "黄河流域生态保护和高质量发展重点任务",
        "河湖长制工作年度考核",
        "优化营商环境专项任务",
        "安全生产治本攻坚三年行动",
        "农村供水保障专项行动",
        "取用水管理专项整治",
        "机关节能降碳专项行动",
        "防汛物资储备台账规范化",
        "智慧水利平台一期建设",
    ],
}

PROGRESS_NOTES = [
    "已召开科室会议研究，明确分工和时间节点。",
    "已完成现场踏勘，正在整理问题清单。",
    "初稿已形成，正在征求相关科室意见。",
    "已与相关单位对接，正在推进。",
]


def seed(stdout=None):
    sync_roles()
    departments = _seed_departments()
    people = _seed_people(departments)
    _seed_second_factor(people)
    created = _seed_items(departments, people)
    if stdout:
        stdout.write(f"办公室核心：{len(departments)} 个科室/单位，{len(people)} 名人员，新增督办事项 {created} 项。")


def _seed_departments():
    departments = {}
    for order, (code, name, kind, parent) in enumerate(DEPARTMENTS, start=1):
        dept, _ = Department.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "parent": departments.get(parent), "sort_order": order * 10},
        )
        departments[code] = dept
    return departments


def _seed_people(departments):
    groups = {code: Group.objects.get(name=role.group) for code, role in ROLES.items()}
    people = {}
    for index, (username, name, dept, position, roles) in enumerate(PEOPLE):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                name=name,
                department=departments.get(dept),
                position=position,
                phone=f"139{index:04d}{(index * 7919) % 10000:04d}",
                email=f"{username}@demo.gov.cn",
                is_staff="administrator" in roles,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[code] for code in roles])
        people[username] = user
    return people


def demo_totp_key():
    from base64 import b32decode

    return b32decode(DEMO_TOTP_SECRET).hex()


def _seed_second_factor(people):
    """Enrols the demo people whose roles need the second factor with the published secret."""
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    required = set(settings.OTP_REQUIRED_ROLES)
    for username, _name, _dept, _position, roles in PEOPLE:
        user = people[username]
        if required & set(roles) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="演示验证器", key=demo_totp_key(), confirmed=True)


def _seed_items(departments, people):
    today = timezone.localdate()
    rng = random.Random(20260101)  # noqa: S311 - demo data, not security
    clerk, leader = people["clerk"], people["leader"]
    handlers_by_dept = {}
    for user in people.values():
        if user.department_id:
            handlers_by_dept.setdefault(user.department.code, []).append(user)
    owner_codes = ["planning", "resources", "rivers", "rural", "flood", "works", "hr", "finance", "party", "center"]
    created = 0
    for offset, titles in SPECIAL_TASKS.items():
        year = today.year + offset
        for n, title in enumerate(titles):
            if SupervisedItem.objects.filter(title=title, start_date__year=year).exists():
                continue
            # Spread over the year up to today; a task of last year runs several months.
            start = datetime.date(year, 1, 10) + datetime.timedelta(days=n * 330 // len(titles))
            if start > today:
                start = today - datetime.timedelta(days=40 + n)
            owner = departments[owner_codes[(n * 7 + year) % len(owner_codes)]]
            item = services.supervised_item_open(
                actor=leader,
                title=title,
                category=SPECIAL_TASK,
                owner_department=owner,
                responsible=rng.choice(handlers_by_dept[owner.code]),
                start_date=start,
                working_days=rng.choice([20, 40, 60]) if n % 3 == 0 else None,
                deadline=None if n % 3 == 0 else start + datetime.timedelta(days=rng.choice([45, 60, 90, 120])),
                description=f"由{owner.name}牵头，建立台账、定期调度，按时报送进展。",
            )
            created += 1
            _play_out(item, n, today, rng, clerk, leader)
    # One due in the next days, so "due soon" always has an example.
    title = "年度安全生产目标责任考核自查"
    if not SupervisedItem.objects.filter(title=title, start_date__year=today.year).exists():
        owner = departments["works"]
        services.supervised_item_open(
            actor=leader,
            title=title,
            category=SPECIAL_TASK,
            owner_department=owner,
            responsible=handlers_by_dept[owner.code][0],
            start_date=today - datetime.timedelta(days=10),
            deadline=add_working_days(today, 1).date,
            description=f"请{owner.name}抓紧办理。",
        )
        created += 1
    # Old reminders and notices are history, not news, in a fresh demo.
    Notification.objects.filter(created_at__date__lte=today, read_at__isnull=True).filter(
        Q(title__startswith="新督办事项")
        | Q(title__startswith="督办事项已办结")
        | Q(title__startswith="督办事项有新反馈")
    ).update(read_at=timezone.now())
    return created


def _play_out(item, n, today, rng, clerk, leader):
    """Moves a fresh item to a state that fits its dates, backdating the events."""
    responsible = item.responsible
    moments = [datetime.datetime.combine(item.start_date, datetime.time(9, 30), tzinfo=timezone.get_current_timezone())]
    if item.start_date + datetime.timedelta(days=3) <= today:
        services.supervised_item_report_progress(actor=responsible, item=item, text=rng.choice(PROGRESS_NOTES))
        moments.append(moments[0] + datetime.timedelta(days=3, hours=6))
    finished_by = item.deadline + datetime.timedelta(days=rng.choice([-8, -5, -2, 0, 0, 3, 9]))
    if n % 17 == 5 and item.deadline < today and item.deadline.year == today.year:
        # A few are left overdue and urged.
        services.supervised_item_urge(actor=clerk, item=item)
        moments.append(
            datetime.datetime.combine(
                min(item.deadline + datetime.timedelta(days=1), today),
                datetime.time(10, 0),
                tzinfo=timezone.get_current_timezone(),
            )
        )
    elif n % 23 == 7:
        services.supervised_item_void(actor=clerk, item=item, reason="与其他事项重复立项，予以撤销。")
        moments.append(moments[-1] + datetime.timedelta(hours=2))
    elif finished_by < today:
        services.supervised_item_complete(
            actor=responsible,
            item=item,
            note="已按要求办结，相关材料已报办公室备案。",
            completed_on=max(finished_by, item.start_date),
        )
        moments.append(
            datetime.datetime.combine(
                max(finished_by, item.start_date), datetime.time(16, 0), tzinfo=timezone.get_current_timezone()
            )
        )
        if n % 19 == 3:
            services.supervised_item_reopen(actor=leader, item=item, reason="办结材料不完整，请补充后重新报送。")
            moments.append(moments[-1] + datetime.timedelta(days=1))
            again = timezone.localdate(moments[-1]) + datetime.timedelta(days=12)
            if again < today:
                # The department sends the missing papers and finishes it again.
                services.supervised_item_complete(
                    actor=responsible, item=item, note="已补充办结材料并重新报送办公室。", completed_on=again
                )
                moments.append(
                    datetime.datetime.combine(again, datetime.time(16, 0), tzinfo=timezone.get_current_timezone())
                )
    item.refresh_from_db()
    events = list(SupervisionEvent.objects.filter(item=item).order_by("id"))
    for event, moment in zip(events, moments, strict=False):
        SupervisionEvent.objects.filter(pk=event.pk).update(created_at=moment)
    # Each service call wrote one event and one history row, in the same order.
    for record, moment in zip(item.history.order_by("history_id"), moments, strict=False):
        type(record).objects.filter(pk=record.pk).update(history_date=moment)
    SupervisedItem.objects.filter(pk=item.pk).update(created_at=moments[0])
    if item.last_urged_at:
        urged = [e for e, m in zip(events, moments, strict=False) if e.kind == "urged"]
        SupervisedItem.objects.filter(pk=item.pk).update(
            last_urged_at=moments[events.index(urged[0])] if urged else item.last_urged_at
        )
    if item.status == SupervisionStatus.COMPLETED:
        SupervisedItem.objects.filter(pk=item.pk).update(completed_at=moments[-1])


# 催办 of items left open past their deadline: the office urges three working days after the
# deadline, then every four weeks until the item is finished; from the third time on the office
# director urges, asking the department's head to take it in hand.
URGE_FIRST_AFTER_WORKING_DAYS = 3
URGE_EVERY_DAYS = 28


def urge_days(deadline, last_urged, today):
    """The days before today on which an item due on `deadline`, last urged on `last_urged` (a
    date or None), is urged again."""
    if last_urged is None:
        day = add_working_days(deadline, URGE_FIRST_AFTER_WORKING_DAYS).date
    else:
        day = add_working_days(last_urged + datetime.timedelta(days=URGE_EVERY_DAYS - 1), 1).date
    days = []
    while day < today:
        days.append(day)
        day = add_working_days(day + datetime.timedelta(days=URGE_EVERY_DAYS - 1), 1).date
    return days


def urge_text(number, days_overdue):
    if number == 1:
        return f"该事项已超过办理时限{days_overdue}天，请抓紧办理，并于3个工作日内反馈办理进展。"
    if number == 2:
        return f"第二次催办：该事项已逾期{days_overdue}天，请书面说明未能按期办结的原因和下一步安排。"
    return f"第{number}次催办：该事项已逾期{days_overdue}天，请科室主要负责人亲自调度，每周报送一次进展，直至办结。"


# An item the demo leaves open is never more than this many days past its deadline: older ones
# were urged and then finished late (each app's demo does so for its records).
LONG_OVERDUE_DAYS = 90


def _urgers():
    clerk = User.objects.filter(username="clerk").first()
    return clerk, User.objects.filter(username="depthead").first() or clerk


def urge_item(item, until, today=None):
    """Urges an open item on each of its urge_days before `until` through the service, each
    urging backdated to its day with its notifications (read, unless from the last week).
    Returns the number of urgings added."""
    today = today or timezone.localdate()
    clerk, director = _urgers()
    if clerk is None:
        return 0
    tz = timezone.get_current_timezone()
    urged = list(item.events.filter(kind="urged").values_list("created_at", flat=True))
    last = timezone.localdate(max(urged)) if urged else None
    days = [day for day in urge_days(item.deadline, last, today) if day < until]
    for number, day in enumerate(days, start=len(urged) + 1):
        newest_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        event = services.supervised_item_urge(
            actor=clerk if number <= 2 else director,
            item=item,
            text=urge_text(number, (day - item.deadline).days),
        )
        moment = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=tz) + datetime.timedelta(
            minutes=(item.pk * 7) % 90
        )
        SupervisionEvent.objects.filter(pk=event.pk).update(created_at=moment)
        record = item.history.order_by("-history_id").first()
        type(record).objects.filter(pk=record.pk).update(history_date=moment, last_urged_at=moment)
        SupervisedItem.objects.filter(pk=item.pk).update(last_urged_at=moment)
        Notification.objects.filter(pk__gt=newest_notification).update(
            created_at=moment,
            read_at=moment + datetime.timedelta(hours=3) if day < today - datetime.timedelta(days=7) else None,
        )
    item.refresh_from_db()
    return len(days)


def urge_overdue(stdout=None, *, items=None):
    """Every item still open past its deadline is urged as the office would have urged it
    (urge_days): of `items` (a queryset; seed_demo passes the items it made, so that a demo
    loaded beside real records never urges them), or of all. Run after every app has seeded; a
    second run the same day adds nothing. Returns the number of urgings added."""
    today = timezone.localdate()
    added = 0
    items = SupervisedItem.objects.all() if items is None else items
    overdue = items.filter(status=SupervisionStatus.OPEN, deadline__lt=today)
    for item in overdue.order_by("deadline", "id"):
        added += urge_item(item, today, today)
    if stdout is not None:
        stdout.write(f"督办催办：逾期未办结的事项新增催办 {added} 次。")
    return added


def print_logins(stdout):
    stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
    shown = set()
    for username, name, _dept, position, roles in PEOPLE:
        role = roles[0]
        if role in shown:
            continue
        shown.add(role)
        stdout.write(f"  {ROLES[role].group:<6} {username:<10} {name}（{position}）")
    from django.conf import settings

    roles = [ROLES[code].group for code in settings.OTP_REQUIRED_ROLES if code in ROLES]
    if roles:
        stdout.write(
            f"{'、'.join(roles)}登录须两步验证：演示动态验证码由 `python manage.py demo_otp` 给出，"
            f"或在身份验证器中添加公开的演示密钥 {DEMO_TOTP_SECRET}（仅用于演示，切勿用于真实账户）。"
        )
