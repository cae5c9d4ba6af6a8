"""Figures typed in by the office: used in the text and in comparisons, shown as typed, kept
with who and when; a computed value always wins over a typed one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from reports import services
from reports.models import TypedFigure

from .data import YEAR, special_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(clerk, standin_collect):
    special_tasks()
    return services.summary_create(actor=clerk, year=YEAR)


def _text(summary, code):
    return summary.sections.get(code=code).text


def test_last_years_typed_figure_feeds_the_comparison(clerk, client, summary):
    assert "通过微信公众号推送报道53篇。" in _text(summary, "work_2")  # no 2024 figure: no comparison
    services.typed_figure_save(
        actor=clerk,
        summary=summary,
        key="documents.wechat_articles",
        year=YEAR - 1,
        value="40",
        source="2024年工作总结",
    )
    assert "通过微信公众号推送报道53篇，比2024年多13篇" in _text(summary, "work_2")
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert "手工录入（来源：2024年工作总结）" in page


def test_a_missing_figure_typed_in_is_written_and_shown_as_typed(clerk, client, summary):
    assert "petitions.visits" in services.missing_for(summary)
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert 'id="typed-petitions.visits"' in page  # a form for the missing figure
    response = client.post(
        reverse("reports:typed_figure", args=[summary.pk]),
        {"key": "petitions.visits", "year": YEAR, "value": "126", "source": "信访接待台账"},
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert "接待群众来访126人次" in _text(summary, "work_6")
    assert "petitions.visits" not in services.missing_for(summary)
    typed = TypedFigure.objects.get(key="petitions.visits")
    assert (typed.year, typed.value, typed.source, typed.entered_by) == (YEAR, Decimal("126"), "信访接待台账", clerk)
    assert typed.history.first().history_user == clerk
    assert typed.history.first().history_change_reason == "手工录入数据"
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert "手工录入（来源：信访接待台账）" in page
    # A refresh recounts the records and keeps the typed figure.
    services.summary_refresh(actor=clerk, summary=summary)
    assert "接待群众来访126人次" in _text(summary, "work_6")


def test_a_computed_figure_wins_over_a_typed_one_and_the_editor_shows_both(clerk, client, summary):
    services.typed_figure_save(
        actor=clerk, summary=summary, key="documents.incoming", year=YEAR, value=600, source="收文登记簿"
    )
    assert "收文612件" in _text(summary, "work_1") and "收文600件" not in _text(summary, "work_1")
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert "系统统计 <strong>612件</strong>；手工录入 <strong>600件</strong>（来源：收文登记簿）" in page


def test_a_typed_figure_is_corrected_not_duplicated(clerk, leader, summary):
    for value, actor in ((10, clerk), (12, leader)):
        services.typed_figure_save(
            actor=actor, summary=summary, key="petitions.letters", year=YEAR, value=value, source="来信台账"
        )
    typed = TypedFigure.objects.get()
    assert typed.value == 12 and typed.entered_by == leader
    assert [h.history_change_reason for h in typed.history.all()] == ["修改手工录入数据", "手工录入数据"]
    assert "办理人民来信12件" in _text(summary, "work_6")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"key": "nope", "year": YEAR, "value": 1, "source": "台账"}, "key"),
        ({"key": "petitions.visits", "year": YEAR - 2, "value": 1, "source": "台账"}, "year"),
        ({"key": "petitions.visits", "year": YEAR, "value": 1, "source": " "}, "source"),
        ({"key": "petitions.visits", "year": YEAR, "value": "1.5", "source": "台账"}, "value"),
        ({"key": "documents.proposal_satisfaction", "year": YEAR, "value": 101, "source": "台账"}, "value"),
    ],
)
def test_a_typed_figure_is_refused_when_wrong(clerk, summary, data, field):
    with pytest.raises(ValidationError) as error:
        services.typed_figure_save(actor=clerk, summary=summary, **data)
    assert field in error.value.message_dict
    assert not TypedFigure.objects.exists()


def test_typed_figure_through_the_api(clerk, handler, summary):
    api = APIClient()
    url = f"/api/v1/reports/summaries/{summary.pk}/typed-figure/"
    body = {"key": "petitions.visits", "year": YEAR, "value": "80", "source": "信访接待台账"}
    api.force_authenticate(handler)
    assert api.post(url, body, format="json").status_code == 403
    assert not TypedFigure.objects.exists()
    api.force_authenticate(clerk)
    response = api.post(url, body, format="json")
    assert response.status_code == 200
    figure = next(f for f in response.json()["figures"] if f["key"] == "petitions.visits")
    assert figure["value"] == 80 and figure["computed_value"] is None
    assert figure["typed"]["source"] == "信访接待台账"
    assert "petitions.visits" not in [m["key"] for m in response.json()["missing"]]
