"""Attachments: content-checked types, size limit, SHA-256, classified refusals, logged downloads."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.choices import IncomingStatus
from documents.models import AccessLog, Attachment
from documents.services.attachments import attachment_add

from .conftest import api
from .factories import IncomingFactory

pytestmark = pytest.mark.django_db
def _pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf_bytes()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def doc(clerk, handler):
    return IncomingFactory(status=IncomingStatus.HANDLING, lead_department=handler.department, created_by=clerk)


def test_a_pdf_is_stored_with_its_sha256(clerk, doc):
    attachment = attachment_add(actor=clerk, document=doc, upload=SimpleUploadedFile("通知.pdf", PDF))
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.size == len(PDF) and attachment.file_type == "pdf"
    assert attachment.file.read() == PDF


def test_a_docx_is_recognised_inside_its_zip(clerk, doc):
    assert (
        attachment_add(actor=clerk, document=doc, upload=SimpleUploadedFile("a.docx", docx_bytes())).file_type == "docx"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00binary", "不支持的文件类型"),
        ("report.docx", PDF, "与扩展名“.docx”不符"),
        ("empty.pdf", b"", "空文件"),
        # A polyglot: the PDF signature, then an executable — it claims PDF and is not one.
        ("invoice.pdf", b"%PDF-1.4\n" + b"MZ\x90\x00" + b"\x00" * 4096, "不是完整有效的 PDF"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"not an image", "不是完整有效的 PNG"),
    ],
)
def test_types_are_checked_on_the_content(clerk, doc, name, content, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        attachment_add(actor=clerk, document=doc, upload=SimpleUploadedFile(name, content))
    assert message in error.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


def test_the_size_limit(clerk, doc, settings):
    from django.core.exceptions import ValidationError

    settings.DOCUMENTS_ATTACHMENT_MAX_MB = 1
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=clerk, document=doc, upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 1024 * 1024))
    assert "不能超过 1 MB" in error.value.message_dict["file"][0]


def test_a_classified_document_refuses_attachments_and_records_the_refusal(clerk, doc):
    doc.classification = "confidential"
    doc.secrecy_period = "20y"
    doc.save()
    response = api(clerk).post(
        f"/api/v1/documents/incoming/{doc.pk}/attachments/",
        {"file": SimpleUploadedFile("a.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 400 and "涉密" in response.data["file"][0]
    assert not Attachment.objects.exists()
    assert AccessLog.objects.filter(action=AccessLog.REFUSED, incoming=doc, actor=clerk).count() == 1


def test_a_handler_may_not_attach_to_incoming(handler, doc):
    response = api(handler).post(
        f"/api/v1/documents/incoming/{doc.pk}/attachments/",
        {"file": SimpleUploadedFile("a.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 403


def test_downloads_are_checked_and_logged(client, clerk, handler, other_handler, doc):
    attachment = attachment_add(actor=clerk, document=doc, upload=SimpleUploadedFile("通知.pdf", PDF))
    url = reverse("documents:attachment_download", args=[attachment.pk])
    client.force_login(other_handler)
    assert client.get(url).status_code == 404
    client.force_login(handler)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AccessLog.objects.filter(action=AccessLog.DOWNLOAD, attachment=attachment, actor=handler).count() == 1
    assert not AccessLog.objects.filter(actor=other_handler).exists()
    api_response = api(handler).get(f"/api/v1/documents/attachments/{attachment.pk}/download/")
    assert api_response.status_code == 200
    assert AccessLog.objects.filter(action=AccessLog.DOWNLOAD).count() == 2


def test_the_clerk_uploads_through_the_page(client, clerk, doc):
    client.force_login(clerk)
    response = client.post(
        reverse("documents:incoming_upload", args=[doc.pk]), {"file": SimpleUploadedFile("附件.pdf", PDF)}
    )
    assert response.status_code == 302
    assert doc.attachments.get().original_name == "附件.pdf"
    assert "附件.pdf" in client.get(reverse("documents:incoming_detail", args=[doc.pk])).content.decode()
