"""HTML pages of incoming documents: the register, 签收登记, the document with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form
from office.export import export_response
from office.services.supervision import supervised_items_for_source
from office.views.generic import Action, run_action

from .. import forms, permissions
from ..choices import IncomingStatus
from ..filters import IncomingFilter
from ..pagination import paginate
from ..selectors import incoming_get, incoming_readers, incoming_rows, incoming_scope, incoming_steps
from ..services import archive as archive_services
from ..services import incoming as services
from ..services.common import log_classified_read
from .common import document_page_context

S = IncomingStatus


@login_required
def incoming_register_page(request):
    filterset = IncomingFilter(
        request.GET, queryset=incoming_rows(), scope=incoming_scope(request.user), request=request, windowed=True
    )
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "documents/incoming_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "can_register": permissions.can_manage_incoming(request.user),
            "cleared": permissions.has_clearance(request.user),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def incoming_export(request):
    return export_response(request, "documents.export.INCOMING")


@login_required
def incoming_create(request):
    if not permissions.can_manage_incoming(request.user):
        raise PermissionDenied("只有办公室文书可以签收登记收文。")
    form = forms.IncomingReceiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.incoming_receive(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(
                request, f"已签收{'并登记为 ' + document.serial_number if document.serial_number else ''}。"
            )
            return redirect("documents:incoming_detail", pk=document.pk)
    return render(request, "documents/incoming_form.html", {"form": form}, status=400 if form.errors else 200)


def _opinion(data):
    return data.get("opinion", "")


ACTIONS = {
    "register": Action(
        forms.OpinionForm,
        "登记",
        lambda u, d, c: services.incoming_register(actor=u, document=d),
        "已登记。",
    ),
    "review": Action(
        forms.ReviewForm,
        "初审",
        lambda u, d, c: services.incoming_review(actor=u, document=d, accept=c["accept"], opinion=c["opinion"]),
        "初审已记录。",
    ),
    "propose": Action(
        forms.ProposeForm,
        "拟办",
        lambda u, d, c: services.incoming_propose(actor=u, document=d, **c),
        "已提出拟办意见，呈领导批办。",
    ),
    "instruct": Action(
        forms.InstructForm,
        "批办",
        lambda u, d, c: services.incoming_instruct(actor=u, document=d, opinion=c["opinion"]),
        "已批办，办公室会收到通知。",
    ),
    "assign": Action(
        forms.AssignForm,
        "分送承办",
        lambda u, d, c: services.incoming_assign(actor=u, document=d, **c),
        "已分送承办科室。",
        # 分送 offers the 办理时限 entered at registration.
        form_kwargs=lambda d: {"initial": {"deadline": d.deadline}},
    ),
    "circulate": Action(
        forms.CirculateForm,
        "送传阅",
        lambda u, d, c: services.incoming_circulate(actor=u, document=d, readers=list(c["readers"])),
        "已送传阅。",
    ),
    "read": Action(
        forms.OpinionForm,
        "阅毕",
        lambda u, d, c: services.incoming_mark_read(actor=u, document=d, opinion=_opinion(c)),
        "已记录阅毕。",
    ),
    "complete": Action(
        forms.RequiredOpinionForm,
        "办结",
        lambda u, d, c: services.incoming_complete(actor=u, document=d, opinion=c["opinion"]),
        "已办结。",
    ),
    "urge": Action(
        forms.UrgeForm,
        "催办",
        lambda u, d, c: services.incoming_urge(actor=u, document=d, text=c["text"]),
        "已催办，相关人员会收到通知。",
    ),
    "archive": Action(
        forms.ArchiveForm,
        "归档",
        lambda u, d, c: archive_services.incoming_archive(actor=u, document=d, **c),
        "已归档。",
    ),
    "void": Action(
        forms.ReasonForm,
        "作废",
        lambda u, d, c: services.incoming_void(actor=u, document=d, reason=c["reason"]),
        "已作废。",
        confirm="确定作废该收文吗？作废后收文编号保留、不再重用。",
        confirm_step=True,
    ),
}


def _render_detail(request, document, failed_form=None, status=200):
    document = incoming_get(user=request.user, pk=document.pk)
    readers = list(incoming_readers(document))
    document._readers = readers  # the step table reads them instead of querying again
    context = document_page_context(
        request,
        document,
        actions=ACTIONS,
        allowed=permissions.incoming_actions(request.user, document),
        steps=permissions.INCOMING_STEPS,
        failed_form=failed_form,
    )
    context.update(
        steps=incoming_steps(document), readers=readers, items=supervised_items_for_source(document)
    )
    return render(request, "documents/incoming_detail.html", context, status=status)


@login_required
def incoming_detail(request, pk):
    document = incoming_get(user=request.user, pk=pk)
    log_classified_read(actor=request.user, document=document, what="查看收文详情")
    return _render_detail(request, document)


@login_required
@require_POST
def incoming_action(request, pk, action):
    document = incoming_get(user=request.user, pk=pk)
    return run_action(
        request,
        document,
        action,
        ACTIONS,
        redirect_to=reverse("documents:incoming_detail", args=[document.pk]),
        render_detail=_render_detail,
        offered=permissions.incoming_actions(request.user, document),
    )
