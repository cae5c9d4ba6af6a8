from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..selectors import notification_get, notification_list
from ..services.notifications import notification_mark_read


@login_required
def notification_index(request):
    page = Paginator(notification_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "office/notifications.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Marks one notification read and follows its link."""
    notification = notification_get(user=request.user, pk=pk)
    notification_mark_read(actor=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = notification_mark_read(actor=request.user)
    messages.success(request, f"已将 {count} 条通知标为已读。")
    return redirect("notifications:list")
