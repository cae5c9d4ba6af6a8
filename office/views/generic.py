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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from ..errors import add_errors_to_form


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT CAP+1)), so an unfiltered
    register of a million rows costs the same as one of ten thousand; beyond the cap the page
    says so and asks for a narrower filter."""

    CAP = 10_000
    capped = False

    @cached_property
    def count(self):
        counted = self.object_list[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)


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
