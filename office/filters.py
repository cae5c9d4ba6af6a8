"""The one FilterSet per list, shared by the HTML page and the API."""

import django_filters
from django.db.models import Q

from .models import Department, SupervisedItem
from .plugins import category_choices
from .selectors import PHASE_LABELS


class SupervisedItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = django_filters.NumberFilter(field_name="deadline", lookup_expr="year", label="年度")
    # The annual summary links its 专题任务 figure here: items completed in a year.
    completed_year = django_filters.NumberFilter(field_name="completed_on", lookup_expr="year", label="办结年度")
    category = django_filters.ChoiceFilter(choices=category_choices, label="类别", empty_label="全部")
    owner_department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label="承办科室", empty_label="全部"
    )
    phase = django_filters.ChoiceFilter(choices=list(PHASE_LABELS.items()), label="状态", empty_label="全部")
    mine = django_filters.BooleanFilter(method="filter_mine", label="仅看我负责的")

    class Meta:
        model = SupervisedItem
        fields = ["q", "year", "completed_year", "category", "owner_department", "phase", "mine"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)) if value else queryset

    def filter_mine(self, queryset, name, value):
        return queryset.filter(responsible=self.request.user) if value and self.request else queryset
