"""Sentences that read like an office's: varied openings, "；" between figures, headings as
phrases the office may edit, names without ledger codes, the 落款, the organisation check, the
demo's organisation and year, the year the editor opens."""

import datetime
import io
import re

import pytest
from django.core import checks
from django.urls import reverse
from docx import Document

from office.figures import Figure
from reports import demo, services, text
from reports.apps import check_organisation_name
from reports.document import document_content, docx_bytes, pdf_bytes
from reports.forms import summary_year
from reports.models import Summary

from .data import YEAR, special_tasks
from .pdfcheck import page_boxes, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(clerk, standin_collect):
    special_tasks()
    return services.summary_create(actor=clerk, year=YEAR)


def test_sentences_do_not_all_open_the_same_way(summary):
    work = "".join(s.text for s in summary.sections.all() if s.code.startswith("work_"))
    sentences = [s for s in re.split(r"(?<=。)", work) if s]
    openings = [s[:2] for s in sentences]
    runs = max(len(list(g)) for _, g in __import__("itertools").groupby(openings))
    assert runs <= 2, openings
    assert any(s.startswith("一年来") for s in sentences)
    assert any(s.startswith(f"{YEAR}年") for s in sentences)
    assert any(s.startswith("其中") for s in sentences)
    # Figures that stand alone are separated by "；".
    assert "比2024年多16篇；通过微信公众号推送报道53篇。" in work


def test_names_are_written_without_ledger_codes():
    figure = Figure("office.special_tasks", 2, names=("优化营商环境专项任务（2025-06）", "水利年鉴编纂(2025-7)"))
    words = text.section_clauses(3, {"office.special_tasks": figure}, YEAR)[0][0][0]
    assert "优化营商环境专项任务、水利年鉴编纂等2项专题任务" in words and "2025-" not in words


def test_headings_are_phrases_and_the_office_may_rewrite_them(clerk, client, summary):
    content = document_content(summary)
    headings = [b["text"] for b in content["blocks"] if b["kind"] == "h3"]
    assert headings[0] == "（一）规范高效做好办文办会" and headings[3] == "（四）认真做好人事工作"
    client.force_login(clerk)
    section = summary.sections.get(code="work_4")
    client.post(
        reverse("reports:section_save", args=[summary.pk, "work_4"]),
        {"heading": "扎实做好人事人才工作", "text": section.text},
    )
    section.refresh_from_db()
    assert section.heading_text == "扎实做好人事人才工作" and not section.edited
    assert "（四）扎实做好人事人才工作" in [b["text"] for b in document_content(summary)["blocks"]]
    page = client.get(reverse("reports:detail", args=[summary.pk])).content.decode()
    assert "（四）扎实做好人事人才工作" in page
    # A blank heading goes back to the default phrase.
    services.section_edit(actor=clerk, section=section, text_value=section.text, heading="")
    assert "（四）认真做好人事工作" in [b["text"] for b in document_content(summary)["blocks"]]


def test_the_closing_names_the_organisation_and_the_date_of_finalisation(clerk, summary):
    services.section_edit(actor=clerk, section=summary.sections.get(code="problems"), text_value="一是人手不足。")
    services.section_edit(actor=clerk, section=summary.sections.get(code="plans"), text_value="一是加强协调。")
    summary = services.summary_finalise(actor=clerk, summary=summary, omitted=services.missing_for(summary))
    summary.finalised_at = datetime.datetime(2026, 1, 8, 10, tzinfo=datetime.UTC)
    content = document_content(summary)
    assert [b["text"] for b in content["blocks"][-2:]] == ["滨河市水利局", "2026年1月8日"]
    pdf = pdf_bytes(content)
    assert text_of(pdf).endswith("滨河市水利局2026年1月8日") or "滨河市水利局2026年1月8日" in text_of(pdf)
    # Right-aligned: the date ends four characters from the right edge of the text block.
    width, _, _, chars = page_boxes(pdf)[-1]
    date_chars = [
        c for c in chars if c["text"] == "日" and abs(c["top"] - max(x["top"] for x in chars if x["text"] == "日")) < 1
    ]
    right_edge = width - 26 * 72 / 25.4
    assert abs((right_edge - date_chars[-1]["x1"]) - 4 * 15.79) < 3
    doc = Document(io.BytesIO(docx_bytes(content)))
    closing = [p for p in doc.paragraphs if p.text in ("滨河市水利局", "2026年1月8日")]
    assert [p.text for p in closing] == ["滨河市水利局", "2026年1月8日"]
    assert all(p.alignment == 2 for p in closing)  # right


def test_a_placeholder_organisation_is_warned_outside_debug(settings):
    settings.DEBUG = False
    settings.ORGANISATION_NAME = "XX市水利局"
    assert [w.id for w in check_organisation_name()] == ["reports.W001"]
    assert "reports.W001" in [m.id for m in checks.run_checks()]
    settings.ORGANISATION_NAME = "滨河市水利局"
    assert check_organisation_name() == []
    settings.DEBUG = True
    settings.ORGANISATION_NAME = "XX市水利局"
    assert check_organisation_name() == []


def test_the_demo_summary_is_the_current_years_of_a_named_bureau(settings, clerk, standin_collect):
    settings.ORGANISATION_NAME = "XX市水利局"
    demo.seed()
    summary = Summary.objects.get()
    assert summary.year == datetime.date.today().year
    assert summary.organisation == "滨河市水利局" and "XX" not in summary.title


@pytest.mark.parametrize(
    ("today", "year"),
    [(datetime.date(2026, 11, 1), 2026), (datetime.date(2026, 12, 31), 2026), (datetime.date(2026, 10, 31), 2025)],
)
def test_the_editor_opens_the_current_year_from_november(today, year):
    assert summary_year(today) == year
