from office.plugins import AppPlugin, Category, HomeBlock, NavItem, NavSection

from .choices import SUPERVISION_PERSONNEL
from .permissions import ROLE_PERMISSIONS


def _home(user):
    """HR's block: probation ends coming up in the next 60 days."""
    from .selectors import probations_ending

    if not user.has_perm("personnel.manage_personnel"):
        return None
    rows = list(probations_ending(limit=10))
    return {"rows": rows} if rows else None


plugin = AppPlugin(
    label="personnel",
    url_prefix="personnel/",
    urls="personnel.urls",
    api_prefix="personnel/",
    api_urls="personnel.api.urls",
    navigation=(
        NavSection(
            "人事",
            40,
            (
                NavItem(
                    "花名册",
                    "people",
                    "personnel:person_list",
                    perm="personnel.view_person",
                    match=("personnel:person_", "personnel:roster_"),
                ),
                NavItem(
                    "任免",
                    "person-up",
                    "personnel:appointment_list",
                    perm="personnel.view_appointment",
                    match=("personnel:appointment_",),
                ),
                NavItem(
                    "薪资变动",
                    "cash-coin",
                    "personnel:salary_list",
                    perm="personnel.view_salarychange",
                    match=("personnel:salary_", "personnel:read_"),
                ),
                NavItem(
                    "年度考核",
                    "clipboard-check",
                    "personnel:round_list",
                    perm="personnel.view_assessmentround",
                    match=("personnel:round_",),
                ),
                NavItem(
                    "职称评审",
                    "award",
                    "personnel:title_list",
                    perm="personnel.view_titlereview",
                    match=("personnel:title_",),
                ),
                NavItem(
                    "人才引进",
                    "person-plus",
                    "personnel:recruitment_list",
                    perm="personnel.view_recruitment",
                    match=("personnel:recruitment_",),
                ),
                NavItem(
                    "专家服务基层",
                    "tools",
                    "personnel:expert_list",
                    perm="personnel.view_experttask",
                    match=("personnel:expert_",),
                ),
                NavItem(
                    "转隶",
                    "arrow-left-right",
                    "personnel:transfer_list",
                    perm="personnel.view_transferbatch",
                    match=("personnel:transfer_",),
                ),
                NavItem(
                    "谈话",
                    "chat-square-text",
                    "personnel:talk_list",
                    perm="personnel.view_talk",
                    match=("personnel:talk_",),
                ),
                # Shown to everyone (no query per page); without a linked record it says so.
                NavItem("我的档案", "person-vcard", "personnel:my_record"),
            ),
        ),
    ),  # fmt: skip
    home_blocks=(HomeBlock("personnel/_home_block.html", _home, order=40),),
    supervision_categories=(Category(SUPERVISION_PERSONNEL, "人事事项", order=60),),
    role_permissions=ROLE_PERMISSIONS,
    summary="personnel.summary.figures",
    demo="personnel.demo.seed",
    demo_order=40,
    enum_overrides={
        f"Personnel{name}Enum": f"personnel.choices.{name}"
        for name in [
            "Sex",
            "PoliticalStatus",
            "Education",
            "Degree",
            "Staffing",
            "PersonStatus",
            "Rank",
            "AppointmentKind",
            "AppointmentState",
            "RecruitmentChannel",
            "TitleLevel",
            "SalaryReason",
            "SalaryScheme",
            "AssessmentGrade",
            "TransferDirection",
            "TalkKind",
        ]
    }
    | {"PersonnelEthnicityEnum": "personnel.choices.ETHNICITY_CHOICES"},
)
