"""The FilterSets of the registers, shared by the pages, the API and the Excel export."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from office.filters import YES_NO, YearFilter

from .choices import Channel, PetitionStatus, ReceptionKind, ReceptionStatus, RectificationStatus, Route, Subject
from .models import Patrol, Petition, Reception


class PetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="received_on", lookup_expr="year", label="年度")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label="信访形式", empty_label="全部")
    subject = django_filters.ChoiceFilter(choices=Subject.choices, label="问题类别", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=PetitionStatus.choices, label="状态", empty_label="全部")
    is_repeat = django_filters.BooleanFilter(label="重复信访", widget=YES_NO)
    transferred = django_filters.BooleanFilter(method="filter_transferred", label="转办", widget=YES_NO)
    clock = django_filters.ChoiceFilter(
        choices=[("running", "时限运行中"), ("overdue", "已逾期")],
        method="filter_clock",
        label="时限",
        empty_label="全部",
    )

    class Meta:
        model = Petition
        fields = ["q", "year", "channel", "subject", "status", "is_repeat", "transferred", "clock"]

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(title__icontains=value) | Q(petitioners__name=value)
        ).distinct()

    def filter_clock(self, queryset, name, value):
        """On the register's annotation `clock_deadline` (the running supervised item's)."""
        if value == "overdue":
            return queryset.filter(clock_deadline__lt=timezone.localdate())
        if value == "running":
            return queryset.filter(clock_deadline__isnull=False)
        return queryset

    def filter_transferred(self, queryset, name, value):
        condition = Q(route__in=[Route.TRANSFER, Route.ASSIGN])
        if value is None:
            return queryset
        return queryset.filter(condition) if value else queryset.exclude(condition)


class ReceptionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="start_date", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=ReceptionKind.choices, label="接待类型", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=ReceptionStatus.choices, label="状态", empty_label="全部")

    class Meta:
        model = Reception
        fields = ["q", "year", "kind", "status"]

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(visiting_unit__icontains=value) | Q(purpose__icontains=value) | Q(event_name__icontains=value)
        )


class PatrolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="date", lookup_expr="year", label="年度")
    rectification_status = django_filters.ChoiceFilter(
        choices=RectificationStatus.choices, label="隐患整改", empty_label="全部"
    )

    class Meta:
        model = Patrol
        fields = ["q", "year", "rectification_status"]

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(areas__icontains=value) | Q(findings__icontains=value) | Q(hazard__icontains=value))
