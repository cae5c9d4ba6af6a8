"""HTML pages of supervised items: parse, call a selector or service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..audit import history_with_changes
from ..errors import add_errors_to_form
from ..filters import SupervisedItemFilter
from ..forms import CompleteForm, ProgressForm, ReasonForm, ReassignForm, SupervisedItemOpenForm, UrgeForm
from ..selectors import supervised_item_get, supervised_item_list, supervision_events
from ..services import supervision as services
from .generic import Action, action_forms, list_page, run_action


@login_required
def item_list(request):
    return list_page(
        request,
        "office/supervision/list.html",
        SupervisedItemFilter,
        supervised_item_list(user=request.user),
        context={"can_open": permissions.can_open_item(request.user)},
    )


@login_required
def item_create(request):
    if not permissions.can_open_item(request.user):
        raise PermissionDenied("您没有督办立项的权限。")
    form = SupervisedItemOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.supervised_item_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, f"已立项：{item.title}，办结时限 {item.deadline:%Y-%m-%d}。")
            return redirect("supervision:detail", pk=item.pk)
    return render(request, "office/supervision/form.html", {"form": form})


def _reassign_initial(item):
    return {"initial": {"owner_department": item.owner_department_id, "responsible": item.responsible_id}}


@login_required
def item_detail(request, pk):
    item = supervised_item_get(user=request.user, pk=pk)
    return _render_detail(request, item)


def _render_detail(request, item, failed_form=None, status=200):
    return render(
        request,
        "office/supervision/detail.html",
        {
            "item": item,
            "events": supervision_events(item),
            "actions": action_forms(
                ACTIONS, permissions.supervised_item_actions(request.user, item), item, failed_form
            ),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "history": history_with_changes(item),
        },
        status=status,
    )


# The steps of an item's page, each one service call; who may take which is
# permissions.supervised_item_actions, the same table the services enforce.
ACTIONS = {
    "progress": Action(
        ProgressForm,
        "反馈进展",
        run=lambda actor, item, d: services.supervised_item_report_progress(actor=actor, item=item, text=d["text"]),
        done="已提交反馈。",
    ),
    "urge": Action(
        UrgeForm,
        "催办",
        run=lambda actor, item, d: services.supervised_item_urge(actor=actor, item=item, text=d["text"]),
        done="已催办，责任人和科室负责人会收到通知。",
    ),
    "complete": Action(
        CompleteForm,
        "办结",
        run=lambda actor, item, d: services.supervised_item_complete(
            actor=actor, item=item, note=d["note"], completed_on=d["completed_on"]
        ),
        done="事项已办结。",
    ),
    "reassign": Action(
        ReassignForm,
        "调整承办",
        run=lambda actor, item, d: services.supervised_item_reassign(
            actor=actor, item=item, responsible=d["responsible"], owner_department=d["owner_department"]
        ),
        done="已调整承办。",
        form_kwargs=_reassign_initial,
    ),
    "reopen": Action(
        ReasonForm,
        "重新办理",
        run=lambda actor, item, d: services.supervised_item_reopen(actor=actor, item=item, reason=d["reason"]),
        done="事项已重新打开。",
    ),
    "void": Action(
        ReasonForm,
        "撤销",
        run=lambda actor, item, d: services.supervised_item_void(actor=actor, item=item, reason=d["reason"]),
        done="事项已撤销。",
        confirm="确定撤销此督办事项吗？撤销后不再计入统计。",
    ),
}


@login_required
@require_POST
def item_action(request, pk, action):
    item = supervised_item_get(user=request.user, pk=pk)
    return run_action(
        request,
        item,
        action,
        ACTIONS,
        redirect_to=reverse("supervision:detail", args=[item.pk]),
        render_detail=lambda request, item, failed_form, status: _render_detail(
            request, supervised_item_get(user=request.user, pk=item.pk), failed_form, status
        ),
    )
