"""The meetings' part of the demo: rooms and two years of meetings (last year and this year up
to a fortnight ahead) of every type, about forty a year by video, with agendas, answers, leave,
sign-in (some late, a few absent), records, 纪要 and decisions whose supervised items are partly
completed. Everything goes through the services, so history and supervision are real.

Deterministic (a seeded random.Random; dates relative to today's year) and idempotent: a
meeting is looked up by its title first, and the titles carry the year and a number."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from office import demo as office_demo
from office.choices import SupervisionStatus
from office.models import Department, Notification, User
from office.services.supervision import (
    supervised_item_complete,
    supervised_item_report_progress,
)
from office.workdays import is_working_day

from . import services
from .choices import MeetingState
from .models import Meeting, MeetingType, Room

ROOMS = [
    # name, location, capacity, equipment
    ("一楼大会议室", "机关办公楼一楼", 80, "LED屏、扩音系统、话筒12支、视频会议终端"),
    ("三楼第一会议室", "机关办公楼三楼301", 30, "投影仪、话筒、电子桌牌"),
    ("三楼第二会议室", "机关办公楼三楼308", 16, "大屏电视、白板"),
    ("五楼视频会商室", "机关办公楼五楼", 26, "视频会议终端、防汛会商系统、录播"),
    ("党员活动室", "机关办公楼二楼", 40, "投影仪、音响"),
]

LEADERS = ["leader", "lidw", "wangxy", "liuzq"]
HEADS = ["depthead", "wangfang", "chenjing", "weiqiang", "shenbo", "yangfan", "qinlei", "hejun", "lvping", "kongwei"]

# code: (count this year, count last year, how many by video this year / last year)
PLAN = {
    "party_group": (20, 18, 2, 1),
    "bureau_affairs": (10, 9, 2, 1),
    "special": (8, 6, 4, 3),
    "central_group_study": (12, 12, 4, 3),
    "seminar": (5, 4, 1, 0),
    "regular_study": (20, 18, 8, 6),
    "other": (18, 16, 18, 16),
}

AGENDA = {
    "party_group": [
        "传达学习上级重要会议和文件精神",
        "研究党风廉政建设和反腐败工作",
        "研究干部选拔任用有关事项",
        "研究意识形态工作责任制落实情况",
        "研究重大项目资金安排",
        "听取机关党委关于党建工作的汇报",
    ],
    "bureau_affairs": [
        "通报上月重点工作完成情况",
        "安排部署下阶段重点工作",
        "研究年度预算执行情况",
        "研究河湖长制工作推进措施",
        "研究水利工程建设进度",
    ],
    "special": [
        "研究防汛抗旱准备工作",
        "研究最严格水资源管理制度考核迎检工作",
        "研究农村饮水安全巩固提升工程",
        "研究河湖“清四乱”专项行动",
        "研究水土保持监督检查工作",
        "研究重点水利项目前期工作",
    ],
    "central_group_study": [
        "学习习近平新时代中国特色社会主义思想专题",
        "学习党章党规党纪",
        "学习新时代治水思路",
        "学习全会精神",
    ],
    "seminar": ["水利高质量发展专题研讨", "节水型社会建设专题研讨", "数字孪生水利建设专题研讨"],
    "regular_study": ["学习水法律法规", "学习安全生产知识", "学习公文写作规范", "学习保密工作规定"],
    "other": ["全省水利工作视频会议", "全市安全生产视频调度会", "全省防汛抗旱视频会商会", "全市河湖长制工作视频会议"],
}

DECISIONS = [
    ("planning", "编制下年度水利投资计划建议，报局务会审定"),
    ("resources", "完成取水许可证电子证照转换工作"),
    ("rivers", "制定河湖“清四乱”问题整改清单并督促整改"),
    ("rural", "完成农村饮水安全工程水质检测报告"),
    ("flood", "修订防汛抢险应急预案并组织演练"),
    ("works", "督促在建工程落实安全度汛措施"),
    ("finance", "完成预算执行情况分析报告"),
    ("hr", "拟定年度干部教育培训计划"),
    ("party", "制定党风廉政建设责任清单"),
    ("office", "做好会议精神传达落实情况的督查通报"),
    ("planning", "完成重点项目前期工作进度台账"),
    ("flood", "开展汛前水利工程安全隐患排查"),
]

MINUTES_LINES = [
    "会议认为，{topic}事关全局，各科室要提高认识，压实责任。",
    "会议强调，要对照年度目标任务，细化措施，确保按期完成。",
    "会议要求，各责任科室按照分工抓好落实，及时向局领导报告进展情况。",
]


def seed(stdout=None):
    people = {u.username: u for u in User.objects.filter(username__in=[*LEADERS, *HEADS, "clerk", "sunli", "party"])}
    if "clerk" not in people or "leader" not in people:
        if stdout:
            stdout.write("会议：缺少办公室核心的演示人员，跳过。")
        return
    departments = {d.code: d for d in Department.objects.all()}
    rooms = _seed_rooms(people["clerk"])
    types = {t.code: t for t in MeetingType.objects.all()}
    today = timezone.localdate()
    rng = random.Random(20260522)  # noqa: S311 - demo data, not security
    started = timezone.now()
    created = 0
    for year in (today.year - 1, today.year):
        for code, (this_count, last_count, this_video, last_video) in PLAN.items():
            count, video = (this_count, this_video) if year == today.year else (last_count, last_video)
            for n in range(1, count + 1):
                created += _seed_meeting(
                    year, code, n, count, n <= video, types[code], people, departments, rooms, today, rng
                )
    # What the past meetings sent (leave requests, decisions opened and finished) is history,
    # not news, in a fresh demo; notices of the coming meetings stay unread.
    Notification.objects.filter(created_at__gte=started, read_at__isnull=True).exclude(
        title__startswith="会议通知"
    ).update(read_at=timezone.now())
    if stdout:
        held = Meeting.objects.filter(state=MeetingState.HELD).count()
        stdout.write(f"会议：{len(rooms)} 个会议室，新增会议 {created} 场（已召开共 {held} 场）。")


def _seed_rooms(actor):
    rooms = {}
    for order, (name, location, capacity, equipment) in enumerate(ROOMS, start=1):
        room = Room.objects.filter(name=name).first()
        if room is None:
            room = Room(name=name, location=location, capacity=capacity, equipment=equipment, sort_order=order * 10)
            room._history_user = actor
            room.save()
        rooms[name] = room
    return rooms


def _title(year, code, n, meeting_type):
    if code == "special":
        return f"{AGENDA[code][(n - 1) % len(AGENDA[code])][2:]}专题会议（{year}-{n}）"
    if code == "seminar":
        return f"{AGENDA[code][(n - 1) % len(AGENDA[code])]}（{year}-{n}）"
    if code == "other":
        return f"{AGENDA[code][(n - 1) % len(AGENDA[code])]}（{year}-{n}）"
    return f"{year}年第{n}次{meeting_type.name}"


def _day(year, n, count, code, today):
    """Spread a type's meetings over the year on working days; this year's last few fall in the
    coming fortnight so the calendar has planned meetings."""
    offset = list(PLAN).index(code)
    if year == today.year:
        first, last = datetime.date(year, 1, 8), today + datetime.timedelta(days=14)
    else:
        first, last = datetime.date(year, 1, 8), datetime.date(year, 12, 28)
    span = (last - first).days
    day = first + datetime.timedelta(days=(n - 1) * span // max(count - 1, 1) + offset)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _people_for(code, people, departments, n):
    leaders = [people[u] for u in LEADERS if u in people]
    heads = [people[u] for u in HEADS if u in people]
    if code == "party_group":
        return leaders + [people["kongwei"], people["depthead"]], [], [people["sunli"]]
    if code == "bureau_affairs":
        return leaders + heads, [], [people["sunli"]]
    if code == "central_group_study":
        return leaders + [people["kongwei"], people["party"]], [], []
    if code == "special":
        codes = [["flood", "works"], ["resources", "planning"], ["rural", "finance"], ["rivers", "works"]][n % 4]
        return leaders[: 1 + n % 2], [departments[c] for c in codes], []
    if code == "seminar":
        return leaders + heads[:6], [], []
    if code == "regular_study":
        codes = [["office", "planning"], ["resources", "rivers"], ["rural", "flood"], ["works", "finance", "hr"]][n % 4]
        return [leaders[n % len(leaders)]], [departments[c] for c in codes], []
    return leaders[: 1 + n % 3] + heads[n % 5 : n % 5 + 3], [], []


def _room_for(code, video, rooms, n):
    if code == "other" or (video and code != "regular_study"):
        return rooms["五楼视频会商室"]
    return {
        "party_group": rooms["三楼第一会议室"],
        "bureau_affairs": rooms["一楼大会议室"],
        "central_group_study": rooms["党员活动室"],
        "special": rooms["三楼第一会议室"] if n % 2 else rooms["三楼第二会议室"],
        "seminar": rooms["一楼大会议室"],
        "regular_study": rooms["一楼大会议室"],
    }[code]


def _seed_meeting(year, code, n, count, video, meeting_type, people, departments, rooms, today, rng):
    title = _title(year, code, n, meeting_type)
    if Meeting.objects.filter(title=title).exists():
        return 0
    day = _day(year, n, count, code, today)
    tz = timezone.get_current_timezone()
    hour = {"party_group": 9, "bureau_affairs": 14, "central_group_study": 15, "regular_study": 16}.get(code, 10)
    start = datetime.datetime.combine(day, datetime.time(hour, 0 if code != "special" else 30), tzinfo=tz)
    end = start + datetime.timedelta(minutes={"regular_study": 60, "other": 90}.get(code, 120))
    attendees, depts, observers = _people_for(code, people, departments, n)
    host = attendees[0]
    clerk = people["clerk"]
    agenda_pool = AGENDA[code]
    agenda = [
        agenda_pool[(n + k) % len(agenda_pool)]
        for k in range(1 + n % 3 if code in ("party_group", "bureau_affairs") else 1)
    ]
    future = start > timezone.now()
    meeting = None
    for shift in (0, 2, 4, 6):  # another slot the same day if the room is taken
        try:
            meeting = services.meeting_create(
                actor=clerk,
                title=title,
                meeting_type=meeting_type,
                host=host,
                start=start + datetime.timedelta(hours=shift),
                end=end + datetime.timedelta(hours=shift),
                room=_room_for(code, video, rooms, n),
                is_video=video,
                video_link="省水利厅视频会议系统 会议号 8801" if video else "",
                attendees=attendees,
                departments=depts,
                observers=observers,
                agenda=list(dict.fromkeys(agenda)),
                notify=future,
            )
            break
        except ValidationError:
            continue
    if meeting is None:
        return 0
    _play_out(meeting, code, n, people, departments, today, rng, future)
    return 1


def _play_out(meeting, code, n, people, departments, today, rng, future):
    clerk = people["clerk"]
    rows = list(meeting.attendances.select_related("person"))
    # A few ask leave, most confirm.
    for k, row in enumerate(rows):
        if row.person_id == meeting.host_id:
            continue
        if (n + k) % 9 == 4:
            services.attendance_ask_leave(
                actor=row.person,
                meeting=meeting,
                reason=rng.choice(["外出参加省厅培训", "带队现场督查", "病假", "参加市政府会议"]),
            )
        elif k % 3 == 1 or (future and k % 2):
            services.attendance_confirm(actor=row.person, meeting=meeting)
    if future:
        return
    # Sign-in, entered from the paper sheet: most on time, some late, the odd one absent.
    times = {}
    for k, row in enumerate(meeting.attendances.exclude(response="leave")):
        roll = (n * 7 + k * 3) % 23
        if roll == 5:
            continue  # absent
        minutes = rng.randint(5, 25) if roll in (3, 11) else -rng.randint(3, 20)
        times[row.person_id] = meeting.start + datetime.timedelta(minutes=minutes)
    services.attendance_sign_in_many(actor=clerk, meeting=meeting, times=times)
    topic = meeting.agenda_items.first().title if meeting.agenda_items.exists() else meeting.title
    services.meeting_record_minutes(
        actor=clerk,
        meeting=meeting,
        record=f"{meeting.host.name}主持会议。\n"
        + "\n".join(f"议题：{a.title}。相关科室作了汇报，与会人员进行了讨论。" for a in meeting.agenda_items.all()),
        minutes="\n".join(line.format(topic=topic) for line in MINUTES_LINES),
        minutes_title=f"{meeting.meeting_type.name}纪要",
    )
    if code in ("party_group", "bureau_affairs", "special"):
        for k in range(1 + n % 3):
            dept_code, text = DECISIONS[(n * 3 + k + len(code)) % len(DECISIONS)]
            department = departments[dept_code]
            responsible = User.objects.filter(department=department, is_active=True).order_by("id").first()
            meeting_day = timezone.localtime(meeting.start).date()
            decision = services.decision_add(
                actor=clerk,
                meeting=meeting,
                text=text,
                department=department,
                responsible=responsible,
                deadline=meeting_day + datetime.timedelta(days=rng.choice([15, 20, 30, 45])),
            )
            _progress(decision.supervised_item, meeting_day, today, rng, n + k)
    services.meeting_mark_held(actor=clerk, meeting=meeting)


def _progress(item, meeting_day, today, rng, k):
    """Most decisions past their deadline are done (a few late, a few still open and overdue)."""
    if item.start_date + datetime.timedelta(days=5) <= today:
        supervised_item_report_progress(actor=item.responsible, item=item, text="已按会议要求部署，正在推进。")
    if item.deadline >= today:
        return
    if k % 7 == 3:
        if item.deadline >= today - datetime.timedelta(days=office_demo.LONG_OVERDUE_DAYS):
            return  # still open and overdue: the office urges it (office.demo.urge_overdue)
        # Long past its deadline: urged by the office, then finished late.
        finished = item.deadline + datetime.timedelta(days=45 + (k * 11) % 35)
        office_demo.urge_item(item, finished, today)
        supervised_item_complete(
            actor=item.responsible,
            item=item,
            note="经办公室催办，已完成会议议定事项，材料已报办公室。",
            completed_on=finished,
        )
        return
    finished = min(item.deadline + datetime.timedelta(days=rng.choice([-6, -3, -1, 0, 2, 5])), today)
    finished = max(finished, item.start_date)
    if item.status == SupervisionStatus.OPEN:
        supervised_item_complete(
            actor=item.responsible, item=item, note="已按会议议定完成，材料已报办公室。", completed_on=finished
        )
