"""Choices of the documents app, with the labels the regulation uses."""

from django.db import models


class DocumentKind(models.TextChoices):
    """The 15 kinds (文种) of 《党政机关公文处理工作条例》, plus 其他 for what others send us."""

    RESOLUTION = "resolution", "决议"
    DECISION = "decision", "决定"
    ORDER = "order", "命令（令）"
    COMMUNIQUE = "communique", "公报"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "通告"
    OPINION = "opinion", "意见"
    NOTICE = "notice", "通知"
    CIRCULAR = "circular", "通报"
    REPORT = "report", "报告"
    REQUEST = "request", "请示"
    REPLY = "reply", "批复"
    MOTION = "motion", "议案"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"
    OTHER = "other", "其他"


class Classification(models.TextChoices):
    NONE = "none", "非密"
    INTERNAL = "internal", "内部"
    SECRET = "secret", "秘密"
    CONFIDENTIAL = "confidential", "机密"
    TOP_SECRET = "top_secret", "绝密"


# State secrets: metadata only, no body, no attachments (保守国家秘密法).
CLASSIFIED = (Classification.SECRET, Classification.CONFIDENTIAL, Classification.TOP_SECRET)
CLASSIFIED_TITLE = "涉密件"
# What a person without clearance sees in place of a classified document's free text (remarks,
# opinions, 批示, results, reasons): the text is content, not metadata (documents.permissions.sees_content).
CLASSIFIED_CONTENT = "（涉密内容，须有涉密权限才能查看）"


class SecrecyPeriod(models.TextChoices):
    NONE = "", "—"
    ONE_YEAR = "1y", "1年"
    FIVE_YEARS = "5y", "5年"
    TEN_YEARS = "10y", "10年"
    TWENTY_YEARS = "20y", "20年"
    THIRTY_YEARS = "30y", "30年"
    LONG_TERM = "long", "长期"


class Urgency(models.TextChoices):
    NORMAL = "normal", "平件"
    URGENT = "urgent", "加急"
    EXTRA_URGENT = "extra_urgent", "特急"


class Disclosure(models.TextChoices):
    """公开属性 of an outgoing document (《政府信息公开条例》); blank for drafts made before the
    field existed (未标注)."""

    UNMARKED = "", "未标注"
    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_PUBLIC = "not_public", "不予公开"


class VersionStep(models.TextChoices):
    """The step of the 发文 at which a version of the 正文 was made (the draft's state then)."""

    DRAFT = "draft", "拟稿"
    REVIEW = "review", "核稿"
    COUNTERSIGN = "countersign", "会签"
    SIGN = "sign", "签发"
    PROOF = "proof", "复核"


class VersionSource(models.TextChoices):
    DOCX = "docx", "Word 文档"
    TEXT = "text", "网页录入"


class TextStatus(models.TextChoices):
    """Where the extraction of a file's text stands (a Celery task, once per file)."""

    NONE = "", "未提取"
    PENDING = "pending", "待提取"
    DONE = "done", "已提取"
    TRUNCATED = "truncated", "已提取（超长部分截断）"
    FAILED = "failed", "提取失败"


class HandlingType(models.TextChoices):
    ACTION = "action", "办件"
    READING = "reading", "阅件"


class IncomingStatus(models.TextChoices):
    RECEIVED = "received", "已签收"
    REGISTERED = "registered", "已登记"
    REVIEWED = "reviewed", "已初审"
    RETURNED = "returned", "已退回"
    PROPOSED = "proposed", "待批办"
    INSTRUCTED = "instructed", "已批办"
    HANDLING = "handling", "承办中"
    CIRCULATING = "circulating", "传阅中"
    DONE = "done", "已办结"
    VOIDED = "voided", "已作废"


class IncomingStepKind(models.TextChoices):
    RECEIVE = "receive", "签收"
    REGISTER = "register", "登记"
    REVIEW = "review", "初审"
    RETURN = "return", "退回"
    PROPOSE = "propose", "拟办"
    INSTRUCT = "instruct", "批办"
    ASSIGN = "assign", "承办"
    CIRCULATE = "circulate", "传阅"
    READ = "read", "阅毕"
    URGE = "urge", "催办"
    COMPLETE = "complete", "办结"
    VOID = "void", "作废"


class OutgoingStatus(models.TextChoices):
    DRAFT = "draft", "拟稿"
    REVIEW = "review", "待核稿"
    COUNTERSIGN = "countersign", "会签中"
    SIGNING = "signing", "待签发"
    SIGNED = "signed", "已签发"
    NUMBERED = "numbered", "已编号"
    DISPATCHED = "dispatched", "已印发"
    ARCHIVED = "archived", "已归档"
    RETURNED = "returned", "退回修改"
    VOIDED = "voided", "已作废"


class OutgoingStepKind(models.TextChoices):
    DRAFT = "draft", "拟稿"
    SUBMIT = "submit", "送审"
    REVIEW = "review", "核稿"
    COUNTERSIGN = "countersign", "会签"
    SIGN = "sign", "签发"
    NUMBER = "number", "编号"
    DISPATCH = "dispatch", "印发"
    ARCHIVE = "archive", "归档"
    RETURN = "return", "退回"
    VOID = "void", "作废"


class ProposalKind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协委员提案"


class ProposalStatus(models.TextChoices):
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    VOIDED = "voided", "已作废"


class ProposalResult(models.TextChoices):
    A = "A", "A 已解决或基本解决"
    B = "B", "B 正在解决或列入计划"
    C = "C", "C 因条件限制以后解决"
    D = "D", "D 留作参考"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class InstructionStatus(models.TextChoices):
    OPEN = "open", "办理中"
    COMPLETED = "completed", "已完成"
    VOIDED = "voided", "已作废"


class Retention(models.TextChoices):
    PERMANENT = "Y", "永久"
    THIRTY = "D30", "30年"
    TEN = "D10", "10年"


class PublicityChannel(models.TextChoices):
    WEBSITE = "website", "网站"
    WECHAT = "wechat", "微信公众号"
    MEDIA = "media", "媒体"


# The supervision categories this app registers (documents/hooks.py) and opens items in.
SUPERVISION_DOCUMENT = "document"
SUPERVISION_INSTRUCTION = "instruction"
SUPERVISION_PROPOSAL = "proposal"
