"""Uploaded files checked on their whole content, for every app: the type from the first bytes
(never the name), the extension agreeing with it, and the whole file well-formed for that type
(a PDF parses, an image decodes, an Office file is a valid package), with its SHA-256.

    kind, sha256 = check_upload(upload, max_bytes=20 * 1024 * 1024, kinds=("pdf", "jpeg", "png"))
"""

import hashlib
import os

from django.core.exceptions import ValidationError

# type: (extensions allowed for it, label)
TYPES = {
    "pdf": ({".pdf"}, "PDF"),
    "ofd": ({".ofd"}, "OFD"),
    "docx": ({".docx"}, "Word"),
    "xlsx": ({".xlsx"}, "Excel"),
    "doc": ({".doc", ".xls", ".wps", ".et"}, "Office 97-2003"),
    "jpeg": ({".jpg", ".jpeg"}, "JPEG"),
    "png": ({".png"}, "PNG"),
}


def detect_type(head: bytes, name: str) -> str | None:
    """The file's type from its first bytes; zip containers are told apart by their entries."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _zip_kind(upload):
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def _well_formed(kind, upload) -> bool:
    """The whole file is what its first bytes claim: a PDF parses and has pages, an image
    decodes, an Office package has its content types. A polyglot (`%PDF-1.4` then an
    executable) starts right and fails here."""
    import zipfile

    upload.seek(0)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            return len(PdfReader(upload, strict=False).pages) > 0
        if kind in ("jpeg", "png"):
            from PIL import Image

            with Image.open(upload) as image:
                image.verify()
            return True
        if kind in ("docx", "xlsx"):
            with zipfile.ZipFile(upload) as archive:
                return "[Content_Types].xml" in archive.namelist() and archive.testzip() is None
        if kind == "ofd":
            with zipfile.ZipFile(upload) as archive:
                return archive.testzip() is None
        return True  # OLE (doc/xls/wps): the signature is all we check
    except Exception:  # noqa: BLE001 - any parser failure means "not a valid file of this kind"
        return False
    finally:
        upload.seek(0)


def check_upload(upload, *, max_bytes, kinds=None, noun="文件", field="file"):
    """(kind, sha256) of an uploaded file whose whole content is one of the allowed `kinds`
    (default: every kind of TYPES) with a matching extension, or a ValidationError naming
    `field`."""
    kinds = kinds or tuple(TYPES)
    if upload.size > max_bytes:
        raise ValidationError({field: f"{noun}不能超过 {max_bytes // (1024 * 1024)} MB。"})
    if upload.size == 0:
        raise ValidationError({field: f"{noun}是空文件。"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect_type(head, upload.name)
    if kind == "zip":
        kind = _zip_kind(upload)
    extension = os.path.splitext(upload.name)[1].lower()
    if kind is None or kind not in kinds:
        allowed = "、".join(TYPES[k][1] for k in kinds)
        raise ValidationError({field: f"不支持的文件类型。允许：{allowed}。"})
    if extension not in TYPES[kind][0]:
        raise ValidationError({field: f"文件内容是 {TYPES[kind][1]}，与扩展名“{extension or '无'}”不符。"})
    if not _well_formed(kind, upload):
        raise ValidationError({field: f"文件不是完整有效的 {TYPES[kind][1]} 文件（可能已损坏或是伪装的其他文件）。"})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind, digest.hexdigest()
