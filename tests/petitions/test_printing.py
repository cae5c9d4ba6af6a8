import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from petitions import services
from petitions.printing import available_notices, notice_pdf

from .factories import days_ago, person, register

pytestmark = pytest.mark.django_db


def text_of(pdf):
    return "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def test_notices_are_filled_from_the_record(petitions_officer, leader):
    petition = register(petitions_officer, days_ago(20), petitioners=[person("欧阳明")], title="反映河道非法采砂")
    assert available_notices(petition) == {}
    petition = services.petition_accept(actor=petitions_officer, petition=petition, on=days_ago(10))
    petition = services.petition_extend(actor=leader, petition=petition, days=20, reason="需现场勘验", on=days_ago(5))
    petition = services.petition_reply(
        actor=petitions_officer, petition=petition, on=days_ago(0), reply="已责令停止采砂。"
    )
    assert set(available_notices(petition)) == {"accept", "extend", "reply"}
    accept = text_of(notice_pdf(petition, "accept"))
    assert "受理告知书" in accept and "欧阳明" in accept and petition.number in accept
    assert f"{petition.due_on.year}年{petition.due_on.month}月{petition.due_on.day}日" in accept
    assert "需现场勘验" in text_of(notice_pdf(petition, "extend"))
    reply = text_of(notice_pdf(petition, "reply"))
    assert "已责令停止采砂" in reply and "30日内" in reply


def test_transfer_letter_and_refusal(petitions_officer):
    transferred = services.petition_transfer(
        actor=petitions_officer, petition=register(petitions_officer), on=days_ago(0), transferred_to="城关镇人民政府"
    )
    assert "城关镇人民政府" in text_of(notice_pdf(transferred, "transfer"))
    refused = services.petition_refuse(
        actor=petitions_officer, petition=register(petitions_officer), on=days_ago(0), note="已进入诉讼程序"
    )
    assert "已进入诉讼程序" in text_of(notice_pdf(refused, "refuse"))


def test_notice_page_only_for_those_who_see_the_petitioner(client, petitions_officer, administrator):
    petition = services.petition_accept(actor=petitions_officer, petition=register(petitions_officer), on=days_ago(0))
    url = reverse("petitions:petition_notice", args=[petition.pk, "accept"])
    client.force_login(administrator)
    assert client.get(url).status_code == 403
    client.force_login(petitions_officer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(reverse("petitions:petition_notice", args=[petition.pk, "refuse"])).status_code == 404
