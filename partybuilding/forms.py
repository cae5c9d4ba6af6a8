"""HTML input shapes of Party affairs; the rules are in the services."""

from django import forms

from office.forms import DateField
from office.models import User
from office.widgets import picker_for, use_pickers

from .choices import (
    PARTY_MEETING_TYPES,
    AwardKind,
    CareKind,
    CommitteePost,
    DisclosureScope,
    DuesCategory,
    IntegrityKind,
    MemberKind,
    OrganKind,
    PaymentMethod,
    ReductionKind,
    Rounding,
)
from .models import CommitteeMember, Member, Organ

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


def _date(label, required=True, **kw):
    return DateField(label=label, required=required, widget=DATE, **kw)


def _month(label):
    return DateField(label=label, widget=MONTH, input_formats=MONTH_FORMATS)


def _organs(kinds=None):
    qs = Organ.objects.filter(is_active=True).order_by("sort_order", "id")
    return qs.filter(kind__in=kinds) if kinds else qs


def _money(label, required=True):
    return forms.DecimalField(label=label, max_digits=12, decimal_places=2, min_value=0, required=required)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)


class OrganForm(forms.Form):
    name = forms.CharField(label="名称", max_length=80)
    kind = forms.ChoiceField(label="类型", choices=OrganKind.choices)
    parent = forms.ModelChoiceField(label="上级党组织", queryset=Organ.objects.none(), required=False)
    established_on = _date("成立日期")
    term_start = _date("本届任期开始", required=False)
    term_years = forms.IntegerField(label="任期（年）", min_value=1, max_value=5, initial=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _organs()


class TermForm(forms.Form):
    term_start = _date("本届任期开始（换届日期）")
    term_years = forms.IntegerField(label="任期（年）", min_value=1, max_value=5, initial=3)


class CommitteeForm(forms.Form):
    member = forms.ModelChoiceField(label="党员", queryset=Member.objects.none())
    post = forms.ChoiceField(label="职务", choices=CommitteePost.choices)
    start = _date("任职日期")

    def __init__(self, *args, organ=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organ is not None:
            self.fields["member"].queryset = Member.objects.filter(organ=organ, status="active").order_by("name")


class CommitteeEndForm(forms.Form):
    post = forms.ModelChoiceField(label="职务", queryset=CommitteeMember.objects.none())
    end = _date("离任日期")

    def __init__(self, *args, organ=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organ is not None:
            self.fields["post"].queryset = CommitteeMember.objects.filter(organ=organ, end__isnull=True).select_related(
                "member"
            )


class MemberForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=40, required=False, help_text="关联人事档案时可不填，取档案姓名。")
    organ = forms.ModelChoiceField(label="所在党组织", queryset=Organ.objects.none())
    kind = forms.ChoiceField(label="党员类别", choices=MemberKind.choices)
    joined_on = _date("入党日期")
    full_on = _date("转正日期", required=False)
    dues_category = forms.ChoiceField(label="党费类别", choices=DuesCategory.choices)
    entered_base = _money("录入月基数（元）", required=False)
    user = forms.ModelChoiceField(label="系统账号", queryset=User.objects.none(), required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organs([OrganKind.BRANCH, OrganKind.GENERAL_BRANCH, OrganKind.COMMITTEE])
        self.fields["user"].queryset = User.objects.filter(is_active=True, party_member__isnull=True).order_by("name")
        from personnel.models import Person

        self.fields["person"] = picker_for(
            forms.ModelChoiceField(
                label="人事档案",
                queryset=Person.objects.filter(party_memberships__isnull=True).order_by("name"),
                required=False,
                help_text="在职人员请关联档案，党费基数取自工资记录。",
            )
        )
        self.order_fields(["person", "name"])


class MemberEditForm(forms.Form):
    organ = forms.ModelChoiceField(label="所在党组织", queryset=Organ.objects.none())
    dues_category = forms.ChoiceField(label="党费类别", choices=DuesCategory.choices)
    entered_base = _money("录入月基数（元）", required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organs([OrganKind.BRANCH, OrganKind.GENERAL_BRANCH, OrganKind.COMMITTEE])


class TransferInForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=40)
    organ = forms.ModelChoiceField(label="转入党组织", queryset=Organ.objects.none())
    on = _date("转入日期")
    other_organisation = forms.CharField(label="转出单位党组织", max_length=120)
    letter_number = forms.CharField(label="介绍信编号", max_length=40, required=False)
    kind = forms.ChoiceField(label="党员类别", choices=MemberKind.choices)
    joined_on = _date("入党日期")
    full_on = _date("转正日期", required=False)
    dues_category = forms.ChoiceField(label="党费类别", choices=DuesCategory.choices)
    entered_base = _money("录入月基数（元）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organs([OrganKind.BRANCH, OrganKind.GENERAL_BRANCH, OrganKind.COMMITTEE])


class TransferOutForm(forms.Form):
    on = _date("转出日期")
    other_organisation = forms.CharField(label="转入单位党组织", max_length=120)
    letter_number = forms.CharField(label="介绍信编号", max_length=40, required=False)


class AssessForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1950, max_value=2199)
    month = forms.IntegerField(label="月份（不填则核定全年至本月）", min_value=1, max_value=12, required=False)
    organ = forms.ModelChoiceField(label="党组织（不填为全部）", queryset=Organ.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organs()


class PaymentForm(forms.Form):
    member = forms.ModelChoiceField(label="党员", queryset=Member.objects.none())
    first_month = _month("起始月份")
    last_month = _month("截止月份")
    paid_on = _date("缴纳日期")
    method = forms.ChoiceField(label="缴纳方式", choices=PaymentMethod.choices)
    amount = _money("缴纳金额（元，可不填，按核定合计）", required=False)
    receipt_number = forms.CharField(label="收据号", max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            Member.objects.filter(status="active").select_related("organ").order_by("organ__sort_order", "name")
        )

    def months(self):
        from dateutil.relativedelta import relativedelta

        first = self.cleaned_data["first_month"].replace(day=1)
        last = self.cleaned_data["last_month"].replace(day=1)
        result = []
        while first <= last and len(result) < 36:
            result.append(first)
            first += relativedelta(months=1)
        return result


class ReductionForm(forms.Form):
    member = forms.ModelChoiceField(label="党员", queryset=Member.objects.none())
    kind = forms.ChoiceField(label="类型", choices=ReductionKind.choices)
    monthly_amount = _money("减交后月交（元）", required=False)
    first_month = _month("起始月份")
    last_month = _month("截止月份")
    reason = forms.CharField(label="原因", max_length=200)
    branch_agreed_on = _date("支部同意日期", required=False)
    approved_on = _date("上级党委批准日期", required=False)
    approved_by = forms.CharField(label="批准机关", max_length=80, initial="机关党委")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(status="active").order_by("name")


class UnpaidReasonForm(forms.Form):
    member = forms.ModelChoiceField(label="党员", queryset=Member.objects.none())
    first_month = _month("起始月份")
    last_month = _month("截止月份")
    reason = forms.CharField(label="未缴原因", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(status="active").order_by("name")


class RateTableForm(forms.Form):
    effective_from = _date("执行日期（某月1日）")
    rounding = forms.ChoiceField(label="舍入方式", choices=Rounding.choices)
    quantum = forms.ChoiceField(
        label="舍入单位", choices=[("0.01", "0.01元（分）"), ("0.1", "0.1元（角）"), ("1", "1元")]
    )
    flat_amount = _money("学生/下岗/低保月交（元）")
    note = forms.CharField(label="依据", max_length=200, required=False)
    bands = forms.CharField(
        label="档次",
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="每行一档：类别（在职/退休） 月基数上限（含；最高档写“以上”） 比例%，如“在职 3000 0.5”。",
    )

    def clean_bands(self):
        from decimal import Decimal, InvalidOperation

        labels = {"在职": DuesCategory.STAFF, "退休": DuesCategory.RETIRED}
        rows = []
        for n, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 3 or parts[0] not in labels:
                raise forms.ValidationError(f"第{n}行格式不对：应为“类别 上限 比例”。")
            try:
                upper = None if parts[1] in ("以上", "-") else Decimal(parts[1])
                rate = Decimal(parts[2].rstrip("%"))
            except InvalidOperation as exc:
                raise forms.ValidationError(f"第{n}行的上限或比例不是数字。") from exc
            rows.append((labels[parts[0]], upper, rate))
        return rows


class LifeForm(forms.Form):
    organ = forms.ModelChoiceField(label="党组织", queryset=Organ.objects.none())
    type_code = forms.ChoiceField(label="类型", choices=PARTY_MEETING_TYPES)
    title = forms.CharField(label="会议名称", max_length=200)
    start = forms.DateTimeField(label="开始时间", widget=DATETIME)
    end = forms.DateTimeField(label="结束时间", widget=DATETIME)
    is_video = forms.BooleanField(label="视频会议", required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="参会人员", queryset=User.objects.none(), widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Room

        self.fields["organ"].queryset = _organs(
            [OrganKind.BRANCH, OrganKind.GROUP, OrganKind.GENERAL_BRANCH, OrganKind.COMMITTEE]
        )
        self.fields["attendees"].queryset = User.objects.filter(is_active=True, party_member__isnull=False).order_by(
            "party_member__organ__sort_order", "name"
        )
        self.fields["room"] = forms.ModelChoiceField(
            label="会议室", queryset=Room.objects.filter(is_active=True), required=False
        )
        self.order_fields(["organ", "type_code", "title", "start", "end", "room", "is_video", "attendees"])


class HeldForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label="到会人员", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(label="会议纪要", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, life=None, **kwargs):
        super().__init__(*args, **kwargs)
        if life is not None:
            self.fields["present"].queryset = User.objects.filter(
                meeting_attendances__meeting=life.meeting_id
            ).order_by("meeting_attendances__seat_order")


class DevelopmentForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=40)
    organ = forms.ModelChoiceField(label="党支部", queryset=Organ.objects.none())
    birth_date = _date("出生日期")
    applied_on = _date("递交申请日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = _organs([OrganKind.BRANCH])


class TalkForm(forms.Form):
    talk_on = _date("谈话日期")
    talk_by = forms.CharField(label="谈话人", max_length=40)


class ActivistForm(forms.Form):
    on = _date("支委会确定日期")
    contacts = forms.CharField(label="培养联系人（1至2名，以“、”分隔）", max_length=80)


class DevAssessForm(forms.Form):
    assessed_on = _date("考察日期")
    text = forms.CharField(label="考察意见", widget=forms.Textarea(attrs={"rows": 3}))


class OnForm(forms.Form):
    on = _date("日期")


class ProbationaryForm(forms.Form):
    vote_on = _date("支部大会讨论日期")
    political_review_on = _date("政治审查日期", required=False)
    training_days = forms.IntegerField(label="集中培训天数", min_value=0, required=False)
    training_hours = forms.IntegerField(label="集中培训学时", min_value=0, required=False)
    sponsors = forms.ModelMultipleChoiceField(
        label="入党介绍人（两名正式党员）",
        queryset=Member.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    votes_entitled = forms.IntegerField(label="有表决权人数", min_value=0)
    votes_yes = forms.IntegerField(label="赞成票", min_value=0)

    def __init__(self, *args, development=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Member.objects.filter(status="active", kind="full").order_by("name")
        if development is not None:
            qs = qs.filter(organ=development.organ_id)
        self.fields["sponsors"].queryset = qs


class ExtendForm(forms.Form):
    months = forms.IntegerField(label="延长月数（6至12）")
    reason = forms.CharField(label="原因", max_length=200)


class RemoveForm(forms.Form):
    on = _date("日期")
    reason = forms.CharField(label="原因", max_length=200)


class AwardForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)
    kind = forms.ChoiceField(label="类别", choices=AwardKind.choices)
    recipient = forms.CharField(
        label="受表彰对象", max_length=80, required=False, help_text="选择党员或党组织时可不填。"
    )
    member = forms.ModelChoiceField(label="党员", queryset=Member.objects.none(), required=False)
    organ = forms.ModelChoiceField(label="党组织", queryset=Organ.objects.none(), required=False)
    awarding_body = forms.CharField(label="表彰机关", max_length=80)
    awarded_on = _date("表彰日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(status="active").order_by("name")
        self.fields["organ"].queryset = _organs()


class CareForm(forms.Form):
    visited_on = _date("走访日期")
    kind = forms.ChoiceField(label="对象类别", choices=CareKind.choices)
    recipients = forms.CharField(label="走访对象", max_length=200)
    households = forms.IntegerField(label="户数", min_value=1, initial=1)
    amount = _money("慰问金额（元）")
    note = forms.CharField(label="备注", max_length=200, required=False)


class DisclosureForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    content = forms.CharField(label="公开内容", widget=forms.Textarea(attrs={"rows": 4}))
    scope = forms.ChoiceField(label="公开范围", choices=DisclosureScope.choices)
    published_on = _date("公开日期")


class IntegrityForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=IntegrityKind.choices)
    held_on = _date("日期")
    title = forms.CharField(label="名称", max_length=200)
    copies = forms.IntegerField(label="下发份数（廉洁过节提醒）", min_value=0, required=False)
    recipients = forms.CharField(label="发送对象/参加对象", max_length=200, required=False)
    findings = forms.CharField(
        label="发现问题及整改（监督检查）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    participants = forms.IntegerField(label="参加人数", min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from documents.models import OutgoingDocument

        field = forms.ModelChoiceField(
            label="对应发文（如有）",
            queryset=OutgoingDocument.objects.filter(status__in=ISSUED).order_by("-id"),
            required=False,
        )
        field.label_from_instance = lambda d: f"{d.document_number} {d.title}"
        self.fields["outgoing_document"] = field


ISSUED = ["numbered", "dispatched", "archived"]


use_pickers(globals(), models=(Member,))
