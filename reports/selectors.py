"""Every read the summary pages and endpoints make, checked against the user."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Export, Section, Summary


def _require_view(user):
    if not permissions.can_view(user):
        raise PermissionDenied("年度工作总结仅限办公室、局领导和系统管理员查看。")


def summary_list(*, user):
    _require_view(user)
    return Summary.objects.select_related("created_by", "refreshed_by", "finalised_by").order_by("-year", "-version")


def summary_get(*, user, pk) -> Summary:
    _require_view(user)
    if not str(pk).isdigit():
        raise Http404("未找到该工作总结。")
    return get_object_or_404(
        Summary.objects.select_related("created_by", "refreshed_by", "finalised_by", "based_on").prefetch_related(
            Prefetch("sections", queryset=Section.objects.select_related("edited_by").order_by("order"))
        ),
        pk=pk,
    )


def section_get(*, user, summary_pk, code) -> Section:
    _require_view(user)
    return get_object_or_404(Section.objects.select_related("summary"), summary_id=summary_pk, code=code)


def summary_exports(*, user, summary):
    _require_view(user)
    return summary.exports.select_related("created_by").order_by("-created_at", "-id")


def export_get(*, user, pk) -> Export:
    _require_view(user)
    return get_object_or_404(Export.objects.select_related("summary", "created_by"), pk=pk)
