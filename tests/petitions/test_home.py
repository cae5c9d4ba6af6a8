"""The petitions block of the home page (petitions.hooks): the officer's running clocks; anyone
else's home page does not even build a petitions query."""

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse

from petitions.models import Petition

from .factories import days_ago, register

pytestmark = pytest.mark.django_db


def test_the_officer_sees_the_clocks_running_out(client, petitions_officer):
    petition = register(petitions_officer, days_ago(20), title="反映渠道清淤不及时")
    client.force_login(petitions_officer)
    page = client.get(reverse("home")).content.decode()
    assert "即将到期或已逾期的信访时限" in page
    assert f'href="{reverse("petitions:petition_detail", args=[petition.pk])}"' in page
    assert "反映渠道清淤不及时" in page


def test_anyone_else_sees_no_clocks_and_builds_no_petitions_query(client, petitions_officer, handler, monkeypatch):
    register(petitions_officer, days_ago(20), title="反映渠道清淤不及时")
    client.force_login(handler)
    compiled = []
    as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(self.query.model) or as_sql(self, *a, **k)
    )
    page = client.get(reverse("home")).content.decode()
    assert "即将到期或已逾期的信访时限" not in page and "反映渠道清淤不及时" not in page
    # Listing the selector's none() would build the whole SELECT (0.3 ms) to send nothing.
    assert compiled and Petition not in compiled
