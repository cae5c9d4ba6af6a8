"""What the Party affairs app adds to the shell (see office/plugins.py)."""

from office.plugins import AppPlugin, Category, HomeBlock, NavItem, NavSection

from .permissions import ROLE_PERMISSIONS, VIEW


def _home(user):
    """The Party officer's and the leaders' block: branches behind their rhythm, members flagged
    for unpaid dues."""
    from .permissions import can_view
    from .selectors import dues_flagged, rhythm_warnings

    if not can_view(user):
        return None
    warnings = rhythm_warnings()
    flagged = dues_flagged()
    if not warnings and not flagged:
        return None
    return {
        "warnings": warnings[:8],
        "warning_count": len(warnings),
        "flagged": flagged[:8],
        "flagged_count": len(flagged),
    }


plugin = AppPlugin(
    label="partybuilding",
    url_prefix="partybuilding/",
    urls="partybuilding.urls",
    api_prefix="partybuilding/",
    api_urls="partybuilding.api.urls",
    navigation=(
        NavSection(
            "党建",
            60,
            (
                NavItem("党建工作台", "flag", "partybuilding:index", perm=VIEW),
                NavItem(
                    "党组织与党员",
                    "diagram-3",
                    "partybuilding:member_list",
                    perm=VIEW,
                    match=("partybuilding:member_", "partybuilding:organ_"),
                ),
                NavItem(
                    "党费",
                    "cash-coin",
                    "partybuilding:dues_list",
                    perm=VIEW,
                    match=("partybuilding:dues_", "partybuilding:payment_"),
                ),
                NavItem(
                    "党费标准",
                    "percent",
                    "partybuilding:rates",
                    perm="partybuilding.view_duesratetable",
                    match=("partybuilding:rate_",),
                ),
                NavItem("组织生活", "people", "partybuilding:life_list", perm=VIEW, match=("partybuilding:life_",)),
                NavItem(
                    "发展党员",
                    "person-plus",
                    "partybuilding:development_list",
                    perm=VIEW,
                    match=("partybuilding:development_",),
                ),
                NavItem(
                    "表彰·慰问·公开·廉政", "award", "partybuilding:records", perm=VIEW, match=("partybuilding:record_",)
                ),
            ),
        ),
    ),
    home_blocks=(HomeBlock("partybuilding/_home_block.html", _home, order=60),),
    supervision_categories=(Category("party", "党建事项", order=65),),
    role_permissions=ROLE_PERMISSIONS,
    summary="partybuilding.summary.figures",
    demo="partybuilding.demo.seed",
    demo_order=60,
    enum_overrides={
        "PartybuildingStageEnum": "partybuilding.choices.Stage",
        "PartybuildingMemberKindEnum": "partybuilding.choices.MemberKind",
        "PartybuildingMemberStatusEnum": "partybuilding.choices.MemberStatus",
        "PartybuildingDuesCategoryEnum": "partybuilding.choices.DuesCategory",
        "PartybuildingOrganKindEnum": "partybuilding.choices.OrganKind",
        "PartybuildingCommitteePostEnum": "partybuilding.choices.CommitteePost",
        "PartybuildingReductionKindEnum": "partybuilding.choices.ReductionKind",
        "PartybuildingPaymentMethodEnum": "partybuilding.choices.PaymentMethod",
        "PartybuildingAwardKindEnum": "partybuilding.choices.AwardKind",
        "PartybuildingCareKindEnum": "partybuilding.choices.CareKind",
        "PartybuildingDisclosureScopeEnum": "partybuilding.choices.DisclosureScope",
        "PartybuildingIntegrityKindEnum": "partybuilding.choices.IntegrityKind",
        "PartybuildingRoundingEnum": "partybuilding.choices.Rounding",
        "PartybuildingBaseSourceEnum": "partybuilding.choices.BaseSource",
    },
)
