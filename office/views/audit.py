"""审计日志: the administrator searches the security audit log and exports what was found."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from ..export import export_response
from ..filters import AuditEventFilter
from ..selectors import AUDIT_VIEW, audit_event_list
from .generic import list_page


def _require(request):
    if not request.user.has_perm(AUDIT_VIEW):
        raise PermissionDenied("只有系统管理员可以查阅审计日志。")


@login_required
def audit_list(request):
    _require(request)
    from django.conf import settings

    return list_page(
        request,
        "office/audit_list.html",
        AuditEventFilter,
        audit_event_list(user=request.user).select_related("user"),
        per_page=50,
        context={"retention_days": settings.AUDIT_RETENTION_DAYS},
    )


@login_required
def audit_export(request):
    _require(request)
    return export_response(request, "office.export.AUDIT_LOG")
