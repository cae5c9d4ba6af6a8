"""One FilterSet per register, shared by the HTML page, the Excel export and the API."""

import datetime
import re
import unicodedata

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend

from office.filters import ModelChoiceFilter, YearFilter
from office.models import Department

from . import search
from .choices import (
    CLASSIFIED,
    Classification,
    DocumentKind,
    IncomingStatus,
    InstructionStatus,
    OutgoingStatus,
    ProposalKind,
    ProposalStatus,
    PublicityChannel,
    Retention,
    Urgency,
)
from .models import (
    ArchiveItem,
    Countersign,
    IncomingDocument,
    Instruction,
    OutgoingDocument,
    Proposal,
    PublicityItem,
)
from .permissions import has_clearance
from .selectors import (
    INCOMING_OPEN,
    incoming_estimated,
    incoming_reach,
    incoming_split,
    outgoing_estimated,
    outgoing_split,
)


def _departments():
    return Department.objects.filter(is_active=True)


# A year in any bracket a person types: [2026] (2026) 【2026】 ［2026］ （2026） 〖2026〗 〔2026〕.
_YEAR_IN_BRACKETS = re.compile(r"[\[(【［（〖〔{]\s*(\d{4})\s*[\])】］）〗〕}]")


# `X水发2026 169`: a year after the 机关代字, set off from the serial by spaces.
_YEAR_WITHOUT_BRACKETS = re.compile(r"([^\d\s〔])(\d{4})\s+(\d+)")


def canonical_number(value: str) -> str:
    """A typed document number in the form numbers are stored: full-width digits and letters
    as ASCII (NFKC) and the year in 〔〕, so `X水发[2026]169`, `X水发（２０２６）169` and
    `X水发【2026】169` all find `X水发〔2026〕169号` (document_number_text)."""
    text = unicodedata.normalize("NFKC", value)
    text = _YEAR_IN_BRACKETS.sub(r"〔\1〕", text)
    return _YEAR_WITHOUT_BRACKETS.sub(r"\1〔\2〕\3", text)


SORT_CHOICES = [("date", "按日期"), ("relevance", "按相关度")]


