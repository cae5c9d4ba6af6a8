"""What the petitions app adds to the shell (see office/plugins.py)."""

from celery.schedules import crontab

from office.plugins import AppPlugin, Category, HomeBlock, NavItem, NavSection

from .permissions import ROLE_PERMISSIONS, sees_receptions


def _home(user):
    """The person's next duty, and the petitions officer's clocks running out."""
    from django.db.models.query import EmptyQuerySet

    from .selectors import next_duty, petitions_due

    duty = next_duty(user)
    due = petitions_due(user, limit=5)
    # Anyone but a petitions officer gets none(): listing it would still build its whole SELECT
    # (0.3 ms of every home page) before finding that it asks for nothing.
    due = [] if isinstance(due, EmptyQuerySet) else list(due)
    if duty is None and not due:
        return None
    return {"duty": duty, "due": due}


plugin = AppPlugin(
    label="petitions",
    url_prefix="petitions/",
    urls="petitions.urls",
    api_prefix="petitions/",
    api_urls="petitions.api.urls",
    navigation=(
        NavSection(
            "信访与接待",
            50,
            (
                NavItem(
                    "信访登记簿",
                    "inbox",
                    "petitions:petition_list",
                    perm="petitions.view_petition",
                    match=("petitions:petition_",),
                ),
                NavItem(
                    "公务接待",
                    "cup-hot",
                    "petitions:reception_list",
                    visible=sees_receptions,
                    match=("petitions:reception_",),
                ),
                NavItem("值班表", "calendar-week", "petitions:duty_list", match=("petitions:duty_",)),
                NavItem(
                    "安全巡查",
                    "shield-check",
                    "petitions:patrol_list",
                    perm="petitions.view_patrol",
                    match=("petitions:patrol_",),
                ),
            ),
        ),
    ),
    home_blocks=(HomeBlock("petitions/_home_block.html", _home, order=50),),
    supervision_categories=(
        Category("petition", "信访", order=50),
        Category("safety", "安全隐患整改", order=55),
    ),
    role_permissions=ROLE_PERMISSIONS,
    # Reminds each person of their duty the day before, in the afternoon.
    beat_schedule={
        "duty-reminders": {"task": "petitions.tasks.duty_send_reminders", "schedule": crontab(hour=16, minute=0)}
    },
    summary="petitions.summary.figures",
    demo="petitions.demo.seed",
    demo_order=50,
    enum_overrides={
        "PetitionsPetitionStatusEnum": "petitions.choices.PetitionStatus",
        "PetitionsReceptionStatusEnum": "petitions.choices.ReceptionStatus",
        "PetitionsChannelEnum": "petitions.choices.Channel",
        "PetitionsSatisfactionEnum": "petitions.choices.Satisfaction",
        "PetitionsReviewResultEnum": "petitions.choices.ReviewResult",
        "PetitionsReceptionKindEnum": "petitions.choices.ReceptionKind",
        "PetitionsDutyLogKindEnum": "petitions.choices.DutyLogKind",
    },
)
