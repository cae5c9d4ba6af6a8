"""Excel export (masking per viewer, the salary read log), roster import (all or nothing, errors by
row and column) and the 干部任免审批表 PDF."""

import datetime
import io

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from office.masking import mask_id_number
from personnel.choices import AssessmentGrade, Rank
from personnel.export import ROSTER_HEADERS
from personnel.idnumbers import with_check_digit
from personnel.imports import roster_import
from personnel.models import Assessment, AssessmentRound, Person, SensitiveRead

from .factories import AppointmentFactory, PersonFactory, SalaryChangeFactory

pytestmark = pytest.mark.django_db


def sheet_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(content), read_only=True)
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def subject(handler, planning):
    person = PersonFactory(name="李承办", user=handler, department=planning, phone="13912345678")
    SalaryChangeFactory(person=person)
    return person


@pytest.mark.parametrize(("persona", "full"), [("hr", True), ("leader", False), ("administrator", False)])
def test_roster_export_masks_for_everyone_but_hr(client, request, subject, persona, full):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("personnel:roster_export"))
    rows = sheet_rows(response)
    assert rows[0] == ROSTER_HEADERS
    row = dict(zip(rows[0], rows[1], strict=True))
    if full:
        assert (row["公民身份号码"], row["联系电话"]) == (subject.citizen_id, "13912345678")
    else:
        assert row["公民身份号码"] == mask_id_number(subject.citizen_id)
        assert (row["联系电话"], row["出生日期"]) == ("139****5678", "1985年")


def test_the_person_exports_their_own_salary_unlogged_and_hrs_export_is_logged(client, hr, handler, subject):
    client.force_login(handler)
    rows = sheet_rows(client.get(reverse("personnel:salary_export")))
    assert rows[1][-2] == "5800.00"
    assert not SensitiveRead.objects.exists()
    client.force_login(hr)
    rows = sheet_rows(client.get(reverse("personnel:salary_export")))
    assert rows[1][-2] == "5800.00"
    assert list(SensitiveRead.objects.values_list("viewer", "person", "via")) == [(hr.pk, subject.pk, "export")]


def test_a_leader_exports_no_salary_rows(client, leader, subject):
    client.force_login(leader)
    assert len(sheet_rows(client.get(reverse("personnel:salary_export")))) == 1


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "出生日期", "公民身份号码", "编制", "科室", "职级", "政治面貌"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("花名册.xlsx", out.getvalue())


def test_roster_import_writes_every_row(hr, planning):
    upload = workbook([
        ["张一", "男", datetime.date(1990, 1, 2), with_check_digit("32010219900102001"), "行政编", "规划科",
         "一级主任科员", "中共党员"],
        ["王二", "女", "1992-03-04", with_check_digit("32010219920304002"), "事业编", "", "", "群众"],
    ])  # fmt: skip
    assert roster_import(actor=hr, upload=upload) == 2
    first = Person.objects.get(name="张一")
    assert (first.department, first.rank, first.political_status) == (planning, Rank.PRINCIPAL_1, "01")
    assert first.history.get().history_user == hr


def test_roster_import_with_a_bad_row_writes_nothing_and_names_row_and_column(client, hr, planning):
    good = with_check_digit("32010219900102001")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    upload = workbook([
        ["张一", "男", "1990-01-02", good, "行政编", "规划科", "", ""],
        ["王二", "女", "1990-01-02", bad, "行政编", "", "", ""],
        ["赵三", "男", "1991-05-06", with_check_digit("32010219910506003"), "编外", "不存在科", "", ""],
        ["钱四", "男", "1990-01-02", good, "行政编", "", "", ""],
    ])  # fmt: skip
    client.force_login(hr)
    response = client.post(reverse("personnel:roster_import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 400
    assert "第3行，公民身份号码：公民身份号码校验码不正确" in body
    assert "第4行，编制：" in body and "第4行，科室：没有名为“不存在科”的科室。" in body
    assert "第5行，公民身份号码：与第2行重复。" in body
    assert not Person.objects.exists()


def test_roster_import_is_hrs(client, leader):
    client.force_login(leader)
    assert client.get(reverse("personnel:roster_import")).status_code == 403


def test_appointment_form_pdf_is_filled_from_the_records(client, hr, leader):
    person = PersonFactory(name="钱进", post="规划科科长", rank=Rank.CHIEF, resume="2008.07—2015.03 规划科科员",
                           rewards="2023年度嘉奖")  # fmt: skip
    AppointmentFactory(person=person, post="规划科科长", reason="工作需要", previous_post="规划科副科长")
    assessment_round = AssessmentRound.objects.create(year=2024)
    Assessment.objects.create(round=assessment_round, person=person, grade=AssessmentGrade.EXCELLENT)
    client.force_login(hr)
    response = client.get(reverse("personnel:appointment_form_pdf", args=[person.pk]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as doc:
        text = "".join(page.extract_text() for page in doc.pages).replace(" ", "")
        assert len(doc.pages) == 1
    for expected in ["干部任免审批表", "钱进", "规划科科长", "2008.07—2015.03规划科科员", "2023年度嘉奖",
                     "2024年度考核优秀", "工作需要", "规划科副科长"]:  # fmt: skip
        assert expected in text
    client.force_login(leader)
    assert client.get(reverse("personnel:appointment_form_pdf", args=[person.pk])).status_code == 403


def test_round_results_export(client, hr, leader, planning_head):
    person = PersonFactory(name="考核人")
    assessment_round = AssessmentRound.objects.create(year=2024)
    Assessment.objects.create(round=assessment_round, person=person, grade=AssessmentGrade.EXCELLENT)
    client.force_login(leader)
    rows = sheet_rows(client.get(reverse("personnel:round_export", args=[assessment_round.pk])))
    assert rows[1][0] == "考核人" and rows[1][-1] == "优秀"
    client.force_login(planning_head)
    assert client.get(reverse("personnel:round_export", args=[assessment_round.pk])).status_code == 404
