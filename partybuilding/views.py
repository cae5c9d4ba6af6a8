"""HTML pages of Party affairs: parse → selector/service → render or redirect.

Every page needs the Party view permission (the Party officer, leaders); writes need the
Party officer's (the services check again). A record the user may not see is a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from office.audit import history_with_changes
from office.errors import add_errors_to_form
from office.export import export_response
from office.filters import parse_year
from office.services.supervision import supervised_items_for_source
from office.views.generic import Action, action_forms, list_page, paginate, run_action

from . import forms, permissions, selectors, services
from .choices import OrganKind
from .filters import (
    AssessmentFilter,
    AwardFilter,
    CareFilter,
    DevelopmentFilter,
    DisclosureFilter,
    IntegrityFilter,
    LifeFilter,
    MemberFilter,
    PaymentFilter,
)
from .models import Award, CareVisit, Disclosure, IntegrityActivity, Organ


def _viewer(user):
    if not permissions.can_view(user):
        raise PermissionDenied("您没有查看党建工作的权限。")


def _manager(user):
    if not permissions.can_manage(user):
        raise PermissionDenied("只有党务工作人员可以办理党建事项。")


def _form_page(request, form, *, title, run, done, back):
    """A create page: the form, the service call, its errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            record = run(form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect(back(record) if callable(back) else back)
    return render(
        request,
        "partybuilding/form.html",
        {"form": form, "title": title, "back": back if isinstance(back, str) else ""},
        status=400 if form.errors else 200,
    )


def _year(request):
    try:
        return parse_year(request.GET.get("year"), timezone.localdate().year)
    except ValidationError:
        return timezone.localdate().year


# ---------------------------------------------------------------- the officer's page


@login_required
def index(request):
    _viewer(request.user)
    year = timezone.localdate().year
    developments = [
        (dev, services.next_step(dev))
        for dev in selectors.development_list(user=request.user)
        .filter(stage__in=["applicant", "activist", "probationary"])
        .prefetch_related("assessments")
    ]
    terms = [
        o
        for o in selectors.organ_list(user=request.user)
        if o.term_end and o.term_end <= timezone.localdate() + datetime.timedelta(days=180)
    ]
    return render(
        request,
        "partybuilding/index.html",
        {
            "warnings": selectors.rhythm_warnings(),
            "flagged": selectors.dues_flagged(),
            "year": year,
            "totals": selectors.dues_totals(year=year),
            "developments": [(d, step) for d, step in developments if step and step[1]],
            "terms": terms,
        },
    )


# ---------------------------------------------------------------- organisation and members


@login_required
def organ_list(request):
    _viewer(request.user)
    organs = list(selectors.organ_list(user=request.user))
    return render(
        request,
        "partybuilding/organ_list.html",
        {
            "organs": organs,
            "can_manage": permissions.can_manage(request.user),
        },
    )


@login_required
def organ_create(request):
    _manager(request.user)
    form = forms.OrganForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="新增党组织",
        run=lambda d: services.organ_create(actor=request.user, **d),
        done="已新增党组织。",
        back=lambda o: reverse("partybuilding:organ_detail", args=[o.pk]),
    )


ORGAN_ACTIONS = {
    "term": Action(
        forms.TermForm,
        "换届（本届任期）",
        done="已登记换届。",
        run=lambda actor, organ, d: services.organ_set_term(actor=actor, organ=organ, **d),
    ),
    "committee": Action(
        forms.CommitteeForm,
        "任命支委",
        done="已任命。",
        run=lambda actor, organ, d: services.committee_appoint(actor=actor, organ=organ, **d),
        form_kwargs=lambda organ: {"organ": organ},
    ),
    "committee_end": Action(
        forms.CommitteeEndForm,
        "免去支委职务",
        done="已免去。",
        run=lambda actor, organ, d: services.committee_end(actor=actor, post=d["post"], end=d["end"]),
        form_kwargs=lambda organ: {"organ": organ},
    ),
}


def _render_organ(request, organ, failed_form=None, status=200):
    allowed = set()
    if permissions.can_manage(request.user) and organ.kind != OrganKind.GROUP:
        allowed = {"term", "committee", "committee_end"}
    return render(
        request,
        "partybuilding/organ_detail.html",
        {
            "organ": organ,
            "committee": selectors.committee_of(organ),
            "members": selectors.member_list(user=request.user).filter(organ=organ, status="active"),
            "items": supervised_items_for_source(organ),
            "actions": action_forms(ORGAN_ACTIONS, allowed, organ, failed_form),
        },
        status=status,
    )


