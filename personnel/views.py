"""HTML pages of personnel (人事): parse, call a selector or service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from office.errors import add_errors_to_form
from office.export import export_response
from office.views.generic import Action, action_forms, list_page, paginate, run_action

from . import permissions, selectors, services
from .choices import SensitiveAccessVia
from .filters import (
    AppointmentFilter,
    ExpertTaskFilter,
    PersonFilter,
    RecruitmentFilter,
    SalaryChangeFilter,
    TalkFilter,
    TitleReviewFilter,
    TransferFilter,
)
from .forms import (
    AppointmentForm,
    EmptyForm,
    ExpertTaskForm,
    GradesForm,
    PersonForm,
    ReasonForm,
    RecruitmentForm,
    RoundForm,
    SalaryChangeForm,
    TalkForm,
    TitleReviewForm,
    TransferForm,
)
from .models import Person


def _need(user, perm, message="您没有查看人事记录的权限。"):
    if not user.has_perm(perm):
        raise PermissionDenied(message)


def _need_manager(user):
    if not permissions.can_manage(user):
        raise PermissionDenied("只有人事可以登记人事记录。")


def _form_page(request, form, *, title, run, done, back, help_text="", multipart=False):
    """A create page: the form, the service call, its errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            record = run(form)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, done(record) if callable(done) else done)
            return redirect(back(record) if callable(back) else back)
    return render(
        request,
        "personnel/form.html",
        {"form": form, "title": title, "back": back if isinstance(back, str) else "", "help_text": help_text,
         "multipart": multipart},
        status=400 if form.errors else 200,
    )  # fmt: skip


# --- the roster and a person's page ----------------------------------------------------------


@login_required
def person_list(request):
    """The roster (花名册)."""
    _need(request.user, permissions.VIEW_PERSON)
    queryset = selectors.person_list(user=request.user)
    filterset = PersonFilter(request.GET, queryset=queryset, request=request)
    page, query = paginate(request, filterset.qs)
    for person in page:
        person.pd_allowed = permissions.can_view_personal_data(request.user, person)
    return render(
        request,
        "personnel/person_list.html",
        {"filter": filterset, "page": page, "query": query, "can_manage": permissions.can_manage(request.user)},
        status=400 if filterset.errors else 200,
    )


@login_required
def my_record(request):
    person = selectors.own_person(request.user)
    if person is None:
        raise Http404("您的账号没有关联人员档案，请联系人事。")
    return redirect("personnel:person_detail", pk=person.pk)


def _audit_personal_read(user, person, what):
    from office.services.audit_log import audit_personal_read

    if permissions.can_view_personal_data(user, person) and not permissions.is_own(user, person):
        audit_personal_read(user=user, target=f"人员 {person.name}（#{person.pk}）", what=what)


def _person_context(request, person):
    user = request.user
    salary_allowed = permissions.can_view_salary(user, person)
    salary_changes = list(person.salary_changes.filter(voided_at__isnull=True)) if salary_allowed else []
    if salary_changes:
        services.salary_read_record(viewer=user, person=person, via=SensitiveAccessVia.PAGE)
    assessments = list(person.assessments.exclude(grade="").select_related("round"))
    return {
        "person": person,
        "pd_allowed": permissions.can_view_personal_data(user, person),
        "salary_allowed": salary_allowed,
        "salary_changes": salary_changes,
        "current_base": salary_changes[0].base if salary_changes else None,
        "timeline": selectors.person_timeline(user=user, person=person),
        "assessments": assessments,
        "can_manage": permissions.can_manage(user),
        "is_own": permissions.is_own(user, person),
    }


