"""Input shapes of the office core's pages. Rules live in the services."""

from django import forms

from .dates import FORMAT_MESSAGE, impossible_date_message
from .models import Department, User
from .plugins import category_choices
from .widgets import people_follow_department, use_pickers


class DateField(forms.DateField):
    """A date in a form: a day that does not exist (2021-02-30) is told as such (office.dates)."""

    default_error_messages = {"invalid": FORMAT_MESSAGE}

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            message = impossible_date_message(value)
            if message:
                raise forms.ValidationError(message, code="impossible") from None
            raise


def formfield(field, **kwargs):
    """A ModelForm's `formfield_callback`: the model's date fields get office.forms.DateField."""
    from django.db import models

    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", DateField)
    return field.formfield(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SupervisedItemOpenForm(forms.Form):
    title = forms.CharField(label="督办事项", max_length=200)
    category = forms.ChoiceField(label="类别", choices=category_choices)
    owner_department = forms.ModelChoiceField(label="承办科室", queryset=Department.objects.filter(is_active=True))
    responsible = forms.ModelChoiceField(
        label="责任人", queryset=User.objects.filter(is_active=True).select_related("department")
    )
    start_date = DateField(label="交办日期", required=False, widget=DateInput())
    deadline = DateField(
        label="办结日期", required=False, widget=DateInput(), help_text="填写具体日期，或下方的工作日天数。"
    )
    working_days = forms.IntegerField(
        label="或：工作日天数", required=False, min_value=1, max_value=365, help_text="按法定节假日和调休计算。"
    )
    description = forms.CharField(label="内容与要求", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label_from_instance = lambda u: f"{u.name}（{u.department or '未分配科室'}）"
        people_follow_department(self, "responsible", "owner_department")


class ProgressForm(forms.Form):
    text = forms.CharField(label="反馈内容", widget=forms.Textarea(attrs={"rows": 3}))


class UrgeForm(forms.Form):
    text = forms.CharField(
        label="催办意见", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="不填则发送默认催办提醒。"
    )


class CompleteForm(forms.Form):
    note = forms.CharField(label="办结情况", widget=forms.Textarea(attrs={"rows": 3}))
    completed_on = DateField(label="办结日期", required=False, widget=DateInput(), help_text="默认为今天。")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(forms.Form):
    owner_department = forms.ModelChoiceField(
        label="承办科室", queryset=Department.objects.filter(is_active=True), required=False
    )
    responsible = forms.ModelChoiceField(
        label="责任人", queryset=User.objects.filter(is_active=True).select_related("department")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].label_from_instance = lambda u: f"{u.name}（{u.department or '未分配科室'}）"
        people_follow_department(self, "responsible", "owner_department")


use_pickers(globals())
