"""The documents' part of the demo: issuing codes and a year of incoming and outgoing documents
(and part of last year), created in bulk. Deterministic and idempotent: a year already seeded
is left as it is."""

import datetime
import random

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from office.models import Department, User
from office.numbering import set_at_least

from .choices import DocumentKind, HandlingType, IncomingStatus, OutgoingStatus, Urgency
from .models import IncomingDocument, IssuingCode, OutgoingDocument
from .models.common import (
    INCOMING_SEQUENCE,
    archive_sequence,
    document_number_text,
    incoming_serial_text,
    issuing_sequence,
)

CODES = [("X水发", "局发文", 10), ("X水办", "办公室发文", 20), ("X水函", "局函", 30)]
SENDERS = [
    "省水利厅",
    "市人民政府办公室",
    "市发展和改革委员会",
    "市财政局",
    "市生态环境局",
    "黄河水利委员会",
    "市应急管理局",
]
TOPICS = [
    "做好冬春农田水利建设",
    "开展河湖“清四乱”专项行动",
    "加强汛前安全检查",
    "报送水利统计年报",
    "推进农村供水工程规范化建设",
    "开展水利工程标准化管理评价",
    "做好节水型社会建设",
    "加强水土保持监督管理",
]
KINDS = [DocumentKind.NOTICE, DocumentKind.NOTICE, DocumentKind.LETTER, DocumentKind.OPINION, DocumentKind.REPORT]


def seed(stdout=None):
    today = timezone.localdate()
    codes = [
        IssuingCode.objects.get_or_create(code=c, defaults={"description": d, "sort_order": o})[0] for c, d, o in CODES
    ]
    clerk = User.objects.filter(username="clerk").first()
    if clerk is None:
        return
    departments = list(Department.objects.filter(kind="section").exclude(code="office").order_by("sort_order"))
    people = {d.pk: list(User.objects.filter(department=d, is_active=True).order_by("id")) for d in departments}
    departments = [d for d in departments if people[d.pk]]
    made = 0
    for year, incoming_count, outgoing_count, last_day in (
        (today.year - 1, 160, 90, datetime.date(today.year - 1, 12, 31)),
        (today.year, 420, 260, today),
    ):
        if IncomingDocument.objects.filter(year=year).exists():
            continue
        rng = random.Random(year)  # noqa: S311 - demo data
        made += _incoming(year, incoming_count, last_day, rng, clerk, departments, people, today)
        made += _outgoing(year, outgoing_count, last_day, rng, clerk, departments, people, codes, today)
        leaders = list(User.objects.filter(groups__name="局领导").order_by("id")) or [clerk]
        made += _others(year, last_day, rng, clerk, leaders, departments, people, today)
    if stdout:
        stdout.write(f"公文：新增收发文 {made} 件。")


def _day(year, n, count, last_day):
    start = datetime.date(year, 1, 4)
    span = max((last_day - start).days, 1)
    return start + datetime.timedelta(days=n * span // count)


def _incoming(year, count, last_day, rng, clerk, departments, people, today):
    rows = []
    for n in range(count):
        day = _day(year, n, count, last_day)
        received = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + n % 9, (n * 7) % 60)))
        dept = departments[n % len(departments)]
        age = (today - day).days
        status = (
            IncomingStatus.DONE
            if age > 20
            else [
                IncomingStatus.HANDLING,
                IncomingStatus.REGISTERED,
                IncomingStatus.PROPOSED,
                IncomingStatus.CIRCULATING,
            ][n % 4]
        )
        reading = status == IncomingStatus.CIRCULATING or n % 6 == 0
        rows.append(
            IncomingDocument(
                year=year,
                serial=n + 1,
                serial_number=incoming_serial_text(year, n + 1),
                sender=SENDERS[n % len(SENDERS)],
                sender_number=f"X政发〔{year}〕{n % 90 + 1}号",
                title=f"关于{TOPICS[n % len(TOPICS)]}的通知",
                kind=KINDS[n % len(KINDS)],
                urgency=Urgency.URGENT if n % 11 == 0 else Urgency.NORMAL,
                copies=1 + n % 3,
                pages=2 + n % 8,
                received_at=received,
                deadline=day + datetime.timedelta(days=15) if not reading else None,
                handling_type=HandlingType.READING if reading else HandlingType.ACTION,
                status=status,
                lead_department=None if reading else dept,
                responsible=None if reading else rng.choice(people[dept.pk]),
                created_by=clerk,
                registered_by=clerk,
                completed_at=received + datetime.timedelta(days=10) if status == IncomingStatus.DONE else None,
            )
        )
    bulk_create_with_history(rows, IncomingDocument, batch_size=500, default_user=clerk, default_change_reason="登记")
    _incoming_steps(year, clerk)
    set_at_least(INCOMING_SEQUENCE, year, count)
    return count


