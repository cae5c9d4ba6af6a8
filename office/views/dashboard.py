"""The leaders' supervision dashboard and every person's home page."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from .. import permissions
from ..selectors import dashboard_figures, dashboard_years, notification_list, waiting_counts, waiting_items
from ..services.calendar import calendar_warnings


def _waiting_documents(user):
    # The documents app is optional to the core: the home page lists its to-do when installed.
    if not apps.is_installed("documents"):
        return []
    from documents.selectors import waiting_documents

    return list(waiting_documents(user=user, limit=10))


@login_required
def home(request):
    items = list(waiting_items(user=request.user))
    return render(
        request,
        "office/home.html",
        {
            "items": items,
            "documents": _waiting_documents(request.user),
            "counts": waiting_counts(user=request.user),
            "notifications": notification_list(user=request.user).filter(read_at__isnull=True)[:8],
            "can_view_dashboard": permissions.can_view_dashboard(request.user),
        },
    )


@login_required
def dashboard(request):
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied("督办看板仅向局领导和办公室开放。")
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
                "name": "办理中",
                "key": "open",
                "data": [row["open"] - row["overdue"] for row in figures["departments"]],
            },
            {"name": "已逾期", "key": "overdue", "data": [row["overdue"] for row in figures["departments"]]},
        ],
    }
    return render(
        request,
        "office/dashboard.html",
        {**figures, "years": years, "chart": chart, "calendar_warnings": calendar_warnings()},
    )
