"""What the Party affairs app adds to the shell (see office/plugins.py)."""

from office.plugins import AppPlugin, Category

from .permissions import MANAGE, ROLE_PERMISSIONS


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
    # NAV
    supervision_categories=(Category("party", "党建事项", order=65),),
    role_permissions=ROLE_PERMISSIONS,
    summary="partybuilding.summary.figures",
    # DEMO
    demo_order=60,
    enum_overrides={
        "PartybuildingStageEnum": "partybuilding.choices.Stage",
        "PartybuildingMemberKindEnum": "partybuilding.choices.MemberKind",
        "PartybuildingMemberStatusEnum": "partybuilding.choices.MemberStatus",
        "PartybuildingDuesCategoryEnum": "partybuilding.choices.DuesCategory",
    },
)

__all__ = ["MANAGE", "plugin"]
