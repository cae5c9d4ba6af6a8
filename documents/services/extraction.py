"""The text of uploaded files, extracted once by a Celery task (documents/tasks.py): a 正文
version's paragraphs with their styles and heading levels (python-docx), an attachment's text
(PDF through pdfplumber, Word through python-docx).

The text is bounded (DOCUMENTS_TEXT_MAX_BYTES, 1 MB of UTF-8 by default; longer text is cut and
marked 已提取（超长部分截断）) and a broken or hostile file never raises: it is stored with no
text and the status 提取失败 with the reason."""

import logging
import re
import zipfile

from django.conf import settings
from django.db import transaction

from ..choices import TextStatus
from ..models import Attachment, BodyVersion, IncomingDocument
from ..search import document_lexemes, search_set_texts

logger = logging.getLogger(__name__)

# The most distinct words (single characters, bigrams, ASCII words) a document's 正文 and
# attachments give the register search: a tsvector holds at most 1 MB (about 100,000 such
# lexemes); ordinary documents give a few thousand, so only an unusual file is cut.
SEARCH_MAX_LEXEMES = 60_000

# A Word package whose document part unpacks to more than this is refused (a zip bomb).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PDF_PAGES = 2000

_H2 = re.compile(r"^[一二三四五六七八九十百]+、")
_H3 = re.compile(r"^（[一二三四五六七八九十百]+）")
_H4 = re.compile(r"^\d+[.．]")
_H5 = re.compile(r"^（\d+）")

# Word's built-in heading styles (English and the Chinese names WPS and Chinese Word give them).
_STYLE_LEVELS = {
    "title": "title",
    "标题": "title",
    "heading 1": "h2",
    "标题 1": "h2",
    "heading 2": "h3",
    "标题 2": "h3",
    "heading 3": "h4",
    "标题 3": "h4",
}


class Broken(Exception):
    """The file cannot be read; the message (Chinese) is stored as the reason."""


def max_bytes() -> int:
    return getattr(settings, "DOCUMENTS_TEXT_MAX_BYTES", 1024 * 1024)


def level_of(style: str, text: str) -> str:
    """The heading level of a paragraph: from its Word style, else from how it begins
    (一、 h2 in 黑体, （一） h3 in 楷体, 1. and （1） h4/h5 in 仿宋), else p."""
    by_style = _STYLE_LEVELS.get((style or "").strip().lower())
    if by_style:
        return by_style
    if _H2.match(text):
        return "h2"
    if _H3.match(text):
        return "h3"
    if _H4.match(text):
        return "h4"
    if _H5.match(text):
        return "h5"
    return "p"


class _Bounded:
    """Collects text up to the limit (in UTF-8 bytes); `truncated` once something was cut."""

    def __init__(self, limit):
        self.limit = limit
        self.used = 0
        self.truncated = False

    def take(self, text: str) -> str | None:
        if self.truncated:
            return None
        size = len(text.encode()) + 1  # the newline that joins it
        if self.used + size > self.limit:
            self.truncated = True
            room = max(0, self.limit - self.used - 1)
            text = text.encode()[:room].decode(errors="ignore")
            return text or None
        self.used += size
        return text


