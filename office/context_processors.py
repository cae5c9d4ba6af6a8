from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import nav_sections


def shell(request):
    """What the page frame needs: the organisation's name, the unread notification count and the navigation.

    The count and the navigation are lazy: htmx fragments render without the frame and
    should not pay a query for a badge they never show."""
    user = getattr(request, "user", None)

    def unread():
        if user is None or not user.is_authenticated:
            return 0
        return user.notifications.filter(read_at__isnull=True).count()

    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "unread_notifications": SimpleLazyObject(unread),
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
    }
