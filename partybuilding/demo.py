"""The Party affairs' part of the demo: the bureau's Party organisation (机关党委, four branches,
two Party groups) with committees and terms, every demo person as a member (plus retirees and
a laid-off member entered on their own), two years of dues assessed and mostly collected,
organisational life through the meetings app, people in every stage of development, awards,
care visits, disclosures and integrity activities.

Everything goes through the services, so the rules hold and history and supervision are real.
Deterministic (dates relative to today's year, no randomness) and idempotent: each record is
looked up by its natural key (name, title, date) before it is made."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from office.models import Department, User

from . import services
from .choices import (
    COMMITTEE_MEETING,
    DEMOCRATIC_REVIEW,
    EXPERT_LECTURE,
    GENERAL_MEETING,
    GROUP_MEETING,
    LIFE_MEETING,
    PARTY_DAY,
    PARTY_LECTURE,
    STUDY_SESSION,
    DuesCategory,
    MemberKind,
    OrganKind,
    Stage,
)
from .models import (
    Award,
    CareVisit,
    Development,
    Disclosure,
    DuesAssessment,
    DuesPaymentMonth,
    IntegrityActivity,
    Member,
    Organ,
    OrganisationalLife,
)

D = Decimal

# name, kind, parent, departments whose people belong, established
ORGANS = [
    ("机关党委", OrganKind.COMMITTEE, None, [], datetime.date(2008, 3, 1)),
    (
        "机关第一党支部",
        OrganKind.BRANCH,
        "机关党委",
        [None, "office", "finance", "party"],
        datetime.date(2008, 4, 1),
    ),
    (
        "机关第二党支部",
        OrganKind.BRANCH,
        "机关党委",
        ["planning", "resources", "rivers", "rural"],
        datetime.date(2008, 4, 1),
    ),
    (
        "机关第三党支部",
        OrganKind.BRANCH,
        "机关党委",
        ["flood", "works", "center", "riverstation", "hydrology"],
        datetime.date(2012, 6, 1),
    ),
    ("离退休党支部", OrganKind.BRANCH, "机关党委", ["hr"], datetime.date(2010, 9, 1)),
    ("第一党支部机关党小组", OrganKind.GROUP, "机关第一党支部", [], datetime.date(2016, 3, 1)),
    ("第一党支部综合党小组", OrganKind.GROUP, "机关第一党支部", [], datetime.date(2016, 3, 1)),
]

# Members entered on their own: name, branch, category, entered base, joined.
ENTERED = [
    ("王德明", "离退休党支部", DuesCategory.RETIRED, D("4860.00"), datetime.date(1978, 7, 1)),
    ("李桂兰", "离退休党支部", DuesCategory.RETIRED, D("5000.00"), datetime.date(1982, 6, 30)),
    ("赵文华", "离退休党支部", DuesCategory.RETIRED, D("6235.50"), datetime.date(1975, 12, 1)),
    ("孙宝林", "离退休党支部", DuesCategory.RETIRED, D("3920.00"), datetime.date(1985, 7, 1)),
    ("周淑珍", "离退休党支部", DuesCategory.RETIRED, D("5412.30"), datetime.date(1980, 3, 8)),
    ("吴国庆", "离退休党支部", DuesCategory.RETIRED, D("7105.00"), datetime.date(1972, 10, 1)),
    ("郑春生", "离退休党支部", DuesCategory.RETIRED, D("4100.00"), datetime.date(1988, 5, 4)),
    ("冯立新", "机关第三党支部", DuesCategory.MINIMAL, None, datetime.date(2003, 7, 1)),
]
# Who does not pay: the member flagged for six months (no reason recorded), and one excused.
NOT_PAYING = "郑春生"
EXCUSED = "孙宝林"
POSTS = ["secretary", "deputy_secretary", "organisation", "publicity", "discipline"]
SECRETARIES = {"机关第一党支部": "kongwei", "机关第二党支部": "wangfang", "机关第三党支部": "yangfan"}


def seed(stdout=None):
    actor = User.objects.filter(username="party").first()
    if actor is None:
        if stdout:
            stdout.write("党建：缺少党务演示人员，跳过。")
        return
    today = timezone.localdate()
    organs = _seed_organs(actor, today)
    members = _seed_members(actor, organs)
    _seed_committees(actor, organs, members, today)
    dues = _seed_dues(actor, members, today)
    life = _seed_life(actor, organs, members, today)
    devs = _seed_development(actor, organs, members, today)
    other = _seed_records(actor, organs, members, today)
    if stdout:
        stdout.write(
            f"党建：党组织 {len(organs)} 个，党员 {len(members)} 名，党费核定 {dues} 条，组织生活新增 {life} 次，"
            f"发展党员 {devs} 人，表彰/慰问/公开/廉政新增 {other} 条。"
        )


def _seed_organs(actor, today):
    organs = {}
    for n, (name, kind, parent, _depts, established) in enumerate(ORGANS, start=1):
        organ = Organ.objects.filter(name=name).first()
        if organ is None:
            # Terms: the committee elected two years ago; the branches' terms end at different
            # times, one within the coming two months (its 换届 is due soon).
            term = None
            if kind != OrganKind.GROUP:
                term = (
                    today - relativedelta(years=3) + datetime.timedelta(days=50)
                    if n == 2
                    else datetime.date(today.year - 1 - n % 2, 3 + n, 1)
                )
            organ = services.organ_create(
                actor=actor,
                name=name,
                kind=kind,
                parent=organs.get(parent),
                established_on=established,
                department=Department.objects.filter(code="party").first() if kind == OrganKind.COMMITTEE else None,
                term_start=term,
                sort_order=n * 10,
            )
        organs[name] = organ
    return organs


def _person_for(user):
    try:
        from personnel.models import Person
    except ImportError:  # pragma: no cover - personnel is installed with this app
        return None
    return Person.objects.filter(user=user).first()


def _seed_members(actor, organs):
    members = {m.name: m for m in Member.objects.all()}
    branch_of = {}
    for name, _kind, _parent, depts, _est in ORGANS:
        for code in depts:
            branch_of[code] = organs[name]
    users = User.objects.filter(is_active=True).select_related("department").order_by("id")
    for n, user in enumerate(users):
        code = user.department.code if user.department_id else None
        organ = branch_of.get(code)
        if organ is None or user.username in ("admin",) or user.name in members:
            continue
        joined = datetime.date(1995 + n % 25, 7 if n % 3 else 6, 1 + n % 28)
        person = _person_for(user)
        if person is not None and Member.objects.filter(person=person).exists():
            continue
        # Without a salary record the base is entered; spread over every band.
        base = D(2800 + (n * 1379) % 9000) + D(n % 100) / 100
        members[user.name] = services.member_create(
            actor=actor,
            name=user.name,
            organ=organ,
            joined_on=joined,
            full_on=joined + relativedelta(years=1),
            kind=MemberKind.FULL,
            user=user,
            person=person,
            entered_base=base,
        )
    for name, organ, category, base, joined in ENTERED:
        if name not in members:
            members[name] = services.member_create(
                actor=actor,
                name=name,
                organ=organs[organ],
                joined_on=joined,
                full_on=joined + relativedelta(years=1),
                dues_category=category,
                entered_base=base,
                note="退休人员，组织关系在本局" if category == DuesCategory.RETIRED else "下岗职工",
            )
    # In creation order, so that every choice below is the same on every run.
    return dict(sorted(members.items(), key=lambda item: item[1].pk))


def _seed_committees(actor, organs, members, today):
    for name, organ in organs.items():
        if organ.kind != OrganKind.BRANCH or organ.committee.exists():
            continue
        people = [m for m in members.values() if m.organ_id == organ.pk]
        secretary = SECRETARIES.get(name)
        people.sort(key=lambda m: (not (m.user and m.user.username == secretary), m.user_id is None, m.pk))
        start = organ.term_start or organ.established_on
        # The retirees' branch is run by the two HR staff who look after retirees, with one
        # retiree: a committee of three, so that the two with accounts make a quorum.
        size = 3 if organ.name == "离退休党支部" else len(POSTS)
        for post, member in zip(POSTS, people[:size], strict=False):
            services.committee_appoint(actor=actor, organ=organ, member=member, post=post, start=start)


def _months(today):
    first = datetime.date(today.year - 1, 1, 1)
    while first <= today:
        yield first
        first += relativedelta(months=1)


def _seed_dues(actor, members, today):
    for month in _months(today):
        services.dues_assess_month(actor=actor, year=month.year, month=month.month)
    paid = DuesPaymentMonth.objects.filter(assessment=OuterRef("pk"), payment__voided_at__isnull=True)
    unpaid = DuesAssessment.objects.annotate(is_paid=Exists(paid)).filter(is_paid=False).select_related("member")
    by_member = {}
    for row in unpaid.order_by("member_id", "month"):
        by_member.setdefault(row.member_id, []).append(row.month)
    this_month = today.replace(day=1)
    for n, member in enumerate(sorted(members.values(), key=lambda m: m.pk)):
        months = by_member.get(member.pk, [])
        if member.name == NOT_PAYING:
            # Paid up to eight months ago, nothing since: flagged to the branch secretary.
            months = [m for m in months if m <= this_month - relativedelta(months=8)]
        if member.name == EXCUSED:
            stop = this_month - relativedelta(months=7)
            if not member.unpaid_reasons.exists():
                services.unpaid_reason_record(
                    actor=actor,
                    member=member,
                    first_month=stop,
                    last_month=this_month,
                    reason="长期住院治疗，家属已说明情况",
                )
            months = [m for m in months if m < stop]
        # Most pay each quarter in its last month; the current month is not due yet, and a few
        # members are a month or two behind.
        months = [m for m in months if m < this_month - relativedelta(months=n % 3)]
        quarters = {}
        for m in months:
            quarters.setdefault((m.year, (m.month - 1) // 3), []).append(m)
        for group in quarters.values():
            paid_on = min(group[-1] + relativedelta(months=1) - datetime.timedelta(days=1 + n % 7), today)
            services.dues_pay(
                actor=actor,
                member=member,
                months=group,
                paid_on=paid_on,
                method=["payroll", "transfer", "online", "cash"][n % 4],
            )
    return DuesAssessment.objects.count()


def _at(day, hour):
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=timezone.get_current_timezone())


def _plan(organ, today):
    """(type code, day, title) of every past meeting of an organ over last year and this year."""
    plan = []
    if organ.kind == OrganKind.GROUP:
        for year in (today.year - 1, today.year):
            plan += [(GROUP_MEETING, datetime.date(year, m, 12), f"{year}年{m}月党小组会") for m in range(1, 13)]
        return plan
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            # The third branch let its 支委会 slip two months ago (shows on the rhythm check).
            skip = organ.name == "机关第三党支部" and datetime.date(year, month, 1) == (
                today.replace(day=1) - relativedelta(months=2)
            )
            if not skip:
                plan.append((COMMITTEE_MEETING, datetime.date(year, month, 8), f"{year}年{month}月支委会"))
            plan.append((PARTY_DAY, datetime.date(year, month, 20), f"{year}年{month}月主题党日"))
            if month % 3 == 0:
                plan.append((GENERAL_MEETING, datetime.date(year, month, 15), f"{year}年第{month // 3}季度党员大会"))
            if month in (3, 6, 9, 11):
                plan.append((STUDY_SESSION, datetime.date(year, month, 25), f"{year}年{month}月集中学习"))
        plan.append((PARTY_LECTURE, datetime.date(year, 6, 28), f"{year}年书记讲党课"))
        plan.append((LIFE_MEETING, datetime.date(year, 1, 22), f"{year}年度组织生活会"))
        plan.append((DEMOCRATIC_REVIEW, datetime.date(year, 1, 23), f"{year}年度民主评议党员"))
        if organ.name == "机关第一党支部":
            plan.append((EXPERT_LECTURE, datetime.date(year, 4, 18), f"{year}年党的创新理论专家讲座"))
            plan.append((EXPERT_LECTURE, datetime.date(year, 10, 16), f"{year}年党纪学习专家讲座"))
    return plan


def _seed_life(actor, organs, members, today):
    from meetings.models import Room

    rooms = list(Room.objects.filter(is_active=True).order_by("-capacity"))
    done = set(OrganisationalLife.objects.values_list("meeting__title", flat=True))
    now = timezone.now()
    created = 0
    for organ in organs.values():
        if organ.kind == OrganKind.COMMITTEE:
            continue
        branch = organ.parent if organ.kind == OrganKind.GROUP else organ
        people = [m.user for m in members.values() if m.organ_id == branch.pk and m.user_id]
        if organ.kind == OrganKind.GROUP:
            half = organ.name.endswith("综合党小组")
            people = people[len(people) // 2 :] if half else people[: len(people) // 2]
        if not people:
            people = [actor]
        attendees = list({u.pk: u for u in [*people, actor]}.values())
        for n, (code, day, label) in enumerate(_plan(organ, today)):
            title = f"{organ.name}{label}"
            start = _at(day, 15 if n % 2 else 9)
            if title in done or start + datetime.timedelta(hours=2) > now:
                continue
            committee = set()
            if code == COMMITTEE_MEETING:
                committee = set(services.committee_in_force(organ, day).values_list("member__user_id", flat=True))
                present = [u for u in attendees if u.pk in committee]
                invited = present or attendees
            else:
                invited = attendees
                # Most come; every seventh stays away.
                present = [u for k, u in enumerate(attendees) if (k + n) % 7 != 3] or attendees
            if code == COMMITTEE_MEETING and not present:
                continue
            for shift in (0, 1, 2, 3, 4, 5):
                begin = start + datetime.timedelta(hours=shift)
                room = rooms[(n + shift) % len(rooms)] if rooms else None
                try:
                    services.life_record(
                        actor=actor,
                        organ=organ,
                        type_code=code,
                        title=title,
                        start=begin,
                        end=begin + datetime.timedelta(hours=1, minutes=30),
                        room=room,
                        is_video=room is None,
                        attendees=invited,
                        present=present,
                        minutes=f"{label}：传达学习上级精神，研究支部工作。",
                    )
                except ValidationError as error:
                    if "room" in error.message_dict:
                        continue  # the room is taken then: try the next hour
                    raise
                created += 1
                break
    return created


def _t(today, f):
    """A date a fraction f of the way from 1 January to today."""
    start = datetime.date(today.year, 1, 1)
    return start + datetime.timedelta(days=int((today - start).days * f))


def _l(today, f):
    return _t(today, f) - relativedelta(years=1)


def _seed_development(actor, organs, members, today):
    branches = [o for o in organs.values() if o.kind == OrganKind.BRANCH and o.name != "离退休党支部"]
    full = [m for m in members.values() if m.kind == MemberKind.FULL and m.user_id]
    count = 0

    def chain(name, branch, birth, *, applied, talk=None, activist=None, candidate=None, vote=None, full_on=None):
        nonlocal count
        if Development.objects.filter(name=name).exists():
            return
        dev = services.development_register(actor=actor, name=name, organ=branch, birth_date=birth, applied_on=applied)
        if talk:
            services.development_record_talk(actor=actor, development=dev, talk_on=talk, talk_by="支部书记")
        if activist:
            services.development_make_activist(
                actor=actor, development=dev, on=activist, contacts="支部组织委员、宣传委员"
            )
            for k in (1, 2):
                when = activist + datetime.timedelta(days=170 * k)
                if when <= today and (candidate is None or when <= candidate):
                    services.development_assess(
                        actor=actor,
                        development=dev,
                        assessed_on=when,
                        text="政治立场坚定，工作积极主动，能按时参加党组织活动。",
                    )
        if candidate:
            services.development_make_candidate(actor=actor, development=dev, on=candidate)
        if vote:
            sponsors = [m for m in full if m.organ_id == branch.pk][:2]
            entitled = sum(1 for m in full if m.organ_id == branch.pk) or 2
            services.development_make_probationary(
                actor=actor,
                development=dev,
                vote_on=vote,
                political_review_on=vote - datetime.timedelta(days=20),
                sponsors=sponsors,
                votes_entitled=entitled,
                votes_yes=entitled - 1 if entitled > 2 else entitled,
                training_days=5,
                training_hours=40,
            )
        if full_on:
            services.development_make_full(actor=actor, development=dev, on=full_on)
        count += 1

    def backward(candidate, extra_days):
        activist = candidate - relativedelta(years=1) - datetime.timedelta(days=extra_days)
        talk = activist - datetime.timedelta(days=30)
        return {
            "applied": talk - datetime.timedelta(days=20),
            "talk": talk,
            "activist": activist,
            "candidate": candidate,
        }

    b1, b2, b3 = branches[0], branches[1 % len(branches)], branches[2 % len(branches)]
    # Made a full member this year (admitted last year).
    chain(
        "陆晓峰",
        b1,
        datetime.date(1994, 8, 12),
        **backward(_l(today, 0.2), 5),
        vote=_l(today, 0.4),
        full_on=_t(today, 0.4),
    )
    # Admitted as probationary members this year.
    chain("林雨桐", b2, datetime.date(1996, 2, 3), **backward(_t(today, 0.3), 10), vote=_t(today, 0.5))
    chain("高志远", b3, datetime.date(1993, 11, 21), **backward(_t(today, 0.4), 12), vote=_t(today, 0.6))
    # Admitted last year, still on probation or extended.
    chain("方静怡", b1, datetime.date(1997, 5, 30), **backward(_l(today, 0.7), 8), vote=_l(today, 0.9))
    # Candidates chosen this year.
    chain("宋嘉诚", b2, datetime.date(1995, 9, 9), **backward(_t(today, 0.6), 20))
    chain("唐思雨", b3, datetime.date(1998, 12, 1), **backward(_t(today, 0.8), 15))
    # Activists chosen this year and last.
    chain(
        "邓文博",
        b1,
        datetime.date(1999, 4, 17),
        applied=_t(today, 0.35) - datetime.timedelta(days=35),
        talk=_t(today, 0.35) - datetime.timedelta(days=10),
        activist=_t(today, 0.35),
    )
    chain(
        "许梦洁",
        b2,
        datetime.date(2000, 6, 6),
        applied=_l(today, 0.55) - datetime.timedelta(days=40),
        talk=_l(today, 0.55) - datetime.timedelta(days=15),
        activist=_l(today, 0.6),
    )
    # Applicants: this year (one still waiting for the talk), last year.
    chain("韩子轩", b3, datetime.date(2001, 3, 14), applied=_t(today, 0.7), talk=_t(today, 0.72))
    chain("曹雅琪", b1, datetime.date(2002, 7, 19), applied=_t(today, 0.95))
    chain(
        "彭浩然",
        b2,
        datetime.date(1992, 10, 10),
        applied=_l(today, 0.5),
        talk=_l(today, 0.5) + datetime.timedelta(days=20),
    )
    return count


def _past(day, today):
    return day if day <= today else None


def _seed_records(actor, organs, members, today):
    created = 0
    bureau = organs["机关党委"]
    staff = sorted((m for m in members.values() if m.user_id), key=lambda m: m.pk)
    for year in (today.year - 1, today.year):
        award_day = _past(datetime.date(year, 6, 30), today)
        if award_day:
            awards = [("member", staff[k % len(staff)].name) for k in (2, 7, 11, 15)[: 3 + (year == today.year)]]
            awards += [("worker", "张敏华")] + ([("worker", "孔伟")] if year == today.year else [])
            awards += [("organisation", "机关第一党支部" if year == today.year else "机关第二党支部")]
            for kind, recipient in awards:
                if not Award.objects.filter(year=year, kind=kind, recipient=recipient).exists():
                    organ = organs.get(recipient)
                    member = members.get(recipient)
                    services.award_create(
                        actor=actor,
                        year=year,
                        kind=kind,
                        recipient=recipient,
                        awarding_body="中共市直机关工作委员会",
                        awarded_on=award_day,
                        member=member if kind != "organisation" else None,
                        organ=organ if kind == "organisation" else None,
                    )
                    created += 1
        for month, day, kind, who, households, amount in [
            (1, 18, "member_in_need", "困难党员", 3, D("1500.00")),
            (1, 19, "veteran", "老党员（离退休党支部）", 6, D("3000.00")),
            (1, 20, "public_in_need", "结对帮扶村困难群众", 5, D("2500.00")),
            (6, 29, "veteran", "党龄50年以上老党员", 2, D("1000.00")),
            (9, 28, "public_in_need", "防汛一线困难职工家庭", 3, D("1800.00")),
        ]:
            when = _past(datetime.date(year, month, day), today)
            recipients = f"{year}年{who}"
            if when and not CareVisit.objects.filter(recipients=recipients, visited_on=when).exists():
                services.care_visit_create(
                    actor=actor,
                    visited_on=when,
                    kind=kind,
                    recipients=recipients,
                    households=households,
                    amount=amount,
                    organ=bureau,
                )
                created += 1
        for month in range(1, 13):
            when = _past(datetime.date(year, month, 5), today)
            if not when:
                continue
            items = [(f"{year}年{month}月党费收缴情况公示", "各支部党费核定与收缴情况。", "branch")]
            if month in (1, 7):
                items.append(
                    (
                        f"{year}年{'上' if month == 7 else '下'}半年发展党员工作情况公示",
                        "发展党员各阶段人员名单。",
                        "bureau",
                    )
                )
            if month == 7:
                items.append(
                    (
                        f"{year}年“两优一先”表彰名单公示",
                        "拟表彰的优秀共产党员、优秀党务工作者和先进基层党组织。",
                        "public",
                    )
                )
            for title, content, scope in items:
                if not Disclosure.objects.filter(title=title).exists():
                    services.disclosure_create(
                        actor=actor, title=title, content=content, scope=scope, published_on=when, organ=bureau
                    )
                    created += 1
        for month, day, kind, title, extra in [
            (
                1,
                10,
                "festival_notice",
                "关于做好元旦春节期间廉洁过节的通知",
                {"copies": 36, "recipients": "各科室、各直属单位"},
            ),
            (
                4,
                1,
                "festival_notice",
                "关于清明五一期间严明纪律要求的提醒",
                {"copies": 36, "recipients": "各科室、各直属单位"},
            ),
            (
                9,
                20,
                "festival_notice",
                "关于中秋国庆期间廉洁过节的通知",
                {"copies": 38, "recipients": "各科室、各直属单位"},
            ),
            (
                3,
                15,
                "inspection",
                "工程建设领域廉政风险点监督检查",
                {"findings": "发现资料归档不及时2处，已督促整改。"},
            ),
            (8, 12, "inspection", "公务接待和公车使用监督检查", {"findings": "未发现违规问题。"}),
            (
                11,
                6,
                "inspection",
                "年度党风廉政建设责任制落实情况检查",
                {"findings": "个别支部学习记录不完整，限期整改。"},
            ),
            (5, 22, "warning_education", "观看警示教育片并开展讨论", {"participants": 58}),
            (10, 25, "warning_education", "赴廉政教育基地开展警示教育", {"participants": 40}),
            (2, 26, "reminder_talk", "新任科级干部廉政提醒谈话", {"participants": 6}),
        ]:
            when = _past(datetime.date(year, month, day), today)
            full_title = f"{year}年{title}"
            if when and not IntegrityActivity.objects.filter(title=full_title).exists():
                services.integrity_record(actor=actor, kind=kind, held_on=when, title=full_title, **extra)
                created += 1
    # One probationary member's probation extended (only while still on probation).
    dev = Development.objects.filter(name="方静怡", stage=Stage.PROBATIONARY, extension_months__isnull=True).first()
    if dev is not None and dev.probation_end > today:
        services.development_extend_probation(
            actor=actor, development=dev, months=6, reason="对党的基本知识掌握不够，需继续考察"
        )
    return created