def _check_package(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as package:
            info = package.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as error:
        raise Broken("不是有效的 Word 文档（docx）。") from error
    finally:
        fileobj.seek(0)
    if info.file_size > MAX_UNPACKED_BYTES:
        raise Broken("Word 文档解压后过大，未提取文字。")


def docx_paragraphs(fileobj, limit: int) -> tuple[list[dict], bool]:
    """([{"style", "level", "text"}], truncated) of a Word document: its paragraphs in order,
    then the paragraphs of its tables; empty paragraphs left out."""
    import docx

    _check_package(fileobj)
    try:
        document = docx.Document(fileobj)
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise Broken("Word 文档已损坏，无法读取。") from error
    bound = _Bounded(limit)
    out = []

    def add(paragraph):
        text = paragraph.text.strip()
        if not text:
            return True
        style = paragraph.style.name if paragraph.style is not None else ""
        taken = bound.take(text)
        if taken is None:
            return False
        out.append({"style": style, "level": level_of(style, taken), "text": taken})
        return not bound.truncated

    for paragraph in document.paragraphs:
        if not add(paragraph):
            return out, True
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if not add(paragraph):
                        return out, True
    return out, bound.truncated


def pdf_lines(fileobj, limit: int) -> tuple[list[str], bool]:
    import pdfplumber

    bound = _Bounded(limit)
    lines = []
    try:
        with pdfplumber.open(fileobj) as pdf:
            for page in pdf.pages[:MAX_PDF_PAGES]:
                for line in (page.extract_text() or "").splitlines():
                    line = line.strip()
                    if not line:
                        continue
                    taken = bound.take(line)
                    if taken is None:
                        return lines, True
                    lines.append(taken)
                    if bound.truncated:
                        return lines, True
                page.flush_cache()
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds for a bad file
        raise Broken("PDF 文件已损坏或加密，无法读取文字。") from error
    return lines, bound.truncated


def _extract(field_file, kind):
    """(text, paragraphs or None, status, error) of a stored file of `kind` (docx, pdf …)."""
    limit = max_bytes()
    try:
        with field_file.open("rb") as fileobj:
            if kind == "docx":
                paragraphs, truncated = docx_paragraphs(fileobj, limit)
                text = "\n".join(p["text"] for p in paragraphs)
            elif kind == "pdf":
                paragraphs = None
                lines, truncated = pdf_lines(fileobj, limit)
                text = "\n".join(lines)
            else:
                return "", None, TextStatus.DONE, ""  # images, OFD, old Office formats: no text to take
    except Broken as error:
        return "", [], TextStatus.FAILED, str(error)
    except Exception:  # noqa: BLE001 - never fail the task on a file: record it and go on
        logger.exception("text extraction failed for %s", field_file.name)
        return "", [], TextStatus.FAILED, "文件无法读取。"
    text = text.replace("\x00", "")  # PostgreSQL text holds no NUL
    return text, paragraphs, TextStatus.TRUNCATED if truncated else TextStatus.DONE, ""


def version_extract_text(*, version_id: int) -> BodyVersion | None:
    """Extracts a 正文 version's paragraphs once (a version already extracted is left alone)."""
    version = BodyVersion.objects.filter(pk=version_id).first()
    if version is None or version.text_status not in (TextStatus.NONE, TextStatus.PENDING) or not version.file:
        return version
    text, paragraphs, status, error = _extract(version.file, "docx")
    with transaction.atomic():
        version = BodyVersion.objects.select_for_update().get(pk=version_id)
        if version.text_status not in (TextStatus.NONE, TextStatus.PENDING):
            return version
        version.text, version.paragraphs = text, paragraphs or []
        version.text_status, version.text_error = status, error
        version.save(update_fields=["text", "paragraphs", "text_status", "text_error"])
        document_texts_refresh(version.document)
    return version


def attachment_extract_text(*, attachment_id: int) -> Attachment | None:
    """Extracts an attachment's text once. Saved without a history row: the text is derived
    from the file, which never changes."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.text_status not in (TextStatus.NONE, TextStatus.PENDING):
        return attachment
    text, _paragraphs, status, error = _extract(attachment.file, attachment.file_type)
    updated = Attachment.objects.filter(pk=attachment_id, text_status__in=(TextStatus.NONE, TextStatus.PENDING)).update(
        text=text, text_status=status, text_error=error
    )
    if updated:
        attachment.text, attachment.text_status, attachment.text_error = text, status, error
        document_texts_refresh(attachment.incoming or attachment.outgoing)
    return attachment


def document_texts_refresh(document) -> None:
    """Hands the register search (documents/search.py) the text of `document` beyond its columns:
    the latest 正文 version whose text is extracted (an outgoing draft) and every attachment's
    text, at most SEARCH_TEXT_MAX_CHARS. Called whenever one of them is added or extracted. The
    search keeps this text out of reach of users without clearance on a classified document."""
    texts = []
    if isinstance(document, IncomingDocument):
        attachments = Attachment.objects.filter(incoming=document)
    else:
        attachments = Attachment.objects.filter(outgoing=document)
        latest = (
            document.versions.filter(text_status__in=(TextStatus.DONE, TextStatus.TRUNCATED))
            .order_by("-number")
            .values_list("text", flat=True)
            .first()
        )
        texts.append(latest or "")
    texts.extend(attachments.order_by("id").values_list("text", flat=True))
    search_set_texts(document, _within_index_limit(texts))


# The database cuts each run of Chinese characters into bigrams in time that grows with the
# square of the run's length; a file without punctuation (a table, a bad PDF) is cut into lines of
# at most this many characters (a bigram across the cut is lost, nothing else).
SEARCH_LINE_CHARS = 200


def _short_lines(text):
    for line in text.splitlines():
        for start in range(0, len(line), SEARCH_LINE_CHARS):
            yield line[start : start + SEARCH_LINE_CHARS]


def _within_index_limit(texts):
    """The texts, line by line, up to the line that would take their distinct lexemes beyond
    SEARCH_MAX_LEXEMES (what follows is left out of the search, not of the record)."""
    seen, kept = set(), []
    for text in texts:
        lines = []
        for line in _short_lines(text or ""):
            seen |= document_lexemes(line)
            if len(seen) > SEARCH_MAX_LEXEMES:
                kept.append("\n".join(lines))
                return kept
            lines.append(line)
        kept.append("\n".join(lines))
    return kept
