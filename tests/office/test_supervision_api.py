import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from office.choices import SupervisionStatus
from office.models import SupervisedItem, User
from tests.factories import DEFAULT_PASSWORD, SupervisedItemFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/supervision/items/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def item(clerk, handler):
    return SupervisedItemFactory(
        responsible=handler,
        owner_department=handler.department,
        created_by=clerk,
        start_date=datetime.date(2025, 10, 9),
        deadline=datetime.date(2025, 10, 31),
    )


def detail(item, action=None):
    return f"{LIST}{item.pk}/" + (f"{action}/" if action else "")


class TestAuthentication:
    def test_anonymous_gets_401(self):
        response = api().get(LIST)
        assert response.status_code == 401

    def test_a_token_from_the_token_endpoint_authenticates(self, handler):
        response = api().post("/api/v1/auth/token/", {"username": "handler", "password": DEFAULT_PASSWORD})
        assert response.status_code == 200
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
        me = client.get("/api/v1/users/me/")
        assert me.status_code == 200
        assert me.data["name"] == "李承办"
        assert me.data["phone"] == "13812345678"  # one's own phone is not masked
        assert me.data["roles"] == ["承办人"]

    def test_a_wrong_password_gets_a_chinese_error(self, handler):
        response = api().post("/api/v1/auth/token/", {"username": "handler", "password": "wrong"})
        assert response.status_code == 400
        assert "无法使用提供的认证信息登录" in str(response.data)


class TestScope:
    def test_a_handler_lists_only_their_department(self, item, handler, clerk, other_handler):
        SupervisedItemFactory(responsible=other_handler, owner_department=other_handler.department, created_by=clerk)
        response = api(handler).get(LIST)
        assert response.status_code == 200
        assert [row["id"] for row in response.data["results"]] == [item.pk]

    @pytest.mark.parametrize("persona", ["clerk", "leader"])
    def test_the_office_and_leaders_list_everything(self, request, persona, item, clerk, other_handler):
        SupervisedItemFactory(responsible=other_handler, owner_department=other_handler.department, created_by=clerk)
        response = api(request.getfixturevalue(persona)).get(LIST)
        assert response.data["count"] == 2

    def test_another_department_gets_404_for_an_item(self, item, other_handler):
        assert api(other_handler).get(detail(item)).status_code == 404
        assert api(other_handler).post(detail(item, "progress"), {"text": "x"}).status_code == 404

    def test_filters(self, item, clerk):
        assert api(clerk).get(LIST, {"year": 2025, "phase": "overdue"}).data["count"] == 1
        assert api(clerk).get(LIST, {"year": 2024}).data["count"] == 0
        assert api(clerk).get(LIST, {"q": item.title}).data["count"] == 1

    def test_list_query_count_is_flat(self, clerk, handler):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries_of_a_fresh_client():
            client = api(User.objects.get(pk=clerk.pk))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST)
            return response, [q["sql"] for q in queries.captured_queries]

        SupervisedItemFactory.create_batch(
            2, responsible=handler, owner_department=handler.department, created_by=clerk
        )
        # user and group permissions (2), the calendar for "due soon", the planner's estimate,
        # the count unless the estimate is trusted (a table never analyzed is guessed at
        # thousands of rows: then the short page makes the figure exact), and one page of rows
        # with their department and person joined
        _response, few = queries_of_a_fresh_client()
        SupervisedItemFactory.create_batch(
            18, responsible=handler, owner_department=handler.department, created_by=clerk
        )
        response, many = queries_of_a_fresh_client()
        assert len(many) == len(few) <= 6, many
        assert response.data["count"] == 20


