"""The registers' rows are written out in Python (documents_tags.incoming_rows, outgoing_rows; issue
17): for every kind of row, with and without clearance, they must be the markup of the template
loops they replaced, kept here."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone

from documents.choices import Classification, IncomingStatus, OutgoingStatus, SecrecyPeriod, Urgency
from documents.models import IncomingDocument, OutgoingDocument
from documents.selectors import incoming_list, outgoing_list

from .factories import IncomingFactory, OutgoingFactory

pytestmark = pytest.mark.django_db

AWKWARD = "<\"&'>"

INCOMING_LOOP = """    {% for doc in page %}
      <tr{% if doc.is_overdue %} class="row-overdue"{% endif %}>
        <td class="text-nowrap">{{ doc.serial_number|default:"未登记" }}</td>
        <td class="text-nowrap">{{ doc.received_at|ymd_hm }}</td>
        <td>{{ doc.sender }}</td>
        <td class="text-nowrap">{% if cleared or not doc.is_classified %}{{ doc.sender_number }}{% else %}—{% endif %}</td>
        <td><a href="{% pk_url 'documents:incoming_detail' doc.pk %}">{% doc_title doc cleared %}</a> {% classification_badge doc %} {% urgency_badge doc %}</td>
        <td>{{ doc.get_kind_display }}</td>
        <td>{{ doc.lead_department.name|default:"—" }}</td>
        <td class="text-nowrap">{{ doc.deadline|ymd|default:"—" }}{% if doc.is_overdue %} <span class="badge badge-overdue">逾期</span>{% endif %}</td>
        <td>{% status_badge doc %}</td>
      </tr>
    {% empty %}
      <tr><td colspan="9" class="text-center text-muted py-4">没有符合条件的收文。</td></tr>
    {% endfor %}
"""  # noqa: E501 — as it was in incoming_list.html

OUTGOING_LOOP = """    {% for doc in page %}
      <tr>
        <td class="text-nowrap">{{ doc.document_number|default:"—" }}</td>
        <td><a href="{% pk_url 'documents:outgoing_detail' doc.pk %}">{% doc_title doc cleared %}</a> {% classification_badge doc %} {% urgency_badge doc %}</td>
        <td>{{ doc.get_kind_display }}</td>
        <td>{{ doc.department.name }}</td>
        <td>{{ doc.drafter.name }}</td>
        <td>{{ doc.signer.name|default:"—" }}</td>
        <td class="text-nowrap">{{ doc.signed_on|ymd|default:"—" }}</td>
        <td class="text-nowrap">{{ doc.dispatched_on|ymd|default:"—" }}</td>
        <td>{% status_badge doc %}</td>
      </tr>
    {% empty %}
      <tr><td colspan="9" class="text-center text-muted py-4">没有符合条件的发文。</td></tr>
    {% endfor %}
"""  # noqa: E501 — as it was in outgoing_list.html


def _template_body(name):
    """The rows as incoming_list.html / outgoing_list.html now write them, from <tbody> to </tbody>."""
    source = engines["django"].engine.find_template(name)[0].source
    body = source[source.index("    <tbody>\n") + len("    <tbody>\n") : source.index("    </tbody>")]
    return "{% load documents_tags office_tags %}" + body


def _assert_same(name, loop, rows):
    for cleared in (True, False):
        context = {"page": rows, "cleared": cleared}
        expected = engines["django"].from_string("{% load documents_tags office_tags %}" + loop).render(context)
        assert engines["django"].from_string(_template_body(name)).render(context) == expected


def test_the_incoming_rows_are_the_markup_of_the_loop(clerk, handler):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    IncomingFactory(
        title=AWKWARD,
        sender=AWKWARD,
        sender_number=AWKWARD,
        lead_department=handler.department,
        status=IncomingStatus.HANDLING,
        deadline=yesterday,  # overdue
        urgency=Urgency.EXTRA_URGENT,
        classification=Classification.SECRET,
        secrecy_period=SecrecyPeriod.TEN_YEARS,
    )
    IncomingFactory(serial_number="", urgency=Urgency.URGENT, classification=Classification.INTERNAL)
    IncomingFactory(status=IncomingStatus.DONE, deadline=yesterday, received_at=timezone.now().replace(hour=17))
    rows = list(incoming_list(user=clerk))
    assert len(rows) == 3 and any(row.is_overdue for row in rows)
    _assert_same("documents/incoming_list.html", INCOMING_LOOP, rows)
    _assert_same("documents/incoming_list.html", INCOMING_LOOP, [])
    assert IncomingDocument.objects.filter(lead_department__isnull=True).exists()


def test_the_outgoing_rows_are_the_markup_of_the_loop(clerk, leader):
    OutgoingFactory(
        title=AWKWARD,
        urgency=Urgency.URGENT,
        classification=Classification.CONFIDENTIAL,
        status=OutgoingStatus.DISPATCHED,
        document_number=AWKWARD,
        signer=leader,
        signed_on=datetime.date(2026, 3, 1),
        dispatched_on=datetime.date(2026, 3, 2),
    )
    OutgoingFactory(classification=Classification.INTERNAL, status=OutgoingStatus.RETURNED)
    OutgoingFactory()
    rows = list(outgoing_list(user=clerk))
    assert len(rows) == 3 and OutgoingDocument.objects.filter(signer__isnull=True).exists()
    _assert_same("documents/outgoing_list.html", OUTGOING_LOOP, rows)
    _assert_same("documents/outgoing_list.html", OUTGOING_LOOP, [])
