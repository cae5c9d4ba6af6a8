"""One FilterSet per personnel register, shared by the HTML pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from office.filters import YES_NO, ModelChoiceFilter, YearFilter
from office.models import Department

from .choices import (
    ENDING_KINDS,
    LEADING_RANKS,
    AppointmentKind,
    PersonStatus,
    Rank,
    RecruitmentChannel,
    SalaryReason,
    Staffing,
    TalkKind,
    TitleLevel,
)
from .models import (
    Appointment,
    ExpertTask,
    Person,
    Recruitment,
    SalaryChange,
    SensitiveRead,
    Talk,
    TitleReview,
    TransferBatch,
)

AGE_BANDS = [("-35", "35岁及以下"), ("36-45", "36–45岁"), ("46-55", "46–55岁"), ("56-", "56岁及以上")]


def _years_ago(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="姓名/职务")
    department = ModelChoiceFilter(queryset=Department.objects.all(), label="科室", empty_label="全部")
    staffing = django_filters.ChoiceFilter(choices=Staffing.choices, label="编制", empty_label="全部")
    rank = django_filters.ChoiceFilter(choices=Rank.choices, label="职级", empty_label="全部")
    title_level = django_filters.ChoiceFilter(choices=TitleLevel.choices, label="职称", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=PersonStatus.choices, label="状态", empty_label="全部")
    age_band = django_filters.ChoiceFilter(choices=AGE_BANDS, method="filter_age", label="年龄段", empty_label="全部")

    class Meta:
        model = Person
        fields = ["q", "department", "staffing", "rank", "title_level", "status", "age_band"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(post__icontains=value)) if value else queryset

    def filter_age(self, queryset, name, value):
        """Age today: `low-high` in whole years, either end open."""
        if not value:
            return queryset
        today = timezone.localdate()
        low, high = value.split("-")
        if low:  # at least `low` years old: born on or before today − low years
            queryset = queryset.filter(birth_date__lte=_years_ago(today, int(low)))
        if high:  # at most `high`: born after today − (high + 1) years
            queryset = queryset.filter(birth_date__gt=_years_ago(today, int(high) + 1))
        return queryset


class AppointmentFilter(django_filters.FilterSet):
    year = YearFilter(field_name="effective_date", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(
        choices=[*AppointmentKind.choices, ("ending", "免职、解聘")], method="filter_kind", label="类别",
        empty_label="全部",
    )  # fmt: skip
    rank = django_filters.ChoiceFilter(choices=Rank.choices, label="职级", empty_label="全部")
    cadres = django_filters.BooleanFilter(method="filter_cadres", label="仅科级干部任免", widget=YES_NO)
    person = django_filters.NumberFilter(field_name="person_id", label="人员")

    class Meta:
        model = Appointment
        fields = ["year", "kind", "rank", "cadres", "person"]

    def filter_kind(self, queryset, name, value):
        if value == "ending":
            return queryset.filter(kind__in=ENDING_KINDS)
        return queryset.filter(kind=value) if value else queryset

    def filter_cadres(self, queryset, name, value):
        """The events the summary counts as 选拔调整科级干部 (personnel.summary)."""
        if not value:
            return queryset
        moves = Q(kind__in=[AppointmentKind.PROMOTION, AppointmentKind.LATERAL], rank__in=LEADING_RANKS)
        return queryset.filter(moves | Q(kind=AppointmentKind.REAPPOINTMENT) | Q(kind__in=ENDING_KINDS))


class RecruitmentFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date", lookup_expr="year", label="年度")
    channel = django_filters.ChoiceFilter(choices=RecruitmentChannel.choices, label="渠道", empty_label="全部")

    class Meta:
        model = Recruitment
        fields = ["year", "channel"]


class TitleReviewFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year", label="年度")
    level = django_filters.ChoiceFilter(choices=TitleLevel.choices, label="级别", empty_label="全部")
    passed = django_filters.BooleanFilter(label="通过", widget=YES_NO)

    class Meta:
        model = TitleReview
        fields = ["year", "level", "passed"]


class SalaryChangeFilter(django_filters.FilterSet):
    year = YearFilter(field_name="effective_month", lookup_expr="year", label="年度")
    reason = django_filters.ChoiceFilter(choices=SalaryReason.choices, label="原因", empty_label="全部")
    person = django_filters.NumberFilter(field_name="person_id", label="人员")

    class Meta:
        model = SalaryChange
        fields = ["year", "reason", "person"]


class TransferFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date", lookup_expr="year", label="年度")

    class Meta:
        model = TransferBatch
        fields = ["year"]


class ExpertTaskFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date", lookup_expr="year", label="年度")

    class Meta:
        model = ExpertTask
        fields = ["year"]


class TalkFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=TalkKind.choices, label="类型", empty_label="全部")

    class Meta:
        model = Talk
        fields = ["year", "kind"]


class SensitiveReadFilter(django_filters.FilterSet):
    year = YearFilter(field_name="at", lookup_expr="year", label="年度")
    person = django_filters.NumberFilter(field_name="person_id", label="人员")

    class Meta:
        model = SensitiveRead
        fields = ["year", "person"]