@login_required
def person_detail(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    _audit_personal_read(request.user, person, "查看人员档案（个人信息未脱敏）")
    return render(request, "personnel/person_detail.html", _person_context(request, person))


@login_required
def person_create(request):
    _need_manager(request.user)
    form = PersonForm(request.POST or None)
    return _form_page(
        request, form, title="新建人员档案",
        run=lambda f: services.person_create(actor=request.user, **f.cleaned_data),
        done=lambda p: f"已建立{p.name}的人员档案。",
        back=lambda p: reverse("personnel:person_detail", args=[p.pk]),
        help_text="公民身份号码按 GB 11643 校验末位校验码，其中的出生日期须与填写的出生日期一致；"
        "同一号码只能建一份档案。",
    )  # fmt: skip


@login_required
def person_edit(request, pk):
    _need_manager(request.user)
    person = selectors.person_get(user=request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk), editing=True)

    def run(f):
        changed = {name: f.cleaned_data[name] for name in f.changed_data}
        return services.person_update(actor=request.user, person=person, **changed) if changed else person

    return _form_page(
        request, form, title=f"修改人员档案：{person.name}", run=run, done="已保存。",
        back=reverse("personnel:person_detail", args=[person.pk]),
        help_text="职务、职级通过任免登记变更，以便保留任职经历。",
    )  # fmt: skip


# --- appointments ----------------------------------------------------------------------------


@login_required
def appointment_list(request):
    _need(request.user, "personnel.view_appointment")
    return list_page(
        request, "personnel/appointment_list.html", AppointmentFilter,
        selectors.appointment_list(user=request.user), context={"can_manage": permissions.can_manage(request.user)},
    )  # fmt: skip


@login_required
def appointment_create(request):
    _need_manager(request.user)
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    form = AppointmentForm(request.POST or None, initial=initial)
    return _form_page(
        request, form, title="任免登记",
        run=lambda f: services.appointment_record(actor=request.user, **f.cleaned_data),
        done=lambda a: f"已登记任免（登记号{a.serial}），核对无误后请执行。",
        back=lambda a: reverse("personnel:appointment_detail", args=[a.pk]),
        help_text="提拔须登记任前公示，公示期不少于5个工作日（按工作日历，节假日不计）；任职日期须在公示期满之后。"
        "执行提拔到领导职务（正科级、副科级）的任免时，系统开立一年试用期的督办事项，期满前由人事办理考核。",
    )  # fmt: skip


APPOINTMENT_ACTIONS = {
    "apply": Action(EmptyForm, "执行任免", run=lambda actor, record, data: services.appointment_apply(
        actor=actor, appointment=record), done="已执行，人员的职务、职级已更新。"),
    "void": Action(ReasonForm, "作废", run=lambda actor, record, data: services.appointment_void(
        actor=actor, appointment=record, reason=data["reason"]), done="已作废。",
        confirm="确定作废该任免登记？"),
}  # fmt: skip


def _render_appointment(request, appointment, failed_form=None, status=200):
    allowed = permissions.appointment_actions(request.user, appointment)
    return render(
        request,
        "personnel/appointment_detail.html",
        {
            "appointment": appointment,
            "actions": action_forms(APPOINTMENT_ACTIONS, allowed, appointment, failed_form),
            "failed_action": failed_form.prefix if failed_form is not None else "",
            "publicity_days": services.publicity_working_days(appointment.publicity_start, appointment.publicity_end)
            if appointment.publicity_start and appointment.publicity_end
            else None,
        },
        status=status,
    )


@login_required
def appointment_detail(request, pk):
    return _render_appointment(request, selectors.appointment_get(user=request.user, pk=pk))


@login_required
def appointment_action(request, pk, action):
    appointment = selectors.appointment_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("personnel:appointment_detail", pk=pk)
    if action not in permissions.appointment_actions(request.user, appointment) and action in APPOINTMENT_ACTIONS:
        raise PermissionDenied("您不能对该任免执行此操作。")
    return run_action(
        request, appointment, action, APPOINTMENT_ACTIONS,
        redirect_to=reverse("personnel:appointment_detail", args=[pk]), render_detail=_render_appointment,
    )  # fmt: skip


# --- salary ----------------------------------------------------------------------------------


