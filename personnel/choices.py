"""Choices of the personnel app (人事), with their Chinese labels.

Codes that come from a national standard keep the standard's code as the stored value
(民族: GB 3304; 政治面貌: GB/T 4762), so that exports and imports read the same numbers."""

from django.db import models


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


# GB 3304-1991, in the standard's order; the stored value is the two-digit code.
ETHNIC_GROUPS = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]  # fmt: skip
ETHNICITY_CHOICES = [(f"{i:02d}", name) for i, name in enumerate(ETHNIC_GROUPS, start=1)]
HAN = "01"


class PoliticalStatus(models.TextChoices):
    """GB/T 4762 codes."""

    CPC_MEMBER = "01", "中共党员"
    CPC_PROBATIONARY = "02", "中共预备党员"
    CYL_MEMBER = "03", "共青团员"
    RCCK = "04", "民革党员"
    CDL = "05", "民盟盟员"
    CNDCA = "06", "民建会员"
    CAPD = "07", "民进会员"
    CPWDP = "08", "农工党党员"
    CZGP = "09", "致公党党员"
    JIUSAN = "10", "九三学社社员"
    TDSGL = "11", "台盟盟员"
    NON_PARTY = "12", "无党派人士"
    MASSES = "13", "群众"


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", "研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专/高中"
    JUNIOR = "junior", "初中及以下"


class Degree(models.TextChoices):
    DOCTOR = "doctor", "博士"
    MASTER = "master", "硕士"
    BACHELOR = "bachelor", "学士"
    NONE = "none", "无"


class Staffing(models.TextChoices):
    """编制: which determines the assessment grades and the salary scheme."""

    ADMINISTRATIVE = "administrative", "行政编"
    INSTITUTION = "institution", "事业编"
    WORKER = "worker", "工勤"
    CONTRACT = "contract", "聘用"


class PersonStatus(models.TextChoices):
    ACTIVE = "active", "在职"
    RETIRED = "retired", "退休"
    TRANSFERRED_OUT = "transferred_out", "调出"
    LEFT = "left", "辞职/解聘"
    DECEASED = "deceased", "去世"


class Rank(models.TextChoices):
    """The ladder of RULES.md: leading posts (领导职务) 乡科级正职/副职, then the 职级 ladder."""

    CHIEF = "chief", "正科级"
    DEPUTY_CHIEF = "deputy_chief", "副科级"
    RESEARCHER_1 = "researcher_1", "一级调研员"
    RESEARCHER_2 = "researcher_2", "二级调研员"
    RESEARCHER_3 = "researcher_3", "三级调研员"
    RESEARCHER_4 = "researcher_4", "四级调研员"
    PRINCIPAL_1 = "principal_1", "一级主任科员"
    PRINCIPAL_2 = "principal_2", "二级主任科员"
    PRINCIPAL_3 = "principal_3", "三级主任科员"
    PRINCIPAL_4 = "principal_4", "四级主任科员"
    STAFF_1 = "staff_1", "一级科员"
    STAFF_2 = "staff_2", "二级科员"


# 乡科级正职 and 副职 are the leading posts; promotion to one of them opens a probation.
LEADING_RANKS = frozenset({Rank.CHIEF, Rank.DEPUTY_CHIEF})


class AppointmentKind(models.TextChoices):
    PROMOTION = "promotion", "提拔"
    LATERAL = "lateral", "平级调整"
    REAPPOINTMENT = "reappointment", "重新任职"
    REMOVAL = "removal", "免职"
    DISMISSAL = "dismissal", "解聘"


# Kinds that leave the person without the post (免职, 解聘): no new rank or post is required.
ENDING_KINDS = frozenset({AppointmentKind.REMOVAL, AppointmentKind.DISMISSAL})


class AppointmentState(models.TextChoices):
    RECORDED = "recorded", "待执行"
    APPLIED = "applied", "已执行"
    VOIDED = "voided", "已作废"


class RecruitmentChannel(models.TextChoices):
    TALENT = "talent", "引进高层次急需紧缺人才"
    PUBLIC_INSTITUTION = "public_institution", "公开招聘事业编"
    CIVIL_SERVICE_EXAM = "civil_service_exam", "公务员考录"
    SELECTION = "selection", "遴选"
    MILITARY = "military", "军转安置"
    OTHER = "other", "其他"


class TitleLevel(models.TextChoices):
    SENIOR = "senior", "正高级"
    ASSOCIATE = "associate", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    JUNIOR = "junior", "初级"


class SalaryReason(models.TextChoices):
    GRADE = "grade", "晋级"
    STEP = "step", "晋档"
    POST = "post", "职务变动"
    STANDARD = "standard", "调标"
    OTHER = "other", "其他"


class SalaryScheme(models.TextChoices):
    """机关 (civil servants and workers of the organ) or 事业单位 pay components."""

    ORGAN = "organ", "机关"
    INSTITUTION = "institution", "事业单位"


# The fixed monthly components of each scheme (RULES.md, Party dues: the monthly base).
SALARY_COMPONENTS = {
    SalaryScheme.ORGAN: [("duty_pay", "职务工资"), ("grade_pay", "级别工资"), ("allowance", "津贴补贴")],
    SalaryScheme.INSTITUTION: [
        ("post_pay", "岗位工资"),
        ("scale_pay", "薪级工资"),
        ("performance_pay", "绩效工资"),
        ("allowance", "津贴补贴"),
    ],
}
ALL_SALARY_COMPONENTS = [
    ("duty_pay", "职务工资"),
    ("grade_pay", "级别工资"),
    ("post_pay", "岗位工资"),
    ("scale_pay", "薪级工资"),
    ("performance_pay", "绩效工资"),
    ("allowance", "津贴补贴"),
]


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    COMPETENT = "competent", "称职"
    BASICALLY_COMPETENT = "basically_competent", "基本称职"
    INCOMPETENT = "incompetent", "不称职"
    QUALIFIED = "qualified", "合格"
    BASICALLY_QUALIFIED = "basically_qualified", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"
    UNGRADED = "ungraded", "不定等次"


CIVIL_SERVANT_GRADES = frozenset(
    {AssessmentGrade.EXCELLENT, AssessmentGrade.COMPETENT, AssessmentGrade.BASICALLY_COMPETENT,
     AssessmentGrade.INCOMPETENT, AssessmentGrade.UNGRADED}
)  # fmt: skip
INSTITUTION_GRADES = frozenset(
    {AssessmentGrade.EXCELLENT, AssessmentGrade.QUALIFIED, AssessmentGrade.BASICALLY_QUALIFIED,
     AssessmentGrade.UNQUALIFIED, AssessmentGrade.UNGRADED}
)  # fmt: skip


class TransferDirection(models.TextChoices):
    IN = "in", "转入"
    OUT = "out", "转出"


class TalkKind(models.TextChoices):
    HEART_TO_HEART = "heart_to_heart", "谈心谈话"
    PRE_APPOINTMENT = "pre_appointment", "任前谈话"
    REMINDER = "reminder", "提醒谈话"
    ADMONITION = "admonition", "诫勉谈话"


class SensitiveAccessVia(models.TextChoices):
    PAGE = "page", "页面"
    API = "api", "接口"
    EXPORT = "export", "导出"
    PDF = "pdf", "任免审批表"


# The supervision category this app registers (personnel/hooks.py) for probation ends.
SUPERVISION_PERSONNEL = "personnel"
