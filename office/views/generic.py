"""The two page shapes every app repeats: a filtered, paginated list, and a record's page whose
steps are forms that each call one service.

    def incoming_list(request):
        return list_page(request, "documents/incoming_list.html", IncomingFilter,
                         incoming_list_selector(user=request.user))

    ACTIONS = {"accept": Action(ReasonForm, "受理", run=_accept, done="已受理。"), ...}
    forms = action_forms(ACTIONS, petition_actions(request.user, petition), record=petition)
    return run_action(request, petition, "accept", ACTIONS, redirect_to=url, render_detail=_render)

Which steps a user may take is the entity's `<entity>_actions(user, record)` (permissions.py):
the same function the service asks before it writes and the API reports as `actions`.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import DatabaseError, NotSupportedError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render

from ..errors import add_errors_to_form


class CappedPaginator(Paginator):
    """A paginator that never counts a million rows.

    - The planner is asked first (one EXPLAIN of the list's keys, no rows read). When it expects
      TRUSTED rows or more, its estimate is the figure, shown as "约1.2万条" (`estimated`,
      `total`, `total_label`): even a count of the first EXACT rows reads a thousand rows.
    - Otherwise the rows are counted up to EXACT: SELECT COUNT(*) FROM (… LIMIT EXACT+1), exact
      when there are no more; beyond, the estimate.
    - Pages reach the first CAP rows at most (a deeper OFFSET reads every row before it): beyond,
      `capped` is set and the page asks for a narrower filter.

    An estimate that was too high is corrected by the pages: a page with fewer rows than a full
    one is the last, so the total is then exact; a page past the real end counts the rows (up to
    CAP) and serves the last real page. One too low is too: the estimate's last page, when full,
    links to the next, and pages past the estimate are read, not clamped to it. An estimate below
    the rows already counted (the planner multiplies correlated conditions, such as the bigrams of
    a word) shows as "超过 1000 条". At most three queries before the page's own, whatever the
    number of rows.

    A list may offer `estimate_from`, a query the planner estimates better than the list itself,
    or `estimate_first = False` when the planner's estimate is known to be useless until the
    rows are counted (documents.search.windowed), `few_keys` (see _count_keys), and
    `estimated_from_statistics` (see TRUSTED). A list of
    keys need not be a QuerySet (documents.search.Merged): with `rows_by_key` it is only sliced,
    a page at a time, and counted through its `count_from`."""

    EXACT = 1_000
    # An estimate this large is not counted: twice the exact limit, so that a result the count
    # would have found to be exact (≤ EXACT) shows as an estimate only when the planner was wrong
    # by more than half, which takes filters that exclude each other while it takes them as
    # independent (a year long past and an open status); a short page then corrects it. Counting
    # instead reads EXACT + 1 rows every time: 4–7 ms for a thousand matches at a million rows.
    # The margin also covers a table never analyzed, which the planner guesses at ten pages of
    # rows (about 1,200 for a register's): its twenty rows are counted, not shown as "约1200条".
    # A list whose estimate comes from the statistics of an analyzed table (a search's lexemes,
    # documents.search.windowed: `estimated_from_statistics`) is trusted above EXACT: counting
    # such a search's first thousand matches (a department's: the GIN intersection with its
    # lexeme, then 1,001 rows read and checked) took its page from 2.7× to 3.5× the trivial one,
    # to show the same "约" figure whenever there are more than EXACT.
    TRUSTED = 2 * EXACT
    CAP = 10_000
    DEFERRED_FROM = 1_000
    capped = False
    estimated = False
    at_least = False  # more than EXACT rows, the planner's estimate being too low to show

    def _check_object_list_is_ordered(self):
        # A UNION ALL of ordered parts read in turn (documents.search.windowed) is ordered.
        query = getattr(self.object_list, "query", None)
        if query is not None and query.combinator and all(part.order_by for part in query.combined_queries):
            return
        super()._check_object_list_is_ordered()

    @cached_property
    def total(self):
        """The number of rows: the planner's estimate when large, exact up to EXACT."""
        if not isinstance(self.object_list, QuerySet) and self._rows_by_key is None:
            return len(self.object_list)
        # A list whose planner's estimate is known to be useless says so (`estimate_first`).
        estimate = self._estimate() if getattr(self.object_list, "estimate_first", True) else None
        trusted = self.TRUSTED
        if getattr(self.object_list, "estimated_from_statistics", False):
            trusted = min(trusted, self.EXACT + 1)
        if estimate is not None and estimate >= trusted:
            self.estimated = True
            return estimate
        counted = self._count(self.EXACT + 1)
        if counted <= self.EXACT:
            return counted
        self.estimated = True
        if estimate is None:
            estimate = self._estimate()
        if estimate is None:
            # No plan to read (SQLite): counted up to the cap instead.
            return self._count(self.CAP + 1)
        if estimate > self.EXACT:
            return estimate
        # The planner guessed fewer rows than were just counted (an AND of correlated conditions,
        # the bigrams of a word): say "more than EXACT" and let the pages reach the cap (a page
        # past the real end is corrected, below).
        self.at_least = True
        return self.CAP

    @property
    def _counted(self):
        """What is counted: the list itself, or the plain query of a list of keys read in windows
        (`count_from`, documents.search.windowed), which PostgreSQL counts without the windows."""
        return getattr(self.object_list, "count_from", self.object_list)

    _few = None  # the keys of all the rows in order, when few_keys read them while counting

    def _count(self, limit):
        # A list that reads its keys while counting (few_keys) is a search, estimated from the
        # statistics or not at all: counted only when its rows are expected to be all of them.
        few = getattr(self.object_list, "few_keys", None)
        if few is not None and limit == self.EXACT + 1 and all(isinstance(o, str) for o in few.query.order_by):
            return self._count_keys(few, limit)
        counted = self._counted
        if getattr(counted, "count_in_order", False):
            # The list asks to be counted along its order (documents.filters: a year's register).
            return counted[:limit].count()
        # Without the ordering: counting needs no sort (a relevance order would rank every row).
        return counted.order_by()[:limit].count()

    def _count_keys(self, few, limit):
        """Counts by reading the keys and the order's columns of up to `limit` rows (no sort):
        when they are all the rows, they are sorted here and the page needs no query of its own
        to find its keys (documents.search.windowed: a rare word is read from the index once)."""
        order = list(few.query.order_by)
        rows = list(few.order_by().values_list("pk", *(name.lstrip("-") for name in order))[:limit])
        if len(rows) < limit:
            for position in reversed(range(len(order))):
                rows.sort(key=lambda row, p=position + 1: row[p], reverse=order[position].startswith("-"))
            self._few = [row[0] for row in rows]
        return len(rows)

    @property
    def _rows_by_key(self):
        """The queryset that reads rows by key, when the list is a query of keys (a search read
        window by window, documents.search.windowed)."""
        return getattr(self.object_list, "rows_by_key", None)

    def _estimate(self):
        """The planner's estimate of the rows, or None where there is no plan to read (SQLite).
        Only the keys are planned: the joins, annotations and order of the page's rows do not
        change how many there are, and planning them cost more than the estimate itself."""
        source = getattr(self.object_list, "estimate_from", None)
        if source is None:
            source = self._counted
        try:
            plan = json.loads(source.order_by().values("pk").explain(format="json"))
            return int(plan[0]["Plan"]["Plan Rows"])
        except (DatabaseError, ValueError, KeyError, IndexError, TypeError, NotSupportedError):
            return None

    @cached_property
    def count(self):
        """The rows the pages reach: at most CAP."""
        self.capped = self.total > self.CAP
        return min(self.total, self.CAP)

    @property
    def total_label(self):
        if not self.estimated:
            return f"共 {self.total} 条"
        if self.at_least:
            return f"超过 {self.EXACT} 条"
        return f"约 {approximate(self.total)} 条"

    def validate_number(self, number):
        """A page past the estimate's last is still read (an estimate can be too low), up to CAP."""
        try:
            return super().validate_number(number)
        except EmptyPage:
            number = int(number)
            if self.estimated and 1 < number <= -(-self.CAP // self.per_page):
                return number
            raise

    def _slice(self, number):
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if not self.estimated and top + self.orphans >= self.count:
            top = self.count  # Django's last page; an estimate's is read in full (it may be low)
        return self._get_page(self.object_list[bottom:top], number, self)

    def page(self, number):
        number = self.validate_number(number)
        page = self._deferred(self._slice(number))
        if not self.estimated:
            return page
        page.object_list = list(page.object_list)
        rows = len(page.object_list)
        if 0 < rows < self.per_page or (rows == 0 and page.number == 1):
            # A short page is the last: the estimate becomes the exact number.
            self._correct((page.number - 1) * self.per_page + rows)
        elif rows == 0:
            # The estimate was too high: count the rows (up to CAP) and serve the last page.
            self._correct(self._count(self.CAP + 1))
            return self._deferred(self._slice(self.num_pages))
        elif page.number >= self.num_pages and self.total < self.CAP:
            # A full page where the estimate ends: it was too low, and there may be more. Enough
            # to link to the next page, which reads on (validate_number) until a short one.
            self.__dict__["total"] = page.number * self.per_page + 1
            self.__dict__.pop("count", None)
            self.__dict__.pop("num_pages", None)
        return page

    def _correct(self, counted):
        self.estimated = counted > self.CAP
        self.at_least = False
        self.__dict__["total"] = counted
        self.__dict__.pop("count", None)
        self.__dict__.pop("num_pages", None)

    def _deferred(self, page):
        """A deep page (OFFSET ≥ DEFERRED_FROM) reads the page's keys first, skipping the rows
        before it in the index alone, then its rows with their relations by key: the joins are
        not made for the thousands of rows skipped. One query more, on deep pages only.

        A list of keys (documents.search.windowed, with `rows_by_key`) is always read that way:
        the keys from the windows, or from those read while counting when there were few."""
        bottom = (page.number - 1) * self.per_page
        queryset = self.object_list
        rows_by_key = self._rows_by_key
        if rows_by_key is not None:
            # Few rows: their keys, read and sorted while counting; many: the windows.
            if self._few is not None and not self.estimated:
                keys = self._few[bottom : bottom + self.per_page]
            else:
                keys = [row["pk"] for row in queryset[bottom : bottom + self.per_page]]
        elif bottom < self.DEFERRED_FROM or not isinstance(queryset, QuerySet) or queryset.query.combinator:
            return page
        else:
            keys = list(queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page])
            rows_by_key = queryset
        # Placed in the keys' order here: the query needs none (compiled and sorted for nothing).
        rows = {row.pk: row for row in rows_by_key.filter(pk__in=keys).order_by()}
        page.object_list = [rows[key] for key in keys if key in rows]
        return page


def approximate(number: int) -> str:
    """A count as a person reads it: two significant figures, 万 and 亿 (123456 → 12万)."""
    for unit, name in ((100_000_000, "亿"), (10_000, "万")):
        if number >= unit:
            value = number / unit
            return f"{value:.1f}".rstrip("0").rstrip(".") + name if value < 10 else f"{round(value)}{name}"
    if number >= 100:
        digits = len(str(number)) - 2
        return str(round(number, -digits))
    return str(number)


def paginate(request, queryset, per_page=20):
    """(page, the query string without `page`) for the pagination links."""
    page = CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def list_page(request, template, filterset_class, queryset, *, per_page=20, context=None, data=None):
    """A register page: the FilterSet (the same one the API list uses) over the user's rows."""
    filterset = filterset_class(data if data is not None else request.GET, queryset=queryset, request=request)
    page, query = paginate(request, filterset.qs, per_page)
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "query": query, **(context or {})},
        status=400 if filterset.errors else 200,
    )


