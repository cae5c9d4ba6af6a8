"""The petitions part of the demo: two years (last year and this year up to today) of
petitions with every statutory step, receptions with their letters and lists, the duty roster
with its holiday roster, log entries and swaps, and daily safety patrols with a few hazards.

Everything goes through the services, so the clocks, the supervised items and the history are
real. Deterministic (a seeded random.Random; dates relative to today) and idempotent: a record
is looked up by its natural key first (a petition by its date and title, a reception by its
unit and date, a patrol by its date, a duty day by its date)."""

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from office.models import Department, Notification, User
from office.workdays import is_working_day

from . import services
from .choices import Channel, PetitionStatus, ReceptionKind, Subject
from .models import DutyAssignment, DutyDay, DutyLog, DutySwap, Patrol, Petition, Reception

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = [
    "建华",
    "秀兰",
    "国强",
    "桂英",
    "志明",
    "海燕",
    "德福",
    "玉梅",
    "永庆",
    "红霞",
    "长林",
    "淑珍",
    "宝山",
    "春花",
    "新民",
    "翠萍",
]
TOWNS = ["城关镇", "河口镇", "新桥乡", "柳湾镇", "石门乡", "东岗街道", "西湖街道", "龙泉镇"]
TOPICS = {
    Subject.PROJECT: ["反映灌区渠道改造施工影响通行", "反映泵站建设噪声扰民", "反映堤防加固工程质量问题"],
    Subject.RESETTLEMENT: ["要求落实水库移民后期扶持资金", "反映工程占地补偿标准偏低", "要求解决移民安置房产权问题"],
    Subject.WATER_RESOURCES: ["反映企业违规取用地下水", "咨询取水许可办理程序"],
    Subject.RIVERS: ["反映河道非法采砂", "反映河道垃圾堆放影响行洪", "反映岸线违章建筑"],
    Subject.DRINKING_WATER: ["反映村组自来水水压不足", "反映农村供水水质浑浊", "要求延伸供水管网到自然村"],
    Subject.FLOOD: ["反映排涝沟渠淤塞", "要求修复汛期冲毁的塘坝"],
    Subject.WAGES: ["反映水利工程施工单位拖欠农民工工资", "反映工程款结算拖延"],
    Subject.CONDUCT: ["反映基层水管站工作人员服务态度差"],
    Subject.OTHER: ["咨询小型水库承包政策", "反映农田水利设施管护不到位"],
}
# channel: (count last year, count this year, share of group visits)
PLAN = {
    Channel.VISIT: (46, 42),
    Channel.LETTER: (32, 28),
    Channel.ONLINE: (30, 34),
    Channel.PHONE: (12, 10),
    Channel.HIGHER: (9, 8),
}
HIGHER_BODIES = ["市信访局", "省水利厅", "市人民政府办公室"]
TRANSFER_BODIES = ["城关镇人民政府", "市自然资源和规划局", "市生态环境局", "市住房和城乡建设局", "县水务局"]
ASSIGN_DEPARTMENTS = ["planning", "resources", "rivers", "rural", "flood", "works"]

