"""Import of past years' registers: every row checked, errors by row and column, all or nothing."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from documents.models import IncomingDocument, OutgoingDocument
from documents.models.common import INCOMING_SEQUENCE, issuing_sequence
from documents.services.imports import incoming_import, outgoing_import
from office.numbering import last_serial

from .conftest import api

pytestmark = pytest.mark.django_db
LAST = timezone.localdate().year - 1
INCOMING_HEADER = [
    "收文编号",
    "收文时间",
    "来文单位",
    "来文字号",
    "标题",
    "文种",
    "密级",
    "紧急程度",
    "份数",
    "主办科室",
]


def xlsx(header, rows, name="登记簿.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def good_rows(planning):
    return [
        [
            f"收〔{LAST}〕1号",
            f"{LAST}-03-02 09:30",
            "省水利厅",
            "X水办〔2025〕3号",
            "关于做好春灌的通知",
            "通知",
            "非密",
            "平件",
            2,
            planning.name,
        ],
        [
            f"收〔{LAST}〕2号",
            datetime.datetime(LAST, 3, 5, 10, 0),
            "市政府办",
            "",
            "关于防汛的函",
            "函",
            "",
            "",
            None,
            "",
        ],
    ]


def test_a_clean_register_is_imported_with_history_and_the_counter_moves(clerk, planning):
    count = incoming_import(actor=clerk, upload=xlsx(INCOMING_HEADER, good_rows(planning)))
    assert count == 2
    first = IncomingDocument.objects.get(serial=1, year=LAST)
    assert first.lead_department == planning and first.copies == 2 and first.status == "done"
    assert first.history.get().history_user == clerk
    assert last_serial(INCOMING_SEQUENCE, LAST) == 2


def test_errors_are_reported_by_row_and_column_and_nothing_is_written(clerk, planning):
    rows = good_rows(planning)
    rows.append([f"收〔{LAST}〕2号", "昨天", "", "", "标题", "公函", "秘密", "", 0, "不存在科"])
    with pytest.raises(ValidationError) as error:
        incoming_import(actor=clerk, upload=xlsx(INCOMING_HEADER, rows))
    messages = error.value.message_dict["file"]
    assert "第4行，收文编号：与第3行重复。" in messages
    assert "第4行，收文时间：“昨天”不是有效时间（例如 2025-03-18 09:30）。" in messages
    assert "第4行，来文单位：不能为空。" in messages
    assert "第4行，文种：“公函”不是有效的文种。" in messages
    assert "第4行，保密期限：秘密及以上文件须填写保密期限。" in messages
    assert "第4行，份数：须为正整数。" in messages
    assert "第4行，主办科室：没有名为“不存在科”的科室。" in messages
    assert not any(m.startswith("第2行") or m.startswith("第3行") for m in messages)
    assert not IncomingDocument.objects.exists()


def test_this_year_and_existing_serials_are_refused(clerk, planning):
    incoming_import(actor=clerk, upload=xlsx(INCOMING_HEADER, good_rows(planning)[:1]))
    rows = [good_rows(planning)[0], [f"收〔{LAST + 1}〕1号", f"{LAST + 1}-01-05", "a", "", "b"]]
    with pytest.raises(ValidationError) as error:
        incoming_import(actor=clerk, upload=xlsx(INCOMING_HEADER, rows))
    messages = error.value.message_dict["file"]
    assert f"第2行，收文编号：收〔{LAST}〕1号已在系统中。" in messages
    assert any(m.startswith("第3行，收文编号：只能导入往年") for m in messages)
    assert IncomingDocument.objects.count() == 1


def test_a_missing_column_is_named(clerk):
    with pytest.raises(ValidationError) as error:
        incoming_import(actor=clerk, upload=xlsx(["收文编号", "标题"], [["x", "y"]]))
    assert error.value.message_dict["file"] == ["缺少列：收文时间、来文单位。请使用导出的登记簿格式。"]


def test_outgoing_import_gives_numbers_and_moves_the_sequence(clerk, planning, code):
    header = ["发文字号", "标题", "文种", "拟稿科室", "印发日期", "份数"]
    rows = [[f"X水发〔{LAST}〕7号", "关于印发年度计划的通知", "通知", planning.name, f"{LAST}-04-01", 30]]
    assert outgoing_import(actor=clerk, upload=xlsx(header, rows)) == 1
    doc = OutgoingDocument.objects.get()
    assert doc.document_number == f"X水发〔{LAST}〕7号" and doc.status == "dispatched"

    assert last_serial(issuing_sequence(code.pk), LAST) == 7
    bad = [[f"X水函〔{LAST}〕1号", "t", "通知", planning.name, ""]]
    with pytest.raises(ValidationError) as error:
        outgoing_import(actor=clerk, upload=xlsx(header, bad))
    messages = error.value.message_dict["file"]
    assert "第2行，发文字号：机关代字“X水函”不存在，请先由管理员添加。" in messages
    assert "第2行，印发日期：不能为空。" in messages


def test_the_api_answers_400_with_the_rows_and_the_handler_403(clerk, handler, planning):
    bad = xlsx(INCOMING_HEADER, [["收〔x〕", "", "", "", ""]])
    response = api(clerk).post("/api/v1/documents/incoming/import/", {"file": bad}, format="multipart")
    assert response.status_code == 400 and response.data["file"][0].startswith("第2行，收文编号")
    good = xlsx(INCOMING_HEADER, good_rows(planning))
    assert (
        api(handler).post("/api/v1/documents/incoming/import/", {"file": good}, format="multipart").status_code == 403
    )
    good = xlsx(INCOMING_HEADER, good_rows(planning))
    response = api(clerk).post("/api/v1/documents/incoming/import/", {"file": good}, format="multipart")
    assert response.status_code == 201 and response.data == {"created": 2}


def test_the_import_page_lists_the_problems(client, clerk):
    client.force_login(clerk)
    bad = xlsx(INCOMING_HEADER, [["收〔x〕", "", "", "", ""]])
    response = client.post(reverse("documents:import"), {"register": "incoming", "file": bad})
    assert response.status_code == 400
    assert "第2行，收文编号：格式应为 收〔2025〕12号。" in response.content.decode()


def test_figures_beyond_the_columns_range_are_row_errors_not_a_500(clerk, planning):
    rows = good_rows(planning)
    rows[0][8] = 10**12  # 份数
    rows[1][0] = f"收〔{LAST}〕99999999999号"  # a serial beyond the integer column
    rows.append(["收〔1800〕3号", f"{LAST}-03-05 10:00", "市政府办", "", "关于防汛的函", "函", "", "", 1.5, ""])
    with pytest.raises(ValidationError) as error:
        incoming_import(actor=clerk, upload=xlsx(INCOMING_HEADER, rows))
    messages = error.value.message_dict["file"]
    assert "第2行，份数：不能超过32767（填写的是1000000000000）。" in messages
    assert "第3行，收文编号：序号不能超过2147483647（填写的是99999999999）。" in messages
    assert "第4行，收文编号：年度须在1949年及以后。" in messages
    assert "第4行，份数：须为正整数。" in messages
    assert not IncomingDocument.objects.exists()


def test_outgoing_figures_beyond_range_and_the_api_answers_400(clerk, planning, code):
    header = ["发文字号", "标题", "文种", "拟稿科室", "印发日期", "份数"]
    rows = [
        [f"X水发〔{LAST}〕99999999999号", "关于印发年度计划的通知", "通知", planning.name, f"{LAST}-04-01", 30],
        [f"X水发〔{LAST}〕8号", "关于印发年度计划的通知", "通知", planning.name, f"{LAST}-04-01", 10**12],
    ]
    response = api(clerk).post("/api/v1/documents/outgoing/import/", {"file": xlsx(header, rows)}, format="multipart")
    assert response.status_code == 400
    assert "第2行，发文字号：序号不能超过2147483647（填写的是99999999999）。" in response.data["file"]
    assert "第3行，份数：不能超过2147483647（填写的是1000000000000）。" in response.data["file"]
    assert not OutgoingDocument.objects.exists()
