"""The documents' part of the demo: last year and this year up to today of incoming (收文) and
outgoing (发文) documents, deputies' proposals, leaders' instructions, archived items and
publicity, every record made and moved through its states by the services with the actor a
user would be (the clerk registers, a leader instructs and signs, the lead department
completes …). So the demo obeys the users' rules, takes its serials from office.numbering and
opens and closes the supervised items (督办) the services open.

How the year is played: each record's life is a chain of service calls at planned moments; the
chains of all records run together in the order of their moments (so serials, 文号 and 件号 are
given in date order, gap-free). A call planned after now is not made: the record stays in the
state it reached, which gives the documents in progress, the overdue ones and the open items.

The services stamp "now". Each call is noted with its planned moment, and afterwards every
timestamp a call wrote (its rows, their history, the steps, the supervised items' events, the
notifications) is moved to that call's moment; the dates a service sets to today (an item's
交办日期 and 办结日期, an archive date) follow, and where a service refuses a past deadline the
demo gives today and sets the planned deadline afterwards (see _backdate).

Deterministic (a random.Random per record, dates relative to today) and idempotent: a year
whose incoming documents exist is left as it is."""

import bisect
import datetime
import heapq
import random
from functools import reduce
from operator import or_
from unittest import mock

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import DateTimeField, F, Q
from django.utils import timezone

from office import demo as office_demo
from office.models import Department, Notification, SupervisedItem, SupervisionEvent, User
from office.roles import CLERK, DEPARTMENT_HEAD, HANDLER, LEADER, ROLES
from office.services.supervision import supervised_item_urge, supervision_send_reminders

from .choices import (
    Classification,
    Disclosure,
    DocumentKind,
    HandlingType,
    PublicityChannel,
    Retention,
    SecrecyPeriod,
    Urgency,
)
from .models import (
    ArchiveItem,
    BodyVersion,
    CirculationReader,
    Countersign,
    IncomingDocument,
    IncomingStep,
    Instruction,
    IssuingCode,
    OutgoingDocument,
    OutgoingStep,
    Proposal,
    PublicityItem,
)
from .models.proposals import default_deadline
from .services import archive as archive_services
from .services import incoming as incoming_services
from .services import outgoing as outgoing_services
from .services import proposals as proposal_services
from .services import publicity as publicity_services

# The bureau's own 机关代字 (滨河市水利局: 滨水): (机关代字, 用途, 排序, 发文机关标志 after the organisation's name)
CODES = [("滨水发", "局发文", 10, "文件"), ("滨水办", "办公室发文", 20, "办公室文件"), ("滨水函", "局函", 30, "")]
# Whom the bureau's 函 go to.
LETTER_RECIPIENTS = ["市财政局", "市发展和改革委员会", "市生态环境局", "市自然资源和规划局", "省水利厅"]
# Documents a year (this year: in proportion to the part of the year gone).
INCOMING_PER_YEAR = 150
OUTGOING_PER_YEAR = 100
INSTRUCTIONS_PER_YEAR = 16
PROPOSALS_PER_YEAR = 20
PUBLICITY_PER_YEAR = 72
# Who sends the bureau documents, with the 机关代字 their own numbers carry: the province's
# department of water resources, the basin commission, and the city's (滨河市: 滨) offices; each
# numbers its documents in its own yearly sequence (a 函 under its 函 code). 报告 come up from
# the counties' water bureaus and the bureau's own units.
SENDERS = [
    ("省水利厅", ["省水利发", "省水利办", "省水利函"]),
    ("市人民政府", ["滨政", "滨政函"]),
    ("市人民政府办公室", ["滨政办发", "滨政办", "滨政办函"]),
    ("市委办公室", ["滨办发", "滨办字"]),
    ("市发展和改革委员会", ["滨发改投资", "滨发改农经", "滨发改函"]),
    ("市财政局", ["滨财农", "滨财预", "滨财函"]),
    ("市生态环境局", ["滨环发", "滨环函"]),
    ("黄河水利委员会", ["黄水调", "黄水政", "黄水函"]),
    ("市应急管理局", ["滨应急", "滨应急函"]),
    ("市防汛抗旱指挥部办公室", ["滨防指办", "滨防指办函"]),
    ("市自然资源和规划局", ["滨自然资规", "滨自然资函"]),
]
REPORTING_SENDERS = [
    ("河东县水利局", ["东水"]),
    ("滨南区农业农村和水利局", ["滨南农水"]),
    ("清源县水利局", ["清水"]),
    ("市水利事业发展中心", ["滨水中心"]),
]