RECEPTION_UNITS = [
    ("省水利厅", "调研河湖长制工作"),
    ("淮河水利委员会", "检查防汛准备工作"),
    ("兄弟市水利局", "考察农村供水一体化建设"),
    ("省水利厅农水处", "调研灌区续建配套与现代化改造"),
    ("省水利厅水保处", "水土保持监督检查"),
    ("兄弟县水务局", "学习交流水利工程标准化管理"),
    ("市人大常委会农工委", "视察水利重点项目建设"),
    ("省水文水资源勘测局", "调研水文站网建设"),
]
LARGE_EVENTS = [
    (ReceptionKind.LARGE_MEETING, "全市水利工作会议", 3),
    (ReceptionKind.INSPECTION, "水利部有关司局考察组", 6),
    (ReceptionKind.LARGE_MEETING, "全省农村供水现场推进会", 9),
    (ReceptionKind.INSPECTION, "省最严格水资源管理制度考核组", 11),
]
PATROL_AREAS = ["机关办公楼", "档案室", "信息机房", "职工食堂", "地下车库", "院区及围墙", "防汛物资仓库"]
HAZARDS = [
    ("职工食堂", "燃气软管老化"),
    ("地下车库", "灭火器压力不足"),
    ("信息机房", "空调漏水"),
    ("院区及围墙", "围墙局部开裂"),
    ("档案室", "应急照明失效"),
    ("防汛物资仓库", "货架固定螺栓松动"),
]
LEADERS = ["leader", "lidw", "wangxy", "liuzq"]
STAFF = [
    "depthead",
    "clerk",
    "sunli",
    "petitions",
    "handler",
    "fengjun",
    "chuyong",
    "jiangli",
    "hanxue",
    "zhuming",
    "youjia",
    "shiyan",
]
DUTY_LOGS = [
    ("call", "市防指", "通知明日起有强降雨，请做好防汛值班", "已报告带班领导，通知防汛科做好准备"),
    ("call", "群众来电", "反映村内排涝沟堵塞", "已登记并转农水科核实"),
    ("notice", "市政府值班室", "要求报送节日期间安全生产情况", "已按时报送"),
    ("event", "机关院区", "夜间门禁故障", "已联系物业维修，次日恢复"),
    ("call", "水文站", "报告河道水位上涨接近警戒", "已报告带班领导并通知防汛科"),
]


def _d(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _person(rng, n):
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    region = "3201" + f"{rng.randrange(10, 30):02d}"
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 50))
    body = f"{region}{birth:%Y%m%d}{rng.randrange(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=False)) % 11]
    return {
        "name": name,
        "id_number": body + check,
        "phone": f"13{rng.randrange(0, 10)}{rng.randrange(10**8):08d}",
        "address": f"本市{rng.choice(TOWNS)}{rng.choice('东西南北中')}村{rng.randrange(1, 12)}组"
        f"{rng.randrange(1, 80)}号",
    }


def seed(stdout=None):
    people = {u.username: u for u in User.objects.filter(username__in=[*LEADERS, *STAFF, "petitions", "depthead"])}
    if "petitions" not in people or "leader" not in people or "clerk" not in people:
        if stdout:
            stdout.write("信访与接待：缺少办公室核心的演示人员，跳过。")
        return
    departments = {d.code: d for d in Department.objects.all()}
    heads = {u.department.code: u for u in User.objects.filter(groups__name="科室负责人").select_related("department")}
    handlers = {}
    for user in User.objects.filter(department__code__in=ASSIGN_DEPARTMENTS, groups__name="承办人").select_related(
        "department"
    ):
        handlers.setdefault(user.department.code, user)
    today = timezone.localdate()
    started = timezone.now()
    rng = random.Random(20260050)  # noqa: S311 - demo data, not security
    petitions = _seed_petitions(people, departments, handlers or heads, today, rng)
    receptions = _seed_receptions(people, today, rng)
    days = _seed_duty(people, today, rng)
    patrols = _seed_patrols(people, today, rng)
    # What the past steps sent is history, not news; the officer's running clocks stay as items.
    Notification.objects.filter(created_at__gte=started, read_at__isnull=True).exclude(
        title__startswith="值班提醒"
    ).update(read_at=timezone.now())
    services.duty_send_reminders()
    if stdout:
        stdout.write(
            f"信访与接待：新增信访事项 {petitions} 件，公务接待 {receptions} 次，"
            f"值班 {days} 天，安全巡查 {patrols} 次。"
        )


def _seed_petitions(people, departments, handlers, today, rng):
    officer, leader = people["petitions"], people["leader"]
    created = 0
    for year in (today.year - 1, today.year):
        first = datetime.date(year, 1, 4)
        last = min(datetime.date(year, 12, 28), today)
        if last < first:
            continue
        for channel, counts in PLAN.items():
            count = counts[0] if year < today.year else max(1, round(counts[1] * (last - first).days / 360))
            for n in range(count):
                created += _seed_petition(
                    year, channel, n, first, last, officer, leader, departments, handlers, today, rng
                )
    return created


