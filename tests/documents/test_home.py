"""The home page lists each thing to do once: a document the handler's department leads, with a
deadline, is one row of 待办公文 (with its 督办 badge), not a second row of 待我办理."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.services import incoming as services
from office.models import SupervisedItem
from tests.factories import SupervisedItemFactory

pytestmark = pytest.mark.django_db


def _handling(clerk, leader, handler, title="关于开展河湖安全检查的通知"):
    doc = services.incoming_receive(actor=clerk, sender="省水利厅", title=title)
    services.incoming_review(actor=clerk, document=doc, accept=True)
    services.incoming_propose(actor=clerk, document=doc, opinion="拟请规划科办理。")
    services.incoming_instruct(actor=leader, document=doc, opinion="同意。")
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    return services.incoming_assign(
        actor=clerk, document=doc, lead_department=handler.department, responsible=handler, deadline=deadline
    )


def test_the_handler_sees_a_supervised_document_once(client, clerk, leader, handler):
    doc = _handling(clerk, leader, handler)
    item = SupervisedItem.objects.get(source_id=doc.pk, category="document")
    other = SupervisedItemFactory(
        title="汛前检查专项督办", responsible=handler, owner_department=handler.department, created_by=clerk
    )
    client.force_login(handler)
    response = client.get(reverse("home"))
    assert [i.pk for i in response.context["items"]] == [other.pk]
    assert response.context["counts"]["total"] == 1
    documents = response.context["home_blocks"][0]["context"]["documents"]
    assert [d.pk for d in documents] == [doc.pk]
    to_do = response.text.split("未读通知")[0]  # the to-do column, not the notifications beside it
    assert to_do.count("关于开展河湖安全检查的通知") == 1
    # The one row says it is supervised and links to the item.
    assert reverse("supervision:detail", args=[item.pk]) in response.text
    assert "督办" in response.text.split('id="waiting-documents"')[1]


def test_a_supervised_document_not_in_the_documents_block_stays_in_the_supervision_list(
    client, clerk, leader, handler, other_handler
):
    doc = _handling(clerk, leader, handler)
    item = SupervisedItem.objects.get(source_id=doc.pk, category="document")
    # Reassigned to someone of another department: the document is not that person's
    # department's to finish, so only the supervised item lists it for them.
    item.responsible = other_handler
    item.save(update_fields=["responsible"])
    client.force_login(other_handler)
    response = client.get(reverse("home"))
    assert [i.pk for i in response.context["items"]] == [item.pk]


def test_the_home_page_costs_the_same_with_more_supervised_documents(client, clerk, leader, handler):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _handling(clerk, leader, handler, title="第一件")
    client.force_login(handler)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for n in range(4):
        _handling(clerk, leader, handler, title=f"第{n + 2}件")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("home"))
    assert len(large.captured_queries) == len(small.captured_queries)
