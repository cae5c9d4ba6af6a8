"""Input shapes of the documents pages. Rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from office.forms import DateField, DateInput
from office.models import Department
from office.widgets import people_follow_department, use_pickers

from .choices import (
    Classification,
    Disclosure,
    DocumentKind,
    HandlingType,
    ProposalKind,
    ProposalResult,
    PublicityChannel,
    Retention,
    Satisfaction,
    SecrecyPeriod,
    Urgency,
)
from .models import IssuingCode

User = get_user_model()


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _people():
    return User.objects.filter(is_active=True).select_related("department").order_by("department__sort_order", "id")


def _person_label(user):
    return f"{user.name}（{user.department or '局领导'}）"


def _departments():
    return Department.objects.filter(is_active=True)


class IncomingReceiveForm(forms.Form):
    sender = forms.CharField(label="来文单位", max_length=100)
    sender_number = forms.CharField(label="来文字号", max_length=60, required=False)
    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="文种", choices=DocumentKind.choices, initial=DocumentKind.NOTICE)
    classification = forms.ChoiceField(label="密级", choices=Classification.choices, initial=Classification.NONE)
    secrecy_period = forms.ChoiceField(label="保密期限", choices=SecrecyPeriod.choices, required=False)
    hide_title = forms.BooleanField(label="以“涉密件”代替标题（秘密及以上）", required=False)
    copy_number = forms.CharField(label="份号", max_length=10, required=False)
    custodian = forms.CharField(label="保管人", max_length=50, required=False)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, initial=Urgency.NORMAL)
    copies = forms.IntegerField(label="份数", min_value=1, initial=1)
    pages = forms.IntegerField(label="页数", min_value=1, required=False)
    received_at = forms.DateTimeField(label="收文时间", widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"])
    deadline = DateField(label="办理时限", required=False, widget=DateInput())
    remarks = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    register = forms.BooleanField(label="签收后立即登记（编收文号）", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredOpinionForm(forms.Form):
    opinion = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="初审结论",
        choices=[("1", "通过"), ("0", "退回来文单位")],
        coerce=lambda v: v == "1",
        initial="1",
    )
    opinion = forms.CharField(
        label="意见/退回理由", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="退回时必填。"
    )


class ProposeForm(forms.Form):
    handling_type = forms.ChoiceField(label="办理类型", choices=HandlingType.choices)
    instructing_leader = forms.ModelChoiceField(
        label="呈送领导", queryset=User.objects.none(), required=False, help_text="不选则任一局领导均可批办。"
    )
    opinion = forms.CharField(label="拟办意见", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["instructing_leader"]
        field.queryset = (
            User.objects.filter(is_active=True, groups__permissions__codename="instruct_incomingdocument")
            .distinct()
            .order_by("id")
        )
        field.label_from_instance = lambda u: f"{u.name}（{u.position}）" if u.position else u.name


class InstructForm(forms.Form):
    opinion = forms.CharField(label="批办意见", widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    lead_department = forms.ModelChoiceField(label="主办科室", queryset=_departments())
    co_departments = forms.ModelMultipleChoiceField(
        label="协办科室", queryset=_departments(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    responsible = forms.ModelChoiceField(
        label="承办人", queryset=User.objects.none(), required=False, help_text="不选则由主办科室负责人承办。"
    )
    deadline = DateField(label="办理时限", required=False, widget=DateInput(), help_text="有时限的办件进入督办。")
    opinion = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _people().filter(department__isnull=False)
        self.fields["responsible"].label_from_instance = _person_label
        people_follow_department(self, "responsible", "lead_department")


class CirculateForm(forms.Form):
    readers = forms.ModelMultipleChoiceField(
        label="传阅人", queryset=User.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = _people()
        self.fields["readers"].label_from_instance = _person_label


class UrgeForm(forms.Form):
    text = forms.CharField(
        label="催办意见", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="不填则发送默认催办提醒。"
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}))


def _reviewers():
    # 核稿人: the office people holding the 核稿 permission (the drafter is refused by the service).
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="review_outgoingdocument")
        .select_related("department")
        .distinct()
        .order_by("department__sort_order", "id")
    )


def _signing_leaders():
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="sign_outgoingdocument")
        .select_related("department")
        .distinct()
        .order_by("id")
    )


class OutgoingDraftForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="文种", choices=DocumentKind.choices[:-1], initial=DocumentKind.NOTICE)
    issuing_code = forms.ModelChoiceField(
        label="机关代字", queryset=IssuingCode.objects.filter(is_active=True), required=False, empty_label="暂不选择"
    )
    main_recipients = forms.CharField(label="主送", max_length=300, required=False)
    cc_recipients = forms.CharField(label="抄送", max_length=300, required=False)
    classification = forms.ChoiceField(label="密级", choices=Classification.choices, initial=Classification.NONE)
    secrecy_period = forms.ChoiceField(label="保密期限", choices=SecrecyPeriod.choices, required=False)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, initial=Urgency.NORMAL)
    disclosure = forms.ChoiceField(
        label="公开属性",
        choices=[("", "请选择公开属性"), *Disclosure.choices[1:]],
        help_text="依《政府信息公开条例》标注；涉密文件只能不予公开。",
    )
    reviewer = forms.ModelChoiceField(
        label="核稿人", queryset=_reviewers(), help_text="拟稿人不能核稿自己的文稿。", empty_label="请选择核稿人"
    )
    countersign_departments = forms.ModelMultipleChoiceField(
        label="会签科室", queryset=_departments(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    signing_leader = forms.ModelChoiceField(label="签发领导", queryset=_signing_leaders(), empty_label="请选择签发领导")
    body = forms.CharField(
        label="正文",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="涉密文件（秘密及以上）只登记元数据，不得录入正文。",
    )
    body_file = forms.FileField(
        label="正文 Word 文档",
        required=False,
        help_text="可上传 .docx 作为正文的新版本（之后在“正文版本”中查看、比较）；也可在上面直接录入。",
    )
    attachment_names = forms.CharField(
        label="附件说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一个附件名称，印在正文之下（“附件：1. ……”）；不填则按上传的附件文件名列出。",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].label_from_instance = _person_label
        self.fields["signing_leader"].label_from_instance = lambda u: u.name
        if user is not None:
            self.fields["reviewer"].queryset = self.fields["reviewer"].queryset.exclude(pk=user.pk)


class SignForm(forms.Form):
    opinion = forms.CharField(label="签发意见", widget=forms.Textarea(attrs={"rows": 2}), initial="同意印发。")
    signed_on = DateField(label="签发日期", required=False, widget=DateInput(), help_text="默认为今天。")


class NumberForm(forms.Form):
    issuing_code = forms.ModelChoiceField(
        label="机关代字",
        queryset=IssuingCode.objects.filter(is_active=True),
        required=False,
        empty_label="沿用文稿的机关代字",
    )


class DispatchForm(forms.Form):
    dispatched_on = DateField(label="印发日期", required=False, widget=DateInput(), help_text="默认为今天。")
    printed_copies = forms.IntegerField(label="印发份数", min_value=1)


class ArchiveForm(forms.Form):
    retention = forms.ChoiceField(label="保管期限", choices=Retention.choices, initial=Retention.THIRTY)
    pages = forms.IntegerField(label="页数", min_value=1, required=False)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=ProposalKind.choices)
    number = forms.CharField(label="编号", max_length=30)
    proposer = forms.CharField(label="代表/委员", max_length=100)
    title = forms.CharField(label="标题", max_length=200)
    lead_department = forms.ModelChoiceField(label="主办科室", queryset=_departments())
    co_departments = forms.ModelMultipleChoiceField(
        label="协办科室", queryset=_departments(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    responsible = forms.ModelChoiceField(
        label="承办人", queryset=User.objects.none(), required=False, help_text="不选则由主办科室负责人承办。"
    )
    assigned_on = DateField(label="交办日期", required=False, widget=DateInput(), help_text="默认为今天。")
    deadline = DateField(label="答复时限", required=False, widget=DateInput(), help_text="不填则为交办后3个月。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _people().filter(department__isnull=False)
        self.fields["responsible"].label_from_instance = _person_label
        people_follow_department(self, "responsible", "lead_department")


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.ChoiceField(label="办理结果", choices=ProposalResult.choices)
    replied_on = DateField(label="答复日期", required=False, widget=DateInput(), help_text="默认为今天。")


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)


class InstructionForm(forms.Form):
    leader = forms.ModelChoiceField(
        label="批示领导", queryset=User.objects.none(), required=False, help_text="局领导本人登记时可不选。"
    )
    text = forms.CharField(label="批示内容", widget=forms.Textarea(attrs={"rows": 3}))
    instructed_on = DateField(label="批示日期", required=False, widget=DateInput(), help_text="默认为今天。")
    department = forms.ModelChoiceField(label="承办科室", queryset=_departments())
    responsible = forms.ModelChoiceField(label="责任人", queryset=User.objects.none(), required=False)
    deadline = DateField(label="办结时限", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = (
            User.objects.filter(is_active=True, groups__name="局领导").distinct().order_by("id")
        )
        self.fields["responsible"].queryset = _people().filter(department__isnull=False)
        self.fields["responsible"].label_from_instance = _person_label
        people_follow_department(self, "responsible", "department")


class CompleteInstructionForm(forms.Form):
    note = forms.CharField(label="落实情况", widget=forms.Textarea(attrs={"rows": 3}))
    completed_on = DateField(label="完成日期", required=False, widget=DateInput(), help_text="默认为今天。")


class PublicityForm(forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=PublicityChannel.choices)
    title = forms.CharField(label="标题", max_length=200)
    published_on = DateField(label="发布日期", required=False, widget=DateInput(), help_text="默认为今天。")
    department = forms.ModelChoiceField(label="供稿科室", queryset=_departments())
    link = forms.URLField(label="链接", required=False, max_length=300, assume_scheme="https")
    outlet = forms.CharField(label="媒体名称", required=False, max_length=100, help_text="媒体报道必填。")


def _chinese_empty_labels(namespace):
    # A select's empty choice says 请选择 rather than Django's "---------".
    for value in list(namespace.values()):
        if isinstance(value, type) and issubclass(value, forms.BaseForm):
            for field in value.base_fields.values():
                if getattr(field, "empty_label", None) == "---------":
                    field.empty_label = "请选择"


_chinese_empty_labels(globals())


use_pickers(globals())
