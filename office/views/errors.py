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


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有访问此页面或执行此操作的权限。"
    return render(request, "errors/403.html", {"message": message, "frame": _frame(request)}, status=403)


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
