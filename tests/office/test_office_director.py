"""The office director (办公室主任) runs the office: the dashboard, the annual summary,
arranging meetings and 核稿 of outgoing drafts; and every 403 page says whom to ask truly."""

import pytest
from django.urls import reverse

from documents import permissions as document_permissions
from documents.choices import OutgoingStatus
from office import roles
from office.demo import PEOPLE
from tests.documents.factories import OutgoingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(office_dept):
    return UserFactory(
        username="director",
        name="陈主任",
        department=office_dept,
        roles=[roles.OFFICE_DIRECTOR, roles.DEPARTMENT_HEAD],
    )


def test_the_demo_office_director_has_the_role():
    (roles_of_director,) = [r for _u, _n, dept, position, r in PEOPLE if position == "办公室主任" and dept == "office"]
    assert roles.OFFICE_DIRECTOR in roles_of_director


@pytest.mark.parametrize("url_name", ["dashboard", "reports:list", "meetings:create"])
def test_the_director_opens_the_dashboard_the_summary_and_arranges_meetings(client, director, url_name):
    client.force_login(director)
    assert client.get(reverse(url_name)).status_code == 200


def test_the_director_may_review_an_outgoing_draft_but_not_number_it(director, handler):
    doc = OutgoingFactory(drafter=handler, department=handler.department, status=OutgoingStatus.REVIEW)
    actions = document_permissions.outgoing_actions(director, doc)
    assert "review" in actions and "number" not in actions


def test_a_handler_is_told_to_ask_the_head_of_the_department(client, handler):
    client.force_login(handler)
    body = client.get(reverse("dashboard")).content.decode()
    assert "请联系本科室负责人或系统管理员" in body


@pytest.mark.parametrize(
    "persona, url_name",
    [
        ("planning_head", "dashboard"),
        ("director", "documents:proposal_create"),
        ("leader", "documents:proposal_create"),
    ],
)
def test_heads_and_leaders_are_not_told_to_ask_the_head_of_the_department(client, request, persona, url_name):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    body = response.content.decode()
    assert "本科室负责人" not in body and "请联系系统管理员" in body