@login_required
def salary_list(request):
    """HR's salary register; anyone else sees their own changes only. Every person whose
    figures HR sees on the page is recorded in the read log."""
    filterset = SalaryChangeFilter(request.GET, queryset=selectors.salary_list(user=request.user), request=request)
    page, query = paginate(request, filterset.qs)
    seen = {change.person for change in page if not permissions.is_own(request.user, change.person)}
    services.salary_reads_record(viewer=request.user, persons=seen, via=SensitiveAccessVia.PAGE)
    return render(
        request,
        "personnel/salary_list.html",
        {"filter": filterset, "page": page, "query": query, "can_manage": permissions.can_manage(request.user)},
        status=400 if filterset.errors else 200,
    )


@login_required
def salary_void(request, pk):
    """作废 a salary record typed in error (kept on record, no longer in the base or the figures)."""
    change = selectors.salary_get(user=request.user, pk=pk)
    if "void" not in permissions.salary_change_actions(request.user, change):
        raise PermissionDenied("您不能作废该薪资记录。")
    form = ReasonForm(request.POST or None)
    return _form_page(
        request, form, title=f"作废薪资记录：{change}",
        run=lambda f: services.salary_change_void(actor=request.user, change=change, reason=f.cleaned_data["reason"]),
        done="已作废。", back=reverse("personnel:person_detail", args=[change.person_id]),
        help_text="作废后记录仍保留，不再作为党费计算基数，也不计入薪资调整人次。",
    )  # fmt: skip


@login_required
def salary_create(request):
    _need_manager(request.user)
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    form = SalaryChangeForm(request.POST or None, initial=initial)

    def run(f):
        data = f.cleaned_data
        return services.salary_change_record(
            actor=request.user, person=data["person"], effective_month=data["effective_month"],
            reason=data["reason"], components=f.components(), note=data["note"],
        )  # fmt: skip

    return _form_page(
        request, form, title="登记薪资变动", run=run,
        done=lambda c: f"已登记{c.person.name}自{c.effective_month:%Y年%m月}起的薪资变动，月固定工资{c.base}元。",
        back=lambda c: reverse("personnel:person_detail", args=[c.person_id]),
        help_text="填写变动后的月固定工资各项；变动前各项取该人员上一次变动后的数额。"
        "自起薪月份起，按各项合计作为党费计算基数。",
    )  # fmt: skip


# --- the other registers ---------------------------------------------------------------------


def _register(request, *, perm, filter_class, queryset, title, headers, row, create=None, export=None, extra=None):
    """A register page whose rows are rendered from (header, cell) lists."""
    _need(request.user, perm)
    filterset = filter_class(request.GET, queryset=queryset, request=request)
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "personnel/register.html",
        {
            "filter": filterset, "page": page, "query": query, "title": title, "headers": headers,
            "rows": [row(record) for record in page], "create_url": create if permissions.can_manage(request.user)
            else "", "export_url": export, **(extra or {}),
        },
        status=400 if filterset.errors else 200,
    )  # fmt: skip


def _person_cell(person):
    return {"text": person.name, "url": reverse("personnel:person_detail", args=[person.pk])}


@login_required
def recruitment_list(request):
    return _register(
        request, perm="personnel.view_recruitment", filter_class=RecruitmentFilter,
        queryset=selectors.recruitment_list(user=request.user), title="人才引进/招聘",
        headers=["姓名", "渠道", "到岗日期", "说明"],
        row=lambda r: [_person_cell(r.person), r.get_channel_display(), r.date, r.note],
        create=reverse("personnel:recruitment_create"), export=reverse("personnel:recruitment_export"),
    )  # fmt: skip


@login_required
def recruitment_create(request):
    _need_manager(request.user)
    return _form_page(
        request, RecruitmentForm(request.POST or None), title="登记人才引进/招聘",
        run=lambda f: services.recruitment_record(actor=request.user, **f.cleaned_data),
        done="已登记。", back=reverse("personnel:recruitment_list"),
    )  # fmt: skip


