"""Input shapes of the meetings pages. Rules live in the services."""

from django import forms

from office.forms import DateField, DateInput
from office.models import Department, User
from office.widgets import people_follow_department, use_pickers

from .models import MeetingType, Room


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _people():
    return User.objects.filter(is_active=True).select_related("department").order_by("department__sort_order", "id")


def _person_label(user):
    return f"{user.name}（{user.department or user.position or '局领导'}）"


class MeetingForm(forms.Form):
    title = forms.CharField(label="会议名称", max_length=200)
    meeting_type = forms.ModelChoiceField(label="会议类型", queryset=MeetingType.objects.filter(is_active=True))
    host = forms.ModelChoiceField(label="主持人", queryset=_people())
    start = forms.DateTimeField(label="开始时间", widget=DateTimeInput())
    end = forms.DateTimeField(label="结束时间", widget=DateTimeInput())
    room = forms.ModelChoiceField(
        label="会议室", queryset=Room.objects.filter(is_active=True), required=False, help_text="视频会议可不选会议室。"
    )
    is_video = forms.BooleanField(label="视频会议", required=False)
    video_link = forms.CharField(label="视频会议链接/会议号", max_length=300, required=False)
    required_arrival_minutes = forms.IntegerField(
        label="提前入场（分钟）", initial=15, min_value=0, max_value=240, help_text="参会人员须在会前多少分钟入场签到。"
    )
    departments = forms.ModelMultipleChoiceField(
        label="参会科室（全体人员）",
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="可选多个科室；输入科室名称或拼音首字母搜索。",
    )
    attendees = forms.ModelMultipleChoiceField(
        label="参会人员",
        queryset=_people(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="可与参会科室同时选择；主持人自动列入。",
    )
    observers = forms.ModelMultipleChoiceField(
        label="列席人员", queryset=_people(), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    external_guests = forms.CharField(
        label="外单位参会人员", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="每行一位。"
    )
    agenda = forms.CharField(
        label="议题", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="每行一个议题，按顺序。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("host", "attendees", "observers"):
            self.fields[name].label_from_instance = _person_label

    def clean_agenda(self):
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}))


class LeaveForm(forms.Form):
    reason = forms.CharField(label="请假事由", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    pass


class HandSignInForm(forms.Form):
    person = forms.ModelChoiceField(label="参会人员", queryset=User.objects.none())
    at = forms.DateTimeField(label="签到时间", required=False, widget=DateTimeInput(), help_text="默认为现在。")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["person"].queryset = (
                User.objects.filter(
                    meeting_attendances__meeting=meeting, meeting_attendances__signed_in_at__isnull=True
                )
                .select_related("department")
                .order_by("meeting_attendances__seat_order")
            )
        self.fields["person"].label_from_instance = _person_label


class MinutesForm(forms.Form):
    record = forms.CharField(label="会议记录", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    minutes_title = forms.CharField(label="纪要标题", max_length=200, required=False, help_text="如：局务会议纪要。")
    minutes = forms.CharField(label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 8}))


class DecisionForm(forms.Form):
    text = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(label="牵头科室", queryset=Department.objects.filter(is_active=True))
    responsible = forms.ModelChoiceField(label="责任人", queryset=_people())
    deadline = DateField(label="完成时限", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label_from_instance = _person_label
        people_follow_department(self, "responsible", "department")


class RescheduleForm(forms.Form):
    start = forms.DateTimeField(label="开始时间", widget=DateTimeInput())
    end = forms.DateTimeField(label="结束时间", widget=DateTimeInput())
    room = forms.ModelChoiceField(label="会议室", queryset=Room.objects.filter(is_active=True), required=False)
    is_video = forms.BooleanField(label="视频会议", required=False)
    video_link = forms.CharField(label="视频会议链接/会议号", max_length=300, required=False)


class AddAttendeesForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label="参会科室（全体人员）",
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    attendees = forms.ModelMultipleChoiceField(
        label="参会人员", queryset=_people(), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    observers = forms.ModelMultipleChoiceField(
        label="列席人员", queryset=_people(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attendees", "observers"):
            self.fields[name].label_from_instance = _person_label


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label="议题", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="每行一个议题，按顺序。"
    )

    def clean_agenda(self):
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


def _chinese_empty_labels(namespace):
    # A select's empty choice says 请选择 rather than Django's "---------".
    for value in list(namespace.values()):
        if isinstance(value, type) and issubclass(value, forms.BaseForm):
            for field in value.base_fields.values():
                if getattr(field, "empty_label", None) == "---------":
                    field.empty_label = "请选择"


_chinese_empty_labels(globals())


use_pickers(globals())