class TestOpen:
    def payload(self, handler, **changes):
        data = {
            "title": "编制抗旱应急预案",
            "category": "special",
            "owner_department": handler.department_id,
            "responsible": handler.pk,
            "start_date": "2025-09-30",
            "working_days": 1,
        }
        data.update(changes)
        return data

    def test_the_clerk_opens_an_item(self, clerk, handler):
        response = api(clerk).post(LIST, self.payload(handler), format="json")
        assert response.status_code == 201
        assert response.data["deadline"] == "2025-10-09"
        assert response.data["events"][0]["kind"] == "opened"
        assert SupervisedItem.objects.get().history.get().history_user == clerk

    def test_a_handler_is_refused(self, handler):
        response = api(handler).post(LIST, self.payload(handler), format="json")
        assert response.status_code == 403
        assert "权限" in response.data["detail"]
        assert not SupervisedItem.objects.exists()

    @pytest.mark.parametrize(
        ("changes", "field", "words"),
        [
            ({"title": ""}, "title", "不能为空"),
            ({"category": "x"}, "category", "有效的督办类别"),
            ({"working_days": 0}, "working_days", "大于或者等于"),
            ({"working_days": None, "deadline": None}, "deadline", "二者选一"),
            ({"start_date": "2025-13-01"}, "start_date", "日期不存在"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, clerk, handler, changes, field, words):
        data = {k: v for k, v in self.payload(handler, **changes).items() if v is not None}
        response = api(clerk).post(LIST, data, format="json")
        assert response.status_code == 400
        assert field in response.data
        assert words in str(response.data[field])
        assert not SupervisedItem.objects.exists()

    def test_a_responsible_person_outside_the_department_is_a_400(self, clerk, handler, other_dept):
        response = api(clerk).post(LIST, self.payload(handler, owner_department=other_dept.pk), format="json")
        assert response.status_code == 400
        assert "责任人须为承办科室" in response.data["responsible"][0]


class TestActions:
    def test_progress_urge_complete(self, item, handler, clerk):
        assert api(handler).post(detail(item, "progress"), {"text": "已完成初稿"}).status_code == 200
        assert api(clerk).post(detail(item, "urge"), {}).status_code == 200
        response = api(handler).post(detail(item, "complete"), {"note": "已办结", "completed_on": "2025-10-30"})
        assert response.status_code == 200
        assert response.data["status"] == SupervisionStatus.COMPLETED
        assert [e["kind"] for e in response.data["events"]] == ["progress", "urged", "completed"]

    def test_a_handler_may_see_but_not_urge(self, item, handler):
        response = api(handler).post(detail(item, "urge"), {})
        assert response.status_code == 403

    def test_a_step_not_allowed_from_the_state_is_a_400(self, item, handler):
        api(handler).post(detail(item, "complete"), {"note": "已办结"})
        response = api(handler).post(detail(item, "complete"), {"note": "再办结"})
        assert response.status_code == 400
        assert "已办结" in response.data["status"][0]

    def test_missing_text_is_a_400(self, item, handler):
        response = api(handler).post(detail(item, "progress"), {})
        assert response.status_code == 400
        assert "text" in response.data

    def test_reopen_and_void_are_for_the_office(self, item, handler, clerk):
        api(handler).post(detail(item, "complete"), {"note": "已办结"})
        assert api(handler).post(detail(item, "reopen"), {"reason": "x"}).status_code == 403
        assert api(clerk).post(detail(item, "reopen"), {"reason": "材料不全"}).status_code == 200
        assert api(clerk).post(detail(item, "void"), {"reason": "重复"}).data["status"] == "voided"


class TestShell:
    def test_departments(self, handler, other_dept):
        response = api(handler).get("/api/v1/departments/")
        assert response.status_code == 200
        assert {row["name"] for row in response.data["results"]} >= {"规划科", "河湖管理科"}

    def test_schema_and_offline_docs(self, handler):
        # The docs page is a page: it needs a session (login_required), not a forced API user.
        client = APIClient()
        client.force_login(handler)
        schema = client.get("/api/schema/")
        assert schema.status_code == 200
        assert b"/api/v1/supervision/items/{id}/complete/" in schema.content
        docs = client.get(reverse("api-docs"))
        assert docs.status_code == 200
        assert b"swagger-ui" in docs.content
        assert b"cdn" not in docs.content.lower()
