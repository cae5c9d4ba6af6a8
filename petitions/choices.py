from django.db import models


class Channel(models.TextChoices):
    VISIT = "visit", "来访"
    LETTER = "letter", "来信"
    ONLINE = "online", "网上信访"
    PHONE = "phone", "电话"
    HIGHER = "higher", "上级转交"


class Subject(models.TextChoices):
    PROJECT = "project", "水利工程建设"
    RESETTLEMENT = "resettlement", "征地拆迁与移民"
    WATER_RESOURCES = "water_resources", "水资源与取水"
    RIVERS = "rivers", "河湖管理"
    DRINKING_WATER = "drinking_water", "农村饮水"
    FLOOD = "flood", "防汛抗旱"
    WAGES = "wages", "拖欠工程款与农民工工资"
    CONDUCT = "conduct", "干部作风"
    OTHER = "other", "其他"


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    TRANSFERRED = "transferred", "已转送"
    ACCEPTED = "accepted", "办理中"
    REFUSED = "refused", "不予受理"
    REPLIED = "replied", "已答复"
    REVIEW = "review", "复查中"
    REVIEWED = "reviewed", "已复查"
    RE_REVIEW = "re_review", "复核中"
    RE_REVIEWED = "re_reviewed", "已复核"
    CLOSED = "closed", "已办结"
    VOIDED = "voided", "已作废"


class Route(models.TextChoices):
    TRANSFER = "transfer", "转送"
    ASSIGN = "assign", "交办"
    ACCEPT = "accept", "受理"
    REFUSE = "refuse", "不予受理"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", "维持原处理意见"
    CHANGED = "changed", "变更原处理意见"
    REVOKED = "revoked", "撤销原处理意见"


class ReceptionKind(models.TextChoices):
    ROUTINE = "routine", "一般接待"
    LARGE_MEETING = "large_meeting", "大型会议活动"
    INSPECTION = "inspection", "考察检查组"


class ReceptionStatus(models.TextChoices):
    DRAFT = "draft", "待审批"
    APPROVED = "approved", "已审批"
    DONE = "done", "已完成"
    VOIDED = "voided", "已作废"


class ReceptionActivity(models.TextChoices):
    MEAL = "meal", "用餐"
    LODGING = "lodging", "住宿"
    MEETING = "meeting", "会议座谈"
    INSPECTION = "inspection", "考察调研"
    OTHER = "other", "其他"


class DutyRole(models.TextChoices):
    LEADER = "leader", "带班领导"
    STAFF = "staff", "值班人员"


class SwapStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REJECTED = "rejected", "未同意"


class DutyLogKind(models.TextChoices):
    CALL = "call", "来电"
    EVENT = "event", "突发事件"
    NOTICE = "notice", "上级通知"
    OTHER = "other", "其他"


class RectificationStatus(models.TextChoices):
    NONE = "none", "无隐患"
    OPEN = "open", "整改中"
    DONE = "done", "已整改"