@login_required
def organ_detail(request, pk):
    return _render_organ(request, selectors.organ_get(user=request.user, pk=pk))


@login_required
def organ_action(request, pk, action):
    organ = selectors.organ_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("partybuilding:organ_detail", pk=pk)
    _manager(request.user)
    return run_action(
        request,
        organ,
        action,
        ORGAN_ACTIONS,
        redirect_to=reverse("partybuilding:organ_detail", args=[pk]),
        render_detail=_render_organ,
    )


@login_required
def member_list(request):
    _viewer(request.user)
    return list_page(
        request,
        "partybuilding/member_list.html",
        MemberFilter,
        selectors.member_list(user=request.user),
        context={"can_manage": permissions.can_manage(request.user)},
    )


@login_required
def member_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.MEMBERS")


@login_required
def member_create(request):
    _manager(request.user)
    form = forms.MemberForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="登记党员",
        run=lambda d: services.member_create(actor=request.user, **d),
        done="已登记党员。",
        back=lambda m: reverse("partybuilding:member_detail", args=[m.pk]),
    )


@login_required
def member_edit(request, pk):
    member = selectors.member_get(user=request.user, pk=pk)
    if "change" not in permissions.member_actions(request.user, member):
        raise PermissionDenied("您不能修改该党员的信息。")
    initial = {
        "organ": member.organ_id,
        "dues_category": member.dues_category,
        "entered_base": member.entered_base,
        "note": member.note,
    }
    form = forms.MemberEditForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        title=f"修改党员信息：{member.name}",
        run=lambda d: services.member_update(actor=request.user, member=member, **d),
        done="已修改；未缴月份重新核定后按新的基数和类别计算。",
        back=reverse("partybuilding:member_detail", args=[member.pk]),
    )


@login_required
def member_transfer_in(request):
    _manager(request.user)
    form = forms.TransferInForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="组织关系转入",
        run=lambda d: services.member_transfer_in(actor=request.user, **d),
        done="已办理组织关系转入。",
        back=lambda m: reverse("partybuilding:member_detail", args=[m.pk]),
    )


MEMBER_ACTIONS = {
    "transfer_out": Action(
        forms.TransferOutForm,
        "组织关系转出",
        done="已办理转出。",
        confirm="确定办理组织关系转出？",
        run=lambda actor, member, d: services.member_transfer_out(actor=actor, member=member, **d),
    ),
}


def _render_member(request, member, failed_form=None, status=200):
    assessments = selectors.assessment_list(user=request.user).filter(member=member)[:24]
    return render(
        request,
        "partybuilding/member_detail.html",
        {
            "member": member,
            "assessments": assessments,
            "payments": selectors.payment_list(user=request.user).filter(member=member)[:12],
            "transfers": member.transfers.all(),
            "can_edit": "change" in permissions.member_actions(request.user, member),
            "reductions": member.reductions.all(),
            "unpaid_reasons": member.unpaid_reasons.all(),
            "posts": member.posts.select_related("organ"),
            "sees_base": permissions.sees_base(request.user),
            "history": history_with_changes(member),
            "actions": action_forms(
                MEMBER_ACTIONS, permissions.member_actions(request.user, member), member, failed_form
            ),
        },
        status=status,
    )


@login_required
def member_detail(request, pk):
    return _render_member(request, selectors.member_get(user=request.user, pk=pk))


@login_required
def member_action(request, pk, action):
    member = selectors.member_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("partybuilding:member_detail", pk=pk)
    return run_action(
        request,
        member,
        action,
        MEMBER_ACTIONS,
        redirect_to=reverse("partybuilding:member_detail", args=[pk]),
        render_detail=_render_member,
        allowed=permissions.member_actions(request.user, member),
        refusal="您不能对该党员执行此操作。",
    )


# ---------------------------------------------------------------- dues