@login_required
def title_list(request):
    return _register(
        request, perm="personnel.view_titlereview", filter_class=TitleReviewFilter,
        queryset=selectors.title_list(user=request.user), title="职称评审",
        headers=["姓名", "年度", "系列", "职称", "级别", "结果"],
        row=lambda t: [_person_cell(t.person), t.year, t.series, t.title, t.get_level_display(),
                       "通过" if t.passed else "未通过"],
        create=reverse("personnel:title_create"), export=reverse("personnel:title_export"),
    )  # fmt: skip


@login_required
def title_create(request):
    _need_manager(request.user)
    return _form_page(
        request, TitleReviewForm(request.POST or None), title="登记职称评审",
        run=lambda f: services.title_review_record(actor=request.user, **f.cleaned_data),
        done="已登记。", back=reverse("personnel:title_list"),
        help_text="评审通过且级别高于现有职称的，自动更新人员档案中的专业技术职称。",
    )  # fmt: skip


@login_required
def transfer_list(request):
    return _register(
        request, perm="personnel.view_transferbatch", filter_class=TransferFilter,
        queryset=selectors.transfer_list(user=request.user), title="转隶",
        headers=["日期", "方向", "涉改单位", "依据文号", "人数", "人员"],
        row=lambda b: [b.date, b.get_direction_display(), b.other_body, b.document_number, b.person_count,
                       "、".join(p.name for p in b.persons.all())],
        create=reverse("personnel:transfer_create"), export=reverse("personnel:transfer_export"),
    )  # fmt: skip


@login_required
def transfer_create(request):
    _need_manager(request.user)
    return _form_page(
        request, TransferForm(request.POST or None), title="登记转隶",
        run=lambda f: services.transfer_record(actor=request.user, **f.cleaned_data),
        done="已登记转隶。", back=reverse("personnel:transfer_list"),
        help_text="转出的人员在花名册中的状态改为“调出”，日期为转隶日期。转入人员请先建立人员档案。",
    )  # fmt: skip


@login_required
def expert_list(request):
    return _register(
        request, perm="personnel.view_experttask", filter_class=ExpertTaskFilter,
        queryset=selectors.expert_list(user=request.user), title="专家服务基层",
        headers=["日期", "任务", "地点", "承担人员"],
        row=lambda t: [t.date, t.title, t.place, "、".join(p.name for p in t.experts.all())],
        create=reverse("personnel:expert_create"), export=reverse("personnel:expert_export"),
    )  # fmt: skip


@login_required
def expert_create(request):
    _need_manager(request.user)
    return _form_page(
        request, ExpertTaskForm(request.POST or None), title="登记专家服务基层任务",
        run=lambda f: services.expert_task_record(actor=request.user, **f.cleaned_data),
        done="已登记。", back=reverse("personnel:expert_list"),
    )  # fmt: skip


@login_required
def talk_list(request):
    behind = selectors.talks_behind() if permissions.can_manage(request.user) else None
    return _register(
        request, perm=permissions.VIEW_TALK, filter_class=TalkFilter,
        queryset=selectors.talk_list(user=request.user), title="谈话记录",
        headers=["日期", "谈话人", "谈话对象", "类型", "谈话要点"],
        row=lambda t: [t.date, t.talker.name, t.talkee.name, t.get_kind_display(), t.notes],
        create=reverse("personnel:talk_create"), export=reverse("personnel:talk_export"), extra={"behind": behind},
    )  # fmt: skip


@login_required
def talk_create(request):
    _need_manager(request.user)
    return _form_page(
        request, TalkForm(request.POST or None), title="登记谈话",
        run=lambda f: services.talk_record(actor=request.user, **f.cleaned_data),
        done="已登记谈话。", back=reverse("personnel:talk_list"),
        help_text="谈话要点仅人事和局领导可见。",
    )  # fmt: skip


