from django import forms
from django.utils import timezone

from .models import ExportKind


class SummaryCreateForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = summary_year()


def summary_year(today=None):
    """The year a summary is written for: the current one from November on (when offices write
    it), else the year before."""
    today = today or timezone.localdate()
    return today.year if today.month >= 11 else today.year - 1


class SectionForm(forms.Form):
    heading = forms.CharField(label="标题", required=False, max_length=60)
    text = forms.CharField(label="段落内容", required=False, widget=forms.Textarea(attrs={"rows": 8}))


class ApproximateForm(forms.Form):
    keys = forms.MultipleChoiceField(
        label="写作约数（余）",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keys"].choices = choices


class FinaliseForm(forms.Form):
    omitted = forms.MultipleChoiceField(
        label="确认以下数据在总结中省略", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omitted"].choices = choices


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label="格式", choices=ExportKind.choices)


class TypedFigureForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.DecimalField(label="数值", min_value=0, max_digits=14, decimal_places=2)
    source = forms.CharField(label="来源", max_length=200)
