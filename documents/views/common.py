"""What the pages of an incoming and an outgoing document share."""

from office.views.generic import action_forms

from .. import permissions
from ..services.attachments import may_attach


def document_page_context(request, document, *, actions, allowed, failed_form=None):
    """The step forms, the clearance, the attachments and the history of a document's page."""
    return {
        "doc": document,
        "actions": action_forms(actions, allowed, document, failed_form),
        "failed_action": failed_form.prefix if failed_form is not None else "",
        "cleared": permissions.has_clearance(request.user),
        "attachments": document.attachments.select_related("uploaded_by"),
        "can_attach": may_attach(request.user, document) and document.status not in ("voided", "archived"),
        "history": document.history.select_related("history_user").order_by("-history_date")[:20],
    }