@login_required
def dues_list(request):
    _viewer(request.user)
    year = _year(request)
    form = forms.AssessForm(initial={"year": year}) if permissions.can_manage(request.user) else None
    return list_page(
        request,
        "partybuilding/dues_list.html",
        AssessmentFilter,
        selectors.assessment_list(user=request.user),
        context={
            "assess_form": form,
            "year": year,
            "totals": selectors.dues_totals(year=year),
            "sees_base": permissions.sees_base(request.user),
        },
    )


@login_required
def dues_assess(request):
    _manager(request.user)
    form = forms.AssessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("month"):
                result = services.dues_assess_month(
                    actor=request.user, year=data["year"], month=data["month"], organ=data.get("organ")
                )
            else:
                result = services.dues_assess_year(actor=request.user, year=data["year"], organ=data.get("organ"))
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            text = f"已核定：新增{result['created']}条，更新{result['updated']}条，已缴未变{result['paid']}条。"
            if result["missing"]:
                text += f"缺少月基数未核定：{'、'.join(result['missing'])}。"
            messages.success(request, text)
            return redirect(f"{reverse('partybuilding:dues_list')}?year={data['year']}")
    return render(
        request,
        "partybuilding/form.html",
        {"form": form, "title": "核定党费", "back": reverse("partybuilding:dues_list")},
        status=400 if form.errors else 200,
    )


@login_required
def dues_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.ASSESSMENTS")


@login_required
def dues_statement(request):
    _viewer(request.user)
    year = _year(request)
    month = request.GET.get("month") or None
    organ = Organ.objects.filter(pk=request.GET.get("organ") or 0).first()
    try:
        month = int(month) if month else None
    except ValueError:
        month = None
    rows = selectors.dues_statement(user=request.user, year=year, month=month, organ=organ)
    page, query = paginate(request, rows, per_page=50)
    return render(
        request,
        "partybuilding/dues_statement.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "month": month,
            "organ": organ,
            "organs": Organ.objects.filter(kind__in=[OrganKind.BRANCH, OrganKind.GENERAL_BRANCH]),
            "totals": selectors.dues_totals(year=year, organ=organ) if not month else None,
        },
    )


@login_required
def dues_statement_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.STATEMENT")


@login_required
def dues_flagged(request):
    _viewer(request.user)
    if request.method == "POST":
        _manager(request.user)
        sent = services.dues_notify_flagged(actor=request.user)
        messages.success(request, f"已提醒支部书记{sent}人次。" if sent else "本期已提醒过，没有新的提醒。")
        return redirect("partybuilding:dues_flagged")
    return render(
        request,
        "partybuilding/dues_flagged.html",
        {
            "flagged": selectors.dues_flagged(),
            "can_manage": permissions.can_manage(request.user),
        },
    )


@login_required
def payment_list(request):
    _viewer(request.user)
    return list_page(
        request,
        "partybuilding/payment_list.html",
        PaymentFilter,
        selectors.payment_list(user=request.user),
        context={"can_manage": permissions.can_manage(request.user)},
    )


@login_required
def payment_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.PAYMENTS")


@login_required
def payment_create(request):
    _manager(request.user)
    form = forms.PaymentForm(request.POST or None)

    def run(d):
        return services.dues_pay(
            actor=request.user,
            member=d["member"],
            months=form.months(),
            paid_on=d["paid_on"],
            method=d["method"],
            amount=d["amount"],
            receipt_number=d["receipt_number"],
        )

    return _form_page(
        request,
        form,
        title="登记党费缴纳",
        run=run,
        done="已登记缴纳。",
        back=lambda p: reverse("partybuilding:payment_detail", args=[p.pk]),
    )


PAYMENT_ACTIONS = {
    "void": Action(
        forms.ReasonForm,
        "作废",
        done="已作废。",
        confirm="确定作废该缴费记录？",
        run=lambda actor, p, d: services.dues_payment_void(actor=actor, payment=p, **d),
    ),
}


def _render_payment(request, payment, failed_form=None, status=200):
    return render(
        request,
        "partybuilding/payment_detail.html",
        {
            "payment": payment,
            "history": history_with_changes(payment),
            "actions": action_forms(
                PAYMENT_ACTIONS, permissions.payment_actions(request.user, payment), payment, failed_form
            ),
        },
        status=status,
    )


@login_required
def payment_detail(request, pk):
    return _render_payment(request, selectors.payment_get(user=request.user, pk=pk))


