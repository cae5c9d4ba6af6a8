"""The free text of a classified (秘密 and above) document is its content: 备注, the steps'
opinions (拟办意见, 批示, 办结情况, 催办 …), 阅件意见, 会签/核稿/签发意见, 退回理由, 作废原因 and a
leader's 批示 on it. Only users with clearance read it: the lead department's handler and the
administrator (who sees every record but has no clearance) see who did what when, not the text.
Everywhere: pages, lists, API, 收文处理笺/发文稿纸, notifications, supervised items."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from documents.choices import CLASSIFIED_CONTENT, Classification
from documents.services import incoming as incoming_services
from documents.services import outgoing as outgoing_services
from documents.services import proposals as proposal_services
from office.models import Notification, SupervisedItem
from tests.documents.test_outgoing_services import draft
from tests.documents.test_printing import pdf_text

pytestmark = pytest.mark.django_db

REMARK = "备注：涉及水库调度方案"
PROPOSAL = "拟请规划科会同河湖科研究落实"
INSTRUCTION = "同意，请严格控制知悉范围"
RESULT = "已按要求完成调度预案修订"
URGE = "请在周五前报送调度预案"


def page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode() if response["Content-Type"].startswith("text/html") else response


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def secret_incoming(clerk, leader, handler, planning):
    document = incoming_services.incoming_receive(
        actor=clerk,
        sender="市国家保密局",
        sender_number="X保发〔2026〕3号",
        title="关于水库调度的通知",
        classification=Classification.SECRET,
        secrecy_period="1y",
        remarks=REMARK,
    )
    incoming_services.incoming_review(actor=clerk, document=document, accept=True)
    incoming_services.incoming_propose(actor=clerk, document=document, opinion=PROPOSAL)
    incoming_services.incoming_instruct(actor=leader, document=document, opinion=INSTRUCTION)
    incoming_services.incoming_assign(
        actor=clerk,
        document=document,
        lead_department=planning,
        responsible=handler,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    incoming_services.incoming_urge(actor=clerk, document=document, text=URGE)
    return document


def test_the_incoming_page_shows_the_text_only_with_clearance(secret_incoming, clerk, handler, administrator):
    url = reverse("documents:incoming_detail", args=[secret_incoming.pk])
    cleared = page(clerk, url)
    assert all(text in cleared for text in (REMARK, PROPOSAL, INSTRUCTION, URGE))
    for reader in (handler, administrator):
        shown = page(reader, url)
        assert not any(text in shown for text in (REMARK, PROPOSAL, INSTRUCTION, URGE))
        assert CLASSIFIED_CONTENT in shown
        # The metadata stays: the steps, who took them, the sender.
        assert "拟办" in shown and "陈局长" in shown and "市国家保密局" in shown


def test_the_api_empties_the_text_without_clearance(secret_incoming, clerk, administrator):
    url = f"/api/v1/documents/incoming/{secret_incoming.pk}/"
    data = api(clerk).get(url).data
    assert data["remarks"] == REMARK and PROPOSAL in [s["opinion"] for s in data["steps"]]
    data = api(administrator).get(url).data
    assert data["remarks"] == "" and {s["opinion"] for s in data["steps"]} == {""}
    assert [s["kind"] for s in data["steps"]][:3] == ["receive", "register", "review"]
    listed = api(administrator).get("/api/v1/documents/incoming/").data["results"][0]
    assert listed["remarks"] == ""


def test_the_slip_prints_who_and_when_but_not_the_text(secret_incoming, clerk, administrator):
    url = reverse("documents:incoming_slip", args=[secret_incoming.pk])
    assert PROPOSAL in pdf_text(page(clerk, url).content)
    text = pdf_text(page(administrator, url).content)
    assert PROPOSAL not in text and INSTRUCTION not in text
    assert "涉密内容" in text and "陈局长" in text


def test_notifications_and_supervised_items_carry_no_text(secret_incoming, handler, clerk):
    urged = Notification.objects.filter(recipient=handler, title__startswith="催办").get()
    assert URGE not in urged.body and CLASSIFIED_CONTENT in urged.body
    # The clerk has clearance: the instruction reaches her in full.
    assert INSTRUCTION in Notification.objects.filter(recipient=clerk, title__startswith="领导已批办").get().body
    incoming_services.incoming_complete(actor=handler, document=secret_incoming, opinion=RESULT)
    item = SupervisedItem.objects.get(source_id=secret_incoming.pk)
    assert RESULT not in (item.completion_note or "") and "涉密" in item.completion_note


def test_a_void_reason_is_content(clerk, administrator):
    document = incoming_services.incoming_receive(
        actor=clerk, sender="市国家保密局", title="涉密通知", classification=Classification.SECRET, secrecy_period="1y"
    )
    incoming_services.incoming_void(actor=clerk, document=document, reason="与调度方案重复登记")
    shown = page(administrator, reverse("documents:incoming_detail", args=[document.pk]))
    assert "与调度方案重复登记" not in shown
    assert api(administrator).get(f"/api/v1/documents/incoming/{document.pk}/").data["void_reason"] == ""


def test_outgoing_opinions_and_the_return_reason(handler, clerk, leader, administrator, code):
    document = draft(handler, code, classification="secret", secrecy_period="10y", body="")
    outgoing_services.outgoing_submit(actor=handler, document=document)
    outgoing_services.outgoing_return(actor=clerk, document=document, reason="调度数据需核实")
    returned = Notification.objects.filter(recipient=handler, title__startswith="文稿被退回").get()
    assert "调度数据需核实" not in returned.body
    outgoing_services.outgoing_submit(actor=handler, document=document)
    outgoing_services.outgoing_review(actor=clerk, document=document, opinion="核稿：数据已核实")
    outgoing_services.outgoing_sign(actor=leader, document=document, opinion="同意，限定范围印发")
    url = reverse("documents:outgoing_detail", args=[document.pk])
    assert "同意，限定范围印发" in page(clerk, url)
    shown = page(administrator, url)
    assert "同意，限定范围印发" not in shown and "调度数据需核实" not in shown and "核稿：数据已核实" not in shown
    data = api(administrator).get(f"/api/v1/documents/outgoing/{document.pk}/").data
    assert data["sign_opinion"] == "" and {s["opinion"] for s in data["steps"]} == {""}
    sheet = pdf_text(page(administrator, reverse("documents:outgoing_sheet", args=[document.pk])).content)
    assert "限定范围" not in sheet and "陈局长" in sheet
    assert "限定范围" in pdf_text(page(clerk, reverse("documents:outgoing_sheet", args=[document.pk])).content)


def test_a_leaders_instruction_on_a_classified_document(secret_incoming, clerk, leader, planning, administrator):
    instruction = proposal_services.instruction_create(
        actor=clerk,
        text="请规划科牵头修订水库调度预案",
        department=planning,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        leader=leader,
        incoming=secret_incoming,
    )
    text = "修订水库调度预案"
    assert text in page(clerk, reverse("documents:instruction_detail", args=[instruction.pk]))
    for url in (reverse("documents:instruction_detail", args=[instruction.pk]), reverse("documents:instruction_list")):
        assert text not in page(administrator, url)
    assert api(administrator).get(f"/api/v1/documents/instructions/{instruction.pk}/").data["text"] == ""
    item = SupervisedItem.objects.get(source_id=instruction.pk, title__startswith="陈局长批示")
    assert text not in item.title and text not in item.description
    assert text not in page(administrator, reverse("supervision:detail", args=[item.pk]))
