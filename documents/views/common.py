"""The action pattern shared by the documents pages: one form and one service call per step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

from office.errors import add_errors_to_form


def action_forms(available, actions, failed_form=None):
    """The forms of the steps the user may take now, keyed by step name."""
    forms = {}
    for name, allowed in available.items():
        if not allowed:
            continue
        form_class, label, _run, _done = actions[name]
        form = failed_form if failed_form is not None and failed_form.prefix == name else form_class(prefix=name)
        forms[name] = {"form": form, "label": label}
    if failed_form is not None and failed_form.prefix not in forms:
        # The step is no longer available (someone else took it): show why it failed.
        forms[failed_form.prefix] = {"form": failed_form, "label": actions[failed_form.prefix][1]}
    return forms


def run_action(request, document, action, actions, detail_url_name, render_detail):
    if action not in actions:
        raise Http404
    form_class, _label, run, done = actions[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            run(request.user, document, form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect(detail_url_name, pk=document.pk)
    return render_detail(request, document.pk, failed_form=form, status=400)
