"""HTML pages of outgoing documents: the register, 拟稿, the document with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form
from office.export import export_response
from office.views.generic import Action, run_action

from .. import forms, permissions
from ..choices import OutgoingStatus
from ..filters import OutgoingFilter
from ..pagination import paginate
from ..selectors import outgoing_countersigns, outgoing_get, outgoing_rows, outgoing_scope, outgoing_steps
from ..services import outgoing as services
from ..services.common import log_classified_read
from .common import document_page_context

S = OutgoingStatus


@login_required
def outgoing_register_page(request):
    rows = outgoing_rows(people=("drafter", "signer"))  # the two the rows show
    filterset = OutgoingFilter(
        request.GET, queryset=rows, scope=outgoing_scope(request.user), request=request, windowed=True
    )
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "documents/outgoing_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "can_draft": permissions.can_draft_outgoing(request.user),
            "cleared": permissions.has_clearance(request.user),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def outgoing_export(request):
    return export_response(request, "documents.export.OUTGOING")


@login_required
def outgoing_create(request):
    if not permissions.can_draft_outgoing(request.user):
        raise PermissionDenied("您没有拟稿的权限。")
    form = forms.OutgoingDraftForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["countersign_departments"] = list(data["countersign_departments"])
            document = services.outgoing_draft(actor=request.user, **data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "文稿已保存，请送审核稿。")
            return redirect("documents:outgoing_detail", pk=document.pk)
    return render(request, "documents/outgoing_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def outgoing_edit(request, pk):
    document = outgoing_get(user=request.user, pk=pk)
    if not permissions.can_edit_draft(request.user, document):
        raise PermissionDenied("只有拟稿科室可以修改拟稿或退回的文稿。")
    initial = {name: getattr(document, name) for name in services.EDITABLE_FIELDS}
    initial["countersign_departments"] = [c.department_id for c in document.countersigns.all()]
    form = forms.OutgoingDraftForm(request.POST or None, request.FILES or None, initial=initial, user=document.drafter)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        countersign = list(data.pop("countersign_departments"))
        try:
            services.outgoing_update(actor=request.user, document=document, countersign_departments=countersign, **data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "文稿已修改。")
            return redirect("documents:outgoing_detail", pk=document.pk)
    return render(
        request,
        "documents/outgoing_form.html",
        {"form": form, "editing": document},
        status=400 if form.errors else 200,
    )


ACTIONS = {
    "submit": Action(
        forms.OpinionForm,
        "送审核稿",
        lambda u, d, c: services.outgoing_submit(actor=u, document=d, opinion=c["opinion"]),
        "已送办公室核稿。",
    ),
    "review": Action(
        forms.OpinionForm,
        "核稿通过",
        lambda u, d, c: services.outgoing_review(actor=u, document=d, opinion=c["opinion"]),
        "核稿通过。",
    ),
    "countersign": Action(
        forms.OpinionForm,
        "会签",
        lambda u, d, c: services.outgoing_countersign(actor=u, document=d, opinion=c["opinion"]),
        "已会签。",
    ),
    "sign": Action(
        forms.SignForm,
        "签发",
        lambda u, d, c: services.outgoing_sign(actor=u, document=d, **c),
        "已签发。",
    ),
    "return": Action(
        forms.ReasonForm,
        "退回修改",
        lambda u, d, c: services.outgoing_return(actor=u, document=d, reason=c["reason"]),
        "已退回拟稿人。",
    ),
    "number": Action(
        forms.NumberForm,
        "编号",
        lambda u, d, c: services.outgoing_assign_number(actor=u, document=d, issuing_code=c["issuing_code"]),
        "已编号。",
    ),
    "dispatch": Action(
        forms.DispatchForm,
        "印发",
        lambda u, d, c: services.outgoing_dispatch(actor=u, document=d, **c),
        "已印发。",
    ),
    "archive": Action(
        forms.ArchiveForm,
        "归档",
        lambda u, d, c: services.outgoing_archive(actor=u, document=d, **c),
        "已归档。",
    ),
    "void": Action(
        forms.ReasonForm,
        "作废",
        lambda u, d, c: services.outgoing_void(actor=u, document=d, reason=c["reason"]),
        "已作废。",
        confirm="确定作废该发文吗？作废后记录保留，不再流转。",
        confirm_step=True,
    ),
}


def _render_detail(request, document, failed_form=None, status=200):
    document = outgoing_get(user=request.user, pk=document.pk)
    countersigns = list(outgoing_countersigns(document))
    document._countersigns = countersigns  # the step table reads them instead of querying again
    context = document_page_context(
        request,
        document,
        actions=ACTIONS,
        allowed=permissions.outgoing_actions(request.user, document),
        steps=permissions.OUTGOING_STEPS,
        failed_form=failed_form,
    )
    number = context["actions"].get("number")
    if number and not number["form"].is_bound:
        number["form"].fields["issuing_code"].initial = document.issuing_code_id
    context.update(
        steps=outgoing_steps(document),
        countersigns=countersigns,
        can_edit=permissions.can_edit_draft(request.user, document),
        latest_version=document.versions.select_related("created_by").order_by("-number").first(),
        version_count=document.versions.count(),
    )
    return render(request, "documents/outgoing_detail.html", context, status=status)


@login_required
def outgoing_detail(request, pk):
    document = outgoing_get(user=request.user, pk=pk)
    log_classified_read(actor=request.user, document=document, what="查看发文详情")
    return _render_detail(request, document)


@login_required
@require_POST
def outgoing_action(request, pk, action):
    document = outgoing_get(user=request.user, pk=pk)
    return run_action(
        request,
        document,
        action,
        ACTIONS,
        redirect_to=reverse("documents:outgoing_detail", args=[document.pk]),
        render_detail=_render_detail,
        offered=permissions.outgoing_actions(request.user, document),
    )
