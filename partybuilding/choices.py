"""Choices of the Party affairs app, with their Chinese labels."""

from django.db import models


class OrganKind(models.TextChoices):
    COMMITTEE = "committee", "机关党委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    GROUP = "group", "党小组"


class CommitteePost(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    ORGANISATION = "organisation", "组织委员"
    PUBLICITY = "publicity", "宣传委员"
    DISCIPLINE = "discipline", "纪检委员"
    UNITED_FRONT = "united_front", "统战委员"


class MemberKind(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


class MemberStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    TRANSFERRED_OUT = "transferred_out", "已转出"
    LEFT = "left", "已出党"


class DuesCategory(models.TextChoices):
    STAFF = "staff", "在职"
    RETIRED = "retired", "退休"
    MINIMAL = "minimal", "学生/下岗/低保"


# Which bands a category is assessed on; MINIMAL pays the table's flat monthly amount.
BAND_CATEGORIES = [DuesCategory.STAFF, DuesCategory.RETIRED]


class Rounding(models.TextChoices):
    HALF_UP = "ROUND_HALF_UP", "四舍五入"
    DOWN = "ROUND_DOWN", "舍去"
    UP = "ROUND_UP", "进位"
    HALF_EVEN = "ROUND_HALF_EVEN", "银行家舍入"


class BaseSource(models.TextChoices):
    PERSONNEL = "personnel", "人事工资"
    ENTERED = "entered", "录入基数"
    FLAT = "flat", "定额"


class ReductionKind(models.TextChoices):
    REDUCE = "reduce", "减交"
    EXEMPT = "exempt", "免交"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "现金"
    TRANSFER = "transfer", "银行转账"
    ONLINE = "online", "网上缴纳"
    PAYROLL = "payroll", "工资代扣"


class TransferDirection(models.TextChoices):
    IN = "in", "转入"
    OUT = "out", "转出"


class Stage(models.TextChoices):
    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary", "预备党员"
    FULL = "full", "正式党员"
    REMOVED = "removed", "取消资格"


class AwardKind(models.TextChoices):
    MEMBER = "member", "优秀共产党员"
    WORKER = "worker", "优秀党务工作者"
    ORGANISATION = "organisation", "先进基层党组织"


class CareKind(models.TextChoices):
    MEMBER_IN_NEED = "member_in_need", "困难党员"
    PUBLIC_IN_NEED = "public_in_need", "困难群众"
    VETERAN = "veteran", "老党员"


class DisclosureScope(models.TextChoices):
    BRANCH = "branch", "支部内"
    BUREAU = "bureau", "机关内"
    PUBLIC = "public", "社会公开"


class IntegrityKind(models.TextChoices):
    FESTIVAL_NOTICE = "festival_notice", "廉洁过节提醒"
    INSPECTION = "inspection", "监督检查"
    WARNING_EDUCATION = "warning_education", "警示教育"
    REMINDER_TALK = "reminder_talk", "提醒谈话"


# The Party meeting types (meetings.MeetingType rows) this app creates by a data migration,
# by stable code; the summary and the rhythm check count by these codes.
GENERAL_MEETING = "party_general"
COMMITTEE_MEETING = "party_committee"
GROUP_MEETING = "party_group_meeting"
PARTY_LECTURE = "party_lecture"
PARTY_DAY = "party_day"
LIFE_MEETING = "party_life_meeting"
DEMOCRATIC_REVIEW = "party_review"
STUDY_SESSION = "party_study"
EXPERT_LECTURE = "party_expert_lecture"

PARTY_MEETING_TYPES = [
    (GENERAL_MEETING, "党员大会"),
    (COMMITTEE_MEETING, "支委会"),
    (GROUP_MEETING, "党小组会"),
    (PARTY_LECTURE, "党课"),
    (PARTY_DAY, "主题党日"),
    (LIFE_MEETING, "组织生活会"),
    (DEMOCRATIC_REVIEW, "民主评议党员"),
    (STUDY_SESSION, "集中学习"),
    (EXPERT_LECTURE, "专家讲座"),
]
PARTY_CODES = [code for code, _ in PARTY_MEETING_TYPES]

# 《支部工作条例(试行)》: how often each kind must be held ("month", "quarter", "year").
RHYTHM = [
    (GENERAL_MEETING, "quarter"),
    (COMMITTEE_MEETING, "month"),
    (GROUP_MEETING, "month"),
    (PARTY_DAY, "month"),
    (PARTY_LECTURE, "year"),
    (LIFE_MEETING, "year"),
    (DEMOCRATIC_REVIEW, "year"),
]

SUPERVISION_PARTY = "party"