@login_required
def payment_action(request, pk, action):
    payment = selectors.payment_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("partybuilding:payment_detail", pk=pk)
    return run_action(
        request,
        payment,
        action,
        PAYMENT_ACTIONS,
        redirect_to=reverse("partybuilding:payment_detail", args=[pk]),
        render_detail=_render_payment,
        allowed=permissions.payment_actions(request.user, payment),
        refusal="您不能作废此缴费记录。",
    )


@login_required
def reduction_create(request):
    _manager(request.user)
    form = forms.ReductionForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="登记党费减免",
        run=lambda d: services.dues_reduction_record(actor=request.user, **d),
        done="已登记减免，所涉未缴月份已重新核定。",
        back=lambda r: reverse("partybuilding:member_detail", args=[r.member_id]),
    )


@login_required
def unpaid_reason_create(request):
    _manager(request.user)
    form = forms.UnpaidReasonForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="登记未缴党费原因",
        run=lambda d: services.unpaid_reason_record(actor=request.user, **d),
        done="已登记未缴原因。",
        back=reverse("partybuilding:dues_flagged"),
    )


@login_required
def rates(request):
    if not (permissions.can_view_rates(request.user) or permissions.can_view(request.user)):
        raise PermissionDenied("您没有查看党费标准的权限。")
    return render(
        request,
        "partybuilding/rates.html",
        {
            "tables": selectors.rate_tables(user=request.user),
            "can_edit": permissions.can_edit_rates(request.user),
        },
    )


@login_required
def rate_create(request):
    if not permissions.can_edit_rates(request.user):
        raise PermissionDenied("只有系统管理员可以调整党费标准。")
    form = forms.RateTableForm(
        request.POST or None,
        initial={
            "rounding": "ROUND_HALF_UP",
            "quantum": "0.01",
            "flat_amount": "0.20",
            "bands": "在职 3000 0.5\n在职 5000 1\n在职 10000 1.5\n在职 以上 2\n退休 5000 0.5\n退休 以上 1",
        },
    )
    return _form_page(
        request,
        form,
        title="新增党费标准",
        run=lambda d: services.rate_table_save(actor=request.user, **d),
        done="已保存党费标准，自执行日期起核定的月份使用新标准。",
        back=reverse("partybuilding:rates"),
    )


# ---------------------------------------------------------------- organisational life


@login_required
def life_list(request):
    _viewer(request.user)
    return list_page(
        request,
        "partybuilding/life_list.html",
        LifeFilter,
        selectors.life_list(user=request.user),
        context={"can_manage": permissions.can_manage(request.user), "warnings": selectors.rhythm_warnings()},
    )


@login_required
def life_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.LIFE")


@login_required
def life_create(request):
    _manager(request.user)
    form = forms.LifeForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="安排组织生活",
        run=lambda d: services.life_arrange(actor=request.user, **d),
        done="已安排，参会人员已收到会议通知。",
        back=lambda lf: reverse("partybuilding:life_detail", args=[lf.pk]),
    )


LIFE_ACTIONS = {
    "record_held": Action(
        forms.HeldForm,
        "登记召开情况",
        done="已登记召开。",
        run=lambda actor, life, d: services.life_record_held(actor=actor, life=life, **d),
        form_kwargs=lambda life: {"life": life},
    ),
}


def _render_life(request, life, failed_form=None, status=200):
    return render(
        request,
        "partybuilding/life_detail.html",
        {
            "life": life,
            "attendances": life.meeting.attendances.select_related("person").order_by("seat_order"),
            "committee": selectors.committee_of(life.organ, timezone.localdate(life.meeting.start)),
            "actions": action_forms(LIFE_ACTIONS, permissions.life_actions(request.user, life), life, failed_form),
        },
        status=status,
    )


@login_required
def life_detail(request, pk):
    return _render_life(request, selectors.life_get(user=request.user, pk=pk))


@login_required
def life_action(request, pk, action):
    life = selectors.life_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("partybuilding:life_detail", pk=pk)
    return run_action(
        request,
        life,
        action,
        LIFE_ACTIONS,
        redirect_to=reverse("partybuilding:life_detail", args=[pk]),
        render_detail=_render_life,
        allowed=permissions.life_actions(request.user, life),
        refusal="该会议已登记，不能重复登记。",
    )


# ---------------------------------------------------------------- development


