"""HTML input shapes of personnel; the rules are in the services."""

from django import forms

from office.forms import formfield
from office.models import Department
from office.widgets import use_pickers

from .choices import ALL_SALARY_COMPONENTS, AssessmentGrade, SalaryReason, TransferDirection
from .models import Appointment, ExpertTask, Person, Recruitment, Talk, TitleReview, TransferBatch
from .selectors import person_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(form, *names):
    for name in names:
        form.fields[name].widget = DATE


class PersonForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = Person
        fields = [
            "name", "sex", "birth_date", "citizen_id", "ethnicity", "political_status", "phone", "education",
            "degree", "work_start_date", "join_date", "staffing", "department", "post", "rank", "title",
            "title_level", "status", "status_date", "user", "resume", "rewards",
        ]  # fmt: skip
        widgets = {"resume": forms.Textarea(attrs={"rows": 4}), "rewards": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self, "birth_date", "work_start_date", "join_date", "status_date")
        if editing:
            # Post and rank change through appointments, which keep the history.
            del self.fields["post"]
            del self.fields["rank"]

    def validate_unique(self):
        """The service says it in its own words (and under its lock)."""


class AppointmentForm(forms.ModelForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="人员")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = Appointment
        fields = [
            "person", "kind", "rank", "post", "department", "effective_date", "document_number", "reason",
            "publicity_start", "publicity_end",
        ]  # fmt: skip
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_choices()
        _dates(self, "effective_date", "publicity_start", "publicity_end")
        self.fields["publicity_start"].help_text = "提拔须公示不少于5个工作日（按工作日历计算）。"

    def _post_clean(self):
        """The service validates (publicity, ranks), not the model form."""


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class SalaryChangeForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="人员")
    effective_month = MonthField(label="起薪月份")
    reason = forms.ChoiceField(choices=SalaryReason.choices, label="变动原因")
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_choices()
        for name, label in ALL_SALARY_COMPONENTS:
            self.fields[name] = forms.DecimalField(
                label=f"{label}（元/月）", required=False, max_digits=10, decimal_places=2, min_value=0
            )
        self.fields[
            "duty_pay"
        ].help_text = "机关工资填写职务工资、级别工资、津贴补贴；事业单位填写岗位工资、薪级工资、绩效工资、津贴补贴。"

    def components(self):
        return {n: self.cleaned_data[n] for n, _l in ALL_SALARY_COMPONENTS if self.cleaned_data.get(n) is not None}


class RecruitmentForm(forms.ModelForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="人员")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = Recruitment
        fields = ["person", "channel", "date", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_choices()
        _dates(self, "date")


class TitleReviewForm(forms.ModelForm):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="人员")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = TitleReview
        fields = ["person", "series", "title", "level", "year", "passed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_choices()


class RoundForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(
        queryset=Department.objects.filter(is_active=True), label="单位", required=False, empty_label="全局"
    )


class GradesForm(forms.Form):
    """One select per person enrolled in a round."""

    def __init__(self, *args, assessments=(), **kwargs):
        from .services import allowed_grades

        super().__init__(*args, **kwargs)
        self.rows = []
        for a in assessments:
            name = f"p{a.person_id}"
            grades = [(g.value, g.label) for g in AssessmentGrade if g in allowed_grades(a.person)]
            self.fields[name] = forms.ChoiceField(choices=[("", "—"), *grades], required=False, label=a.person.name,
                                                  initial=a.grade)  # fmt: skip
            self.rows.append((a, self[name]))

    def grades(self):
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class TransferForm(forms.ModelForm):
    persons = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), label="转隶人员")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = TransferBatch
        fields = ["direction", "other_body", "date", "document_number", "persons"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = person_choices()
        self.fields["direction"].initial = TransferDirection.IN
        _dates(self, "date")


class ExpertTaskForm(forms.ModelForm):
    experts = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), label="承担人员")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = ExpertTask
        fields = ["title", "place", "date", "experts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = person_choices()
        _dates(self, "date")


class TalkForm(forms.ModelForm):
    talker = forms.ModelChoiceField(queryset=Person.objects.none(), label="谈话人")
    talkee = forms.ModelChoiceField(queryset=Person.objects.none(), label="谈话对象")

    class Meta:
        formfield_callback = formfield  # dates: 日期不存在 for 2021-02-30 (office.dates)
        model = Talk
        fields = ["talker", "talkee", "kind", "date", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talker"].queryset = person_choices()
        self.fields["talkee"].queryset = person_choices()
        _dates(self, "date")

    def _post_clean(self):
        """The service validates."""


class ReasonForm(forms.Form):
    reason = forms.CharField(label="作废原因", max_length=200)


class EmptyForm(forms.Form):
    pass


class ImportForm(forms.Form):
    file = forms.FileField(label="花名册Excel文件（.xlsx）")


use_pickers(globals(), models=(Person,))
