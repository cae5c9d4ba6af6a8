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
    ("depthead", "陈晓华", "office", "办公室主任", ["department_head"]),
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

TASKS = {
    "document": [
        "关于做好冬春农田水利建设工作的通知",
        "关于开展河湖“清四乱”专项行动的通知",
        "关于报送水资源管理年度考核自查报告的函",
        "关于加强汛前安全检查的紧急通知",
        "关于做好取水许可证电子证照转换工作的通知",
        "关于开展水利工程标准化管理评价的通知",
        "关于报送水利统计年报的通知",
        "关于推进农村供水工程规范化建设的意见",
    ],
    "instruction": [
        "局长批示：抓紧完成城区防洪排涝能力评估",
        "局长批示：研究解决灌区末级渠系配套问题",
        "副局长批示：跟进水库除险加固项目进度",
        "局长批示：做好群众反映饮水安全问题的核查",
        "副局长批示：完善河长制工作考核办法",
    ],
    "meeting": [
        "局务会议定：编制下一年度水利投资计划",
        "党组会议定：落实巡察反馈问题整改",
        "专题会议定：黄河流域生态保护项目前期工作",
        "局务会议定：推进智慧水利平台一期建设",
        "专题会议定：完善防汛物资储备台账",
    ],
    "proposal": [
        "关于加快城乡供水一体化建设的建议",
        "关于加强地下水超采区治理的提案",
        "关于提升小型水库管护水平的建议",
        "关于推进节水型社会建设的提案",
    ],
    SPECIAL_TASK: [
        "优化营商环境专项任务",
        "中央巡视反馈意见整改",
        "党纪学习教育专项任务",
        "水利年鉴编纂",
        "黄河流域生态保护和高质量发展重点任务",
        "河湖长制工作年度考核",
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
    created = _seed_items(departments, people)
    # Today's reminders, as the daily task would send them (once per item and day).
    services.supervision_send_reminders()
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
    # Last year: everything finished, some late; this year: spread over the year around today.
    plans = []
    for year, count in ((today.year - 1, 40), (today.year, 90)):
        for n in range(count):
            category = list(TASKS)[n % len(TASKS)]
            titles = TASKS[category]
            title = titles[(n // len(TASKS)) % len(titles)]
            start = datetime.date(year, 1, 6) + datetime.timedelta(days=(n * 331 // count) % 340)
            plans.append((year, n, category, title, start))
    for year, n, category, title, start in plans:
        full_title = f"{title}（{year}-{n + 1:02d}）"
        if SupervisedItem.objects.filter(title=full_title).exists():
            continue
        if start > today:
            continue
        owner = departments[owner_codes[(n * 7 + year) % len(owner_codes)]]
        responsible = rng.choice(handlers_by_dept[owner.code])
        actor = leader if category in ("instruction", "meeting") else clerk
        span = rng.choice([10, 15, 20, 30])
        use_working_days = n % 3 == 0
        item = services.supervised_item_open(
            actor=actor,
            title=full_title,
            category=category,
            owner_department=owner,
            responsible=responsible,
            start_date=start,
            working_days=span if use_working_days else None,
            deadline=None if use_working_days else start + datetime.timedelta(days=span * 7 // 5),
            description=f"请{owner.name}按要求办理，并及时反馈进展。",
        )
        created += 1
        _play_out(item, n, today, rng, clerk, leader)
    # A few that are due in the next days, so "due soon" always has examples.
    for k, (category, title) in enumerate(
        [
            ("instruction", "局长批示：做好近期降温天气防冻保供水工作"),
            ("document", "关于报送年度水利工作总结的通知"),
            ("meeting", "局务会议定：完成年度预算执行情况分析"),
            (SPECIAL_TASK, "年度安全生产目标责任考核自查"),
        ]
    ):
        full_title = f"{title}（{today.year}-近期{k + 1}）"
        if SupervisedItem.objects.filter(title=full_title).exists():
            continue
        owner = departments[owner_codes[k * 3 % len(owner_codes)]]
        services.supervised_item_open(
            actor=leader if category != "document" else clerk,
            title=full_title,
            category=category,
            owner_department=owner,
            responsible=handlers_by_dept[owner.code][0],
            start_date=today - datetime.timedelta(days=10),
            deadline=add_working_days(today, k).date,
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


def print_logins(stdout):
    stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
    shown = set()
    for username, name, _dept, position, roles in PEOPLE:
        role = roles[0]
        if role in shown:
            continue
        shown.add(role)
        stdout.write(f"  {ROLES[role].group:<6} {username:<10} {name}（{position}）")
