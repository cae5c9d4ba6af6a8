"""What the pages of an incoming and an outgoing document share."""

from office.views.generic import action_forms

from .. import permissions
from ..services.attachments import may_attach


def document_page_context(request, document, *, actions, allowed, steps, failed_form=None):
    """The step forms, the clearance, the attachments and the history of a document's page.

    Of the steps this user may take, the page offers one: the first of the step table's order
    not set aside (`primary_action`); the others (作废, 退回, an alternative route …) wait
    behind 更多 (`more_actions`), opened when one of them has just failed."""
    forms = action_forms(actions, allowed, document, failed_form)
    primary, others = steps.arrange(forms)
    others += [name for name in forms if name != primary and name not in others]
    return {
        "doc": document,
        "actions": forms,
        "primary_action": primary,
        "primary": forms.get(primary),
        "more_actions": {name: forms[name] for name in others},
        "failed_action": failed_form.prefix if failed_form is not None else "",
        "cleared": permissions.has_clearance(request.user),
        "attachments": document.attachments.select_related("uploaded_by"),
        "can_attach": may_attach(request.user, document) and document.status not in ("voided", "archived"),
        "history": document.history.select_related("history_user").order_by("-history_date")[:20],
    }
