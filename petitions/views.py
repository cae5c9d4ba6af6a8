"""The pages: registers with filters and export, a record's page whose steps are forms that
each call one service, and the duty roster by month."""

import calendar
import datetime
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from office.audit import history_with_changes
from office.errors import add_errors_to_form
from office.export import export_response
from office.filters import parse_year
from office.services.supervision import supervised_items_for_source
from office.views.generic import Action, action_forms, list_page, run_action

from . import forms as f
from . import permissions as perms
from . import printing, selectors, services
from .filters import PatrolFilter, PetitionFilter, ReceptionFilter
from .models import DutyAssignment, Petition


def _deny(condition):
    if not condition:
        raise PermissionDenied


# --- petitions -------------------------------------------------------------------------------

PETITION_ACTIONS = {
    "transfer": Action(
        f.TransferForm,
        "转送",
        lambda actor, p, d: services.petition_transfer(
            actor=actor, petition=p, on=d["on"], transferred_to=d["transferred_to"], note=d["note"]
        ),
        "已转送。",
    ),
    "assign": Action(
        f.AssignForm,
        "交办",
        lambda actor, p, d: services.petition_assign(
            actor=actor, petition=p, on=d["on"], department=d["department"], handler=d["handler"], note=d["note"]
        ),
        "已交办，承办科室的办理时限已开始计算。",
    ),
    "accept": Action(
        f.AcceptForm,
        "受理",
        lambda actor, p, d: services.petition_accept(actor=actor, petition=p, on=d["on"], note=d["note"]),
        "已受理。",
    ),
    "refuse": Action(
        f.RefuseForm,
        "不予受理",
        lambda actor, p, d: services.petition_refuse(actor=actor, petition=p, on=d["on"], note=d["note"]),
        "已作不予受理处理。",
    ),
    "extend": Action(
        f.ExtendForm,
        "批准延期",
        lambda actor, p, d: services.petition_extend(actor=actor, petition=p, days=d["days"], reason=d["reason"]),
        "已批准延期。",
    ),
    "reply": Action(
        f.ReplyForm,
        "答复",
        lambda actor, p, d: services.petition_reply(actor=actor, petition=p, on=d["on"], reply=d["reply"]),
        "已登记答复。",
    ),
    "review_request": Action(
        f.OnForm,
        "登记复查申请",
        lambda actor, p, d: services.petition_review_request(actor=actor, petition=p, on=d["on"]),
        "已登记复查申请。",
    ),
    "review_decide": Action(
        f.DecisionForm,
        "复查意见",
        lambda actor, p, d: services.petition_review_decide(
            actor=actor, petition=p, on=d["on"], result=d["result"], note=d["note"]
        ),
        "已登记复查意见。",
    ),
    "re_review_request": Action(
        f.OnForm,
        "登记复核申请",
        lambda actor, p, d: services.petition_re_review_request(actor=actor, petition=p, on=d["on"]),
        "已登记复核申请。",
    ),
    "re_review_decide": Action(
        f.DecisionForm,
        "复核意见",
        lambda actor, p, d: services.petition_re_review_decide(
            actor=actor, petition=p, on=d["on"], result=d["result"], note=d["note"]
        ),
        "已登记复核意见。",
    ),
    "satisfaction": Action(
        f.SatisfactionForm,
        "登记满意度",
        lambda actor, p, d: services.petition_record_satisfaction(
            actor=actor, petition=p, satisfaction=d["satisfaction"]
        ),
        "已登记满意度。",
    ),
    "close": Action(
        f.OnForm, "办结", lambda actor, p, d: services.petition_close(actor=actor, petition=p, on=d["on"]), "已办结。"
    ),
    "void": Action(
        f.ReasonForm,
        "作废",
        lambda actor, p, d: services.petition_void(actor=actor, petition=p, reason=d["reason"]),
        "已作废。",
        confirm="确定作废该信访事项？记录和编号仍保留，不再计入统计。",
    ),
}