@dataclass(frozen=True)
class Action:
    """One step on a record's page: its form, its button, the service call and what to say."""

    form: type
    label: str
    run: Callable[[Any, Any, dict], Any]  # (actor, record, cleaned_data) -> anything
    done: str
    form_kwargs: Callable[[Any], dict] | None = None  # (record) -> extra form arguments (initial …)
    confirm: str = ""  # asked before the form is sent (void, cancel …)
    # Without the dialog (no script), a POST lacking confirmed=yes answers a page asking again,
    # so that a drastic step is never taken on one click.
    confirm_step: bool = False


def _form(action, name, record, data=None):
    kwargs = action.form_kwargs(record) if action.form_kwargs else {}
    return action.form(data, prefix=name, **kwargs) if data is not None else action.form(prefix=name, **kwargs)


def action_forms(actions: dict[str, Action], allowed: Iterable[str], record=None, failed_form=None) -> dict:
    """The forms of the steps the user may take now, keyed by step name, in the table's order."""
    allowed = set(allowed)
    forms = {}
    for name, action in actions.items():
        if name not in allowed:
            continue
        form = failed_form if failed_form is not None and failed_form.prefix == name else _form(action, name, record)
        forms[name] = {
            "form": form,
            "label": action.label,
            "confirm": action.confirm,
            "confirm_step": action.confirm_step,
        }
    if failed_form is not None and failed_form.prefix not in forms and failed_form.prefix in actions:
        # The step is no longer open (someone else took it): still show why it failed.
        action = actions[failed_form.prefix]
        forms[failed_form.prefix] = {
            "form": failed_form,
            "label": action.label,
            "confirm": action.confirm,
            "confirm_step": action.confirm_step,
        }
    return forms


