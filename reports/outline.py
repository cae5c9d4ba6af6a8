"""The outline of the annual summary: every figure it expects, with the key each app must use.

This table is the contract between `reports/` and every app's `summary.py`: an app names its
figures with exactly these keys (prefixed by the app label). A key no app reports shows in the
editor as missing, and its clause is left out of the text (never printed as X, 0 or a guess).

Each row: key, label, unit, section (（一）…（八）, see reports.figures.SECTIONS), the sentence
group the clause belongs to, and the clause template. Clauses of one group join into one
sentence: `group.lead` + clauses joined by `group.joiner` + `group.end`; a missing figure drops
only its own clause, and a group whose clauses are all missing drops entirely.

Template placeholders:
    {n}        the value with its unit ("612件", "50余次" when the office asks for 余, "96.5%")
    {compare}  "，比2020年多35件" / "，比2020年少3件" / "，与2020年持平" (empty without last_year)
    {names}    the names of a list figure joined with 、 (专题任务)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    section: int
    group: str
    template: str
    app: str = ""
    # A clause that says "其中…" is part of the total of another group's figures (`part_of`):
    # it is written so only when its number is at most that total; else `alone` is written.
    part_of: str = ""
    alone: str = ""
    # The separator before this clause when it is not the first (else the group's joiner).
    before: str = ""

    def __post_init__(self):
        if not self.app:
            object.__setattr__(self, "app", self.key.split(".", 1)[0])


@dataclass(frozen=True)
class Group:
    code: str
    section: int
    lead: str  # the words before the first clause
    joiner: str = "，"
    end: str = "。"


# Openings vary the way an office writes ("2025年共", "一年来", "全年共", "其中"), and lists of
# figures that each stand alone are joined with "；". `{year}` in a lead is the summary's year.
GROUPS = [
    # （一）办文办会
    Group("documents_flow", 1, "{year}年共", "；", "。"),
    Group("proposals", 1, "认真办理人大代表建议和政协委员提案，", "、", "。"),
    Group("instructions", 1, "督办", "，", "。"),
    Group("meetings", 1, "全年共组织召开", "、", "。"),
    Group("video", 1, "", "，", "。"),
    # （二）信息宣传
    Group("publicity", 2, "一年来，", "；", "。"),
    # （三）专题任务
    Group("special", 3, "{year}年，", "，", "。"),
    # （四）人事工作
    Group("cadres", 4, "干部选拔任用方面，", "；", "。"),
    Group("talent", 4, "人才工作方面，", "；", "。"),
    Group("experts", 4, "", "，", "。"),
    Group("titles", 4, "职称评审通过", "、", "。"),
    Group("salary", 4, "劳动工资方面，", "，", "。"),
    Group("transfer", 4, "", "", "。"),
    # （五）后勤保障
    Group("reception", 5, "{year}年共", "；", "。"),
    # （六）安全维稳与信访
    Group("petitions", 6, "全年共", "；", "。"),
    # （七）党建工作
    Group("dues", 7, "{year}年", "；", "。"),
    Group("disclosure", 7, "", "，", "。"),
    Group("awards", 7, "开展评先评优，表彰", "、", "。"),
    Group("development", 7, "发展党员工作中，确定", "、", "。"),
    Group("care", 7, "", "，", "。"),
    Group("life", 7, "机关党支部组织", "、", "。"),
    # （八）党风廉政建设
    Group("integrity", 8, "全年", "；", "。"),
]

GROUPS_BY_CODE = {g.code: g for g in GROUPS}

ROWS = [
    # （一）办文办会 — documents
    Row("documents.incoming", "收文", "件", 1, "documents_flow", "收文{n}{compare}"),
    Row("documents.outgoing", "发文", "件", 1, "documents_flow", "发文{n}{compare}"),
    Row("documents.archived", "归档整理文书文件", "件", 1, "documents_flow", "归档整理文书文件{n}"),
    Row("documents.npc_proposals", "市人大代表建议", "件", 1, "proposals", "承办市人大代表建议{n}"),
    Row("documents.cppcc_proposals", "市政协委员提案", "件", 1, "proposals", "市政协委员提案{n}"),
    Row("documents.proposal_satisfaction", "建议提案办理满意度", "%", 1, "proposals", "办理满意度为{n}", before="，"),
    Row(
        "documents.instruction_completion_rate",
        "领导批示交办文件完结率",
        "%",
        1,
        "instructions",
        "领导批示交办文件，完结率为{n}",
    ),
    # （一）办文办会 — meetings, one key per meeting type, and the video flag
    Row("meetings.party_group", "党组会议", "次", 1, "meetings", "党组会议{n}"),
    Row("meetings.bureau_affairs", "局务会议", "次", 1, "meetings", "局务会议{n}"),
    Row("meetings.special", "专题会议", "次", 1, "meetings", "专题会议{n}"),
    Row("meetings.theory_study", "党组中心组学习", "次", 1, "meetings", "党组中心组学习{n}"),
    Row("meetings.seminar", "专题研讨", "次", 1, "meetings", "专题研讨{n}"),
    Row("meetings.regular_study", "例会学习", "次", 1, "meetings", "例会学习{n}"),
    Row(
        "meetings.video_meetings",
        "视频会议",
        "次",
        1,
        "video",
        "其中以视频方式召开{n}",
        part_of="meetings",
        alone="以视频方式召开的会议共{n}",
    ),
    # （二）信息宣传 — documents (publicity)
    Row("documents.website_articles", "网站宣传报道", "篇", 2, "publicity", "在门户网站发布宣传报道{n}{compare}"),
    Row("documents.wechat_articles", "微信公众号报道", "篇", 2, "publicity", "通过微信公众号推送报道{n}{compare}"),
    # （三）专题任务 — office (supervision)
    Row("office.special_tasks", "完成专题任务", "项", 3, "special", "统筹推进并完成{names}{n}专题任务"),
    # （四）人事工作 — personnel
    Row("personnel.cadres_adjusted", "选拔调整科级干部", "人", 4, "cadres", "选拔调整科级干部{n}"),
    Row("personnel.promoted_chief", "提拔正科级干部", "人", 4, "cadres", "提拔正科级干部{n}"),
    Row("personnel.promoted_deputy", "提拔副科级干部", "人", 4, "cadres", "提拔副科级干部{n}"),
    Row("personnel.lateral_chief", "平级调整正科级干部", "人", 4, "cadres", "平级调整正科级干部{n}"),
    Row("personnel.lateral_deputy", "平级调整副科级干部", "人", 4, "cadres", "平级调整副科级干部{n}"),
    Row("personnel.reappointed", "重新任职", "人", 4, "cadres", "重新任职{n}"),
    Row("personnel.dismissed", "免职、解聘科级干部", "人", 4, "cadres", "免职、解聘科级干部{n}"),
    Row("personnel.talent_introduced", "引进高层次急需紧缺人才", "名", 4, "talent", "引进高层次急需紧缺人才{n}"),
    Row("personnel.public_recruitment", "公开招聘事业编工作人员", "名", 4, "talent", "公开招聘事业编工作人员{n}"),
    Row("personnel.expert_tasks", "专家服务基层工作任务", "项", 4, "experts", "认领专家服务基层工作任务{n}"),
    Row("personnel.titles_senior", "正高级职称", "人", 4, "titles", "正高级{n}"),
    Row("personnel.titles_associate", "副高级职称", "人", 4, "titles", "副高级{n}"),
    Row("personnel.titles_intermediate", "中级职称", "人", 4, "titles", "中级{n}"),
    Row("personnel.titles_junior", "初级职称", "人", 4, "titles", "初级{n}"),
    Row("personnel.salary_adjustments", "调整薪资", "人次", 4, "salary", "完成{n}的薪资调整审核审批"),
    Row("personnel.transfer_units", "转隶单位", "个", 4, "transfer", "组织{n}涉改单位"),
    Row("personnel.transfer_persons", "转隶人员", "名", 4, "transfer", "{n}转隶人员的档案审核和名册报送"),
    # （五）后勤保障 — petitions (reception)
    Row("petitions.receptions", "公务接待", "次", 5, "reception", "完成公务接待任务{n}{compare}"),
    Row("petitions.reception_visitors", "公务接待人数", "人次", 5, "reception", "接待{n}", before="，"),
    Row(
        "petitions.reception_events",
        "大型会议活动和考察检查接待",
        "项",
        5,
        "reception",
        "完成了{names}{n}大型会议、活动和考察检查接待任务",
    ),
    # （六）安全维稳与信访 — petitions
    Row("petitions.visits", "接待群众来访", "人次", 6, "petitions", "接待群众来访{n}{compare}"),
    Row("petitions.visit_batches", "群众来访批次", "批次", 6, "petitions", "共{n}", before="，"),
    Row("petitions.letters", "办理人民来信", "件", 6, "petitions", "办理人民来信{n}{compare}"),
    Row("petitions.transfers", "转办信访事项", "件", 6, "petitions", "转办{n}"),
    Row("petitions.online", "网上信访", "件", 6, "petitions", "办理网上信访{n}"),
    Row("petitions.phone", "电话信访", "件", 6, "petitions", "受理电话信访{n}"),
    Row("petitions.duty_days", "安排值班", "天", 6, "petitions", "安排值班{n}"),
    Row("petitions.patrols", "安全巡查", "次", 6, "petitions", "开展安全巡查{n}"),
    # （七）党建工作 — partybuilding
    Row("partybuilding.dues_assessed", "核定党费", "元", 7, "dues", "核定党费{n}"),
    Row("partybuilding.dues_collected", "收缴党费", "元", 7, "dues", "收缴党费{n}"),
    Row("partybuilding.disclosures", "党务公开", "条", 7, "disclosure", "公开党务信息{n}"),
    Row("partybuilding.awards_members", "优秀党员", "名", 7, "awards", "优秀党员{n}"),
    Row("partybuilding.awards_workers", "优秀党务工作者", "名", 7, "awards", "优秀党务工作者{n}"),
    Row("partybuilding.awards_branches", "先进党支部", "个", 7, "awards", "先进党支部{n}"),
    Row("partybuilding.probationary", "预备党员", "名", 7, "development", "预备党员{n}"),
    Row("partybuilding.candidates", "发展对象", "名", 7, "development", "发展对象{n}"),
    Row("partybuilding.activists", "入党积极分子", "名", 7, "development", "入党积极分子{n}"),
    Row("partybuilding.applicants", "入党申请人", "名", 7, "development", "入党申请人{n}"),
    Row("partybuilding.care_visits", "走访慰问困难党员、群众", "户", 7, "care", "走访慰问困难党员、群众{n}"),
    Row("partybuilding.study_sessions", "集中学习", "次", 7, "life", "集中学习{n}"),
    Row("partybuilding.committee_meetings", "支委会", "次", 7, "life", "支委会{n}"),
    Row("partybuilding.general_meetings", "党员大会", "次", 7, "life", "党员大会{n}"),
    Row("partybuilding.party_days", "固定党日活动", "次", 7, "life", "固定党日活动{n}"),
    Row("partybuilding.expert_lectures", "专家讲座", "次", 7, "life", "专家讲座{n}"),
    Row("partybuilding.party_lectures", "党课", "次", 7, "life", "党课{n}"),
    # （八）党风廉政建设 — partybuilding (integrity)
    Row("partybuilding.integrity_notices", "廉洁过节文件", "份", 8, "integrity", "下发廉洁过节文件{n}"),
    Row("partybuilding.integrity_inspections", "监督检查", "次", 8, "integrity", "开展监督检查{n}"),
    Row("partybuilding.warning_education", "警示教育", "次", 8, "integrity", "组织警示教育{n}"),
]

ROWS_BY_KEY = {r.key: r for r in ROWS}
KEYS = [r.key for r in ROWS]

assert len(ROWS_BY_KEY) == len(ROWS), "duplicate key in the outline"
assert all(r.group in GROUPS_BY_CODE and GROUPS_BY_CODE[r.group].section == r.section for r in ROWS)
