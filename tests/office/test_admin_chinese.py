"""The admin speaks Chinese: every app and model name on its index page."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_index_names_every_app_and_model_in_chinese(client):
    client.force_login(UserFactory(username="root", name="超级管理员", is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    names = re.findall(
        r'<caption>\s*<a[^>]*>([^<]+)</a>|<th scope="row"[^>]*>\s*(?:<a[^>]*>)?([^<]+)', response.content.decode()
    )
    shown = [text.strip() for pair in names for text in pair if text.strip()]
    assert shown, "no names found on the admin index"
    english = [name for name in shown if re.search(r"[A-Za-z]{3,}", name)]
    assert english == [], english