def _sender_number(play, year, n, kind_suffix, rng):
    """来文字号 by sender: its 机关代字 (a 函 under its 函 code), the year, and the next number
    of that code's sequence (it numbers documents to others too, so the numbers the bureau
    receives rise with gaps)."""
    if kind_suffix == "报告":
        sender, prefixes = REPORTING_SENDERS[(n // 5) % len(REPORTING_SENDERS)]
    else:
        sender, prefixes = SENDERS[n % len(SENDERS)]
    letters = [p for p in prefixes if p.endswith("函")]
    others = [p for p in prefixes if not p.endswith("函")]
    prefix = letters[0] if kind_suffix == "函" and letters else others[rng.randrange(len(others))]
    last = play.sender_numbers.get((prefix, year), 0)
    number = last + rng.randint(1, 3 if kind_suffix == "报告" else 9)
    play.sender_numbers[(prefix, year)] = number
    return sender, f"{prefix}〔{year}〕{number}号"


TOPICS = [
    "做好冬春农田水利建设",
    "开展河湖“清四乱”专项行动",
    "加强汛前安全检查",
    "报送水利统计年报",
    "推进农村供水工程规范化建设",
    "开展水利工程标准化管理评价",
    "做好节水型社会建设",
    "加强水土保持监督管理",
    "做好取水许可证电子证照转换",
    "开展水库安全度汛检查",
    "加强地下水超采综合治理",
    "做好防汛抗旱物资储备",
]
KINDS = [DocumentKind.NOTICE, DocumentKind.NOTICE, DocumentKind.LETTER, DocumentKind.OPINION, DocumentKind.REPORT]
INCOMING_VOID_REASONS = ["与已登记文件重复，予以作废。", "来文单位来函撤回原文件。"]
OUTGOING_VOID_REASONS = ["内容已并入其他文件，不再印发。", "领导决定暂缓发文。"]
PROPOSAL_TOPICS = [
    "加快城乡供水一体化建设",
    "加强地下水超采区治理",
    "提升小型水库管护水平",
    "推进节水型社会建设",
    "加强农村河道整治",
    "完善防汛预警体系",
    "推进智慧水利建设",
    "加强水土流失治理",
]
ARTICLES = [
    "我局召开河湖长制工作推进会",
    "全市水利工程冬季安全检查全面展开",
    "节水宣传进社区活动走深走实",
    "我局开展防汛应急演练",
    "农村供水保障专项行动取得阶段性成效",
    "水资源管理考核获评优秀等次",
]
OUTLETS = ["市日报", "市广播电视台", "中国水利报"]
# The incoming documents of today, in the state each stays in (one each).
FRESH_INCOMING = ["handling", "circulating", "instructed", "proposed", "reviewed", "registered", "received"]
FRESH_OUTGOING = ["numbered", "signed", "signing", "countersign", "review", "returned", "draft"]
# Records the services write during the demo, whose timestamps _backdate moves.
DATED_MODELS = [
    IncomingDocument,
    IncomingStep,
    CirculationReader,
    OutgoingDocument,
    OutgoingStep,
    BodyVersion,
    Countersign,
    Proposal,
    Instruction,
    ArchiveItem,
    PublicityItem,
    SupervisedItem,
    SupervisionEvent,
    Notification,
]


def seed(stdout=None):
    today = timezone.localdate()
    org = getattr(settings, "ORGANISATION_NAME", "")
    codes = {
        c: IssuingCode.objects.get_or_create(
            code=c, defaults={"description": d, "sort_order": o, "mark": f"{org}{m}"[:20]}
        )[0]
        for c, d, o, m in CODES
    }
    people = _people()
    if people is None:
        if stdout:
            stdout.write("公文：缺少办公室核心的演示人员，跳过。")
        return
    years = [y for y in (today.year - 1, today.year) if not IncomingDocument.objects.filter(year=y).exists()]
    if not years:
        if stdout:
            stdout.write("公文：演示数据已存在。")
        return
    first = {
        model: _last_pk(model)
        for model in (IncomingDocument, OutgoingDocument, Proposal, Instruction, ArchiveItem, PublicityItem)
    }
    play = _Play(today, people, first)
    for year in years:
        _plan_year(play, year, codes)
    play.run()
    _backdate(play)
    # What the past steps sent is history, not news: read a few hours after it came. The last
    # week's stay unread, as the to-do of the people the documents now wait on.
    week_ago = timezone.now() - datetime.timedelta(days=7)
    Notification.objects.filter(pk__gt=play.first_notification, created_at__lt=week_ago, read_at__isnull=True).update(
        read_at=F("created_at") + datetime.timedelta(hours=3)
    )
    # Today's reminders for the documents' open items, as the daily task sends them (the
    # core's seed ran before these items existed; once per item and day, so a second run
    # sends none).
    supervision_send_reminders()
    if stdout:
        made = {model: model.objects.filter(pk__gt=pk).count() for model, pk in first.items()}
        stdout.write(
            f"公文：新增收文 {made[IncomingDocument]} 件，发文 {made[OutgoingDocument]} 件，"
            f"建议提案 {made[Proposal]} 件，领导批示 {made[Instruction]} 件，归档 {made[ArchiveItem]} 件，"
            f"信息宣传 {made[PublicityItem]} 条。"
        )


def _last_pk(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _people():
    by_name = {u.username: u for u in User.objects.filter(username__in=["clerk", "sunli", "leader"], is_active=True)}
    if "clerk" not in by_name or "leader" not in by_name:
        return None
    leaders = list(User.objects.filter(groups__name=ROLES[LEADER].group, is_active=True).order_by("id"))
    users = (
        User.objects.filter(is_active=True, department__isnull=False)
        .select_related("department")
        .prefetch_related("groups")
        .order_by("id")
    )
    heads, handlers, drafters = {}, {}, {}
    for user in users:
        groups = {g.name for g in user.groups.all()}
        code = user.department.code
        if ROLES[DEPARTMENT_HEAD].group in groups:
            heads.setdefault(code, user)
        if ROLES[HANDLER].group in groups:
            handlers.setdefault(code, []).append(user)
        if groups & {ROLES[g].group for g in (CLERK, DEPARTMENT_HEAD, HANDLER)}:
            drafters.setdefault(code, []).append(user)
    departments = [
        d
        for d in Department.objects.filter(kind="section").exclude(code="office").order_by("sort_order", "id")
        if d.code in heads or d.code in handlers
    ]
    if not departments:
        return None
    return {
        "clerk": by_name["clerk"],
        # The second clerk keeps the outgoing register (核稿, 编号, 印发).
        "outgoing_clerk": by_name.get("sunli", by_name["clerk"]),
        "leader": by_name["leader"],
        "leaders": leaders or [by_name["leader"]],
        "departments": departments,
        "office": Department.objects.filter(code="office").first(),
        "heads": heads,
        "handlers": handlers,
        "drafters": drafters,
    }


class _Play:
    """The service calls of the demo in the order of their planned moments. A record's life is
    a generator of (moment, call); its next call is planned once the previous one has run, so
    a call may use what the previous ones returned. A call planned after now is not made, nor
    any later one of the same record."""

    def __init__(self, today, people, first):
        self.today = today
        self.first = first  # the last pk of each register before the demo
        self.now = timezone.now()
        self.people = people
        self.queue = []
        self.count = 0
        self.marks = []  # (when the call began, the moment it was planned for)
        self.deadlines = {}  # (model, pk) -> (deadline given to the service, planned deadline)
        self.first_notification = _last_pk(Notification)
        self.first_item = _last_pk(SupervisedItem)
        self.sender_numbers = {}  # (机关代字, year) -> the last 来文 number given

    def add(self, life):
        self._next(iter(life))

    def _next(self, life):
        step = next(life, None)
        if step is not None and step[0] <= self.now:
            heapq.heappush(self.queue, (step[0], self.count, step[1], life))
            self.count += 1

    def run(self):
        while self.queue:
            moment, _n, call, life = heapq.heappop(self.queue)
            self.marks.append((timezone.now(), moment))
            call()
            self._next(life)

    def deadline_for_service(self, planned):
        # incoming_assign refuses a deadline before today, as it would for a user; a past
        # document is given today and its planned deadline afterwards (see _backdate). Today is
        # the clock's, not the play's: the demo takes minutes and may run past midnight.
        return max(planned, timezone.localdate())


def _clocked(call, moment, today):
    """outgoing_assign_number takes the number's year from the clock and takes no date: a
    document numbered last year can only get last year's 文号, from last year's gap-free
    sequence, if the call runs with the clock of that day. Only that call runs so; its moment
    is in the past, so _backdate leaves what it wrote as it is."""
    if moment.year == today.year:
        return call

    def clocked():
        with mock.patch.object(timezone, "now", return_value=moment):
            call()

    return clocked


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))) + datetime.timedelta(minutes=minute)