@login_required
def read_list(request):
    """Who looked at whose salary records, when."""
    from .filters import SensitiveReadFilter

    return _register(
        request, perm=permissions.VIEW_READS, filter_class=SensitiveReadFilter,
        queryset=selectors.sensitive_reads(user=request.user), title="薪资查阅记录",
        headers=["时间", "查看人", "被查看人员", "途径"],
        row=lambda r: [r.at, r.viewer.name or r.viewer.username, r.person.name, r.get_via_display()],
    )  # fmt: skip


# --- annual assessment -----------------------------------------------------------------------


@login_required
def round_list(request):
    _need(request.user, "personnel.view_assessmentround")
    rounds = selectors.round_list(user=request.user)
    page, query = paginate(request, rounds)
    return render(request, "personnel/round_list.html",
                  {"page": page, "query": query, "can_manage": permissions.can_manage(request.user)})  # fmt: skip


@login_required
def round_create(request):
    _need_manager(request.user)
    return _form_page(
        request, RoundForm(request.POST or None), title="建立年度考核",
        run=lambda f: services.assessment_round_open(actor=request.user, **f.cleaned_data),
        done="已建立年度考核，在职人员已列入考核名单。",
        back=lambda r: reverse("personnel:round_detail", args=[r.pk]),
    )  # fmt: skip


@login_required
def round_detail(request, pk):
    assessment_round = selectors.round_get(user=request.user, pk=pk)
    assessments = list(selectors.round_assessments(assessment_round))
    allowed = permissions.round_actions(request.user, assessment_round)
    form = GradesForm(request.POST or None, assessments=assessments) if "grade" in allowed else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("该年度考核不能修改等次。")
        if form.is_valid():
            try:
                quota = services.assessment_grades_record(
                    actor=request.user, assessment_round=assessment_round, grades=form.grades()
                )
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, "已保存考核等次。")
                if quota.near:
                    messages.warning(request, f"优秀名额将满：{quota.message}")
                return redirect("personnel:round_detail", pk=pk)
        status = 400
    quota = services.assessment_quota(assessment_round)
    return render(
        request,
        "personnel/round_detail.html",
        {"round": assessment_round, "assessments": assessments, "form": form, "quota": quota,
         "can_close": "close" in allowed},
        status=status,
    )  # fmt: skip


@login_required
def round_close(request, pk):
    assessment_round = selectors.round_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("personnel:round_detail", pk=pk)
    if "close" not in permissions.round_actions(request.user, assessment_round):
        raise PermissionDenied("该年度考核不能结束。")
    try:
        services.assessment_round_close(actor=request.user, assessment_round=assessment_round)
    except ValidationError as error:
        messages.error(request, "；".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, "年度考核已结束。")
    return redirect("personnel:round_detail", pk=pk)


# --- exports ---------------------------------------------------------------------------------


@login_required
def roster_export(request):
    _need(request.user, permissions.VIEW_PERSON)
    return export_response(request, "personnel.export.ROSTER")


@login_required
def appointment_export(request):
    _need(request.user, "personnel.view_appointment")
    return export_response(request, "personnel.export.APPOINTMENTS")


@login_required
def salary_export(request):
    return export_response(request, "personnel.export.SALARY")


@login_required
def recruitment_export(request):
    _need(request.user, "personnel.view_recruitment")
    return export_response(request, "personnel.export.RECRUITMENT")


@login_required
def title_export(request):
    _need(request.user, "personnel.view_titlereview")
    return export_response(request, "personnel.export.TITLES")


@login_required
def transfer_export(request):
    _need(request.user, "personnel.view_transferbatch")
    return export_response(request, "personnel.export.TRANSFERS")


@login_required
def expert_export(request):
    _need(request.user, "personnel.view_experttask")
    return export_response(request, "personnel.export.EXPERTS")


@login_required
def talk_export(request):
    _need(request.user, permissions.VIEW_TALK)
    return export_response(request, "personnel.export.TALKS")


@login_required
def round_export(request, pk):
    selectors.round_get(user=request.user, pk=pk)  # 404 for a round one may not see
    params = request.GET.copy()
    params["round"] = str(pk)
    request.GET = params
    return export_response(request, "personnel.export.ASSESSMENTS")