def _outgoing(year, count, last_day, rng, clerk, departments, people, codes, today):
    rows = []
    serials = {code.pk: 0 for code in codes}
    signer = User.objects.filter(username="leader").first() or clerk
    for n in range(count):
        day = _day(year, n, count, last_day)
        dept = departments[n % len(departments)]
        code = codes[0] if n % 3 else codes[1 + n % 2]
        age = (today - day).days
        status = (
            OutgoingStatus.DISPATCHED
            if age > 10
            else [OutgoingStatus.DRAFT, OutgoingStatus.REVIEW, OutgoingStatus.SIGNING, OutgoingStatus.SIGNED][n % 4]
        )
        numbered = status == OutgoingStatus.DISPATCHED
        if numbered:
            serials[code.pk] += 1
        rows.append(
            OutgoingDocument(
                title=f"关于{TOPICS[(n + 3) % len(TOPICS)]}的{'通知' if n % 2 else '函'}",
                kind=KINDS[n % len(KINDS)],
                drafter=rng.choice(people[dept.pk]),
                department=dept,
                main_recipients="各科室、局属各单位",
                issuing_code=code,
                status=status,
                signer=signer if numbered or status == OutgoingStatus.SIGNED else None,
                signed_on=day if numbered or status == OutgoingStatus.SIGNED else None,
                sign_opinion="同意印发。" if numbered or status == OutgoingStatus.SIGNED else "",
                number_year=year if numbered else None,
                number_serial=serials[code.pk] if numbered else None,
                document_number=document_number_text(code.code, year, serials[code.pk]) if numbered else "",
                dispatched_on=day + datetime.timedelta(days=1)
                if numbered and day < today
                else (day if numbered else None),
                printed_copies=20 + n % 30 if numbered else None,
            )
        )
    bulk_create_with_history(rows, OutgoingDocument, batch_size=500, default_user=clerk, default_change_reason="拟稿")
    _outgoing_steps(year, clerk)
    for code in codes:
        set_at_least(issuing_sequence(code.pk), year, serials[code.pk])
    return count


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
RESULTS = ["A", "A", "B", "B", "C", "D"]
SATISFACTION = ["satisfied", "satisfied", "satisfied", "basically", "unsatisfied"]
ARTICLES = [
    "我局召开河湖长制工作推进会",
    "全市水利工程冬季安全检查全面展开",
    "节水宣传进社区活动走深走实",
    "我局开展防汛应急演练",
    "农村供水保障专项行动取得阶段性成效",
    "水资源管理考核获评优秀等次",
]


def _others(year, last_day, rng, clerk, leaders, departments, people, today):
    """Proposals, instructions, archived items and publicity: bulk rows, deterministic."""
    from .choices import InstructionStatus, ProposalStatus, PublicityChannel, Retention
    from .models import ArchiveItem, Instruction, OutgoingDocument, Proposal, PublicityItem
    from .models.proposals import default_deadline
    from .services.archive import CATEGORY_CODE, archive_number_text, fonds_code

    proposals = []
    for n in range(36 if year == today.year else 30):
        kind = "npc" if n % 5 < 3 else "cppcc"
        assigned = datetime.date(year, 3, 10) + datetime.timedelta(days=n % 20)
        dept = departments[n % len(departments)]
        replied = assigned + datetime.timedelta(days=40 + n % 30)
        done = replied <= today
        proposals.append(
            Proposal(
                kind=kind,
                year=year,
                number=str(100 + n),
                proposer=f"{'代表' if kind == 'npc' else '委员'}{n + 1:02d}",
                title=f"关于{PROPOSAL_TOPICS[n % len(PROPOSAL_TOPICS)]}的{'建议' if kind == 'npc' else '提案'}",
                lead_department=dept,
                responsible=people[dept.pk][0],
                assigned_on=assigned,
                deadline=default_deadline(assigned),
                created_by=clerk,
                # An unsatisfied deputy's proposal is handled again (RULES), so it is open once more.
                status=ProposalStatus.HANDLING
                if not done or SATISFACTION[n % len(SATISFACTION)] == "unsatisfied"
                else ProposalStatus.REPLIED,
                reply="已研究并答复代表/委员。" if done else "",
                replied_on=replied if done else None,
                result=RESULTS[n % len(RESULTS)] if done else "",
                satisfaction=SATISFACTION[n % len(SATISFACTION)] if done else "",
            )
        )
    bulk_create_with_history(proposals, Proposal, default_user=clerk, default_change_reason="交办")
    instructions = []
    for n in range(40 if year == today.year else 30):
        day = _day(year, n, 40, last_day)
        dept = departments[(n * 3) % len(departments)]
        deadline = day + datetime.timedelta(days=20 + n % 25)
        finished = deadline < today and n % 9 != 0
        instructions.append(
            Instruction(
                leader=leaders[n % len(leaders)],
                text=f"请{dept.name}抓紧研究落实{TOPICS[n % len(TOPICS)]}相关工作。",
                instructed_on=day,
                department=dept,
                responsible=people[dept.pk][0],
                deadline=deadline,
                status=InstructionStatus.COMPLETED if finished else InstructionStatus.OPEN,
                completed_on=min(deadline + datetime.timedelta(days=(n % 4) - 2), today) if finished else None,
                completion_note="已落实并报局领导。" if finished else "",
                created_by=clerk,
            )
        )
    bulk_create_with_history(instructions, Instruction, default_user=clerk, default_change_reason="批示")
    items = []
    fonds = fonds_code()
    pieces = {}
    archivable = OutgoingDocument.objects.filter(number_year=year, status="dispatched").select_related("department")
    for n, doc in enumerate(archivable.order_by("id")[:120]):
        retention = [Retention.PERMANENT, Retention.THIRTY, Retention.THIRTY, Retention.TEN][n % 4]
        org = doc.department.code.upper()
        key = (retention, org)
        pieces[key] = pieces.get(key, 0) + 1
        items.append(
            ArchiveItem(
                fonds_code=fonds,
                category_code=CATEGORY_CODE,
                year=year,
                retention=retention,
                org_code=org,
                piece_number=pieces[key],
                archive_number=archive_number_text(fonds, CATEGORY_CODE, year, retention, org, pieces[key]),
                title=doc.title,
                responsible_body="本局",
                document_number=doc.document_number,
                document_date=doc.signed_on,
                pages=2 + n % 6,
                department=doc.department,
                outgoing=doc,
                archived_on=doc.dispatched_on,
                archived_by=clerk,
            )
        )
    ArchiveItem.objects.bulk_create(items)
    OutgoingDocument.objects.filter(pk__in=[i.outgoing_id for i in items]).update(status="archived")
    for (retention, org), last in pieces.items():
        set_at_least(archive_sequence(f"{fonds}:{CATEGORY_CODE}:{retention}:{org}"), year, last)
    publicity = []
    count = 150 if year == today.year else 120
    for n in range(count):
        channel = [PublicityChannel.WEBSITE, PublicityChannel.WEBSITE, PublicityChannel.WECHAT, PublicityChannel.MEDIA][
            n % 4
        ]
        publicity.append(
            PublicityItem(
                channel=channel,
                published_on=_day(year, n, count, last_day),
                title=ARTICLES[n % len(ARTICLES)],
                outlet="市日报" if channel == PublicityChannel.MEDIA else "",
                department=departments[n % len(departments)],
                created_by=clerk,
            )
        )
    PublicityItem.objects.bulk_create(publicity)
    return len(proposals) + len(instructions) + len(items) + len(publicity)


