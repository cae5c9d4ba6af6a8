"""A real Celery worker, consuming from Redis, extracts the text of an uploaded 正文 version and
of an attachment after the upload's transaction commits."""

import io
import time

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Attachment, BodyVersion
from documents.services import outgoing as outgoing_services
from documents.services.attachments import attachment_add
from documents.services.versions import version_upload

from .test_celery_worker import redis_worker  # noqa: F401 - the fixture


def _word(*texts):
    document = docx.Document()
    document.add_paragraph(texts[0], style="Heading 1")
    for text in texts[1:]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _wait(model, pk):
    deadline = time.monotonic() + 60
    while model.objects.get(pk=pk).text_status == "pending":
        assert time.monotonic() < deadline, "the worker did not extract the text within 60 s"
        time.sleep(0.2)
    return model.objects.get(pk=pk)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_extracts_the_text_of_versions_and_attachments(
    redis_worker,  # noqa: F811
    settings,
    tmp_path,
    handler,
    clerk,
    leader,
):
    settings.MEDIA_ROOT = tmp_path
    document = outgoing_services.outgoing_draft(
        actor=handler, title="关于开展汛前检查的通知", reviewer=clerk, signing_leader=leader, disclosure="active"
    )
    content = _word("一、检查范围", "全市各类水库和堤防。")
    version = version_upload(actor=handler, document=document, upload=SimpleUploadedFile("正文.docx", content))
    attachment = attachment_add(
        actor=handler, document=document, upload=SimpleUploadedFile("附件.docx", _word("检查表", "水库名称"))
    )
    version = _wait(BodyVersion, version.pk)
    assert version.text_status == "done"
    assert version.paragraphs[0] == {"style": "Heading 1", "level": "h2", "text": "一、检查范围"}
    attachment = _wait(Attachment, attachment.pk)
    assert attachment.text == "检查表\n水库名称"