def run_action(
    request,
    record,
    name,
    actions: dict[str, Action],
    *,
    redirect_to,
    render_detail,
    allowed=None,
    refusal="",
    offered=None,
):
    """Runs step `name` on `record` from a POST: the service's errors go on the form, and the
    page is rendered again with status 400; success redirects with the step's message.

    `render_detail(request, record, failed_form=form, status=400)` renders the record's page.
    With `allowed` (the entity's `<entity>_actions(user, record)`), a step not in it is refused
    with `refusal` (403) before the form is read; the service refuses it again in any case.
    A step with `confirm_step` asks again on a page of its own unless the POST says
    confirmed=yes — only when it is among the steps `offered` to the user (else the service
    answers why not at once)."""
    action = actions.get(name)
    if action is None:
        raise Http404
    if allowed is not None and name not in allowed:
        raise PermissionDenied(refusal or "您不能对该记录执行此操作。")
    form = _form(action, name, record, data=request.POST)
    unconfirmed = action.confirm_step and request.POST.get("confirmed") != "yes"
    if unconfirmed and form.is_valid() and (offered is None or name in offered):
        return render(
            request,
            "includes/confirm_step.html",
            {"form": form, "action": action, "record": record, "post_url": request.path, "back_url": redirect_to},
        )
    if form.is_valid():
        try:
            action.run(request.user, record, form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, action.done)
            return redirect(redirect_to)
    return render_detail(request, record, failed_form=form, status=400)