@login_required
def petition_list(request):
    _deny(perms.sees_all_petitions(request.user) or request.user.department_id)
    return list_page(
        request,
        "petitions/petition_list.html",
        PetitionFilter,
        selectors.petition_list(user=request.user),
        context={
            "can_register": perms.can_register_petition(request.user),
            "allowed": perms.sees_petitioner(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def petition_export(request):
    return export_response(request, "petitions.export.PETITIONS")


def _petition_page(request, petition, failed_form=None, status=200):
    user = request.user
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "petitioners": list(petition.petitioners.all()),
            "allowed": perms.sees_petitioner(user),
            "actions": action_forms(PETITION_ACTIONS, perms.petition_actions(user, petition), petition, failed_form),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "items": supervised_items_for_source(petition).order_by("start_date", "id"),
            "repeats": selectors.petition_repeats(petition),
            "history": history_with_changes(petition),
            "days_left": selectors.days_left(petition.clock_deadline),
            "working_days": services.working_days_mode(),
            "notices": printing.available_notices(petition) if perms.sees_petitioner(user) else {},
        },
        status=status,
    )


@login_required
def petition_detail(request, pk):
    from office.services.audit_log import audit_personal_read

    petition = selectors.petition_get(user=request.user, pk=pk)
    if perms.sees_petitioner(request.user, petition):
        target = f"信访事项 {petition.number}（#{petition.pk}）"
        audit_personal_read(user=request.user, target=target, what="查看信访事项（信访人信息未脱敏）")
    return _petition_page(request, petition)


@login_required
@require_POST
def petition_action(request, pk, name):
    petition = selectors.petition_get(user=request.user, pk=pk)
    return run_action(
        request,
        petition,
        name,
        PETITION_ACTIONS,
        redirect_to=reverse("petitions:petition_detail", args=[pk]),
        render_detail=_petition_page,
    )


@login_required
def petition_notice(request, pk, kind):
    """A written notice as PDF: for those who see the petitioner's data (it names them)."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    _deny(perms.sees_petitioner(request.user))
    if kind not in printing.available_notices(petition):
        raise Http404
    title = printing.available_notices(petition)[kind]
    response = HttpResponse(printing.notice_pdf(petition, kind), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(f'{petition.number}{title}.pdf')}"
    return response


@login_required
def petition_create(request):
    _deny(perms.can_register_petition(request.user))
    form = f.PetitionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            same_facts_as = None
            if d["same_facts_number"].strip():
                same_facts_as = Petition.objects.filter(number=d["same_facts_number"].strip()).first()
                if same_facts_as is None:
                    raise ValidationError({"same_facts_number": "未找到该信访编号。"})
            petition = services.petition_register(
                same_facts_as=same_facts_as,
                actor=request.user,
                channel=d["channel"],
                received_on=d["received_on"],
                persons=d["persons"],
                subject=d["subject"],
                title=d["title"],
                content=d["content"],
                request=d["request"],
                higher_body=d["higher_body"],
                petitioners=d["petitioners"],
                attachment=d["attachment"],
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            note = "（重复信访，已关联此前的信访事项）" if petition.is_repeat else ""
            messages.success(request, f"已登记，信访编号{petition.number}{note}。")
            return redirect("petitions:petition_detail", petition.pk)
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": "登记信访事项", "back": reverse("petitions:petition_list"), "multipart": True},
        status=400 if form.errors else 200,
    )


# --- receptions ------------------------------------------------------------------------------

RECEPTION_ACTIONS = {
    "approve": Action(
        f.OnForm,
        "审批同意",
        lambda actor, r, d: services.reception_approve(actor=actor, reception=r, on=d["on"]),
        "已审批。",
    ),
    "complete": Action(
        f.CompleteReceptionForm,
        "登记完成",
        lambda actor, r, d: services.reception_complete(
            actor=actor, reception=r, on=d["on"], cost=d["cost"], meal_companions=d["meal_companions"]
        ),
        "已登记接待完成。",
    ),
    "void": Action(
        f.ReasonForm,
        "作废",
        lambda actor, r, d: services.reception_void(actor=actor, reception=r, reason=d["reason"]),
        "已作废。",
        confirm="确定作废该接待记录？",
    ),
}


@login_required
def reception_list(request):
    _deny(perms.sees_receptions(request.user))
    return list_page(
        request,
        "petitions/reception_list.html",
        ReceptionFilter,
        selectors.reception_list(user=request.user),
        context={"can_create": perms.can_create_reception(request.user)},
    )


@login_required
def reception_export(request):
    return export_response(request, "petitions.export.RECEPTIONS")


def _reception_page(request, reception, failed_form=None, status=200):
    return render(
        request,
        "petitions/reception_detail.html",
        {
            "reception": reception,
            "visitors": list(reception.visitors.all()),
            "items": list(reception.items.all()),
            "limit": services.meal_companion_limit(reception.visitors_total),
            "actions": action_forms(
                RECEPTION_ACTIONS, perms.reception_actions(request.user, reception), reception, failed_form
            ),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "history": history_with_changes(reception),
        },
        status=status,
    )


@login_required
def reception_detail(request, pk):
    return _reception_page(request, selectors.reception_get(user=request.user, pk=pk))


@login_required
@require_POST
def reception_action(request, pk, name):
    reception = selectors.reception_get(user=request.user, pk=pk)
    return run_action(
        request,
        reception,
        name,
        RECEPTION_ACTIONS,
        redirect_to=reverse("petitions:reception_detail", args=[pk]),
        render_detail=_reception_page,
    )


def _incoming_letter(user, serial):
    """The incoming document (收文) with this serial that the user may see."""
    from documents.selectors import incoming_list

    letter = incoming_list(user=user).filter(serial_number=serial).first()
    if letter is None:
        raise ValidationError({"letter_serial": f"未找到收文编号为“{serial}”的来函，或您无权查看。"})
    return letter


@login_required
def reception_create(request):
    _deny(perms.can_create_reception(request.user))
    form = f.ReceptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        serial = d.pop("letter_serial").strip()
        try:
            if serial:
                d["letter_document"] = _incoming_letter(request.user, serial)
            reception = services.reception_create(actor=request.user, **d)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "已登记公务接待，请报办公室主任审批。")
            return redirect("petitions:reception_detail", reception.pk)
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": "登记公务接待", "back": reverse("petitions:reception_list"), "multipart": True},
        status=400 if form.errors else 200,
    )


# --- duty ------------------------------------------------------------------------------------


def _month(request):
    today = timezone.localdate()
    try:
        year = parse_year(request.GET.get("year"), today.year)
        month = int(request.GET.get("month") or (today.month if year == today.year else 1))
        first = datetime.date(year, month, 1)
    except (ValueError, ValidationError):
        first = today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


@login_required
def duty_list(request):
    first, last = _month(request)
    user = request.user
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "petitions/duty_list.html",
        {
            "days": selectors.duty_days(first, last),
            "first": first,
            "previous": previous,
            "following": following,
            "mine": selectors.my_assignments(user),
            "swaps": selectors.duty_swaps(user)[:20],
            "can_manage": perms.can_manage_duty(user),
            "generate_form": f.DutyGenerateForm() if perms.can_manage_duty(user) else None,
            "today": timezone.localdate(),
        },
    )


@login_required
def duty_export(request):
    return export_response(request, "petitions.export.DUTY")


@login_required
def duty_generate(request):
    _deny(perms.can_manage_duty(request.user))
    form = f.DutyGenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            days = services.duty_generate(
                actor=request.user,
                first=d["first"],
                last=d["last"],
                leaders=list(d["leaders"]),
                staff=list(d["staff"]),
                staff_per_day=d["staff_per_day"],
                holiday_staff_per_day=d["holiday_staff_per_day"],
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, f"已编排{len(days)}天的值班。")
            return redirect(f"{reverse('petitions:duty_list')}?year={d['first'].year}&month={d['first'].month}")
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": "编排值班表", "back": reverse("petitions:duty_list")},
        status=400 if form.errors else 200,
    )


@login_required
def duty_day(request, pk):
    day = selectors.duty_day_get(pk)
    user = request.user
    assignments = list(day.assignments.all())
    on_duty = any(a.person_id == user.pk for a in assignments)
    can_manage = perms.can_manage_duty(user)
    edit_form = log_form = None
    status = 200
    if request.method == "POST":
        what = request.POST.get("do")
        try:
            if what == "edit":
                _deny(can_manage)
                edit_form = f.DutyDayForm(request.POST, prefix="edit")
                if edit_form.is_valid():
                    d = edit_form.cleaned_data
                    services.duty_day_update(
                        actor=user, day=day, leader=d["leader"], staff=list(d["staff"]), note=d["note"]
                    )
                    messages.success(request, "已调整当天值班。")
                    return redirect("petitions:duty_day", pk)
            elif what == "log":
                _deny(on_duty or can_manage)
                log_form = f.DutyLogForm(request.POST, prefix="log")
                if log_form.is_valid():
                    services.duty_log_add(actor=user, day=day, **log_form.cleaned_data)
                    messages.success(request, "已添加值班记录。")
                    return redirect("petitions:duty_day", pk)
            else:
                raise PermissionDenied
        except ValidationError as error:
            add_errors_to_form(edit_form if what == "edit" else log_form, error)
        status = 400
    leader = next((a.person for a in assignments if a.role == "leader"), None)
    if can_manage and edit_form is None:
        edit_form = f.DutyDayForm(
            prefix="edit",
            initial={"leader": leader, "staff": [a.person for a in assignments if a.role == "staff"], "note": day.note},
        )
    if (on_duty or can_manage) and log_form is None:
        log_form = f.DutyLogForm(prefix="log")
    return render(
        request,
        "petitions/duty_day.html",
        {
            "day": day,
            "assignments": assignments,
            "logs": selectors.duty_logs(day) if (on_duty or perms.sees_duty_logs(user)) else None,
            "edit_form": edit_form,
            "log_form": log_form,
        },
        status=status,
    )


@login_required
def duty_swap_create(request, assignment_pk):
    assignment = DutyAssignment.objects.select_related("day", "person").filter(pk=assignment_pk).first()
    if assignment is None or not (assignment.person_id == request.user.pk or perms.can_manage_duty(request.user)):
        raise Http404
    form = f.SwapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_swap_request(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "已提交换班申请，待办公室审批。")
            return redirect("petitions:duty_list")
    return render(
        request,
        "petitions/form.html",
        {
            "form": form,
            "title": f"申请换班：{assignment.day.date:%Y年%m月%d日} {assignment.get_role_display()}",
            "back": reverse("petitions:duty_list"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def duty_swap_action(request, pk, name):
    swap = selectors.duty_swap_get(request.user, pk)
    if name not in ("approve", "reject"):
        raise Http404
    try:
        services.duty_swap_decide(actor=request.user, swap=swap, approve=name == "approve")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已同意换班。" if name == "approve" else "已退回换班申请。")
    return redirect("petitions:duty_list")


# --- patrols ---------------------------------------------------------------------------------

PATROL_ACTIONS = {
    "rectify": Action(
        f.RectifyForm,
        "整改完成",
        lambda actor, p, d: services.patrol_rectify(actor=actor, patrol=p, on=d["on"], note=d["note"]),
        "已登记整改完成。",
    ),
    "void": Action(
        f.ReasonForm,
        "作废",
        lambda actor, p, d: services.patrol_void(actor=actor, patrol=p, reason=d["reason"]),
        "已作废。",
        confirm="确定作废该巡查记录？",
    ),
}


@login_required
def patrol_list(request):
    return list_page(
        request,
        "petitions/patrol_list.html",
        PatrolFilter,
        selectors.patrol_list(user=request.user),
        context={"can_create": perms.can_record_patrol(request.user)},
    )


@login_required
def patrol_export(request):
    return export_response(request, "petitions.export.PATROLS")


def _patrol_page(request, patrol, failed_form=None, status=200):
    return render(
        request,
        "petitions/patrol_detail.html",
        {
            "patrol": patrol,
            "actions": action_forms(PATROL_ACTIONS, perms.patrol_actions(request.user, patrol), patrol, failed_form),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "items": supervised_items_for_source(patrol),
            "history": history_with_changes(patrol),
        },
        status=status,
    )


@login_required
def patrol_detail(request, pk):
    return _patrol_page(request, selectors.patrol_get(user=request.user, pk=pk))


@login_required
@require_POST
def patrol_action(request, pk, name):
    patrol = selectors.patrol_get(user=request.user, pk=pk)
    return run_action(
        request,
        patrol,
        name,
        PATROL_ACTIONS,
        redirect_to=reverse("petitions:patrol_detail", args=[pk]),
        render_detail=_patrol_page,
    )


@login_required
def patrol_create(request):
    _deny(perms.can_record_patrol(request.user))
    form = f.PatrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patrol = services.patrol_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, "已登记巡查记录。" + ("已开立隐患整改督办事项。" if patrol.hazard else ""))
            return redirect("petitions:patrol_detail", patrol.pk)
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": "登记安全巡查", "back": reverse("petitions:patrol_list")},
        status=400 if form.errors else 200,
    )
