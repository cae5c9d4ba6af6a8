"""Versions of the 正文 of an outgoing document (正文版本).

The drafter uploads the 正文 as a Word document (or writes it on the draft's page: each change
of that text is a version too); at 核稿, 会签, 签发 and 复核 the person who may act on the draft
downloads the latest version, edits it in Word or WPS and uploads a new one. Versions are
official records: never changed (but for the text a worker extracts once) and never deleted.
Any reader of the draft may download them and compare any two."""

import difflib
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from office.queueing import queue_after_commit
from office.services.common import lock
from office.uploads import check_upload

from .. import permissions
from ..choices import TextStatus, VersionSource, VersionStep
from ..models import AccessLog, BodyVersion
from .common import log_refusal
from .extraction import document_texts_refresh, level_of

CLASSIFIED_MESSAGE = "涉密文件（秘密及以上）的正文不得录入或上传本系统。"


def max_bytes():
    return getattr(settings, "DOCUMENTS_ATTACHMENT_MAX_MB", 20) * 1024 * 1024


def _next_number(document):
    return (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def text_paragraphs(body: str) -> list[dict]:
    """The paragraphs of text written on the page, with their heading levels."""
    out = []
    for line in (body or "").splitlines():
        line = line.strip()
        if line:
            out.append({"style": "", "level": level_of("", line), "text": line})
    return out


def version_from_text(*, actor, document, body: str) -> BodyVersion | None:
    """A version of the text written on the draft's page (called by the draft and edit
    services inside their transaction, on the locked document); none for an empty text or
    one equal to the latest version's."""
    paragraphs = text_paragraphs(body)
    if not paragraphs:
        return None
    latest = document.versions.order_by("-number").first()
    text = "\n".join(p["text"] for p in paragraphs)
    if latest is not None and latest.text == text:
        return None
    version = BodyVersion.objects.create(
        document=document,
        number=_next_number(document),
        step=VersionStep.DRAFT,
        source=VersionSource.TEXT,
        created_by=actor,
        text=text,
        paragraphs=paragraphs,
        text_status=TextStatus.DONE,
    )
    document_texts_refresh(document)
    return version


def version_check_may_upload(actor, document):
    """Refuses who may not upload a version now, before the file is even looked at: classified
    documents and closed steps are a 400, a person not acting at the step a 403."""
    if document.is_classified:
        raise ValidationError({"file": CLASSIFIED_MESSAGE})
    if permissions.version_step(document) is None:
        raise ValidationError({"status": f"发文当前状态为“{document.get_status_display()}”，不能再上传正文版本。"})
    if not permissions.may_add_version(actor, document):
        raise PermissionDenied("只有当前环节的办理人可以上传正文新版本。")


def version_upload(*, actor, document, upload, note: str = "") -> BodyVersion:
    """A new version of the 正文 as a Word document, at the draft's current step, by one who
    may act on it there. Its paragraphs are extracted by a worker after the commit."""
    if document.is_classified:
        log_refusal(actor=actor, outgoing=document, detail=f"拒绝上传涉密发文正文：{getattr(upload, 'name', '')[:100]}")
    version_check_may_upload(actor, document)
    if upload is None:
        raise ValidationError({"file": "请选择 Word 文档（.docx）。"})
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": "修改说明不能超过 300 字。"})
    kind, sha256 = check_upload(upload, max_bytes=max_bytes(), kinds=("docx",), noun="正文")
    with transaction.atomic():
        document = lock(document)
        step = permissions.version_step(document)  # the state read again under the lock
        if step is None or not permissions.may_add_version(actor, document):
            raise PermissionDenied("只有当前环节的办理人可以上传正文新版本。")
        version = BodyVersion(
            document=document,
            number=_next_number(document),
            step=step,
            source=VersionSource.DOCX,
            original_name=os.path.basename(upload.name)[:200],
            size=upload.size,
            sha256=sha256,
            note=note,
            created_by=actor,
            text_status=TextStatus.PENDING,
        )
        version.file.save(f"{sha256[:16]}.docx", upload, save=False)
        version.save()
        from ..tasks import version_extract_text

        queue_after_commit(version_extract_text, version.pk)
    return version


def version_log_download(*, actor, version) -> AccessLog:
    return AccessLog.objects.create(
        actor=actor,
        action=AccessLog.DOWNLOAD,
        outgoing_id=version.document_id,
        detail=f"正文第{version.number}版：{version.original_name}"[:300],
    )


def version_filename(version) -> str:
    number = version.document.document_number or f"发文{version.document_id}"
    return f"{number}-正文第{version.number}版.docx".replace("/", "_")


# ---- comparing two versions ----


def _segments(left: str, right: str):
    """The characters of two changed paragraphs as [(text, changed)] for each side."""
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    a, b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            a.append((left[i1:i2], False))
            b.append((right[j1:j2], False))
            continue
        if i2 > i1:
            a.append((left[i1:i2], True))
        if j2 > j1:
            b.append((right[j1:j2], True))
    return a, b


MAX_PAIRINGS = 2500  # paragraph pairs compared in one changed block before pairing in order
SIMILAR = 0.5  # two paragraphs at least this alike are shown as one changed paragraph


def _replace(left, right, i1, i2, j1, j2, rows, counts):
    """Rows for left[i1:i2] replaced by right[j1:j2]: the most alike pair (as difflib's Differ
    does) is one changed paragraph, and the parts before and after it are compared the same
    way; what has no counterpart is deleted or inserted."""
    best, at = SIMILAR, None
    if (i2 - i1) * (j2 - j1) > MAX_PAIRINGS:  # a large block: pair in order rather than search
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            a, b = _segments(left[i1 + k], right[j1 + k])
            rows.append({"tag": "replace", "left_no": i1 + k + 1, "right_no": j1 + k + 1, "left": a, "right": b})
            counts["changed"] += 1
        i1, j1 = i1 + pairs, j1 + pairs
    matcher = difflib.SequenceMatcher(autojunk=False)
    for j in range(j1, j2):
        matcher.set_seq2(right[j])
        for i in range(i1, i2):
            matcher.set_seq1(left[i])
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best and matcher.ratio() > best:
                best, at = matcher.ratio(), (i, j)
    if at is None:
        for k in range(i1, i2):
            rows.append({"tag": "delete", "left_no": k + 1, "right_no": None, "left": [(left[k], True)], "right": None})
            counts["deleted"] += 1
        for k in range(j1, j2):
            rows.append(
                {"tag": "insert", "left_no": None, "right_no": k + 1, "left": None, "right": [(right[k], True)]}
            )
            counts["inserted"] += 1
        return
    i, j = at
    _replace(left, right, i1, i, j1, j, rows, counts)
    a, b = _segments(left[i], right[j])
    rows.append({"tag": "replace", "left_no": i + 1, "right_no": j + 1, "left": a, "right": b})
    counts["changed"] += 1
    _replace(left, right, i + 1, i2, j + 1, j2, rows, counts)


def version_diff(old: BodyVersion, new: BodyVersion) -> dict:
    """The differences between two versions, paragraph by paragraph (difflib), as rows for a
    side-by-side view: {"tag": equal|replace|delete|insert, "left": [(text, changed)] | None,
    "right": …, "left_no", "right_no"} and the counts of changed paragraphs."""
    left = [p["text"] for p in old.paragraphs] or old.text.splitlines()
    right = [p["text"] for p in new.paragraphs] or new.text.splitlines()
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    rows = []
    counts = {"changed": 0, "deleted": 0, "inserted": 0}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                rows.append(
                    {
                        "tag": "equal",
                        "left_no": i1 + k + 1,
                        "right_no": j1 + k + 1,
                        "left": [(left[i1 + k], False)],
                        "right": [(right[j1 + k], False)],
                    }
                )
            continue
        _replace(left, right, i1, i2, j1, j2, rows, counts)
    return {"old": old, "new": new, "rows": rows, "counts": counts}


def version_pair(document, a, b):
    """The versions numbered `a` and `b` of a document, or a ValidationError naming the field."""
    errors = {}
    found = {}
    for field, value in (("a", a), ("b", b)):
        try:
            number = int(value)
        except (TypeError, ValueError):
            errors[field] = "请选择要比较的版本。"
            continue
        version = document.versions.filter(number=number).select_related("created_by").first()
        if version is None:
            errors[field] = f"没有第{number}版。"
        else:
            found[field] = version
    if errors:
        raise ValidationError(errors)
    return found["a"], found["b"]


def version_not_ready(version) -> str | None:
    if version.text_status in (TextStatus.PENDING, TextStatus.NONE):
        return f"第{version.number}版的文字正在提取，请稍后刷新再比较。"
    if version.text_status == TextStatus.FAILED:
        return f"第{version.number}版的文字提取失败（{version.text_error}），无法比较。"
    return None


def latest_blocks(document) -> list[dict] | None:
    """The paragraphs of the latest version of the 正文 when it is a Word document whose text
    was extracted, as {"kind": h2|h3|p, "text"} for the issued document; else None (the text
    written on the page is used)."""
    if document.is_classified:
        return None
    latest = document.versions.order_by("-number").first()
    if latest is None or latest.source != VersionSource.DOCX or not latest.paragraphs:
        return None
    blocks = []
    title = document.title.strip()
    recipients = document.main_recipients.strip().rstrip("：:")
    for n, paragraph in enumerate(latest.paragraphs):
        text = paragraph["text"].strip()
        level = paragraph.get("level", "p")
        # The title and the 主送 are printed from the record; a 正文 that repeats them at its
        # head does not print them twice.
        if level == "title" or (n < 3 and text in (title, f"{recipients}：", f"{recipients}:")):
            continue
        blocks.append({"kind": level if level in ("h2", "h3") else "p", "text": text})
    return blocks
