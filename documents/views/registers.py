"""HTML pages of proposals, instructions, the archive list and publicity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form
from office.export import export_response
from office.filters import parse_year
from office.services.supervision import supervised_items_for_source
from office.views.generic import Action, action_forms, run_action

from .. import forms, permissions
from ..filters import ArchiveFilter, InstructionFilter, ProposalFilter, PublicityFilter
from ..models import PublicityItem
from ..pagination import paginate
from ..permissions import content_shown
from ..selectors import (
    archive_list,
    instruction_completion_rates,
    instruction_get,
    instruction_list,
    proposal_get,
    proposal_list,
    publicity_counts,
    publicity_list,
)
from ..services import proposals as services
from ..services import publicity as publicity_services


def _create_page(request, *, allowed, denied, form_class, template_title, run, done, detail):
    if not allowed:
        raise PermissionDenied(denied)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = run(form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect(detail, pk=record.pk)
    return render(
        request,
        "documents/simple_form.html",
        {"form": form, "page_title": template_title},
        status=400 if form.errors else 200,
    )


def _detail(request, *, record, title, fields, actions, action_url, back, failed_form=None, status=200):
    return render(
        request,
        "documents/record_detail.html",
        {
            "record": record,
            "page_title": title,
            "fields": [(label, value) for label, value in fields if value not in (None, "")],
            "actions": actions,
            "action_url": action_url,
            "back": back,
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "items": supervised_items_for_source(record),
            "history": record.history.select_related("history_user").order_by("-history_date")[:20],
        },
        status=status,
    )


# ---- proposals ----


@login_required
def proposal_index(request):
    filterset = ProposalFilter(request.GET, queryset=proposal_list(user=request.user), request=request)
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "documents/proposal_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "can_add": request.user.has_perm(permissions.MANAGE_PROPOSAL),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def proposal_create(request):
    return _create_page(
        request,
        allowed=request.user.has_perm(permissions.MANAGE_PROPOSAL),
        denied="只有办公室文书可以登记建议提案。",
        form_class=forms.ProposalForm,
        template_title="登记建议提案",
        run=lambda data: services.proposal_register(
            actor=request.user, **{**data, "co_departments": list(data["co_departments"])}
        ),
        done="已登记并督办立项。",
        detail="documents:proposal_detail",
    )


PROPOSAL_ACTIONS = {
    "reply": Action(
        forms.ReplyForm,
        "答复",
        lambda u, p, c: services.proposal_reply(actor=u, proposal=p, **c),
        "已答复，督办事项已办结。",
    ),
    "rate": Action(
        forms.RateForm,
        "登记满意度",
        lambda u, p, c: services.proposal_rate(actor=u, proposal=p, **c),
        "已登记满意度。",
    ),
    "void": Action(
        forms.ReasonForm,
        "作废",
        lambda u, p, c: services.proposal_void(actor=u, proposal=p, reason=c["reason"]),
        "已作废。",
    ),
}


def _proposal_detail(request, record, failed_form=None, status=200):
    p = proposal_get(user=request.user, pk=record.pk)
    fields = [
        ("类型", p.get_kind_display()),
        ("编号", f"{p.year}年第{p.number}号"),
        ("代表/委员", p.proposer),
        ("主办科室", p.lead_department.name),
        ("协办科室", "、".join(d.name for d in p.co_departments.all())),
        ("承办人", p.responsible.name),
        ("交办日期", f"{p.assigned_on:%Y-%m-%d}"),
        ("答复时限", f"{p.deadline:%Y-%m-%d}"),
        ("答复", p.reply),
        ("答复日期", p.replied_on and f"{p.replied_on:%Y-%m-%d}"),
        ("办理结果", p.get_result_display() if p.result else ""),
        ("满意度", p.get_satisfaction_display() if p.satisfaction else ""),
        ("作废原因", p.void_reason),
    ]
    return _detail(
        request,
        record=p,
        title=p.title,
        fields=fields,
        actions=action_forms(PROPOSAL_ACTIONS, permissions.proposal_actions(request.user, p), p, failed_form),
        action_url="documents:proposal_action",
        back=("documents:proposal_list", "建议提案"),
        failed_form=failed_form,
        status=status,
    )


@login_required
def proposal_detail(request, pk):
    return _proposal_detail(request, proposal_get(user=request.user, pk=pk))


@login_required
@require_POST
def proposal_action(request, pk, action):
    record = proposal_get(user=request.user, pk=pk)
    return run_action(
        request,
        record,
        action,
        PROPOSAL_ACTIONS,
        redirect_to=reverse("documents:proposal_detail", args=[record.pk]),
        render_detail=_proposal_detail,
    )


# ---- instructions ----


@login_required
def instruction_index(request):
    filterset = InstructionFilter(request.GET, queryset=instruction_list(user=request.user), request=request)
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "documents/instruction_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "rates": instruction_completion_rates(user=request.user),
            "can_add": request.user.has_perm(permissions.ADD_INSTRUCTION),
            "cleared": permissions.has_clearance(request.user),
            "today": timezone.localdate(),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def instruction_create(request):
    return _create_page(
        request,
        allowed=request.user.has_perm(permissions.ADD_INSTRUCTION),
        denied="您没有登记领导批示的权限。",
        form_class=forms.InstructionForm,
        template_title="登记领导批示",
        run=lambda data: services.instruction_create(actor=request.user, **data),
        done="已登记批示并督办立项。",
        detail="documents:instruction_detail",
    )


INSTRUCTION_ACTIONS = {
    "complete": Action(
        forms.CompleteInstructionForm,
        "办结",
        lambda u, i, c: services.instruction_complete(actor=u, instruction=i, **c),
        "批示已落实办结，批示领导会收到通知。",
    ),
    "void": Action(
        forms.ReasonForm,
        "作废",
        lambda u, i, c: services.instruction_void(actor=u, instruction=i, reason=c["reason"]),
        "已作废。",
    ),
}


def _instruction_detail(request, record, failed_form=None, status=200):
    i = instruction_get(user=request.user, pk=record.pk)
    cleared = permissions.has_clearance(request.user)
    fields = [
        ("批示领导", i.leader.name),
        ("批示日期", f"{i.instructed_on:%Y-%m-%d}"),
        ("批示内容", content_shown(i, cleared, i.text)),
        ("所批文件", str(i.incoming) if i.incoming_id else ""),
        ("承办科室", i.department.name),
        ("责任人", i.responsible.name),
        ("办结时限", f"{i.deadline:%Y-%m-%d}"),
        ("状态", i.get_status_display()),
        ("完成日期", i.completed_on and f"{i.completed_on:%Y-%m-%d}"),
        ("落实情况", content_shown(i, cleared, i.completion_note)),
        ("作废原因", content_shown(i, cleared, i.void_reason)),
    ]
    return _detail(
        request,
        record=i,
        title=f"{i.leader.name}批示（{i.instructed_on:%Y-%m-%d}）",
        fields=fields,
        actions=action_forms(INSTRUCTION_ACTIONS, permissions.instruction_actions(request.user, i), i, failed_form),
        action_url="documents:instruction_action",
        back=("documents:instruction_list", "领导批示"),
        failed_form=failed_form,
        status=status,
    )


@login_required
def instruction_detail(request, pk):
    return _instruction_detail(request, instruction_get(user=request.user, pk=pk))


@login_required
@require_POST
def instruction_action(request, pk, action):
    record = instruction_get(user=request.user, pk=pk)
    return run_action(
        request,
        record,
        action,
        INSTRUCTION_ACTIONS,
        redirect_to=reverse("documents:instruction_detail", args=[record.pk]),
        render_detail=_instruction_detail,
    )


# ---- archive ----


def _archive_year(request):
    try:
        return parse_year(request.GET.get("year"), timezone.localdate().year)
    except ValidationError:
        return timezone.localdate().year


@login_required
def archive_index(request):
    data = request.GET.copy()
    data.setdefault("year", str(_archive_year(request)))
    filterset = ArchiveFilter(data, queryset=archive_list(user=request.user), request=request)
    page, query = paginate(request, filterset.qs, per_page=50)
    return render(
        request,
        "documents/archive_list.html",
        {"filter": filterset, "page": page, "query": query},
        status=400 if filterset.errors else 200,
    )


@login_required
def archive_export(request):
    return export_response(request, "documents.export.ARCHIVE")


# ---- publicity ----


@login_required
def publicity_index(request):
    year = _archive_year(request)
    data = request.GET.copy()
    data.setdefault("year", str(year))
    filterset = PublicityFilter(data, queryset=publicity_list(user=request.user), request=request)
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "documents/publicity_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "year": year,
            "counts": publicity_counts(year=year),
            "can_add": request.user.has_perm(permissions.MANAGE_PUBLICITY),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def publicity_create(request):
    if not request.user.has_perm(permissions.MANAGE_PUBLICITY):
        raise PermissionDenied("只有办公室文书可以登记信息宣传。")
    form = forms.PublicityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publicity_services.publicity_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "已登记。")
            return redirect("documents:publicity_list")
    return render(
        request,
        "documents/simple_form.html",
        {"form": form, "page_title": "登记信息宣传"},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def publicity_void(request, pk):
    try:
        item = PublicityItem.objects.get(pk=pk)
    except PublicityItem.DoesNotExist:
        raise Http404 from None
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写作废原因。")
        return redirect("documents:publicity_list")
    try:
        publicity_services.publicity_void(actor=request.user, item=item, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已作废。")
    return redirect("documents:publicity_list")