@login_required
def development_list(request):
    _viewer(request.user)
    return list_page(
        request,
        "partybuilding/development_list.html",
        DevelopmentFilter,
        selectors.development_list(user=request.user),
        context={"can_manage": permissions.can_manage(request.user)},
    )


@login_required
def development_export(request):
    _viewer(request.user)
    return export_response(request, "partybuilding.export.DEVELOPMENT")


@login_required
def development_create(request):
    _manager(request.user)
    form = forms.DevelopmentForm(request.POST or None)
    return _form_page(
        request,
        form,
        title="登记入党申请",
        run=lambda d: services.development_register(actor=request.user, **d),
        done="已登记入党申请，谈话期限已列入督办。",
        back=lambda dev: reverse("partybuilding:development_detail", args=[dev.pk]),
    )


def _dev(service):
    return lambda actor, dev, d: service(actor=actor, development=dev, **d)


DEVELOPMENT_ACTIONS = {
    "talk": Action(forms.TalkForm, "登记谈话", done="已登记谈话。", run=_dev(services.development_record_talk)),
    "make_activist": Action(
        forms.ActivistForm,
        "确定为入党积极分子",
        done="已确定为入党积极分子。",
        run=_dev(services.development_make_activist),
    ),
    "assess": Action(forms.DevAssessForm, "登记半年考察", done="已登记考察。", run=_dev(services.development_assess)),
    "make_candidate": Action(
        forms.OnForm, "确定为发展对象", done="已确定为发展对象。", run=_dev(services.development_make_candidate)
    ),
    "make_probationary": Action(
        forms.ProbationaryForm,
        "接收为预备党员",
        done="已接收为预备党员。",
        run=_dev(services.development_make_probationary),
        form_kwargs=lambda dev: {"development": dev},
    ),
    "extend": Action(
        forms.ExtendForm, "延长预备期", done="已延长预备期。", run=_dev(services.development_extend_probation)
    ),
    "make_full": Action(
        forms.OnForm, "转为正式党员", done="已转为正式党员。", run=_dev(services.development_make_full)
    ),
    "remove": Action(
        forms.RemoveForm, "取消资格", done="已取消。", confirm="确定取消？", run=_dev(services.development_remove)
    ),
}


def _render_development(request, dev, failed_form=None, status=200):
    return render(
        request,
        "partybuilding/development_detail.html",
        {
            "dev": dev,
            "next_step": services.next_step(dev),
            "items": supervised_items_for_source(dev),
            "sees_birth": permissions.can_manage(request.user),
            "history": history_with_changes(dev),
            "actions": action_forms(
                DEVELOPMENT_ACTIONS, permissions.development_actions(request.user, dev), dev, failed_form
            ),
        },
        status=status,
    )


@login_required
def development_detail(request, pk):
    return _render_development(request, selectors.development_get(user=request.user, pk=pk))


@login_required
def development_action(request, pk, action):
    dev = selectors.development_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("partybuilding:development_detail", pk=pk)
    return run_action(
        request,
        dev,
        action,
        DEVELOPMENT_ACTIONS,
        redirect_to=reverse("partybuilding:development_detail", args=[pk]),
        render_detail=_render_development,
        allowed=permissions.development_actions(request.user, dev),
        refusal="当前阶段不能办理此步骤。",
    )


# ---------------------------------------------------------------- awards, care, disclosure, integrity

RECORDS = {
    "award": (
        "表彰（两优一先）",
        AwardFilter,
        selectors.award_list,
        forms.AwardForm,
        services.award_create,
        Award,
        ["年度", "类别", "受表彰对象", "表彰机关", "表彰日期"],
        lambda r: [r.year, r.get_kind_display(), r.recipient, r.awarding_body, r.awarded_on],
    ),
    "care": (
        "走访慰问",
        CareFilter,
        selectors.care_list,
        forms.CareForm,
        services.care_visit_create,
        CareVisit,
        ["走访日期", "对象类别", "走访对象", "户数", "金额（元）"],
        lambda r: [r.visited_on, r.get_kind_display(), r.recipients, r.households, r.amount],
    ),
    "disclosure": (
        "党务公开",
        DisclosureFilter,
        selectors.disclosure_list,
        forms.DisclosureForm,
        services.disclosure_create,
        Disclosure,
        ["公开日期", "标题", "公开范围"],
        lambda r: [r.published_on, r.title, r.get_scope_display()],
    ),
    "integrity": (
        "党风廉政",
        IntegrityFilter,
        selectors.integrity_list,
        forms.IntegrityForm,
        services.integrity_record,
        IntegrityActivity,
        ["日期", "类别", "名称", "份数", "对象/参加人数"],
        lambda r: [
            r.held_on,
            r.get_kind_display(),
            r.title,
            r.copies,
            r.recipients or (f"{r.participants}人" if r.participants else ""),
        ],
    ),
}