class _Search:
    """The registers' keyword search (documents/search.py): the bigram search vector and the
    normalised numbers on PostgreSQL; icontains over the columns elsewhere (SQLite). Without
    clearance a classified record is matched on its public fields only: its title and masked
    fields are never searched for that user (their existence would leak, one character at a time).

    `sort=relevance` orders the matches by search.search_rank, then by the register's order."""

    search_fields: tuple[str, ...] = ()
    date_field = ""  # the register's date order, whose windows a search ordered by date reads
    # Fields shown masked to a user without clearance on a classified document: they must not
    # be searchable by that user either, or a search answers what the page hides, one
    # character at a time.
    masked_fields: tuple[str, ...] = ()

    def __init__(self, *args, windowed=False, estimating=False, scope=None, **kwargs):
        # windowed: the page and the API list read a search ordered by date window by window
        # (search.windowed); the export and everything else get the plain condition.
        # estimating: this FilterSet only gives the paginator its estimate (_estimated).
        # scope: the user's scope (selectors.incoming_scope) over a queryset of every department's
        # records, applied here unless the search splits the user's records itself (_split_search:
        # its two parts are the scope, and the queryset only reads a page's rows by key). Without
        # it the queryset is the scoped one (the API, the export).
        super().__init__(*args, **kwargs)
        self.windowed = windowed
        self.estimating = estimating
        self._scope = scope
        self._typed = ""
        if scope is not None and not self.is_bound:
            self.queryset = scope(self.queryset)  # never filtered: scoped now
            self._scope = None

    def _estimate_base(self, user):
        """The user's records as the planner estimates them right, where their scope is one it
        estimates wrong; None otherwise."""
        return None

    def _estimated(self):
        """The same filters over _estimate_base, for the paginator's estimate (`estimate_from`)."""
        from office.permissions import sees_everything

        request = getattr(self, "request", None)
        if self.estimating or not self.windowed or request is None or sees_everything(request.user):
            return None
        base = self._estimate_base(request.user)
        if base is None:
            return None
        return type(self)(self.data, queryset=base, request=request, estimating=True).qs

    def _cleared(self):
        request = getattr(self, "request", None)
        return request is not None and has_clearance(request.user)

    def _reach(self):
        """The user's scope as the search can use it (search.Reach), where the register has one."""
        return None

    def _windowed_query(self):
        """The typed query when it is read window by window, last (filter_queryset), else ''."""
        value = (self.form.cleaned_data.get("q") or "").strip()
        wanted = self.windowed and search.supported() and self.form.cleaned_data.get("sort") != "relevance"
        return value if wanted else ""

    def _split_search(self):
        """The user's records as two parts (search.Split) when the search reads them so: a
        department user's typed query in date order, without a register year."""
        if not self._windowed_query() or self.form.cleaned_data.get("year") is not None:
            return None
        return self._split()

    def filter_queryset(self, queryset):
        self._typed = ""
        split = self._split_search()
        if self._scope is not None and split is None:
            queryset = self._scope(queryset)
        queryset = super().filter_queryset(queryset)
        if not (self.form.cleaned_data.get("q") or "").strip() and self.form.cleaned_data.get("year") is not None:
            # A year's documents lie together in the table: counted along the register's order
            # within the year (an index range), not by a scan that assumes they are spread evenly
            # and, starting where the last scan stopped, read 900,000 rows one time in ten.
            queryset.count_in_order = True
        if not self._typed:
            estimated = self._estimated()
            if estimated is not None:
                queryset.estimate_from = estimated
            return queryset
        register_year = self.form.cleaned_data.get("year")
        result = search.windowed(
            queryset,
            self._typed,
            cleared=self._cleared(),
            date_field=self.date_field,
            register_year=register_year,
            reach=self._reach,  # asked for only where needed: a department's count builds it once
            split=split,
        )
        return queryset.none() if result is None else result

    def _split_parts(self, user, records):
        """(department, its column, records, reached): `records()` as the selector splits the
        user's scope (see search.Split), or None where the register has no such split."""
        return None

    def _split(self):
        request = getattr(self, "request", None)
        if request is None:
            return None

        def records():
            # The same filters over the register's records without the scope: this FilterSet's
            # filters again (its form is read once), not a FilterSet for each part.
            return super(_Search, self).filter_queryset(self._meta.model.objects.all())

        parts = self._split_parts(request.user, records)
        if parts is None:
            return None
        department, column, records, reached = parts
        return search.Split(department=department, column=column, records=records, reached=reached)

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        if search.supported():
            if self._windowed_query():
                self._typed = value  # applied last, window by window (filter_queryset)
                return queryset
            condition = search.search_filter(
                value, cleared=self._cleared(), reach=self._reach(), table=queryset.model._meta.db_table
            )
            return queryset.none() if condition is None else queryset.filter(condition)
        return queryset.filter(self._icontains(value))

    def _icontains(self, value):
        canonical = canonical_number(value)

        def matching(fields):
            condition = Q(pk__in=[])
            for field in fields:
                condition |= Q(**{f"{field}__icontains": value})
                if canonical != value:
                    condition |= Q(**{f"{field}__icontains": canonical})
            return condition

        public = [f for f in self.search_fields if f not in self.masked_fields]
        hidden = matching([*self.masked_fields, "title", "search_extra"])
        if not self._cleared():
            hidden &= ~Q(classification__in=CLASSIFIED)
        return matching(public) | hidden

    def filter_sort(self, queryset, name, value):
        typed = (self.form.cleaned_data.get("q") or "").strip()
        if value != "relevance" or not typed:
            return queryset
        public = tuple(f for f in self.search_fields if f not in self.masked_fields)
        rank = search.search_rank(typed, cleared=self._cleared(), text_fields=self.search_fields, public_fields=public)
        date_order = queryset.query.order_by
        # Ranked among the newest RELEVANCE_WINDOW matches: a common word matching a third of a
        # million documents is not scored row by row on every page.
        window = queryset.order_by(*date_order).values("pk")[: search.RELEVANCE_WINDOW]
        ranked = queryset.filter(pk__in=window).annotate(search_rank=rank)
        ranked = ranked.order_by(F("search_rank").desc(), *date_order)
        if self.windowed:
            # The page and the API list rank keys only, then read the page's rows with their
            # relations by key (CappedPaginator `rows_by_key`): not a join for each of the 1,000.
            ranked = ranked.values("pk")
            ranked.rows_by_key = queryset
        # Counted on the matches themselves (office.views.generic.CappedPaginator): up to its exact
        # limit (below the window) the number is the same, without ranking the window first.
        ranked.count_from = queryset
        return ranked


def _sort_filter():
    return django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label="排序", empty_label="按日期", help_text="有关键词时可按相关度"
    )


class IncomingFilter(_Search, django_filters.FilterSet):
    search_fields = ("sender", "sender_number", "serial_number")
    date_field = "received_at"
    masked_fields = ("sender_number",)

    q = django_filters.CharFilter(method="filter_q", label="关键词", help_text="标题、来文单位、文号")
    year = YearFilter(field_name="year", label="年度")
    department = ModelChoiceFilter(
        queryset=_departments(),
        field_name="lead_department",
        method="filter_department",
        label="承办科室",
        empty_label="全部",
    )
    status = django_filters.ChoiceFilter(choices=IncomingStatus.choices, label="状态", empty_label="全部")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label="文种", empty_label="全部")
    classification = django_filters.ChoiceFilter(choices=Classification.choices, label="密级", empty_label="全部")
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label="紧急程度", empty_label="全部")
    overdue = django_filters.ChoiceFilter(
        choices=[("true", "已逾期"), ("false", "未逾期")], method="filter_overdue", label="逾期", empty_label="全部"
    )
    sort = _sort_filter()

    class Meta:
        model = IncomingDocument
        fields = ["q", "year", "department", "status", "kind", "classification", "urgency", "overdue", "sort"]

    def _reach(self):
        request = getattr(self, "request", None)
        return incoming_reach(request.user) if request is not None else None

    def _estimate_base(self, user):
        return incoming_estimated(user=user)

    def _split_parts(self, user, records):
        return incoming_split(user, records)

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        # The co-handled keys as `= ANY(ARRAY(…))` (search.AnyOf): an index condition beside the
        # department's, so PostgreSQL estimates the rows right (IN (subquery) inside an OR is
        # guessed at half the table) and can read them by index rather than scan the table.
        co = IncomingDocument.co_departments.through.objects.filter(department_id=value.pk)
        return queryset.filter(Q(lead_department=value) | Q(pk__any_of=co.values("incomingdocument_id")))

    def filter_overdue(self, queryset, name, value):
        if value not in ("true", "false"):
            return queryset
        condition = Q(deadline__lt=timezone.localdate(), status__in=INCOMING_OPEN)
        return queryset.filter(condition) if value == "true" else queryset.exclude(condition)