def _seed_petition(year, channel, n, first, last, officer, leader, departments, handlers, today, rng):
    # Each petition draws from its own stream, so a second run regenerates the same values and
    # finds the record by its natural key.
    rng = random.Random(f"petition-{year}-{channel}-{n}")  # noqa: S311 - demo data
    subject = rng.choice(list(TOPICS))
    topic = rng.choice(TOPICS[subject])
    received = _d(rng, first, last)
    title = topic
    group = channel == Channel.VISIT and rng.random() < 0.2
    petitioners = [_person(rng, n)]
    if group and rng.random() < 0.5:
        petitioners.append(_person(rng, n + 1000))
    persons = rng.randrange(3, 12) if group else len(petitioners)
    # Repeats: now and then the same person comes back within the year.
    repeat_of = None
    if n % 9 == 8:
        repeat_of = (
            Petition.objects.filter(received_on__lt=received, received_on__gte=received - datetime.timedelta(days=300))
            .order_by("received_on")
            .first()
        )
        if repeat_of is not None:
            earlier = repeat_of.petitioners.first()
            petitioners = [
                {
                    "name": earlier.name,
                    "id_number": earlier.id_number,
                    "phone": earlier.phone,
                    "address": earlier.address,
                }
            ]
            persons = 1
    if Petition.objects.filter(received_on=received, title=title, channel=channel).exists():
        return 0
    petition = services.petition_register(
        actor=officer,
        channel=channel,
        received_on=received,
        persons=persons,
        subject=subject,
        title=title,
        content=f"{petitioners[0]['name']}等反映：{topic}，请求有关部门尽快调查处理。",
        request="请求依法依规处理并书面答复。",
        higher_body=rng.choice(HIGHER_BODIES) if channel == Channel.HIGHER else "",
        petitioners=petitioners,
    )
    age = (today - received).days
    decide_after = rng.randrange(1, 12)
    if age < decide_after:
        return 1  # registered, its 15-day clock running
    decided = received + datetime.timedelta(days=decide_after)
    roll = rng.random()
    if roll < 0.08:
        services.petition_transfer(
            actor=officer,
            petition=petition,
            on=decided,
            transferred_to=rng.choice(TRANSFER_BODIES),
            note="属地管辖，依法转送。",
        )
        return 1
    if roll < 0.14:
        services.petition_refuse(
            actor=officer,
            petition=petition,
            on=decided,
            note="该诉求已经或者依法应当通过诉讼、仲裁途径解决，不予受理。",
        )
        return 1
    if roll < 0.26 and handlers:
        code = rng.choice(sorted(handlers))
        handler = handlers[code]
        petition = services.petition_assign(
            actor=officer,
            petition=petition,
            on=decided,
            department=handler.department,
            handler=handler,
            note="请按期办结并答复。",
        )
    else:
        petition = services.petition_accept(actor=officer, petition=petition, on=decided, note="属本局职责，予以受理。")
    handle_days = rng.randrange(12, 58)
    if rng.random() < 0.08 and (today - decided).days > 50:
        on = decided + datetime.timedelta(days=50)
        if on <= today:
            petition = services.petition_extend(
                actor=leader,
                petition=petition,
                days=rng.choice([15, 20, 30]),
                reason="涉及多个部门，需进一步调查核实。",
                on=on,
            )
            handle_days = rng.randrange(55, 70)
    replied_on = decided + datetime.timedelta(days=handle_days)
    if replied_on > today or replied_on > petition.due_on:
        return 1  # in progress
    petition = services.petition_reply(
        actor=officer, petition=petition, on=replied_on, reply="经调查核实，已责成有关单位限期整改，现答复如下：……"
    )
    petition = services.petition_record_satisfaction(
        actor=officer, petition=petition, satisfaction=rng.choices(["satisfied", "basic", "unsatisfied"], [7, 2, 1])[0]
    )
    review_on = replied_on + datetime.timedelta(days=rng.randrange(5, 28))
    if petition.satisfaction == "unsatisfied" and review_on <= today:
        petition = services.petition_review_request(actor=officer, petition=petition, on=review_on)
        decided_review = review_on + datetime.timedelta(days=rng.randrange(10, 28))
        if decided_review > today:
            return 1
        petition = services.petition_review_decide(
            actor=officer,
            petition=petition,
            on=decided_review,
            result="upheld",
            note="经复查，原处理意见认定事实清楚，予以维持。",
        )
    close_on = (petition.review_decided_on or replied_on) + datetime.timedelta(days=31)
    if close_on <= today and petition.status in (PetitionStatus.REPLIED, PetitionStatus.REVIEWED):
        services.petition_close(actor=officer, petition=petition, on=close_on)
    return 1


