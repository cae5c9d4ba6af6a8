"""Who may see and do what in Party affairs.

- The Party affairs officer (党务, roles.PARTY) keeps everything: organisations, members, dues,
  organisational life (through the meetings app, hence `meetings.manage_meeting`), development,
  awards, care, disclosure and integrity (`partybuilding.manage_party`).
- Leaders (局领导) see everything (the view permissions) and act on nothing.
- The administrator keeps the dues rate table (bands, rates, rounding, effective date).
- Anyone else sees nothing here: the pages answer 403 and a record 404.
- Monthly bases come from salaries: they are shown to the Party officer and the administrator,
  masked for anyone else who sees the dues.
"""

from office.roles import ADMINISTRATOR, LEADER, PARTY

MANAGE = "partybuilding.manage_party"
VIEW = "partybuilding.view_organ"
RATES = "partybuilding.change_duesratetable"

_MODELS = [
    "organ",
    "member",
    "committeemember",
    "transfer",
    "duesratetable",
    "duesband",
    "duesreduction",
    "duesassessment",
    "duespayment",
    "duespaymentmonth",
    "unpaidreason",
    "organisationallife",
    "development",
    "developmentassessment",
    "award",
    "carevisit",
    "disclosure",
    "integrityactivity",
]
_VIEW_ALL = [f"partybuilding.view_{name}" for name in _MODELS]

ROLE_PERMISSIONS = {
    # meeting_create asks for meetings.manage_meeting: the Party officer arranges the branches'
    # meetings through the meetings app's services.
    PARTY: [MANAGE, *_VIEW_ALL, "meetings.manage_meeting", "meetings.view_room", "meetings.view_meetingtype"],
    LEADER: list(_VIEW_ALL),
    ADMINISTRATOR: [
        "partybuilding.view_duesratetable",
        "partybuilding.add_duesratetable",
        "partybuilding.change_duesratetable",
        "partybuilding.view_duesband",
        "partybuilding.add_duesband",
        "partybuilding.change_duesband",
        "partybuilding.delete_duesband",
    ],
}


def can_view(user):
    return user.is_authenticated and user.has_perm(VIEW)


def can_manage(user):
    return user.is_authenticated and user.has_perm(MANAGE)


def can_edit_rates(user):
    return user.is_authenticated and user.has_perm(RATES)


def can_view_rates(user):
    return user.is_authenticated and user.has_perm("partybuilding.view_duesratetable")


def sees_base(viewer, record=None):
    """Monthly bases are pay: the Party officer and the administrator see them."""
    return can_manage(viewer) or can_edit_rates(viewer)


def _open(record):
    return not getattr(record, "is_voided", False)


def member_actions(user, member):
    if not can_manage(user) or member.status != "active":
        return set()
    actions = {"transfer_out", "change"}
    if member.kind == "probationary" and not hasattr(member, "development"):
        actions.add("make_full")
    return actions


def payment_actions(user, payment):
    return {"void"} if can_manage(user) and _open(payment) else set()


def life_actions(user, life):
    if not can_manage(user):
        return set()
    return {"record_held"} if life.meeting.state == "planned" else set()


def development_actions(user, development):
    if not can_manage(user):
        return set()
    stage = development.stage
    table = {
        "applicant": {"talk", "make_activist", "remove"},
        "activist": {"assess", "make_candidate", "remove"},
        "candidate": {"make_probationary", "remove"},
        "probationary": {"extend", "make_full", "remove"},
    }
    actions = set(table.get(stage, set()))
    if stage == "applicant" and development.talk_on is not None:
        actions.discard("talk")
    if stage == "probationary" and development.extension_months:
        actions.discard("extend")
    return actions


def record_actions(user, record):
    """Awards, care visits, disclosures, integrity activities: void only."""
    return {"void"} if can_manage(user) and _open(record) else set()
