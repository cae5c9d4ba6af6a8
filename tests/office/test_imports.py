"""Uploaded registers are checked before they are parsed (office/imports.py)."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from office.imports import read_register_rows


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("登记簿.xlsx", buffer.getvalue())


def _bomb(expanded_mb=300):
    """A valid-looking .xlsx whose sheet expands to `expanded_mb` MB of repeated cells."""
    good = zipfile.ZipFile(io.BytesIO(_xlsx([["标题"], ["a"]]).read()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in good.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaa</t></is></c></row>'
                namespace = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                head = b'<?xml version="1.0"?><worksheet xmlns="' + namespace + b'"><sheetData>'
                with package.open(item.filename, "w", force_zip64=True) as sheet:
                    sheet.write(head)
                    chunk = row * 16384
                    for _ in range(expanded_mb * 1024 * 1024 // len(chunk)):
                        sheet.write(chunk)
                    sheet.write(b"</sheetData></worksheet>")
            else:
                package.writestr(item, good.read(item.filename))
    return SimpleUploadedFile("bomb.xlsx", out.getvalue())


def test_a_register_is_read_row_by_row_with_its_row_numbers():
    upload = _xlsx([["标题", "份数"], ["关于防汛的通知", 3], [None, None], ["函", 1]])
    rows = read_register_rows(upload, required=["标题"], max_rows=10)
    assert rows == [(2, {"标题": "关于防汛的通知", "份数": 3}), (4, {"标题": "函", "份数": 1})]


def test_a_zip_bomb_is_refused_before_parsing_within_bounded_memory():
    bomb = _bomb()
    assert bomb.size < 2 * 1024 * 1024  # small on the wire, 300 MB inside
    tracemalloc.start()
    with pytest.raises(ValidationError) as error:
        read_register_rows(bomb, required=["标题"], max_rows=10)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "解压后过大" in str(error.value) or "压缩比异常" in str(error.value)
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not a spreadsheet"), "无法读取该文件"),
        (_xlsx([["份数"], [1]]), "缺少列：标题"),
        (_xlsx([["标题"]]), "没有数据行"),
        (_xlsx([["标题"], ["a"], ["b"], ["c"]]), "最多导入 2 行"),
    ],
)
def test_bad_files_are_refused_naming_the_reason(upload, message):
    with pytest.raises(ValidationError) as error:
        read_register_rows(upload, required=["标题"], max_rows=2)
    assert message in str(error.value.message_dict["file"])


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        read_register_rows(_xlsx([["标题"], ["a" * 5000]]), required=["标题"], max_rows=10)
    assert "文件过大" in str(error.value)