def _letter_scan():
    from office.pdf import render_pdf

    html = "<html><body><h1>公函</h1><p>（扫描件，演示数据）</p></body></html>"
    return render_pdf(html)


def _seed_receptions(people, today, rng):
    clerk, director, leader = people["clerk"], people.get("depthead") or people["leader"], people["leader"]
    scan = None
    created = 0
    for year in (today.year - 1, today.year):
        rng = random.Random(f"reception-{year}")  # noqa: S311 - demo data
        plan = []
        for kind, name, month in LARGE_EVENTS:
            plan.append((kind, name, datetime.date(year, month, 12 + rng.randrange(10)), rng.randrange(15, 40)))
        for n in range(26 if year < today.year else 24):
            plan.append(
                (
                    ReceptionKind.ROUTINE,
                    "",
                    datetime.date(year, 1, 8) + datetime.timedelta(days=n * 13 + rng.randrange(5)),
                    rng.randrange(2, 12),
                )
            )
        if year == today.year:
            # Two coming receptions: one waiting for approval, one approved.
            plan += [
                (ReceptionKind.ROUTINE, "", today + datetime.timedelta(days=6), 5),
                (ReceptionKind.ROUTINE, "", today + datetime.timedelta(days=2), 8),
            ]
        for index, (kind, name, start, visitors) in enumerate(plan):
            if start > today + datetime.timedelta(days=20):
                continue
            unit, purpose = RECEPTION_UNITS[index % len(RECEPTION_UNITS)]
            if kind != ReceptionKind.ROUTINE:
                unit, purpose = (
                    ("各县区水利部门", f"参加{name}") if kind == ReceptionKind.LARGE_MEETING else ("水利部", name)
                )
            if Reception.objects.filter(visiting_unit=unit, start_date=start).exists():
                continue
            rng = random.Random(f"reception-{year}-{index}")  # noqa: S311 - demo data
            if scan is None:
                scan = _letter_scan()
            end = start + datetime.timedelta(days=1 if visitors > 10 else 0)
            limit = services.meal_companion_limit(visitors)
            companions = rng.randrange(1, limit + 1)
            meal_cost = Decimal(visitors + companions) * Decimal("120.00")
            items = [
                {"date": start, "activity": "meal", "description": "工作餐", "place": "机关食堂", "cost": meal_cost}
            ]
            if kind != ReceptionKind.ROUTINE:
                items.append(
                    {
                        "date": start,
                        "activity": "meeting",
                        "description": "会场布置及资料",
                        "place": "一楼大会议室",
                        "cost": Decimal("1500.00"),
                    }
                )
            if end > start:
                items.append(
                    {
                        "date": start,
                        "activity": "lodging",
                        "description": "协议酒店住宿",
                        "place": "协议酒店",
                        "cost": Decimal(visitors) * Decimal("280.00"),
                    }
                )
            reception = services.reception_create(
                actor=clerk,
                kind=kind,
                event_name=name,
                visiting_unit=unit,
                letter_scan=ContentFile(scan, name="letter.pdf"),
                letter_number=f"{unit[:2]}函〔{year}〕{index + 11}号",
                purpose=purpose,
                start_date=start,
                end_date=end,
                place="局机关",
                visitors=[
                    {
                        "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                        "post": rng.choice(["处长", "副处长", "科长", "工作人员"]),
                    }
                    for _ in range(visitors)
                ],
                has_meals=True,
                has_lodging=end > start,
                has_meeting=True,
                has_inspection=kind == ReceptionKind.INSPECTION or index % 3 == 0,
                meal_companions=companions,
                items=items,
            )
            approve_on = start - datetime.timedelta(days=rng.randrange(1, 5))
            if start > today:
                approve_on = today if start - today < datetime.timedelta(days=4) else start
            if approve_on <= today:
                reception = services.reception_approve(
                    actor=director if index % 4 else leader, reception=reception, on=approve_on
                )
                if end <= today:
                    services.reception_complete(actor=clerk, reception=reception, on=end)
            created += 1
    return created


