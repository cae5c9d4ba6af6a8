"""A document's page shows the one step the state machine offers next for this user; the others
wait behind 更多, and 作废 asks to be confirmed (a second step when the browser runs no script)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.choices import HandlingType, IncomingStatus, OutgoingStatus
from documents.models import IncomingDocument

from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db


def _page(client, user, document):
    client.force_login(user)
    return client.get(reverse("documents:incoming_detail", args=[document.pk]))


def _more_section(html):
    match = re.search(r'<details class="more-actions"[^>]*>(.*?)</details>', html, re.S)
    assert match, "no 更多 section"
    return match.group(1)


def test_after_review_the_clerk_sees_proposing_first_and_the_rest_behind_more(client, clerk):
    doc = IncomingFactory(status=IncomingStatus.REVIEWED, handling_type=HandlingType.ACTION)
    response = _page(client, clerk, doc)
    assert response.context["primary_action"] == "propose"
    assert list(response.context["more_actions"]) == ["assign", "void"]
    html = response.text
    more = _more_section(html)
    assert 'id="action-propose"' in html and 'id="action-propose"' not in more
    assert 'id="action-assign"' in more and 'id="action-void"' in more
    assert html.index('id="action-propose"') < html.index('class="more-actions"')


def test_at_registration_review_is_the_one_step_shown(client, clerk):
    doc = IncomingFactory(status=IncomingStatus.REGISTERED)
    response = _page(client, clerk, doc)
    assert response.context["primary_action"] == "review"
    assert list(response.context["more_actions"]) == ["void"]


def test_a_handler_with_nothing_to_do_sees_no_more_section(client, clerk, handler):
    doc = IncomingFactory(status=IncomingStatus.HANDLING, lead_department=handler.department)
    response = _page(client, handler, doc)
    assert response.context["primary_action"] == "complete"
    assert not response.context["more_actions"]
    assert 'class="more-actions"' not in response.text


def test_a_failed_step_behind_more_opens_the_section(client, clerk):
    doc = IncomingFactory(status=IncomingStatus.REVIEWED)
    client.force_login(clerk)
    response = client.post(reverse("documents:incoming_action", args=[doc.pk, "void"]), {"void-reason": ""})
    assert response.status_code == 400
    assert '<details class="more-actions" open' in response.text


def test_assigning_offers_the_deadline_entered_at_registration(client, clerk):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    doc = IncomingFactory(status=IncomingStatus.INSTRUCTED, deadline=deadline)
    response = _page(client, clerk, doc)
    form = response.context["actions"]["assign"]["form"]
    assert form["deadline"].value() == deadline


def test_the_handler_list_follows_the_chosen_department(client, clerk):
    doc = IncomingFactory(status=IncomingStatus.INSTRUCTED)
    html = _page(client, clerk, doc).text
    assert re.search(r'<select name="assign-responsible"[^>]*data-picker-depends="assign-lead_department"', html)


class TestVoidConfirmation:
    def post(self, client, clerk, doc, **extra):
        client.force_login(clerk)
        return client.post(
            reverse("documents:incoming_action", args=[doc.pk, "void"]), {"void-reason": "重复登记", **extra}
        )

    def test_without_confirmation_a_second_step_asks_and_nothing_is_voided(self, client, clerk):
        doc = IncomingFactory(status=IncomingStatus.REVIEWED)
        response = self.post(client, clerk, doc)
        assert response.status_code == 200
        assert "确认作废" in response.text and "重复登记" in response.text
        assert 'name="confirmed" value="yes"' in response.text
        doc.refresh_from_db()
        assert doc.status == IncomingStatus.REVIEWED

    def test_the_confirmed_void_is_done(self, client, clerk):
        doc = IncomingFactory(status=IncomingStatus.REVIEWED)
        response = self.post(client, clerk, doc, confirmed="yes")
        assert response.status_code == 302
        assert IncomingDocument.objects.get(pk=doc.pk).status == IncomingStatus.VOIDED

    def test_a_handler_gets_no_confirmation_page_but_the_refusal(self, client, clerk, handler):
        doc = IncomingFactory(status=IncomingStatus.HANDLING, lead_department=handler.department)
        response = self.post(client, handler, doc)
        assert response.status_code == 403
        assert IncomingDocument.objects.get(pk=doc.pk).status == IncomingStatus.HANDLING

    def test_the_void_form_carries_the_flag_the_dialog_sets(self, client, clerk):
        doc = IncomingFactory(status=IncomingStatus.REVIEWED)
        more = _more_section(_page(client, clerk, doc).text)
        assert re.search(r'<form[^>]*data-confirm="[^"]+"[^>]*>.*name="confirmed" value=""', more, re.S)


def test_the_outgoing_reviewer_sees_review_first_and_return_behind_more(client, clerk, handler):
    doc = OutgoingFactory(status=OutgoingStatus.REVIEW, department=handler.department, reviewer=clerk)
    client.force_login(clerk)
    response = client.get(reverse("documents:outgoing_detail", args=[doc.pk]))
    assert response.context["primary_action"] == "review"
    assert list(response.context["more_actions"]) == ["return", "void"]
