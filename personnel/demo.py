"""Personnel's part of the demo: a staff record for every demo user and for staff without a login
(retirees, public-institution staff, new recruits), and two HR years (last year and this year,
relative to today) of appointments, recruitment, titles, salary changes, an annual assessment,
a reorganisation, expert tasks and talks, all through the services so that they obey the rules.

Deterministic (fixed seeds, dates placed relative to today) and idempotent: every record is
looked up by its natural key first, so a second run adds nothing."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from office.models import Department, User
from office.workdays import add_working_days, is_working_day

from . import services
from .choices import (
    AppointmentKind,
    AppointmentState,
    AssessmentGrade,
    Degree,
    Education,
    PersonStatus,
    PoliticalStatus,
    Rank,
    RecruitmentChannel,
    SalaryReason,
    Sex,
    Staffing,
    TalkKind,
    TitleLevel,
    TransferDirection,
)
from .idnumbers import with_check_digit
from .models import (
    Appointment,
    AssessmentRound,
    ExpertTask,
    Person,
    Recruitment,
    SalaryChange,
    Talk,
    TitleReview,
    TransferBatch,
)

UNITS = {"center", "riverstation", "hydrology"}
FEMALE = {"王秀英", "赵敏", "孙丽", "王芳", "陈静", "蒋丽", "韩雪", "尤佳", "许红", "吕萍", "施燕", "张敏华", "陈晓华"}
RANK_FOR_POST = {
    "办公室主任": Rank.CHIEF, "科长": Rank.CHIEF, "主任": Rank.CHIEF, "站长": Rank.CHIEF,
    "专职副书记": Rank.DEPUTY_CHIEF, "一级主任科员": Rank.PRINCIPAL_1, "二级主任科员": Rank.PRINCIPAL_2,
    "三级主任科员": Rank.PRINCIPAL_3, "四级主任科员": Rank.PRINCIPAL_4, "一级科员": Rank.STAFF_1,
}  # fmt: skip
# Staff without a login: (name, sex, department code, staffing, post, rank, status)
OTHERS = [
    ("周国平", Sex.MALE, "office", Staffing.ADMINISTRATIVE, "", Rank.RESEARCHER_2, PersonStatus.RETIRED),
    ("马桂兰", Sex.FEMALE, "finance", Staffing.ADMINISTRATIVE, "", Rank.PRINCIPAL_1, PersonStatus.RETIRED),
    ("邵建华", Sex.MALE, "office", Staffing.WORKER, "驾驶员", "", PersonStatus.ACTIVE),
    ("蔡文博", Sex.MALE, "center", Staffing.INSTITUTION, "工程师", "", PersonStatus.ACTIVE),
    ("钱晓燕", Sex.FEMALE, "center", Staffing.INSTITUTION, "助理工程师", "", PersonStatus.ACTIVE),
    ("傅志刚", Sex.MALE, "hydrology", Staffing.INSTITUTION, "高级工程师", "", PersonStatus.ACTIVE),
    ("唐振宇", Sex.MALE, "riverstation", Staffing.INSTITUTION, "技术员", "", PersonStatus.ACTIVE),
    (
        "毛丽娟",
        Sex.FEMALE,
        "rivers",
        Staffing.ADMINISTRATIVE,
        "河湖管理科副科长",
        Rank.DEPUTY_CHIEF,
        PersonStatus.ACTIVE,
    ),
    (
        "葛云飞",
        Sex.MALE,
        "flood",
        Staffing.ADMINISTRATIVE,
        "水旱灾害防御科副科长",
        Rank.DEPUTY_CHIEF,
        PersonStatus.ACTIVE,
    ),
    ("范思远", Sex.MALE, "works", Staffing.ADMINISTRATIVE, "", Rank.PRINCIPAL_4, PersonStatus.ACTIVE),
]
# Recruits of each year: (name, sex, department, staffing, channel)
RECRUITS = {
    -1: [
        ("林博文", Sex.MALE, "hydrology", Staffing.INSTITUTION, RecruitmentChannel.TALENT),
        ("苏雨晴", Sex.FEMALE, "center", Staffing.INSTITUTION, RecruitmentChannel.PUBLIC_INSTITUTION),
        ("贺子健", Sex.MALE, "riverstation", Staffing.INSTITUTION, RecruitmentChannel.PUBLIC_INSTITUTION),
        ("程一鸣", Sex.MALE, "planning", Staffing.ADMINISTRATIVE, RecruitmentChannel.CIVIL_SERVICE_EXAM),
        ("彭立军", Sex.MALE, "works", Staffing.ADMINISTRATIVE, RecruitmentChannel.MILITARY),
    ],
    0: [
        ("顾明哲", Sex.MALE, "center", Staffing.INSTITUTION, RecruitmentChannel.TALENT),
        ("宋佳怡", Sex.FEMALE, "hydrology", Staffing.INSTITUTION, RecruitmentChannel.PUBLIC_INSTITUTION),
        ("陆晨阳", Sex.MALE, "center", Staffing.INSTITUTION, RecruitmentChannel.PUBLIC_INSTITUTION),
        ("任思琪", Sex.FEMALE, "resources", Staffing.ADMINISTRATIVE, RecruitmentChannel.CIVIL_SERVICE_EXAM),
    ],
}
# A reorganisation each year: (direction, other body, names moved)
TRANSFERS = {
    -1: (TransferDirection.IN, "市水利工程质量监督站",
         [("严志国", Sex.MALE), ("潘慧敏", Sex.FEMALE), ("汪海涛", Sex.MALE)]),
    0: (TransferDirection.OUT, "市水务集团有限公司", ["唐振宇", "钱晓燕"]),
}  # fmt: skip
EXPERT_TASKS = {
    -1: [("灌区续建配套与节水改造技术指导", "东湖灌区"), ("小型水库安全鉴定技术服务", "青山镇"),
         ("农村饮水安全工程水质检测指导", "白马镇"), ("河道护岸工程质量巡查", "南河村"),
         ("防汛抢险技术培训", "县防汛物资仓库")],
    0: [("山洪灾害防御预案编制指导", "石门乡"), ("高标准农田水利设施验收指导", "丰收村"),
        ("水土保持监测技术服务", "龙潭镇"), ("水闸安全运行技术培训", "城东泵站")],
}  # fmt: skip
TITLES = {  # level: (passed, failed) per year
    -1: {TitleLevel.SENIOR: (1, 0), TitleLevel.ASSOCIATE: (2, 1), TitleLevel.INTERMEDIATE: (3, 0),
         TitleLevel.JUNIOR: (2, 0)},
    0: {TitleLevel.SENIOR: (0, 1), TitleLevel.ASSOCIATE: (3, 0), TitleLevel.INTERMEDIATE: (2, 1),
        TitleLevel.JUNIOR: (3, 0)},
}  # fmt: skip
TITLE_NAMES = {
    TitleLevel.SENIOR: "正高级工程师", TitleLevel.ASSOCIATE: "高级工程师", TitleLevel.INTERMEDIATE: "工程师",
    TitleLevel.JUNIOR: "助理工程师",
}  # fmt: skip


def seed(stdout=None):
    hr = User.objects.filter(username="hr").first()
    if hr is None or not Department.objects.filter(code="office").exists():
        if stdout:
            stdout.write("人事：缺少核心的演示人员，跳过。")
        return
    today = timezone.localdate()
    rng = random.Random(20261010)  # noqa: S311 - demo data, not security
    departments = {d.code: d for d in Department.objects.all()}
    created = {"people": 0}
    people = _seed_people(hr, departments, rng, today, created)
    _seed_salaries(hr, people, today)
    for offset in (-1, 0):
        year = today.year + offset
        _seed_recruits(hr, departments, rng, today, offset, created)
        _seed_titles(hr, people, year, offset)
        _seed_experts(hr, people, today, offset)
        _seed_transfer(hr, departments, rng, today, offset, created)
        _seed_appointments(hr, people, departments, today, offset)
    _seed_assessment(hr, today.year - 1)
    _seed_talks(hr, people, today)
    if stdout:
        stdout.write(
            f"人事：人员档案 {Person.objects.count()} 份（新增 {created['people']}），任免 "
            f"{Appointment.objects.count()} 条，薪资变动 {SalaryChange.objects.count()} 条。"
        )


# --- people ----------------------------------------------------------------------------------


def _birth(rng, post):
    senior = post in ("局长", "副局长", "总工程师") or post in RANK_FOR_POST and RANK_FOR_POST[post] == Rank.CHIEF
    age = rng.randint(44, 56) if senior else rng.randint(26, 50)
    year = timezone.localdate().year - age
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _citizen_id(birth, n):
    return with_check_digit(f"320102{birth:%Y%m%d}{(n * 7) % 1000:03d}")


def _person(hr, *, name, sex, birth, n, department, staffing, post="", rank="", user=None, status=PersonStatus.ACTIVE,
            status_date=None, rng=None, created=None, join=None):  # fmt: skip
    existing = Person.objects.filter(user=user).first() if user else Person.objects.filter(name=name).first()
    if existing is not None:
        return existing
    party = rng.random() < 0.72
    work_start = datetime.date(birth.year + 22, 7, 1)
    person = services.person_create(
        actor=hr,
        name=name,
        sex=sex,
        birth_date=birth,
        citizen_id=_citizen_id(birth, n),
        political_status=PoliticalStatus.CPC_MEMBER if party else rng.choice(
            [PoliticalStatus.MASSES, PoliticalStatus.MASSES, PoliticalStatus.CDL, PoliticalStatus.NON_PARTY]),
        phone=f"139{rng.randint(10000000, 99999999)}",
        education=rng.choice([Education.BACHELOR, Education.BACHELOR, Education.POSTGRADUATE, Education.COLLEGE]),
        degree=rng.choice([Degree.BACHELOR, Degree.BACHELOR, Degree.MASTER]),
        work_start_date=min(work_start, timezone.localdate()),
        join_date=join or min(work_start + datetime.timedelta(days=365 * rng.randint(0, 8)), timezone.localdate()),
        staffing=staffing,
        department=department,
        post=post,
        rank=rank,
        status=status,
        status_date=status_date,
        user=user,
        resume=f"{work_start:%Y.%m}—    {department.name if department else ''}工作",
    )  # fmt: skip
    if created is not None:
        created["people"] += 1
    return person


def _seed_people(hr, departments, rng, today, created):
    from office.demo import PEOPLE

    users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PEOPLE])}
    people = {}
    for n, (username, name, dept_code, post, _roles) in enumerate(PEOPLE, start=1):
        user = users.get(username)
        if user is None:
            continue
        unit = dept_code in UNITS
        staffing = Staffing.INSTITUTION if unit and post not in ("主任", "站长") else Staffing.ADMINISTRATIVE
        rank = RANK_FOR_POST.get(post, "")
        if username in BEFORE_PROMOTION:
            # The record starts from the post held before the demo's promotion gives the current one.
            post, rank = BEFORE_PROMOTION[username]
        people[username] = _person(
            hr, name=name, sex=Sex.FEMALE if name in FEMALE else Sex.MALE, birth=_birth(rng, post), n=n,
            department=departments.get(dept_code), staffing=staffing, post=post,
            rank=rank, user=user, rng=rng, created=created,
        )  # fmt: skip
    for n, (name, sex, dept_code, staffing, post, rank, status) in enumerate(OTHERS, start=100):
        birth = _birth(rng, post) if status == PersonStatus.ACTIVE else datetime.date(today.year - 63, 3, 12 + n % 10)
        status_date = datetime.date(birth.year + 60, birth.month, 1) if status == PersonStatus.RETIRED else None
        people[name] = _person(
            hr, name=name, sex=sex, birth=birth, n=n, department=departments.get(dept_code), staffing=staffing,
            post=post, rank=rank, status=status, status_date=status_date, rng=rng, created=created,
        )  # fmt: skip
    return people


# --- salary ----------------------------------------------------------------------------------


def _pay(person, rng, step=Decimal("0")):
    """A plausible fixed monthly pay by scheme and rank."""
    if person.staffing == Staffing.INSTITUTION:
        return {
            "post_pay": Decimal(rng.choice([1180, 1340, 1590, 1930])) + step,
            "scale_pay": Decimal(rng.randint(9, 30) * 45),
            "performance_pay": Decimal(rng.randint(21, 32) * 100),
            "allowance": Decimal("1260.00"),
        }
    duty = {Rank.CHIEF: 1410, Rank.DEPUTY_CHIEF: 1130}.get(person.rank, 900 if person.rank else 820)
    return {
        "duty_pay": Decimal(duty) + step,
        "grade_pay": Decimal(rng.randint(22, 40) * 50),
        "allowance": Decimal(rng.choice([2650, 2880, 3120])),
    }


def _seed_salaries(hr, people, today):
    """A first pay record three years back for everyone serving, a 晋档 for half of them last
    January, and this year's 调标 for everyone from July (if July has come)."""
    rng = random.Random(77)  # noqa: S311
    first = datetime.date(today.year - 3, 1, 1)
    for index, person in enumerate(sorted(people.values(), key=lambda p: p.pk)):
        if person.status != PersonStatus.ACTIVE:
            continue
        pay = _pay(person, rng)
        _salary(hr, person, first, SalaryReason.OTHER, pay, note="入库时的工资")
        if index % 2 == 0:
            key = "scale_pay" if "scale_pay" in pay else "grade_pay"
            pay = {**pay, key: pay[key] + Decimal("62.00")}
            _salary(hr, person, datetime.date(today.year - 1, 1, 1), SalaryReason.STEP, pay)
        if today.month >= 7 and index % 3 != 2:
            pay = {**pay, "allowance": pay["allowance"] + Decimal("180.00")}
            _salary(hr, person, datetime.date(today.year, 7, 1), SalaryReason.STANDARD, pay, note="规范津贴补贴")