def _seed_duty(people, today, rng):
    clerk = people["clerk"]
    leaders = [people[u] for u in LEADERS if u in people]
    staff = [people[u] for u in STAFF if u in people and u not in LEADERS]
    first = datetime.date(today.year - 1, 1, 1)
    last = today + datetime.timedelta(days=45)
    created = []
    # A year at most per call: the roster is drafted year by year.
    start = first
    while start <= last:
        end = min(datetime.date(start.year, 12, 31), last)
        created += services.duty_generate(
            actor=clerk, first=start, last=end, leaders=leaders, staff=staff, staff_per_day=1, holiday_staff_per_day=2
        )
        start = end + datetime.timedelta(days=1)
    # Holidays of next year, drafted ahead where the calendar is known.
    services.duty_holiday_draft(actor=clerk, year=today.year + 1, leaders=leaders, staff=staff)
    if not DutyLog.objects.exists():
        tz = timezone.get_current_timezone()
        for day in DutyDay.objects.filter(date__lt=today, date__gte=first).order_by("date")[::9]:
            kind, caller, content, action = DUTY_LOGS[day.pk % len(DUTY_LOGS)]
            person = DutyAssignment.objects.filter(day=day, role="staff").select_related("person").first()
            if person is None:
                continue
            services.duty_log_add(
                actor=person.person,
                day=day,
                occurred_at=datetime.datetime.combine(day.date, datetime.time(20, rng.randrange(60)), tzinfo=tz),
                kind=kind,
                caller=caller,
                content=content,
                action_taken=action,
                handover="无" if day.pk % 3 else "次日上午继续跟踪处理情况",
            )
    if not DutySwap.objects.exists():
        upcoming = list(
            DutyAssignment.objects.filter(day__date__gt=today, role="staff")
            .select_related("day", "person")
            .order_by("day__date")[:12]
        )
        for a, b in ((upcoming[0], upcoming[3]), (upcoming[5], upcoming[8])) if len(upcoming) > 8 else ():
            if a.person_id == b.person_id:
                continue
            swap = services.duty_swap_request(
                actor=a.person, assignment=a, substitute=b.person, counter_assignment=b, reason="家中有事，与同事对调"
            )
            if a.day.date.day % 2 == 0:
                services.duty_swap_decide(actor=clerk, swap=swap, approve=True)
    return len(created)


def _seed_patrols(people, today, rng):
    clerk = people["clerk"]
    inspectors = [people[u] for u in ("clerk", "sunli", "petitions") if u in people]
    owners = list(User.objects.filter(department__code="office", is_active=True).order_by("id"))[:3] or [clerk]
    created = 0
    day = datetime.date(today.year - 1, 1, 2)
    existing = set(Patrol.objects.values_list("date", flat=True))
    hazard_turn = 0
    while day <= today:
        if day not in existing and is_working_day(day):
            rng = random.Random(f"patrol-{day}")  # noqa: S311 - demo data
            areas = "、".join(rng.sample(PATROL_AREAS, 3))
            hazard = ""
            owner = deadline = None
            if rng.random() < 0.04:
                area, hazard = HAZARDS[hazard_turn % len(HAZARDS)]
                hazard_turn += 1
                areas = area if area in areas else f"{areas}、{area}"
                owner = owners[hazard_turn % len(owners)]
                deadline = day + datetime.timedelta(days=rng.choice([3, 7, 15]))
            patrol = services.patrol_record(
                actor=clerk,
                inspector=inspectors[created % len(inspectors)],
                date=day,
                areas=areas,
                findings="消防设施、用电安全、门窗门禁检查正常" if not hazard else "发现隐患，已现场登记",
                hazard=hazard,
                owner=owner,
                deadline=deadline,
            )
            if hazard:
                done = deadline - datetime.timedelta(days=1)
                if done <= today - datetime.timedelta(days=2):
                    services.patrol_rectify(
                        actor=clerk, patrol=patrol, on=max(done, day), note="已完成整改，复查合格。"
                    )
            created += 1
        day += datetime.timedelta(days=1)
    return created
