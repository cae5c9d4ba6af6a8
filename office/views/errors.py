"""The 403, 404 and 500 pages, in Chinese, inside the page frame where possible."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

# Served when even the 500 template cannot be rendered, e.g. a broken static manifest.
_LAST_RESORT_500 = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>系统错误</title>'
    "<h1>系统暂时出现故障</h1><p>请稍后再试；如果问题持续，请联系系统管理员。</p></html>"
)


def _frame(request):
    # The frame shows the user's navigation; an anonymous visitor gets the plain page.
    user = getattr(request, "user", None)
    return "base.html" if user is not None and user.is_authenticated else "base_plain.html"


def whom_to_ask(user):
    """Whom the 403 page tells the reader to ask, true for the reader: a department's people ask
    their head or the administrator; heads (the office director too), leaders and people without
    a department ask the administrator; the administrator is told nothing."""
    from office.roles import ADMINISTRATOR, DEPARTMENT_HEAD, LEADER, OFFICE_DIRECTOR, has_role

    if user is None or not user.is_authenticated:
        return "如您认为需要此权限，请联系系统管理员。"
    if user.is_superuser or has_role(user, ADMINISTRATOR):
        return ""
    if not user.department_id or has_role(user, DEPARTMENT_HEAD, OFFICE_DIRECTOR, LEADER):
        return "如您认为需要此权限，请联系系统管理员。"
    return "如您认为需要此权限，请联系本科室负责人或系统管理员。"


def permission_denied(request, exception=None):
    from ..models import AuditEvent
    from ..services.audit_log import audit

    message = str(exception) if exception and str(exception) else "您没有访问此页面或执行此操作的权限。"
    audit(AuditEvent.DENIED, request=request, detail=message)
    context = {"message": message, "frame": _frame(request), "ask": whom_to_ask(getattr(request, "user", None))}
    return render(request, "errors/403.html", context, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", {"frame": _frame(request)}, status=404)


def server_error(request):
    # No request context: the context processors query the database, which may be what failed.
    try:
        return HttpResponseServerError(loader.get_template("errors/500.html").render())
    except Exception:
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(_LAST_RESORT_500)


def csrf_failure(request, reason=""):
    # Usually a form left open past the session's end, or cookies blocked: say so in Chinese.
    message = "页面已过期或浏览器未提交安全校验信息，请刷新页面后重试。"
    return render(request, "errors/403.html", {"message": message, "frame": _frame(request)}, status=403)