def _salary(hr, person, month, reason, pay, note=""):
    if SalaryChange.objects.filter(person=person, effective_month=month, voided_at__isnull=True).exists():
        return
    services.salary_change_record(actor=hr, person=person, effective_month=month, reason=reason,
                                  components=pay, note=note)  # fmt: skip


# --- the registers of each year --------------------------------------------------------------


def _in_year(today, offset, fraction):
    """A day `fraction` of the way through the year (this year: through the days gone by)."""
    year = today.year + offset
    start = datetime.date(year, 1, 6)
    end = datetime.date(year, 12, 20) if offset < 0 else today - datetime.timedelta(days=3)
    if end <= start:
        return None
    return start + datetime.timedelta(days=int((end - start).days * fraction))


def _seed_recruits(hr, departments, rng, today, offset, created):
    for n, (name, sex, code, staffing, channel) in enumerate(RECRUITS[offset]):
        day = _in_year(today, offset, 0.3 + 0.12 * n)
        if day is None:
            continue
        person = _person(hr, name=name, sex=sex, birth=datetime.date(today.year - 27 - n, 5 + n, 9 + n),
                         n=300 + 10 * (offset + 1) + n, department=departments.get(code), staffing=staffing,
                         rng=rng, created=created, join=day)  # fmt: skip
        if not Recruitment.objects.filter(person=person, channel=channel).exists():
            services.recruitment_record(actor=hr, person=person, channel=channel, date=day)


