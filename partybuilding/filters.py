"""The one FilterSet per Party affairs list, shared by the HTML pages and the API."""

import django_filters
from django.db.models import Q

from office.filters import YES_NO, ModelChoiceFilter, YearFilter

from .choices import (
    PARTY_MEETING_TYPES,
    AwardKind,
    CareKind,
    DisclosureScope,
    DuesCategory,
    IntegrityKind,
    MemberKind,
    MemberStatus,
    PaymentMethod,
    Stage,
)
from .models import (
    Award,
    CareVisit,
    Development,
    Disclosure,
    DuesAssessment,
    DuesPayment,
    IntegrityActivity,
    Member,
    Organ,
    OrganisationalLife,
)


def _organs(request):
    return Organ.objects.order_by("sort_order", "id")


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="姓名")
    organ = ModelChoiceFilter(queryset=_organs, label="党组织", empty_label="全部")
    kind = django_filters.ChoiceFilter(choices=MemberKind.choices, label="党员类别", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label="状态", empty_label="全部")
    dues_category = django_filters.ChoiceFilter(choices=DuesCategory.choices, label="党费类别", empty_label="全部")

    class Meta:
        model = Member
        fields = ["q", "organ", "kind", "status", "dues_category"]


class AssessmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="member__name", lookup_expr="icontains", label="姓名")
    year = YearFilter(field_name="month", lookup_expr="year", label="年度")
    month = django_filters.NumberFilter(field_name="month", lookup_expr="month", label="月份")
    organ = ModelChoiceFilter(queryset=_organs, label="党组织", empty_label="全部")
    category = django_filters.ChoiceFilter(choices=DuesCategory.choices, label="党费类别", empty_label="全部")
    paid = django_filters.ChoiceFilter(
        choices=[("yes", "已缴"), ("no", "未缴")], method="filter_paid", label="缴纳", empty_label="全部"
    )

    class Meta:
        model = DuesAssessment
        fields = ["q", "year", "month", "organ", "category", "paid"]

    def filter_paid(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(is_paid=True)
        if value == "no":
            return queryset.filter(is_paid=False)
        return queryset


class PaymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="member__name", lookup_expr="icontains", label="姓名")
    year = YearFilter(field_name="paid_on", lookup_expr="year", label="缴纳年度")
    organ = ModelChoiceFilter(queryset=_organs, field_name="member__organ", label="党组织", empty_label="全部")
    method = django_filters.ChoiceFilter(choices=PaymentMethod.choices, label="缴纳方式", empty_label="全部")
    voided = django_filters.BooleanFilter(
        field_name="voided_at", lookup_expr="isnull", exclude=True, label="已作废", widget=YES_NO
    )

    class Meta:
        model = DuesPayment
        fields = ["q", "year", "organ", "method", "voided"]


class LifeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="meeting__title", lookup_expr="icontains", label="会议名称")
    year = YearFilter(field_name="meeting__start", lookup_expr="year", label="年度")
    organ = ModelChoiceFilter(queryset=_organs, label="党组织", empty_label="全部")
    type_code = django_filters.ChoiceFilter(
        choices=PARTY_MEETING_TYPES, field_name="meeting__meeting_type__code", label="类型", empty_label="全部"
    )
    state = django_filters.ChoiceFilter(
        choices=[("planned", "已安排"), ("held", "已召开"), ("cancelled", "已取消")],
        field_name="meeting__state",
        label="状态",
        empty_label="全部",
    )

    class Meta:
        model = OrganisationalLife
        fields = ["q", "year", "organ", "type_code", "state"]


class DevelopmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="姓名")
    organ = ModelChoiceFilter(queryset=_organs, label="党支部", empty_label="全部")
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="阶段", empty_label="全部")
    year = YearFilter(method="filter_year", label="年度（任一阶段）")

    class Meta:
        model = Development
        fields = ["q", "organ", "stage", "year"]

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        fields = ["applied_on", "activist_on", "candidate_on", "vote_on", "full_on"]
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__year": value})
        return queryset.filter(condition)


class _RecordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    voided = django_filters.BooleanFilter(
        field_name="voided_at", lookup_expr="isnull", exclude=True, label="已作废", widget=YES_NO
    )
    TEXT = ()

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for field in self.TEXT:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class AwardFilter(_RecordFilter):
    TEXT = ("recipient", "awarding_body")
    year = YearFilter(label="年度")
    kind = django_filters.ChoiceFilter(choices=AwardKind.choices, label="类别", empty_label="全部")

    class Meta:
        model = Award
        fields = ["q", "year", "kind", "voided"]


class CareFilter(_RecordFilter):
    TEXT = ("recipients", "note")
    year = YearFilter(field_name="visited_on", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=CareKind.choices, label="对象类别", empty_label="全部")

    class Meta:
        model = CareVisit
        fields = ["q", "year", "kind", "voided"]


class DisclosureFilter(_RecordFilter):
    TEXT = ("title", "content")
    year = YearFilter(field_name="published_on", lookup_expr="year", label="年度")
    scope = django_filters.ChoiceFilter(choices=DisclosureScope.choices, label="公开范围", empty_label="全部")

    class Meta:
        model = Disclosure
        fields = ["q", "year", "scope", "voided"]


class IntegrityFilter(_RecordFilter):
    TEXT = ("title", "recipients", "findings")
    year = YearFilter(field_name="held_on", lookup_expr="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=IntegrityKind.choices, label="类别", empty_label="全部")

    class Meta:
        model = IntegrityActivity
        fields = ["q", "year", "kind", "voided"]
