"""HTML pages of incoming documents: the register, 签收登记, the document with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form
from office.export import export_response

from .. import forms, permissions
from ..choices import HandlingType, IncomingStatus
from ..filters import IncomingFilter
from ..models import ArchiveItem
from ..pagination import paginate
from ..selectors import incoming_get, incoming_list, incoming_readers, incoming_steps
from ..services import archive as archive_services
from ..services import incoming as services
from ..services.attachments import may_attach
from .common import action_forms, run_action

S = IncomingStatus


@login_required
def incoming_register_page(request):
    filterset = IncomingFilter(request.GET, queryset=incoming_list(user=request.user), request=request)
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
    "register": (
        forms.OpinionForm,
        "登记",
        lambda u, d, c: services.incoming_register(actor=u, document=d),
        "已登记。",
    ),
    "review": (
        forms.ReviewForm,
        "初审",
        lambda u, d, c: services.incoming_review(actor=u, document=d, accept=c["accept"], opinion=c["opinion"]),
        "初审已记录。",
    ),
    "propose": (
        forms.ProposeForm,
        "拟办",
        lambda u, d, c: services.incoming_propose(actor=u, document=d, **c),
        "已提出拟办意见，呈领导批办。",
    ),
    "instruct": (
        forms.InstructForm,
        "批办",
        lambda u, d, c: services.incoming_instruct(actor=u, document=d, opinion=c["opinion"]),
        "已批办，办公室会收到通知。",
    ),
    "assign": (
        forms.AssignForm,
        "分送承办",
        lambda u, d, c: services.incoming_assign(actor=u, document=d, **c),
        "已分送承办科室。",
    ),
    "circulate": (
        forms.CirculateForm,
        "送传阅",
        lambda u, d, c: services.incoming_circulate(actor=u, document=d, readers=list(c["readers"])),
        "已送传阅。",
    ),
    "read": (
        forms.OpinionForm,
        "阅毕",
        lambda u, d, c: services.incoming_mark_read(actor=u, document=d, opinion=_opinion(c)),
        "已记录阅毕。",
    ),
    "complete": (
        forms.RequiredOpinionForm,
        "办结",
        lambda u, d, c: services.incoming_complete(actor=u, document=d, opinion=c["opinion"]),
        "已办结。",
    ),
    "urge": (
        forms.UrgeForm,
        "催办",
        lambda u, d, c: services.incoming_urge(actor=u, document=d, text=c["text"]),
        "已催办，相关人员会收到通知。",
    ),
    "archive": (
        forms.ArchiveForm,
        "归档",
        lambda u, d, c: archive_services.incoming_archive(actor=u, document=d, **c),
        "已归档。",
    ),
    "void": (
        forms.ReasonForm,
        "作废",
        lambda u, d, c: services.incoming_void(actor=u, document=d, reason=c["reason"]),
        "已作废。",
    ),
}


def _available(user, document, readers):
    office = permissions.can_manage_incoming(user)
    status = document.status
    unread = any(r.reader_id == user.pk and r.read_at is None for r in readers)
    return {
        "register": office and status == S.RECEIVED,
        "review": office and status == S.REGISTERED,
        "propose": office and status == S.REVIEWED,
        "instruct": permissions.can_instruct_incoming(user, document),
        "assign": office and status in (S.INSTRUCTED, S.REVIEWED) and document.handling_type == HandlingType.ACTION,
        "circulate": office
        and status in (S.REVIEWED, S.PROPOSED, S.INSTRUCTED, S.CIRCULATING)
        and document.handling_type == HandlingType.READING,
        "read": status == S.CIRCULATING and unread,
        "complete": permissions.can_complete_incoming(user, document),
        "urge": office and status in (S.PROPOSED, S.HANDLING, S.CIRCULATING),
        "archive": user.has_perm(permissions.MANAGE_ARCHIVE) and status == S.DONE and not _archived(document),
        "void": office and status != S.VOIDED,
    }


def _archived(document):
    return ArchiveItem.objects.filter(incoming=document).exists()


def _render_detail(request, pk, failed_form=None, status=200):
    document = incoming_get(user=request.user, pk=pk)
    readers = list(incoming_readers(document))
    from office.services.supervision import supervised_items_for_source

    return render(
        request,
        "documents/incoming_detail.html",
        {
            "doc": document,
            "steps": incoming_steps(document),
            "readers": readers,
            "items": supervised_items_for_source(document),
            "actions": action_forms(_available(request.user, document, readers), ACTIONS, failed_form),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "cleared": permissions.has_clearance(request.user),
            "attachments": document.attachments.select_related("uploaded_by"),
            "can_attach": may_attach(request.user, document) and document.status not in ("voided", "archived"),
            "history": document.history.select_related("history_user").order_by("-history_date")[:20],
        },
        status=status,
    )


@login_required
def incoming_detail(request, pk):
    return _render_detail(request, pk)


@login_required
@require_POST
def incoming_action(request, pk, action):
    document = incoming_get(user=request.user, pk=pk)
    return run_action(request, document, action, ACTIONS, "documents:incoming_detail", _render_detail)