def _working(moment):
    """The same time on the next working day (Monday to Friday) when it falls on a weekend."""
    while moment.weekday() >= 5:
        moment += datetime.timedelta(days=1)
    return moment


def _later(moment, rng, low_hours, high_hours):
    """A moment some working hours later, kept within office hours (08:30–17:30)."""
    moment += datetime.timedelta(minutes=rng.randint(int(low_hours * 60), int(high_hours * 60)))
    local = timezone.localtime(moment)
    if local.hour >= 18 or (local.hour == 17 and local.minute > 30):
        moment = _at(local.date() + datetime.timedelta(days=1), 8, 30 + rng.randint(0, 50))
    elif local.hour < 8:
        moment = _at(local.date(), 8, 30 + rng.randint(0, 50))
    return _working(timezone.localtime(moment))


def _soon(moment, rng):
    """A few minutes later: today's documents move on quickly, whatever the hour."""
    return moment + datetime.timedelta(minutes=rng.randint(3, 6))


def _days(moment, days, rng):
    return _working(_at(timezone.localtime(moment).date() + datetime.timedelta(days=days), rng.randint(9, 16)))


def _spread(year, count, first_day, last_day):
    """`count` days spread evenly between two dates."""
    span = max((last_day - first_day).days, 0)
    return [first_day + datetime.timedelta(days=n * span // max(count, 1)) for n in range(count)]


def _plan_year(play, year, codes):
    today = play.today
    first_day = datetime.date(year, 1, 4)
    last_day = min(datetime.date(year, 12, 30), today - datetime.timedelta(days=1))
    share = 1 if year < today.year else max((last_day - first_day).days, 0) / 360
    incoming = round(INCOMING_PER_YEAR * share) if last_day >= first_day else 0
    outgoing = round(OUTGOING_PER_YEAR * share) if last_day >= first_day else 0
    for n, day in enumerate(_spread(year, incoming, first_day, last_day)):
        rng = random.Random(f"incoming-{year}-{n}")  # noqa: S311 - demo data
        received = _working(_at(day, 8 + n % 9, (n * 7) % 60))
        if received.date() > last_day:
            received = _at(last_day, 9 + n % 8)
        play.add(_incoming_life(play, year, n, received, rng))
    for n, day in enumerate(_spread(year, outgoing, first_day, last_day)):
        rng = random.Random(f"outgoing-{year}-{n}")  # noqa: S311 - demo data
        drafted = _working(_at(day, 9 + n % 7, (n * 11) % 60))
        if drafted.date() > last_day:
            drafted = _at(last_day, 10)
        play.add(_outgoing_life(play, year, n, drafted, rng, codes))
    if year == today.year:
        # Today's documents, each left in a state of its own, received in the last hours.
        for k, state in enumerate(FRESH_INCOMING):
            rng = random.Random(f"incoming-{year}-fresh-{k}")  # noqa: S311 - demo data
            received = play.now - datetime.timedelta(minutes=25 * (len(FRESH_INCOMING) - k) + 20)
            play.add(_incoming_life(play, year, incoming + k, received, rng, fresh=state))
        for k, state in enumerate(FRESH_OUTGOING):
            rng = random.Random(f"outgoing-{year}-fresh-{k}")  # noqa: S311 - demo data
            drafted = play.now - datetime.timedelta(minutes=25 * (len(FRESH_OUTGOING) - k) + 20)
            play.add(_outgoing_life(play, year, outgoing + k, drafted, rng, codes, fresh=state))
    for n in range(PROPOSALS_PER_YEAR):
        play.add(_proposal_life(play, year, n, random.Random(f"proposal-{year}-{n}")))  # noqa: S311 - demo data
    days = _spread(year, INSTRUCTIONS_PER_YEAR, first_day, datetime.date(year, 12, 20))
    for n, day in enumerate(days):
        if day <= last_day:
            rng = random.Random(f"instruction-{year}-{n}")  # noqa: S311 - demo data
            play.add(_instruction_life(play, n, day, rng))
    days = _spread(year, PUBLICITY_PER_YEAR, first_day, datetime.date(year, 12, 28))
    for n, day in enumerate(days):
        if day <= last_day:
            play.add(_publicity_life(play, n, day))


# ---- the calls of a record's life ----


def _make(record, service, **kwargs):
    """A call that creates the record (kept in record["r"] for the next calls)."""

    def call():
        record["r"] = service(**kwargs)

    return call


def _then(record, service, name="document", **kwargs):
    """A call of `service` on the record as the previous calls left it."""

    def call():
        result = service(**{name: record["r"]}, **kwargs)
        if isinstance(result, type(record["r"])):
            record["r"] = result

    return call


# ---- 收文 ----


def _incoming_life(play, year, n, received, rng, fresh=None):
    """签收 → 登记 → 初审 → (拟办 → 批办) → 承办 → 办结, or 传阅 for a 阅件; some 退回, some 作废,
    some urged or left overdue. A fresh document (received today) stops at the state named."""
    people = play.people
    clerk, leaders, departments = people["clerk"], people["leaders"], people["departments"]
    dept = departments[(n * 5 + year) % len(departments)]
    responsible = rng.choice(people["handlers"].get(dept.code) or [people["heads"][dept.code]])
    suffix = ["通知", "通知", "函", "意见", "报告"][n % 5]
    sender, sender_number = _sender_number(play, year, n, suffix, random.Random(f"sender-{year}-{n}"))  # noqa: S311
    reading = rng.random() < 0.2 if fresh is None else fresh == "circulating"
    urgent = rng.random() < 0.08
    secret = n % 47 == 23
    doc = {}
    moment = received

    def gap(low, high):
        return _soon(moment, rng) if fresh else _later(moment, rng, low, high)

    yield (
        moment,
        _make(
            doc,
            incoming_services.incoming_receive,
            actor=clerk,
            sender=sender,
            sender_number=sender_number,
            title=f"关于{TOPICS[(n * 7) % len(TOPICS)]}的{suffix}",
            kind=KINDS[n % len(KINDS)],
            classification=Classification.SECRET if secret else Classification.NONE,
            secrecy_period=SecrecyPeriod.TEN_YEARS if secret else "",
            copy_number=f"{n % 90 + 1:03d}" if secret else "",
            custodian=clerk.name if secret else "",
            urgency=Urgency.URGENT if urgent else Urgency.NORMAL,
            copies=1 + n % 3,
            pages=2 + n % 8,
            received_at=received,
            register=fresh != "received",
        ),
    )
    if fresh in ("received", "registered"):
        return
    returned = fresh is None and n % 41 == 31
    moment = gap(0.5, 20)
    yield (
        moment,
        _then(
            doc,
            incoming_services.incoming_review,
            actor=clerk,
            accept=not returned,
            opinion="非本局职责范围，退回来文单位。" if returned else "初审通过",
        ),
    )
    if returned or fresh == "reviewed":
        return
    voided = fresh is None and n % 37 in (11, 29)
    # Routine 办件 go straight to the department; a 阅件 is proposed as such, then circulated.
    direct = not urgent and not reading and fresh is None and rng.random() < 0.3
    leader = leaders[(n + year) % len(leaders)]
    if not direct:
        moment = gap(1, 8)
        yield (
            moment,
            _then(
                doc,
                incoming_services.incoming_propose,
                actor=clerk,
                opinion="拟请各位领导阅示。" if reading else f"拟请{dept.name}牵头办理。",
                handling_type=HandlingType.READING if reading else HandlingType.ACTION,
                instructing_leader=leader,
            ),
        )
        if fresh == "proposed":
            return
        moment = gap(2, 30)
        opinion = "请各位领导阅。" if reading else f"同意，请{dept.name}抓紧落实。"
        yield moment, _then(doc, incoming_services.incoming_instruct, actor=leader, opinion=opinion)
        if fresh == "instructed":
            return
    if reading:
        yield from _circulation(play, doc, rng, moment, fresh)
        return
    reason = INCOMING_VOID_REASONS[n % 2]
    if voided and n % 37 == 11:  # before it was assigned
        moment = gap(2, 48)
        yield moment, _then(doc, incoming_services.incoming_void, actor=clerk, reason=reason)
        return
    moment = gap(1, 6)
    assigned_on = timezone.localtime(moment).date()
    planned = None
    if fresh:
        planned = play.today + datetime.timedelta(days=10)
    elif urgent or rng.random() < 0.85:
        planned = assigned_on + datetime.timedelta(days=rng.randint(3, 7) if urgent else rng.randint(10, 30))
    co = [d for d in rng.sample(departments, 2) if d.pk != dept.pk][:1] if rng.random() < 0.2 else []

    def assign():
        given = play.deadline_for_service(planned) if planned else None
        doc["r"] = incoming_services.incoming_assign(
            actor=clerk,
            document=doc["r"],
            lead_department=dept,
            co_departments=co,
            responsible=responsible,
            deadline=given,
        )
        if planned and given != planned:
            play.deadlines[(IncomingDocument, doc["r"].pk)] = (given, planned)

    yield moment, assign
    if fresh:
        return
    instruction = {}
    if not direct and not voided and rng.random() < 0.1:
        # The leader's instruction on the document, supervised on its own (领导批示).
        yield (
            moment,
            lambda: instruction.update(
                r=proposal_services.instruction_create(
                    actor=leader,
                    text=f"请{dept.name}高度重视，按时限要求办理并报结果。",
                    department=dept,
                    responsible=responsible,
                    deadline=planned or assigned_on + datetime.timedelta(days=20),
                    instructed_on=assigned_on,
                    incoming=doc["r"],
                )
            ),
        )
    if voided:
        moment = _days(moment, rng.randint(1, 5), rng)
        yield moment, _then(doc, incoming_services.incoming_void, actor=clerk, reason=reason)
        return
    # A few of the last months' are left open, overdue.
    stuck = n % 19 in (7, 15) and (play.today - assigned_on).days < 120
    late = rng.random() < 0.15
    if planned:
        finish = planned + datetime.timedelta(days=rng.randint(1, 12) if late else -rng.randint(0, 8))
        finish = max(finish, assigned_on + datetime.timedelta(days=1))
    else:
        finish = assigned_on + datetime.timedelta(days=rng.randint(5, 25))
    if planned and (stuck or late):
        urge = _days(moment, (planned - assigned_on).days + 1, rng)
        if stuck or urge.date() < finish:
            moment = urge
            yield (
                moment,
                _then(doc, incoming_services.incoming_urge, actor=clerk, text="已超过办理时限，请抓紧办理并报送结果。"),
            )
    if stuck:
        return
    moment = max(_working(_at(finish, 15, rng.randint(0, 59))), moment + datetime.timedelta(minutes=10))
    note = "已按要求办理完毕，结果已报送来文单位。"
    yield moment, _then(doc, incoming_services.incoming_complete, actor=responsible, opinion=note)
    if instruction:
        yield (
            moment,
            _then(
                instruction,
                proposal_services.instruction_complete,
                name="instruction",
                actor=responsible,
                note="已按批示要求落实。",
                completed_on=timezone.localtime(moment).date(),
            ),
        )
    if rng.random() < 0.2:
        moment = _days(moment, rng.randint(20, 60), rng)
        retention = Retention.THIRTY if n % 3 else Retention.TEN
        yield moment, _then(doc, archive_services.incoming_archive, actor=clerk, retention=retention)


def _circulation(play, doc, rng, moment, fresh):
    """传阅 of a 阅件 to two or three leaders and a department head; each reads in their time."""
    people = play.people
    readers = rng.sample(people["leaders"], min(2 + rng.randint(0, 1), len(people["leaders"])))
    readers.append(rng.choice(list(people["heads"].values())))
    moment = _soon(moment, rng) if fresh else _later(moment, rng, 1, 6)
    yield moment, _then(doc, incoming_services.incoming_circulate, actor=people["clerk"], readers=readers)
    for k, reader in enumerate(readers):
        if fresh and k == len(readers) - 1:
            return  # the last reader has not read it yet
        moment = _soon(moment, rng) if fresh else _later(moment, rng, 1, 40)
        yield moment, _then(doc, incoming_services.incoming_mark_read, actor=reader, opinion="已阅。")


# ---- 发文 ----


def _outgoing_body(kind, topic, recipients, department):
    """A draft's text in the usual shape: salutation, purpose, numbered points, closing."""
    if kind == DocumentKind.LETTER:
        return (
            f"{recipients}：\n"
            f"为{topic}，我局拟于近期集中开展相关工作。经研究，现就有关事项函商如下：\n"
            "一、请贵单位指定一名联络员，协助做好资料收集和情况核实。\n"
            "二、请于收函后10个工作日内反馈相关意见建议。\n"
            f"联系科室：{department.name}。\n"
            "请予支持为盼。"
        )
    return (
        f"{recipients}：\n"
        f"为{topic}，经局党组研究，现将有关事项通知如下：\n"
        f"一、提高思想认识。各单位要充分认识{topic}的重要意义，主要负责同志亲自部署、亲自调度。\n"
        "二、明确工作任务。对照年度目标任务逐项细化措施，明确责任人和完成时限，建立台账，实行销号管理。\n"
        f"三、强化督促落实。局办公室将会同{department.name}加强督导检查，对推进不力的予以通报。"
        f"各单位请于每月25日前将工作进展报{department.name}。\n"
        "特此通知。"
    )


def _outgoing_life(play, year, n, drafted, rng, codes, fresh=None):
    """拟稿 → 送审 → 核稿 → (会签) → 签发 → 编号 → 印发 → 归档; some returned and sent again,
    some voided. A fresh draft (today) stops at the state named."""
    people = play.people
    office_clerk = people["outgoing_clerk"]
    departments = people["departments"]
    if n % 9 == 4 and people["office"] is not None:
        dept, drafter, code = people["office"], people["clerk"], codes["滨水办"]
    else:
        dept = departments[(n * 3 + year) % len(departments)]
        drafter = rng.choice(people["drafters"].get(dept.code) or [people["heads"][dept.code]])
        code = codes["滨水函"] if n % 4 == 1 else codes["滨水发"]
    kind = DocumentKind.LETTER if code.code == "滨水函" else KINDS[(n * 3) % len(KINDS)]
    others = [d for d in departments if d.pk != dept.pk and d.code in people["heads"]]
    countersign = [rng.choice(others)] if (rng.random() < 0.15 or fresh == "countersign") and others else []
    signer = people["leaders"][(n * 2 + year) % len(people["leaders"])]
    doc = {}
    moment = drafted

    def gap(low, high):
        return _soon(moment, rng) if fresh else _later(moment, rng, low, high)

    topic = TOPICS[(n * 5 + 3) % len(TOPICS)]
    recipients = LETTER_RECIPIENTS[n % len(LETTER_RECIPIENTS)] if kind == DocumentKind.LETTER else "各科室、局属各单位"
    yield (
        moment,
        _make(
            doc,
            outgoing_services.outgoing_draft,
            actor=drafter,
            title=f"关于{topic}的{'函' if kind == DocumentKind.LETTER else '通知'}",
            kind=kind,
            department=dept,
            main_recipients=recipients,
            body=_outgoing_body(kind, topic, recipients, dept),
            disclosure=_disclosure(kind, n),
            issuing_code=code,
            countersign_departments=countersign,
            reviewer=office_clerk if drafter.pk != office_clerk.pk else people["clerk"],
            signing_leader=signer,
        ),
    )
    if fresh == "draft":
        return
    voided = fresh is None and n % 31 in (7, 22)
    reason = OUTGOING_VOID_REASONS[n % 2]
    if voided and n % 31 == 7:  # a draft
        moment = gap(2, 30)
        yield moment, _then(doc, outgoing_services.outgoing_void, actor=drafter, reason=reason)
        return
    moment = gap(1, 6)
    yield moment, _then(doc, outgoing_services.outgoing_submit, actor=drafter)
    if fresh == "review":
        return
    if fresh == "returned" or (fresh is None and rng.random() < 0.08):
        moment = gap(2, 20)
        yield (
            moment,
            _then(
                doc,
                outgoing_services.outgoing_return,
                actor=office_clerk,
                reason="文种使用不当，请按规定修改后重新送审。",
            ),
        )
        if fresh:
            return
        moment = gap(4, 30)
        yield moment, _then(doc, outgoing_services.outgoing_submit, actor=drafter, opinion="已修改。")
    moment = gap(2, 20)
    yield moment, _then(doc, outgoing_services.outgoing_review, actor=office_clerk)
    for department in countersign:
        if fresh == "countersign":
            return
        moment = gap(4, 30)
        head = people["heads"][department.code]
        yield moment, _then(doc, outgoing_services.outgoing_countersign, actor=head, opinion="同意。")
    if fresh == "signing":
        return
    moment = gap(4, 40)
    yield (
        moment,
        _then(
            doc,
            outgoing_services.outgoing_sign,
            actor=signer,
            opinion="同意印发。",
            signed_on=timezone.localtime(moment).date(),
        ),
    )
    if fresh == "signed":
        return
    moment = gap(0.5, 20)
    number = _then(doc, outgoing_services.outgoing_assign_number, actor=office_clerk)
    yield moment, _clocked(number, moment, play.today)
    if fresh:
        return
    if voided:
        moment = gap(1, 4)
        yield moment, _then(doc, outgoing_services.outgoing_void, actor=office_clerk, reason=reason)
        return
    moment = gap(1, 20)
    yield (
        moment,
        _then(
            doc,
            outgoing_services.outgoing_dispatch,
            actor=office_clerk,
            dispatched_on=timezone.localtime(moment).date(),
            printed_copies=20 + n % 30,
        ),
    )
    if rng.random() < 0.75:
        moment = _days(moment, rng.randint(10, 45), rng)
        retention = {DocumentKind.LETTER: Retention.TEN, DocumentKind.NOTICE: Retention.THIRTY}.get(
            kind, Retention.PERMANENT
        )
        yield (
            moment,
            _then(doc, archive_services.outgoing_archive, actor=office_clerk, retention=retention, pages=2 + n % 6),
        )


# ---- 建议提案, 领导批示, 信息宣传 ----


def _disclosure(kind, n):
    """公开属性 as offices mark them: letters on request, one notice in three internal (不予公开),
    the rest published."""
    if kind == DocumentKind.LETTER:
        return Disclosure.ON_REQUEST
    return Disclosure.NOT_PUBLIC if n % 3 == 0 else Disclosure.ACTIVE


# The city's 人大代表 and 政协委员 who write to the bureau: some every year, some jointly (领衔 with
# others), and the democratic parties' and the federation's 集体提案.
NPC_DEPUTIES = ["刘永红", "马金海", "孙丽萍", "高建军", "郭淑芬", "何志远", "罗晓东", "梁春燕", "宋国庆", "韩立新"]
CPPCC_MEMBERS = ["许文博", "邓雅琴", "曹振华", "彭晓燕", "曾庆和", "田慧敏", "董卫国", "袁静怡"]
CPPCC_GROUPS = ["民盟滨河市委员会", "九三学社滨河市委员会", "农工党滨河市委员会", "市工商联"]


def _proposer(kind, year, n):
    rng = random.Random(f"proposer-{year}-{n}")  # noqa: S311 - demo data
    if kind == "npc":
        name = NPC_DEPUTIES[(n + year) % len(NPC_DEPUTIES)]
        return f"{name}等{rng.randint(3, 12)}名代表" if n % 4 == 1 else name
    if n % 5 == 4:
        return CPPCC_GROUPS[(n // 5 + year) % len(CPPCC_GROUPS)]
    name = CPPCC_MEMBERS[(n + year) % len(CPPCC_MEMBERS)]
    return f"{name}等{rng.randint(2, 6)}名委员" if n % 3 == 2 else name


def _proposal_life(play, year, n, rng):
    """交办 in March, after the two sessions (a few in the autumn, from the members' visits) →
    答复 by the lead department → 满意度; an unsatisfied deputy's proposal is handled again and
    answered again."""
    people = play.people
    clerk = people["clerk"]
    kind = "npc" if n % 5 < 3 else "cppcc"
    dept = people["departments"][(n * 7 + year) % len(people["departments"])]
    responsible = people["heads"].get(dept.code) or people["handlers"][dept.code][0]
    assigned = datetime.date(year, 3, 12) + datetime.timedelta(days=n % 12)
    if n == 13:
        assigned = datetime.date(year, 9, 20) + datetime.timedelta(days=n)
    if n == 6 and year == play.today.year:  # a recent one, in hand
        assigned = max(play.today - datetime.timedelta(days=30), datetime.date(year, 1, 4))
    assigned = _working(_at(assigned, 10))
    proposal = {}
    moment = assigned
    yield (
        moment,
        _make(
            proposal,
            proposal_services.proposal_register,
            actor=clerk,
            kind=kind,
            number=str(100 + n * 3),
            proposer=_proposer(kind, year, n),
            title=f"关于{PROPOSAL_TOPICS[n % len(PROPOSAL_TOPICS)]}的{'建议' if kind == 'npc' else '提案'}",
            lead_department=dept,
            responsible=responsible,
            year=year,
            assigned_on=assigned.date(),
        ),
    )
    if n == 10:
        moment = _days(moment, 6, rng)
        reason = "经核实不属本局职责，已退回交办单位。"
        yield moment, _then(proposal, proposal_services.proposal_void, name="proposal", actor=clerk, reason=reason)
        return
    for again in (False, True):
        moment = _days(moment, rng.randint(35, 85), rng)
        yield (
            moment,
            _then(
                proposal,
                proposal_services.proposal_reply,
                name="proposal",
                actor=responsible,
                reply="经研究，已将有关意见纳入年度工作计划，现答复如下：……",
                result="AABBCD"[(n + again) % 6],
                replied_on=timezone.localtime(moment).date(),
            ),
        )
        moment = _days(moment, rng.randint(8, 20), rng)
        unsatisfied = not again and n % 8 == 5
        satisfaction = "unsatisfied" if unsatisfied else ["satisfied", "satisfied", "basically"][n % 3]
        rate = _then(proposal, proposal_services.proposal_rate, name="proposal", actor=clerk, satisfaction=satisfaction)
        if unsatisfied:
            rate = _handled_again(play, proposal, rate, timezone.localtime(moment).date())
        yield moment, rate
        if not unsatisfied:
            return


def _handled_again(play, proposal, rate, rated_on):
    """An unsatisfied deputy's proposal is answered again within 3 months of the rating: of the
    day it came, not of the day the demo ran (the service counts from today; see _backdate)."""

    def call():
        rate()
        play.deadlines[(Proposal, proposal["r"].pk)] = (proposal["r"].deadline, default_deadline(rated_on))

    return call


def _urge_source(record, people, number, days_overdue):
    """A call urging the open supervised item of the record (催办 by the office, through the service)."""

    def call():
        source = record["r"]
        item = SupervisedItem.objects.get(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk, status="open"
        )
        director = User.objects.filter(username="depthead").first() or people["clerk"]
        supervised_item_urge(
            actor=people["clerk"] if number <= 2 else director,
            item=item,
            text=office_demo.urge_text(number, days_overdue),
        )

    return call


def _instruction_life(play, n, day, rng):
    """A leader's own instruction (or one the office records for a leader) → 落实; a few left
    open, some overdue, one voided."""
    people = play.people
    leader = people["leaders"][n % len(people["leaders"])]
    dept = people["departments"][(n * 3) % len(people["departments"])]
    responsible = people["heads"].get(dept.code) or people["handlers"][dept.code][0]
    deadline = day + datetime.timedelta(days=15 + rng.randint(0, 30))
    instruction = {}
    moment = _working(_at(day, 9 + n % 7))
    yield (
        moment,
        _make(
            instruction,
            proposal_services.instruction_create,
            actor=leader if n % 2 else people["clerk"],
            leader=leader,
            text=f"请{dept.name}抓紧研究落实{TOPICS[n % len(TOPICS)]}相关工作，按时报告。",
            department=dept,
            responsible=responsible,
            deadline=deadline,
            instructed_on=moment.date(),
        ),
    )
    if n % 13 == 6:
        moment = _days(moment, 3, rng)
        yield (
            moment,
            _then(
                instruction,
                proposal_services.instruction_void,
                name="instruction",
                actor=people["clerk"],
                reason="领导已另行部署，撤销此批示。",
            ),
        )
        return
    if n % 9 == 4:
        if deadline >= play.today - datetime.timedelta(days=office_demo.LONG_OVERDUE_DAYS):
            return  # still open: overdue once its deadline has passed, and urged (office.demo)
        # Long past its deadline: the office urged it (as office.demo.urge_days plans), and the
        # department finished it late.
        finished = deadline + datetime.timedelta(days=45 + (n * 13) % 35)
        for number, day in enumerate(office_demo.urge_days(deadline, None, finished), start=1):
            yield _working(_at(day, 9, (n * 7) % 60)), _urge_source(instruction, people, number, (day - deadline).days)
        yield (
            _working(_at(finished, 16)),
            _then(
                instruction,
                proposal_services.instruction_complete,
                name="instruction",
                actor=responsible,
                note="经办公室催办，已落实并报局领导。",
                completed_on=_working(_at(finished, 16)).date(),
            ),
        )
        return
    finished = max(deadline + datetime.timedelta(days=rng.randint(-10, 4)), moment.date() + datetime.timedelta(days=1))
    moment = _working(_at(finished, 16))
    yield (
        moment,
        _then(
            instruction,
            proposal_services.instruction_complete,
            name="instruction",
            actor=responsible,
            note="已落实并报局领导。",
            completed_on=moment.date(),
        ),
    )


def _publicity_life(play, n, day):
    channel = [PublicityChannel.WEBSITE, PublicityChannel.WEBSITE, PublicityChannel.WECHAT, PublicityChannel.MEDIA]
    channel = channel[n % 4]
    departments = play.people["departments"]
    clerk = play.people["clerk"]
    item = {}
    moment = _working(_at(day, 15))
    yield (
        moment,
        _make(
            item,
            publicity_services.publicity_create,
            actor=clerk,
            channel=channel,
            title=ARTICLES[n % len(ARTICLES)],
            department=departments[n % len(departments)],
            published_on=moment.date(),
            outlet=OUTLETS[n % len(OUTLETS)] if channel == PublicityChannel.MEDIA else "",
        ),
    )
    if n % 41 == 20:
        moment += datetime.timedelta(hours=1)
        reason = "信息有误，已撤稿。"
        yield moment, _then(item, publicity_services.publicity_void, name="item", actor=clerk, reason=reason)


# ---- dating ----


def _backdate(play):
    """Moves every timestamp a service call wrote to the moment the call was planned for, and
    the dates the services set to today to the day they stand for."""
    if not play.marks:
        return
    starts = [real for real, _moment in play.marks]
    moments = [moment for _real, moment in play.marks]

    def moved(value):
        if value is None or value < starts[0]:
            return value
        return moments[bisect.bisect_right(starts, value) - 1]

    for model in DATED_MODELS:
        for table in (model, getattr(model, "history", None) and model.history.model):
            if table is None:
                continue
            fields = [f.attname for f in table._meta.concrete_fields if isinstance(f, DateTimeField)]
            written = reduce(or_, (Q(**{f"{name}__gte": starts[0]}) for name in fields))
            rows = table._default_manager.filter(written).values_list("pk", *fields).iterator()
            _write(table, fields, [(row[0], [moved(value) for value in row[1:]]) for row in rows])
    local = timezone.localdate
    # The services' "today": the day the play began, and the next ones if it ran past midnight.
    today = {play.today + datetime.timedelta(days=n) for n in range((local() - play.today).days + 1)}
    fixes = {}  # model -> {pk: {field: (the service's dates, the date it stands for)}}
    # The supervised items the documents opened: 交办日期 and 办结日期 are the services' "today";
    # a past document's deadline is the planned one (incoming_assign refuses a past deadline, and
    # an unsatisfied proposal's new deadline counts from the day the answer came).
    for (model, pk), (given, planned) in play.deadlines.items():
        fixes.setdefault(model, {})[pk] = {"deadline": ({given}, planned)}
    sources = {ContentType.objects.get_for_model(m).pk: m for m in (IncomingDocument, Proposal, Instruction)}
    items = SupervisedItem.objects.filter(pk__gt=play.first_item, source_type__in=sources).values_list(
        "pk", "source_type_id", "source_id", "created_at", "completed_at"
    )
    for pk, source_type, source_id, created_at, completed_at in items:
        fix = fixes.setdefault(SupervisedItem, {})[pk] = {"start_date": (today, local(created_at))}
        if completed_at:
            fix["completed_on"] = (today, local(completed_at))
        if (sources[source_type], source_id) in play.deadlines:
            fix["deadline"] = fixes[sources[source_type]][source_id]["deadline"]
    archived = ArchiveItem.objects.filter(pk__gt=play.first[ArchiveItem]).values_list("pk", "created_at")
    fixes[ArchiveItem] = {pk: {"archived_on": (today, local(created_at))} for pk, created_at in archived}
    for model, by_pk in fixes.items():
        # The record and its history rows, in each field where it still holds the service's date.
        fields = sorted({name for fix in by_pk.values() for name in fix})
        for table, key in ((model, "pk"), (model.history.model, "id")):
            rows = []
            for row in table._default_manager.filter(**{f"{key}__in": list(by_pk)}).values_list("pk", key, *fields):
                fix = by_pk[row[1]]
                values = [
                    fix[name][1] if name in fix and value in fix[name][0] else value
                    for name, value in zip(fields, row[2:], strict=True)
                ]
                if values != list(row[2:]):
                    rows.append((row[0], values))
            _write(table, fields, rows)


def _write(table, fields, rows):
    """UPDATE of many rows, each with its own values, in one executemany: bulk_update builds a
    CASE of every row for every field, far too slow for the tens of thousands of rows here."""
    if not rows:
        return
    meta = table._meta
    columns = [meta.get_field(name) for name in fields]
    qn = connection.ops.quote_name
    assignments = ", ".join(f"{qn(field.column)} = %s" for field in columns)
    sql = f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(meta.pk.column)} = %s"  # noqa: S608 - names from the models
    params = [
        [field.get_db_prep_value(value, connection) for field, value in zip(columns, values, strict=True)] + [pk]
        for pk, values in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