def _seed_titles(hr, people, year, offset):
    candidates = sorted((p for p in people.values() if p.status == PersonStatus.ACTIVE), key=lambda p: p.pk)
    k = 0 if offset < 0 else 13
    for level, (passed, failed) in TITLES[offset].items():
        for outcome in [True] * passed + [False] * failed:
            person = candidates[k % len(candidates)]
            k += 1
            if not TitleReview.objects.filter(person=person, year=year, level=level).exists():
                services.title_review_record(actor=hr, person=person, series="工程", title=TITLE_NAMES[level],
                                             level=level, year=year, passed=outcome)  # fmt: skip


def _seed_experts(hr, people, today, offset):
    experts = [p for p in people.values() if p.title_level or p.staffing == Staffing.INSTITUTION][:8]
    for n, (title, place) in enumerate(EXPERT_TASKS[offset]):
        day = _in_year(today, offset, 0.15 + 0.17 * n)
        if day is None or ExpertTask.objects.filter(title=title).exists():
            continue
        services.expert_task_record(actor=hr, title=title, place=place, date=day,
                                    experts=experts[n % len(experts): n % len(experts) + 2])  # fmt: skip


def _seed_transfer(hr, departments, rng, today, offset, created):
    direction, body, names = TRANSFERS[offset]
    day = _in_year(today, offset, 0.2)
    if day is None or TransferBatch.objects.filter(other_body=body, date__year=day.year).exists():
        return
    if direction == TransferDirection.IN:
        persons = [
            _person(hr, name=name, sex=sex, birth=datetime.date(today.year - 38 - i, 2 + i, 11), n=400 + i,
                    department=departments.get("center"), staffing=Staffing.INSTITUTION, rng=rng, created=created,
                    join=day)
            for i, (name, sex) in enumerate(names)
        ]  # fmt: skip
    else:
        persons = list(Person.objects.filter(name__in=names, status=PersonStatus.ACTIVE))
    if persons:
        services.transfer_record(actor=hr, direction=direction, other_body=body, date=day, persons=persons,
                                 document_number=f"滨编办〔{day.year}〕{7 + offset}号")  # fmt: skip


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _working_day_on_or_after(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


# (kind, rank, post template, who) per year; who names a demo person to move.
APPOINTMENTS = {
    -1: [
        (AppointmentKind.PROMOTION, Rank.DEPUTY_CHIEF, "规划计划科副科长", "fengjun"),
        (AppointmentKind.PROMOTION, Rank.DEPUTY_CHIEF, "河湖管理科副科长", "jiangli"),
        (AppointmentKind.PROMOTION, Rank.CHIEF, "水旱灾害防御科科长", "yangfan"),
        (AppointmentKind.LATERAL, Rank.CHIEF, "建设与运行管理科科长", "qinlei"),
        (AppointmentKind.LATERAL, Rank.CHIEF, "农村水利水电科科长", "shenbo"),
        (AppointmentKind.LATERAL, Rank.DEPUTY_CHIEF, "建设与运行管理科副科长", "葛云飞"),
        (AppointmentKind.REAPPOINTMENT, Rank.CHIEF, "财务审计科科长", "lvping"),
        (AppointmentKind.REMOVAL, Rank.PRINCIPAL_1, "", "毛丽娟"),
    ],
    0: [
        (AppointmentKind.PROMOTION, Rank.CHIEF, "水资源管理科科长", "chenjing"),
        (AppointmentKind.PROMOTION, Rank.DEPUTY_CHIEF, "水资源管理科副科长", "chuyong"),
        (AppointmentKind.PROMOTION, Rank.DEPUTY_CHIEF, "农村水利水电科副科长", "hanxue"),
        (AppointmentKind.LATERAL, Rank.CHIEF, "人事科科长", "hejun"),
        (AppointmentKind.LATERAL, Rank.DEPUTY_CHIEF, "机关党委专职副书记", "kongwei"),
        (AppointmentKind.REAPPOINTMENT, Rank.CHIEF, "河湖管理科科长", "weiqiang"),
        (AppointmentKind.DISMISSAL, "", "", "唐振宇"),
    ],
}


BEFORE_PROMOTION = {
    who: (("副科长", Rank.DEPUTY_CHIEF) if rank == Rank.CHIEF else ("一级主任科员", Rank.PRINCIPAL_1))
    for plan in APPOINTMENTS.values()
    for kind, rank, _post, who in plan
    if kind == AppointmentKind.PROMOTION
}


def _seed_appointments(hr, people, departments, today, offset):
    plan = APPOINTMENTS[offset]
    for n, (kind, rank, post, who) in enumerate(plan):
        person = people.get(who)
        day = _in_year(today, offset, 0.1 + 0.8 * n / len(plan))
        soon = _year_before(today + datetime.timedelta(days=30))
        if who == "yangfan" and soon.year == today.year + offset:
            # HR's home page shows a probation ending within the next weeks.
            day = soon
        if person is None or day is None or day < datetime.date(today.year + offset, 1, 20):
            continue
        if Appointment.objects.filter(person=person, kind=kind, effective_date__year=day.year).exists():
            continue
        if person.status != PersonStatus.ACTIVE:
            continue
        extra = {}
        if kind == AppointmentKind.PROMOTION:
            start = _working_day_on_or_after(day - datetime.timedelta(days=20))
            end = add_working_days(start, 5).date  # six working days with the first
            day = max(day, end + datetime.timedelta(days=3))
            if day > today:
                continue
            extra = {"publicity_start": start, "publicity_end": end}
        appointment = services.appointment_record(
            actor=hr, person=person, kind=kind, rank=rank, post=post, effective_date=day,
            department=person.department, document_number=f"滨水人〔{day.year}〕{n + 3}号",
            reason="工作需要，经局党组研究决定。", **extra,
        )  # fmt: skip
        services.appointment_apply(actor=hr, appointment=appointment)
        appointment.refresh_from_db()
        if appointment.probation_end and appointment.probation_end < today:
            services.probation_confirm(actor=hr, appointment=appointment)
    # One promotion recorded and waiting for its publicity to end (so the page has a step to take).
    waiting = people.get("zhuming")
    if (
        waiting is not None
        and not Appointment.objects.filter(person=waiting, status=AppointmentState.RECORDED).exists()
    ):
        start = _working_day_on_or_after(today - datetime.timedelta(days=2))
        end = add_working_days(start, 5).date
        services.appointment_record(
            actor=hr, person=waiting, kind=AppointmentKind.PROMOTION, rank=Rank.DEPUTY_CHIEF,
            post="水旱灾害防御科副科长", effective_date=end + datetime.timedelta(days=3),
            department=waiting.department, reason="拟提拔，任前公示中。", publicity_start=start, publicity_end=end,
        )  # fmt: skip


# --- assessment and talks --------------------------------------------------------------------


def _seed_assessment(hr, year):
    """Last year's round for the whole bureau: 优秀 for 15% (under the 20% cap), closed."""
    if AssessmentRound.objects.filter(year=year, unit__isnull=True).exists():
        return
    serving = Person.objects.filter(status=PersonStatus.ACTIVE, join_date__year__lt=year + 1).order_by("id")
    assessment_round = services.assessment_round_open(actor=hr, year=year, persons=list(serving))
    rows = list(assessment_round.assessments.select_related("person").order_by("person_id"))
    excellent = int(len(rows) * 0.15)
    grades = {}
    for i, row in enumerate(rows):
        civil = row.person.staffing == Staffing.ADMINISTRATIVE
        if i % 7 == 3 and excellent > 0:
            grades[row.person_id] = AssessmentGrade.EXCELLENT
            excellent -= 1
        elif row.person.join_date and row.person.join_date.year == year:
            grades[row.person_id] = AssessmentGrade.UNGRADED  # new this year: 不定等次
        else:
            grades[row.person_id] = AssessmentGrade.COMPETENT if civil else AssessmentGrade.QUALIFIED
    services.assessment_grades_record(actor=hr, assessment_round=assessment_round, grades=grades)
    services.assessment_round_close(actor=hr, assessment_round=assessment_round)


def _seed_talks(hr, people, today):
    """The office director talks with the section chiefs each quarter; this quarter two are
    still to come (HR's page shows them). A 任前谈话 before each promotion."""
    director = people.get("depthead")
    if director is None:
        return
    chiefs = [p for p in Person.objects.filter(rank=Rank.CHIEF, status=PersonStatus.ACTIVE).order_by("id")
              if p.pk != director.pk]  # fmt: skip
    quarter_start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    for back in (1, 2):  # the two previous quarters: everyone
        month = quarter_start.month - 3 * back
        year = quarter_start.year + (month - 1) // 12
        start = datetime.date(year, (month - 1) % 12 + 1, 1)
        for i, chief in enumerate(chiefs):
            _talk(hr, director, chief, TalkKind.HEART_TO_HEART, start + datetime.timedelta(days=10 + i * 3))
    for i, chief in enumerate(chiefs[:-2]):  # this quarter: all but the last two
        day = min(quarter_start + datetime.timedelta(days=5 + i * 2), today)
        _talk(hr, director, chief, TalkKind.HEART_TO_HEART, day)
    for appointment in Appointment.objects.filter(kind=AppointmentKind.PROMOTION, publicity_start__isnull=False):
        _talk(hr, director, appointment.person, TalkKind.PRE_APPOINTMENT,
              appointment.publicity_start - datetime.timedelta(days=3),
              notes="任前谈话：提出廉洁从政和履职要求。")  # fmt: skip


def _talk(hr, talker, talkee, kind, day, notes="了解思想和工作情况，听取对局工作的意见建议。"):
    if talker.pk == talkee.pk or Talk.objects.filter(talker=talker, talkee=talkee, kind=kind, date=day).exists():
        return
    services.talk_record(actor=hr, talker=talker, talkee=talkee, kind=kind, date=day, notes=notes)
