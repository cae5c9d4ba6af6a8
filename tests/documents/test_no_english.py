"""Pages show no raw codes or English: the proposals' status filter, the rooms page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_proposals_filters_are_labelled_in_chinese(client, clerk):
    client.force_login(clerk)
    body = client.get(reverse("documents:proposal_list")).content.decode()
    main = body[body.index("<main") :]
    assert "Status" not in main and "---------" not in main
    assert re.search(r"<label[^>]*>状态</label>", main)


def test_the_rooms_page_prints_no_api_path(client, clerk):
    client.force_login(clerk)
    body = client.get(reverse("meetings:rooms")).content.decode()
    assert "/api/" not in body


@pytest.mark.parametrize("url_name", ["documents:outgoing_create", "documents:proposal_create", "meetings:create"])
def test_forms_offer_no_dashes_as_the_empty_choice(client, clerk, url_name):
    client.force_login(clerk)
    body = client.get(reverse(url_name)).content.decode()
    assert "---------" not in body