def _kind(kind):
    if kind not in RECORDS:
        raise Http404
    return RECORDS[kind]


@login_required
def records(request):
    return redirect("partybuilding:record_list", kind="award")


@login_required
def record_list(request, kind):
    _viewer(request.user)
    title, filter_class, selector, _form, _service, _model, headers, row = _kind(kind)
    filterset = filter_class(request.GET, queryset=selector(user=request.user), request=request)
    page, query = paginate(request, filterset.qs)
    return render(
        request,
        "partybuilding/record_list.html",
        {
            "kind": kind,
            "kinds": [(k, v[0]) for k, v in RECORDS.items()],
            "title": title,
            "filter": filterset,
            "page": page,
            "query": query,
            "headers": headers,
            "rows": [(r, row(r)) for r in page],
            "can_manage": permissions.can_manage(request.user),
        },
        status=400 if filterset.errors else 200,
    )


@login_required
def record_export(request, kind):
    _viewer(request.user)
    _kind(kind)
    names = {"award": "AWARDS", "care": "CARE", "disclosure": "DISCLOSURES", "integrity": "INTEGRITY"}
    return export_response(request, f"partybuilding.export.{names[kind]}")


@login_required
def record_create(request, kind):
    _manager(request.user)
    title, _f, _s, form_class, service, _m, _h, _r = _kind(kind)
    form = form_class(request.POST or None)
    return _form_page(
        request,
        form,
        title=f"登记{title}",
        run=lambda d: service(actor=request.user, **d),
        done="已登记。",
        back=lambda r: reverse("partybuilding:record_detail", args=[kind, r.pk]),
    )


RECORD_ACTIONS = {
    "void": Action(
        forms.ReasonForm,
        "作废",
        done="已作废。",
        confirm="确定作废该记录？",
        run=lambda actor, record, d: services.record_void_simple(actor=actor, record=record, **d),
    ),
}


def _record_get(request, kind, pk):
    _title, _f, selector, *_rest = _kind(kind)
    try:
        return selector(user=request.user).get(pk=pk)
    except (_rest[2].DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def _render_record(request, record, failed_form=None, status=200):
    kind = {Award: "award", CareVisit: "care", Disclosure: "disclosure", IntegrityActivity: "integrity"}[type(record)]
    title, *_rest, headers, row = RECORDS[kind]
    return render(
        request,
        "partybuilding/record_detail.html",
        {
            "kind": kind,
            "title": title,
            "record": record,
            "fields": list(zip(headers, row(record), strict=True)),
            "history": history_with_changes(record),
            "actions": action_forms(
                RECORD_ACTIONS, permissions.record_actions(request.user, record), record, failed_form
            ),
        },
        status=status,
    )


@login_required
def record_detail(request, kind, pk):
    return _render_record(request, _record_get(request, kind, pk))


@login_required
def record_action(request, kind, pk, action):
    record = _record_get(request, kind, pk)
    if request.method != "POST":
        return redirect("partybuilding:record_detail", kind=kind, pk=pk)
    return run_action(
        request,
        record,
        action,
        RECORD_ACTIONS,
        redirect_to=reverse("partybuilding:record_detail", args=[kind, pk]),
        render_detail=_render_record,
        allowed=permissions.record_actions(request.user, record),
        refusal="您不能作废此记录。",
    )


@login_required
def dues_statement_pdf(request):
    from django.http import HttpResponse

    from .printing import statement_pdf

    _viewer(request.user)
    year = _year(request)
    try:
        month = int(request.GET.get("month") or 0) or None
    except ValueError:
        month = None
    organ = Organ.objects.filter(pk=request.GET.get("organ") or 0).first()
    response = HttpResponse(
        statement_pdf(user=request.user, year=year, month=month, organ=organ), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="dues-{year}{f"-{month:02d}" if month else ""}.pdf"'
    return response
