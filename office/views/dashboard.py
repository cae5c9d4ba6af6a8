"""The leaders' supervision dashboard and every person's home page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from .. import permissions
from ..plugins import home_blocks
from ..selectors import dashboard_figures, dashboard_years, notification_list, waiting_counts, waiting_items
from ..services.calendar import calendar_warnings


def _home_blocks(user):
    """Each app's to-do block for this user (office.plugins.HomeBlock), leaving out the empty
    ones, and the records they list (their "covers")."""
    blocks, covered = [], []
    for block in home_blocks():
        context = block.context(user)
        if context is not None:
            blocks.append({"template": block.template, "context": context})
            covered.extend(context.get("covers", ()))
    return blocks, covered


# The unread notifications the home page lists.
HOME_NOTIFICATIONS = 8


@login_required
def home(request):
    blocks, covered = _home_blocks(request.user)
    # A supervised item whose record an app's block already lists is not listed twice.
    items = list(waiting_items(user=request.user, excluding=covered))
    unread = list(notification_list(user=request.user).filter(read_at__isnull=True)[:HOME_NOTIFICATIONS])
    context = {
        "items": items,
        "home_blocks": blocks,
        "counts": waiting_counts(user=request.user, excluding=covered),
        "notifications": unread,
        "can_view_dashboard": permissions.can_view_dashboard(request.user),
    }
    if len(unread) < HOME_NOTIFICATIONS:
        # The list holds every unread notification: the top bar's count (office.context_processors)
        # is its length, without a query of its own.
        context["unread_notifications"] = len(unread)
    return render(request, "office/home.html", context)


@login_required
def dashboard(request):
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied("督办看板仅向局领导、办公室主任和文书开放。")
    today = timezone.localdate()
    years = dashboard_years(today)
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if year not in years:
        year = today.year
    figures = dashboard_figures(year=year, today=today)
    chart = {
        "departments": [row["name"] for row in figures["departments"]],
        "series": [
            {"name": "按时办结", "key": "on_time", "data": [row["on_time"] for row in figures["departments"]]},
            {"name": "逾期办结", "key": "late", "data": [row["late"] for row in figures["departments"]]},
            {
                "name": "办理中（未逾期）",
                "key": "open",
                "data": [row["in_progress"] for row in figures["departments"]],
            },
            {"name": "已逾期", "key": "overdue", "data": [row["overdue"] for row in figures["departments"]]},
        ],
    }
    return render(
        request,
        "office/dashboard.html",
        {**figures, "years": years, "chart": chart, "calendar_warnings": calendar_warnings()},
    )