def _incoming_steps(year, clerk):
    """The handling steps of the demo's incoming documents, so their pages tell their story."""
    from .choices import IncomingStepKind as K
    from .models import IncomingStep

    leader = User.objects.filter(username="leader").first() or clerk
    steps = []
    documents = IncomingDocument.objects.filter(year=year).select_related("responsible", "lead_department")
    for doc in documents.iterator():
        plan = [(K.RECEIVE, clerk, f"共 {doc.copies} 份"), (K.REGISTER, clerk, doc.serial_number)]
        if doc.status != IncomingStatus.REGISTERED:
            plan += [(K.REVIEW, clerk, "初审通过"), (K.PROPOSE, clerk, "拟请相关科室办理。")]
        if doc.status in (IncomingStatus.HANDLING, IncomingStatus.DONE, IncomingStatus.CIRCULATING):
            plan.append((K.INSTRUCT, leader, "同意拟办意见。"))
        if doc.lead_department_id and doc.status in (IncomingStatus.HANDLING, IncomingStatus.DONE):
            plan.append((K.ASSIGN, clerk, f"主办：{doc.lead_department.name}"))
        if doc.status == IncomingStatus.DONE:
            plan.append((K.COMPLETE, doc.responsible or clerk, "已按要求办理完毕。"))
        steps += [IncomingStep(document=doc, kind=k, actor=a, opinion=o) for k, a, o in plan]
    IncomingStep.objects.bulk_create(steps, batch_size=2000)
    # Dated when the document came in rather than when the seed ran.
    received = IncomingDocument.objects.filter(pk=OuterRef("document_id")).values("received_at")[:1]
    IncomingStep.objects.filter(document__year=year).update(created_at=Subquery(received))


def _outgoing_steps(year, clerk):
    from .choices import OutgoingStepKind as K
    from .models import OutgoingStep

    steps = []
    documents = OutgoingDocument.objects.filter(created_at__year__gte=year - 1, steps__isnull=True).select_related(
        "drafter", "signer"
    )
    order = [OutgoingStatus.DRAFT, OutgoingStatus.REVIEW, OutgoingStatus.SIGNING, OutgoingStatus.SIGNED]
    for doc in documents.iterator():
        plan = [(K.DRAFT, doc.drafter, "")]
        reached = order.index(doc.status) if doc.status in order else len(order)
        if reached >= 1:
            plan.append((K.SUBMIT, doc.drafter, ""))
        if reached >= 2:
            plan.append((K.REVIEW, clerk, "核稿通过"))
        if reached >= 3:
            plan.append((K.SIGN, doc.signer or clerk, doc.sign_opinion or "同意印发。"))
        if doc.document_number:
            plan += [(K.NUMBER, clerk, doc.document_number), (K.DISPATCH, clerk, f"印发 {doc.printed_copies} 份")]
        steps += [OutgoingStep(document=doc, kind=k, actor=a, opinion=o) for k, a, o in plan]
    OutgoingStep.objects.bulk_create(steps, batch_size=2000)
