"""The one FilterSet per list, shared by the HTML page and the API."""

import django_filters
from django import forms
from django.db.models import Q

from .models import AuditEvent, Department, SupervisedItem
from .plugins import category_choices
from .selectors import PHASE_LABELS

YEAR_MIN, YEAR_MAX = 2000, 2100


class YearField(forms.IntegerField):
    default_error_messages = {
        "invalid": f"请填写{YEAR_MIN}–{YEAR_MAX}之间的年度。",
        "min_value": f"请填写{YEAR_MIN}–{YEAR_MAX}之间的年度。",
        "max_value": f"请填写{YEAR_MIN}–{YEAR_MAX}之间的年度。",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, **kwargs)


def parse_year(value, default=None):
    """A year typed in a query string, checked like YearFilter; raises a ValidationError naming
    `year` (a 400 in the API) for anything else. Empty: `default`."""
    from django.core.exceptions import ValidationError

    if value in (None, ""):
        return default
    try:
        return YearField().clean(value)
    except ValidationError as error:
        raise ValidationError({"year": error.messages}) from None


# A yes/no filter's select: 全部 first, as every select of a filter bar (Django's own reads 未知).
YES_NO = forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")])


class _ListedChoices(django_filters.fields.ModelChoiceIterator):
    """A choice list read in one query. Django reads a ModelChoiceField's choices through
    QuerySet.iterator(), which on PostgreSQL is a server-side cursor: DECLARE, FETCH until empty
    and CLOSE, three round trips more (0.4 ms) for the tens of departments of a filter bar."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class _ListedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _ListedChoices


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django_filters.ModelChoiceFilter with its choices read in one query (_ListedChoices): the
    filter bars' 科室, 会议室, 党组织 … lists."""

    field_class = _ListedChoiceField


class YearFilter(django_filters.NumberFilter):
    """A year in a list's filter: a year the database can hold, or a 400 naming the field (never
    a 500 from a date of year 0). Every app's FilterSets use it for their year fields."""

    field_class = YearField


class SupervisedItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="deadline", lookup_expr="year", label="年度")
    # The annual summary links its 专题任务 figure here: items completed in a year.
    completed_year = YearFilter(field_name="completed_on", lookup_expr="year", label="办结年度")
    category = django_filters.ChoiceFilter(choices=category_choices, label="类别", empty_label="全部")
    owner_department = ModelChoiceFilter(queryset=Department.objects.all(), label="承办科室", empty_label="全部")
    phase = django_filters.ChoiceFilter(choices=list(PHASE_LABELS.items()), label="状态", empty_label="全部")
    mine = django_filters.BooleanFilter(method="filter_mine", label="仅看我负责的", widget=YES_NO)

    class Meta:
        model = SupervisedItem
        fields = ["q", "year", "completed_year", "category", "owner_department", "phase", "mine"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)) if value else queryset

    def filter_mine(self, queryset, name, value):
        return queryset.filter(responsible=self.request.user) if value and self.request else queryset


class DateFilter(django_filters.DateFilter):
    """A date in a list's filter: 日期不存在 for 2021-02-30 (office.dates), as in the forms."""

    def __init__(self, *args, **kwargs):
        from .forms import DateField

        self.field_class = DateField
        super().__init__(*args, **kwargs)


class AuditEventFilter(django_filters.FilterSet):
    """审计日志: by person, kind, date range (both days included) and free text."""

    person = django_filters.CharFilter(method="filter_person", label="用户")
    kind = django_filters.ChoiceFilter(choices=AuditEvent.KINDS, label="事件", empty_label="全部")
    date_from = DateFilter(
        field_name="at", lookup_expr="date__gte", label="起始日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DateFilter(
        field_name="at", lookup_expr="date__lte", label="截止日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    q = django_filters.CharFilter(method="filter_q", label="关键词")

    class Meta:
        model = AuditEvent
        fields = ["person", "kind", "date_from", "date_to", "q"]

    def filter_person(self, queryset, name, value):
        # The user name as typed at login (a failure may name no account), or the person's name.
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(username__icontains=value) | Q(user__name__icontains=value))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(target__icontains=value) | Q(detail__icontains=value) | Q(path__icontains=value) | Q(address=value)
            if _is_address(value)
            else Q(target__icontains=value) | Q(detail__icontains=value) | Q(path__icontains=value)
        )


def _is_address(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_ipv46_address

    try:
        validate_ipv46_address(value)
    except ValidationError:
        return False
    return True
