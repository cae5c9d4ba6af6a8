"""The forms of the pages; every rule is checked once more (and only really) by the services."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from office.forms import DateField
from office.models import Department, User
from office.widgets import people_follow_department, use_pickers

from .choices import Channel, DutyLogKind, ReceptionActivity, ReceptionKind, ReviewResult, Satisfaction, Subject

DATE = forms.DateInput(attrs={"type": "date"})


def _today():
    return timezone.localdate()


def _people():
    return User.objects.filter(is_active=True).select_related("department").order_by("department__sort_order", "id")


class PetitionForm(forms.Form):
    channel = forms.ChoiceField(label="信访形式", choices=Channel.choices)
    received_on = DateField(label="登记日期", widget=DATE, initial=_today)
    persons = forms.IntegerField(
        label="来访人数", min_value=1, required=False, help_text="集体来访填写实际人数，按人次统计。"
    )
    subject = forms.ChoiceField(label="问题类别", choices=Subject.choices, initial=Subject.OTHER)
    title = forms.CharField(label="事由", max_length=200)
    content = forms.CharField(label="信访内容", widget=forms.Textarea(attrs={"rows": 4}))
    request = forms.CharField(label="诉求", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    higher_body = forms.CharField(label="转交机关", max_length=100, required=False)
    petitioners = forms.CharField(
        label="信访人",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一人：姓名，身份证号，联系电话，住址（用逗号分隔，可省略后几项）。",
    )
    attachment = forms.FileField(label="附件", required=False)
    same_facts_number = forms.CharField(
        label="同一事实的原信访编号",
        max_length=30,
        required=False,
        help_text="以同一事实和理由再次提出的，填写原信访事项的编号；原事项已复核终结的，不再受理。",
    )

    def clean_petitioners(self):
        people = []
        for line in self.cleaned_data["petitioners"].splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if not parts or not parts[0]:
                continue
            parts += [""] * (4 - len(parts))
            people.append(
                {"name": parts[0], "id_number": parts[1], "phone": parts[2], "address": ",".join(parts[3:]).strip(",")}
            )
        if not people:
            raise forms.ValidationError("请至少填写一位信访人。")
        return people


class OnForm(forms.Form):
    on = DateField(label="日期", widget=DATE, initial=_today)


class TransferForm(OnForm):
    transferred_to = forms.CharField(label="转送机关", max_length=100)
    note = forms.CharField(label="转送说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AssignForm(OnForm):
    department = forms.ModelChoiceField(label="承办科室", queryset=Department.objects.filter(is_active=True))
    handler = forms.ModelChoiceField(label="承办人", queryset=_people())
    note = forms.CharField(label="交办意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people_follow_department(self, "handler", "department")


class AcceptForm(OnForm):
    note = forms.CharField(label="受理意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RefuseForm(OnForm):
    note = forms.CharField(label="不予受理的理由", widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1)
    reason = forms.CharField(label="延期理由（告知信访人）", max_length=200)


class ReplyForm(OnForm):
    reply = forms.CharField(label="答复意见", widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(OnForm):
    result = forms.ChoiceField(label="结果", choices=ReviewResult.choices)
    note = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)


class ReceptionForm(forms.Form):
    kind = forms.ChoiceField(label="接待类型", choices=ReceptionKind.choices)
    event_name = forms.CharField(label="活动名称", max_length=100, required=False)
    visiting_unit = forms.CharField(label="来访单位", max_length=100)
    letter_serial = forms.CharField(
        label="公函收文编号", max_length=30, required=False, help_text="来函已在收文登记的，填写其收文编号。"
    )
    letter_number = forms.CharField(label="公函文号", max_length=60, required=False)
    letter_scan = forms.FileField(label="公函扫描件", required=False, help_text="未经收文登记的，上传公函扫描件。")
    purpose = forms.CharField(label="来访事由", max_length=200)
    start_date = DateField(label="开始日期", widget=DATE)
    end_date = DateField(label="结束日期", widget=DATE)
    place = forms.CharField(label="接待地点", max_length=100)
    visitors = forms.CharField(
        label="来访人员", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一人：姓名，职务。"
    )
    has_meals = forms.BooleanField(label="安排用餐", required=False)
    has_lodging = forms.BooleanField(label="安排住宿", required=False)
    has_meeting = forms.BooleanField(label="会议座谈", required=False)
    has_inspection = forms.BooleanField(label="考察调研", required=False)
    meal_companions = forms.IntegerField(label="陪餐人数", min_value=0, initial=0)
    items = forms.CharField(
        label="接待清单",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="每行一项：日期（YYYY-MM-DD），项目（用餐/住宿/会议座谈/考察调研/其他），内容，地点，金额。"
        "填写清单时，接待费用按清单合计。",
    )
    cost = forms.DecimalField(label="接待费用（元）", min_value=0, max_digits=10, decimal_places=2, initial=0)

    def clean_items(self):
        activities = {label: value for value, label in ReceptionActivity.choices}
        rows = []
        for number, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if not any(parts):
                continue
            if len(parts) != 5:
                raise forms.ValidationError(f"第{number}行应有5项：日期，项目，内容，地点，金额。")
            try:
                day = datetime.date.fromisoformat(parts[0])
                amount = Decimal(parts[4])
            except (ValueError, InvalidOperation) as error:
                raise forms.ValidationError(f"第{number}行的日期或金额格式不正确。") from error
            if parts[1] not in activities:
                raise forms.ValidationError(f"第{number}行的项目应为：{'、'.join(activities)}。")
            rows.append(
                {
                    "date": day,
                    "activity": activities[parts[1]],
                    "description": parts[2],
                    "place": parts[3],
                    "cost": amount,
                }
            )
        return rows

    def clean_visitors(self):
        rows = []
        for line in self.cleaned_data["visitors"].splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",", 1)]
            if parts and parts[0]:
                rows.append({"name": parts[0], "post": parts[1] if len(parts) > 1 else ""})
        return rows


class CompleteReceptionForm(OnForm):
    cost = forms.DecimalField(label="实际费用（元）", min_value=0, max_digits=10, decimal_places=2, required=False)
    meal_companions = forms.IntegerField(label="实际陪餐人数", min_value=0, required=False)


class DutyGenerateForm(forms.Form):
    first = DateField(label="开始日期", widget=DATE)
    last = DateField(label="结束日期", widget=DATE)
    leaders = forms.ModelMultipleChoiceField(label="带班领导（轮值顺序）", queryset=User.objects.none())
    staff = forms.ModelMultipleChoiceField(label="值班人员（轮值顺序）", queryset=User.objects.none())
    staff_per_day = forms.IntegerField(label="每日值班人数", min_value=1, initial=1)
    holiday_staff_per_day = forms.IntegerField(label="节假日每日值班人数", min_value=1, initial=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaders"].queryset = _people()
        self.fields["staff"].queryset = _people()


class DutyDayForm(forms.Form):
    leader = forms.ModelChoiceField(label="带班领导", queryset=User.objects.none())
    staff = forms.ModelMultipleChoiceField(label="值班人员", queryset=User.objects.none())
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = _people()
        self.fields["staff"].queryset = _people()


class SwapForm(forms.Form):
    substitute = forms.ModelChoiceField(label="替班人", queryset=User.objects.none())
    reason = forms.CharField(label="换班理由", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = _people()


class DutyLogForm(forms.Form):
    occurred_at = forms.DateTimeField(label="时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    kind = forms.ChoiceField(label="类别", choices=DutyLogKind.choices)
    caller = forms.CharField(label="来电/来人", max_length=100, required=False)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 2}))
    action_taken = forms.CharField(label="处理情况", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    handover = forms.CharField(label="交接事项", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PatrolForm(forms.Form):
    date = DateField(label="巡查日期", widget=DATE, initial=_today)
    areas = forms.CharField(label="巡查区域", max_length=200)
    companions = forms.CharField(label="同行人员", max_length=100, required=False)
    findings = forms.CharField(label="巡查情况", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    hazard = forms.CharField(label="发现隐患", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner = forms.ModelChoiceField(label="整改责任人", queryset=User.objects.none(), required=False)
    deadline = DateField(label="整改期限", widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()


class RectifyForm(OnForm):
    note = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 2}))


use_pickers(globals())
