"""A date that does not exist (2021-02-30) is told as such — "日期不存在" — not as a format error,
in the pages' forms, the ModelForms and the API alike (office.dates)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from office.dates import impossible_date_message
from office.forms import DateField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-02-30", "日期不存在：2021年2月只有28天，没有30日。"),
        ("2023-02-29", "日期不存在：2023年2月只有28天，没有29日。"),
        ("2025-04-31", "日期不存在：2025年4月只有30天，没有31日。"),
        ("2025-13-01", "日期不存在：一年只有12个月，没有13月。"),
        ("2025-00-10", "日期不存在：一年只有12个月，没有0月。"),
        ("0000-01-01", "日期不存在：没有公元0年，请检查年份。"),
        ("2024-02-29", None),  # a leap year
        ("昨天", None),
        ("2025/03/18", None),
    ],
)
def test_the_message_names_what_does_not_exist(text, expected):
    assert impossible_date_message(text) == expected


def test_the_form_field_tells_an_impossible_date_from_a_malformed_one():
    field = DateField()
    with pytest.raises(Exception) as error:
        field.clean("2021-02-30")
    assert error.value.messages == ["日期不存在：2021年2月只有28天，没有30日。"]
    with pytest.raises(Exception) as error:
        field.clean("三月一日")
    assert error.value.messages == ["请按“年-月-日”填写日期，例如 2025-03-18。"]


def test_a_page_shows_it_on_the_field(client, clerk, handler):
    client.force_login(clerk)
    response = client.post(
        reverse("supervision:create"),
        {
            "title": "报送节水型机关建设材料",
            "category": "document",
            "owner_department": handler.department_id,
            "responsible": handler.pk,
            "start_date": "2021-02-30",
            "working_days": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == ["日期不存在：2021年2月只有28天，没有30日。"]


def test_a_model_form_shows_it_on_the_field(client, hr):
    client.force_login(hr)
    response = client.post(reverse("personnel:appointment_create"), {"effective_date": "2025-02-29"})
    assert response.context["form"].errors["effective_date"] == ["日期不存在：2025年2月只有28天，没有29日。"]


def test_the_api_answers_400_naming_the_field(clerk, handler):
    api = APIClient()
    api.force_authenticate(clerk)
    response = api.post(
        "/api/v1/supervision/items/",
        {
            "title": "报送材料",
            "category": "special",
            "owner_department": handler.department_id,
            "responsible": handler.pk,
            "start_date": "2025-09-31",
            "working_days": 3,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data["start_date"] == ["日期不存在：2025年9月只有30天，没有31日。"]


def test_a_model_serializers_date_fields_say_it_too():
    from rest_framework import serializers

    from office.models import SupervisedItem

    class Probe(serializers.ModelSerializer):
        class Meta:
            model = SupervisedItem
            fields = ["deadline"]

    probe = Probe(data={"deadline": "2021-02-30"})
    assert not probe.is_valid()
    assert probe.errors["deadline"] == ["日期不存在：2021年2月只有28天，没有30日。"]
