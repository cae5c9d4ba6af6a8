"""HTML pages of Party affairs: parse → selector/service → render or redirect."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import permissions, selectors


def _viewer(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied("您没有查看党建工作的权限。")


def index(request):
    _viewer(request)
    return render(
        request,
        "partybuilding/index.html",
        {
            "warnings": selectors.rhythm_warnings(),
            "flagged": selectors.dues_flagged(),
        },
    )


def dues_flagged(request):
    _viewer(request)
    return render(request, "partybuilding/dues_flagged.html", {"flagged": selectors.dues_flagged()})
