from django.conf import settings


def shell(request):
    """What the page frame needs: the organisation's name and the unread notification count."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {"organisation_name": settings.ORGANISATION_NAME, "unread_notifications": unread}
