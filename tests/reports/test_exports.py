"""The exported PDF and DOCX: the generated sentences read back, the faces, the layout, the worker."""

import io
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from docx import Document

from office.celery import app
from reports import services
from reports.document import document_content, docx_bytes, pdf_bytes, plain_text
from reports.models import Export, ExportStatus

from .data import YEAR, special_tasks
from .pdfcheck import A4, MM, chars_missing_from_their_face, fonts_of, page_boxes, text_of

SENTENCES = [
    "滨河市水利局办公室2025年工作总结",
    "2025年共收文612件，比2024年多35件；发文208件，比2024年少3件；归档整理文书文件530件。",
    "认真办理人大代表建议和政协委员提案，承办市人大代表建议6件、市政协委员提案9件，办理满意度为93.3%。",
    "2025年，统筹推进并完成党纪学习教育、优化营商环境、水利年鉴编纂等3项专题任务。",
    "一是人手不足，督办跟踪不够及时。",
]


@pytest.fixture
def summary(db, clerk, standin_collect):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    services.section_edit(actor=clerk, section=summary.sections.get(code="problems"), text_value=SENTENCES[-1])
    return summary


@pytest.fixture
def pdf(summary):
    return pdf_bytes(document_content(summary))


def test_the_pdf_text_contains_the_generated_sentences_and_no_placeholder(pdf):
    text = text_of(pdf)
    for sentence in SENTENCES:
        assert sentence in text
    assert "X" not in text


def test_every_pdf_font_is_an_embedded_office_face_with_every_glyph(pdf):
    fonts = fonts_of(pdf)
    assert set(fonts) <= {"OfficeSong", "OfficeSongPlain", "OfficeFang", "OfficeHei", "OfficeKai"}
    assert {"OfficeSong", "OfficeSongPlain", "OfficeFang", "OfficeHei", "OfficeKai"} <= set(fonts)
    assert all(fonts.values()), fonts
    assert chars_missing_from_their_face(pdf) == []


def test_pdf_pages_are_a4_with_the_text_inside_the_margins(pdf):
    pages = page_boxes(pdf)
    assert len(pages) >= 2
    for width, height, number, chars in pages:
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
        left = 28 if number % 2 else 26  # binding side alternates when printed on both sides
        for c in chars:
            if c["top"] < 37 * MM and c["fontname"].endswith("OfficeHei"):
                continue  # the draft's 征求意见稿 in the header
            if c["top"] > 262 * MM:
                assert c["fontname"].endswith("OfficeSongPlain") and c["size"] == pytest.approx(14, abs=0.1)
                continue
            assert c["x0"] >= left * MM - 0.5, c
            assert c["x1"] <= (left + 156) * MM + 0.5, c
            assert c["top"] >= 37 * MM - 0.5 and c["bottom"] <= (37 + 225) * MM + 0.5, c


def test_docx_has_the_same_text_and_the_official_page(summary):
    content = document_content(summary)
    doc = Document(io.BytesIO(docx_bytes(content)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "\n".join(paragraphs) == plain_text(content)
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert doc.paragraphs[0].style.font.size.pt == 22
    assert doc.paragraphs[1].style.font.size.pt == 16


# Redis db 13 is the reports engineer's: worker tests of other apps use other databases.
REDIS_URL = getattr(settings, "REPORTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_worker():
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    # Earlier tests built the producer pool for the eager "memory://" broker; drop it.
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.control.purge()
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30, queues=["exports"]
    ) as worker:
        yield worker
    app.conf.update(saved)
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_the_exports_queue_produces_the_pdf(redis_worker, clerk, standin_collect):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    export = services.export_request(actor=clerk, summary=summary, kind="pdf")
    deadline = time.monotonic() + 90
    while True:
        export.refresh_from_db()
        if export.status in (ExportStatus.DONE, ExportStatus.FAILED):
            break
        assert time.monotonic() < deadline, "the worker did not finish the export within 90 s"
        time.sleep(0.3)
    assert export.status == ExportStatus.DONE, export.error
    data = export.file.read()
    assert data.startswith(b"%PDF") and len(data) == export.size
    assert "2025年，统筹推进并完成党纪学习教育、优化营商环境、水利年鉴编纂等3项专题任务。" in text_of(data)
    assert Export.objects.get(pk=export.pk).history.first().history_change_reason == "导出完成"


def test_export_task_is_acknowledged_late_and_requeued_if_the_worker_dies():
    from reports.tasks import export_render

    assert export_render.acks_late and export_render.reject_on_worker_lost
    assert app.amqp.router.route({}, export_render.name)["queue"].name == "exports"


def test_a_redelivered_export_whose_worker_died_mid_render_is_rendered_again(summary, clerk):
    from reports.tasks import export_render

    export = Export.objects.create(
        summary=summary, kind="pdf", content=document_content(summary), created_by=clerk, status=ExportStatus.RUNNING
    )
    export_render.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.progress == 100
    sha = export.sha256
    export_render.apply(args=[export.pk])  # a second delivery of a finished export changes nothing
    export.refresh_from_db()
    assert export.sha256 == sha


def test_a_failed_render_is_retried_then_succeeds(summary, clerk, monkeypatch):
    from reports import tasks

    real = tasks.docx_bytes
    calls = []

    def flaky(content):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(content)

    monkeypatch.setattr(tasks, "docx_bytes", flaky)
    export = Export.objects.create(summary=summary, kind="docx", content=document_content(summary), created_by=clerk)
    tasks.export_render.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.attempts == 2 and len(calls) == 2


def test_an_export_that_keeps_failing_is_marked_failed_with_the_error(summary, clerk, monkeypatch):
    from reports import tasks

    monkeypatch.setattr(tasks, "pdf_bytes", lambda content: (_ for _ in ()).throw(OSError("no fonts")))
    export = Export.objects.create(summary=summary, kind="pdf", content=document_content(summary), created_by=clerk)
    tasks.export_render.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "no fonts" in export.error and not export.file


def test_an_export_renders_the_text_frozen_when_it_was_asked_for(summary, clerk):
    from reports.tasks import export_render

    export = Export.objects.create(summary=summary, kind="pdf", content=document_content(summary), created_by=clerk)
    services.section_edit(actor=clerk, section=summary.sections.get(code="opening"), text_value="后来改写的开头。")
    export_render.apply(args=[export.pk])
    export.refresh_from_db()
    text = text_of(export.file.read())
    assert "后来改写的开头" not in text and "现将2025年工作总结如下" in text
