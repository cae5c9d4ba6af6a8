"""The one FilterSet of the summary list, shared by the page and the API."""

import django_filters

from .models import Summary, SummaryState


class SummaryFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", label="年度")
    state = django_filters.ChoiceFilter(choices=SummaryState.choices, label="状态", empty_label="全部")

    class Meta:
        model = Summary
        fields = ["year", "state"]
