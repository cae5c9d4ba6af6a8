"""HTML pages of supervised items: parse, call a selector or service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..audit import history_with_changes
from ..errors import add_errors_to_form
from ..filters import SupervisedItemFilter
from ..forms import CompleteForm, ProgressForm, ReasonForm, ReassignForm, SupervisedItemOpenForm, UrgeForm
from ..selectors import supervised_item_get, supervised_item_list, supervision_events
from ..services import supervision as services


@login_required
def item_list(request):
    filterset = SupervisedItemFilter(request.GET, queryset=supervised_item_list(user=request.user), request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "office/supervision/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_open": permissions.can_open_item(request.user),
        },
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


def _action_forms(user, item, failed_form=None):
    """The forms of the actions this user may take on this item, keyed by action name."""
    available = {
        "progress": permissions.can_report_progress(user, item),
        "urge": permissions.can_urge_item(user, item),
        "complete": permissions.can_complete_item(user, item),
        "reassign": permissions.can_reassign_item(user, item),
        "reopen": permissions.can_reopen_item(user, item),
        "void": permissions.can_void_item(user, item),
    }
    forms = {}
    for name, allowed in available.items():
        if not allowed:
            continue
        form_class, label, _run, _done = ACTIONS[name]
        if failed_form is not None and failed_form.prefix == name:
            form = failed_form
        else:
            form = form_class(prefix=name)
            if name == "reassign":
                form.fields["owner_department"].initial = item.owner_department_id
                form.fields["responsible"].initial = item.responsible_id
        forms[name] = {"form": form, "label": label}
    return forms


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
            "actions": _action_forms(request.user, item, failed_form),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "history": history_with_changes(item),
        },
        status=status,
    )


def _progress(actor, item, data):
    services.supervised_item_report_progress(actor=actor, item=item, text=data["text"])


def _urge(actor, item, data):
    services.supervised_item_urge(actor=actor, item=item, text=data["text"])


def _complete(actor, item, data):
    services.supervised_item_complete(actor=actor, item=item, note=data["note"], completed_on=data["completed_on"])


def _reopen(actor, item, data):
    services.supervised_item_reopen(actor=actor, item=item, reason=data["reason"])


def _void(actor, item, data):
    services.supervised_item_void(actor=actor, item=item, reason=data["reason"])


def _reassign(actor, item, data):
    services.supervised_item_reassign(
        actor=actor, item=item, responsible=data["responsible"], owner_department=data["owner_department"]
    )


# action name: (form, button label, service call, success message)
ACTIONS = {
    "progress": (ProgressForm, "反馈进展", _progress, "已提交反馈。"),
    "urge": (UrgeForm, "催办", _urge, "已催办，责任人和科室负责人会收到通知。"),
    "complete": (CompleteForm, "办结", _complete, "事项已办结。"),
    "reassign": (ReassignForm, "调整承办", _reassign, "已调整承办。"),
    "reopen": (ReasonForm, "重新办理", _reopen, "事项已重新打开。"),
    "void": (ReasonForm, "撤销", _void, "事项已撤销。"),
}


@login_required
@require_POST
def item_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    item = supervised_item_get(user=request.user, pk=pk)
    form_class, _label, run, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            run(request.user, item, form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision:detail", pk=item.pk)
    item = supervised_item_get(user=request.user, pk=pk)
    return _render_detail(request, item, failed_form=form, status=400)