class OutgoingFilter(_Search, django_filters.FilterSet):
    search_fields = ("document_number", "main_recipients")
    date_field = "created_at"

    q = django_filters.CharFilter(method="filter_q", label="关键词", help_text="标题、文号、主送")
    year = YearFilter(method="filter_year", label="年度")
    department = ModelChoiceFilter(
        queryset=_departments(), method="filter_department", label="拟稿科室", empty_label="全部"
    )
    status = django_filters.ChoiceFilter(choices=OutgoingStatus.choices, label="状态", empty_label="全部")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label="文种", empty_label="全部")
    classification = django_filters.ChoiceFilter(choices=Classification.choices, label="密级", empty_label="全部")
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label="紧急程度", empty_label="全部")
    issuing_code = django_filters.NumberFilter(field_name="issuing_code", label="机关代字")
    dispatched_year = YearFilter(method="filter_dispatched_year", label="印发年度")
    sort = _sort_filter()

    class Meta:
        model = OutgoingDocument
        fields = ["q", "year", "department", "status", "kind", "classification", "urgency", "issuing_code", "sort"]

    def _estimate_base(self, user):
        return outgoing_estimated(user=user)

    def _split_parts(self, user, records):
        return outgoing_split(user, records)

    def filter_dispatched_year(self, queryset, name, value):
        # Documents issued (印发) in the year: what the summary's 发文 figure counts.
        if value is None:
            return queryset
        if not 1900 <= value <= 9000:
            return queryset.none()
        start = datetime.date(int(value), 1, 1)
        return queryset.filter(
            status__in=[OutgoingStatus.DISPATCHED, OutgoingStatus.ARCHIVED],
            dispatched_on__gte=start,
            dispatched_on__lt=start.replace(year=start.year + 1),
        )

    def filter_year(self, queryset, name, value):
        # The register's year is the number's year; drafts not numbered yet count by creation.
        if value is None:
            return queryset
        return queryset.filter(Q(number_year=value) | Q(number_year__isnull=True, created_at__year=value))

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        co = Countersign.objects.filter(department_id=value.pk).values("document_id")
        return queryset.filter(Q(department=value) | Q(pk__any_of=co))  # as IncomingFilter's


class RegisterFilterBackend(DjangoFilterBackend):
    """The API's filter backend for the 收文/发文 registers: the list reads a search window by
    window, like the page (_Search.windowed); the other actions get the plain FilterSet."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if getattr(view, "action", None) == "list":
            kwargs["windowed"] = True
        return kwargs


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="year", label="年度")
    kind = django_filters.ChoiceFilter(choices=ProposalKind.choices, label="类型", empty_label="全部")
    lead_department = ModelChoiceFilter(queryset=_departments(), label="主办科室", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, label="状态", empty_label="全部")

    class Meta:
        model = Proposal
        fields = ["q", "year", "kind", "lead_department", "status"]

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(proposer__icontains=value) | Q(number__icontains=value))


class ArchiveFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year", label="年度")
    retention = django_filters.ChoiceFilter(choices=Retention.choices, label="保管期限", empty_label="全部")
    department = ModelChoiceFilter(queryset=_departments(), label="机构", empty_label="全部")

    class Meta:
        model = ArchiveItem
        fields = ["year", "retention", "department"]


class PublicityFilter(django_filters.FilterSet):
    year = YearFilter(field_name="published_on", lookup_expr="year", label="年度")
    channel = django_filters.ChoiceFilter(choices=PublicityChannel.choices, label="渠道", empty_label="全部")
    department = ModelChoiceFilter(queryset=_departments(), label="供稿科室", empty_label="全部")

    class Meta:
        model = PublicityItem
        fields = ["year", "channel", "department"]


class InstructionFilter(django_filters.FilterSet):
    year = YearFilter(field_name="deadline", lookup_expr="year", label="到期年度")
    department = ModelChoiceFilter(queryset=_departments(), label="承办科室", empty_label="全部")
    status = django_filters.ChoiceFilter(choices=InstructionStatus.choices, label="状态", empty_label="全部")

    class Meta:
        model = Instruction
        fields = ["year", "department", "status"]
