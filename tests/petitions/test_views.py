import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from petitions import services
from petitions.choices import PetitionStatus
from petitions.models import DutyAssignment, DutySwap, Patrol, Petition, Reception

from .factories import days_ago, id_number, person, reception, register

pytestmark = pytest.mark.django_db

ID = id_number(4321)
PHONE = "13912345678"


@pytest.fixture
def petition(petitions_officer):
    return register(petitions_officer, days_ago(3), petitioners=[person("欧阳明", id_number=ID, phone=PHONE)])


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "name",
    ["petitions:petition_list", "petitions:reception_list", "petitions:duty_list", "petitions:patrol_list"],
)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status", "full"),
    [
        ("petitions_officer", 200, True),
        ("leader", 200, True),
        ("administrator", 200, False),
        ("handler", 404, False),
        ("outsider", 404, False),
    ],
)
def test_who_sees_a_petition_and_its_personal_data(client, request, petition, persona, status, full):
    response = as_user(client, request.getfixturevalue(persona)).get(
        reverse("petitions:petition_detail", args=[petition.pk])
    )
    assert response.status_code == status
    if status == 200:
        page = response.text
        assert (ID in page) == full and (PHONE in page) == full
        if not full:
            assert "3201**********4321" in page and "139****5678" in page and "欧**" in page


def test_an_assigned_department_sees_the_petition_masked(client, petitions_officer, handler, petition):
    services.petition_assign(
        actor=petitions_officer, petition=petition, on=days_ago(0), department=handler.department, handler=handler
    )
    page = as_user(client, handler).get(reverse("petitions:petition_detail", args=[petition.pk])).text
    assert ID not in page and "3201**********4321" in page
    assert "答复" not in page.split("您对该记录当前没有可执行的操作")[0][-10:]  # no steps offered


def test_register_through_the_page(client, petitions_officer):
    response = as_user(client, petitions_officer).post(
        reverse("petitions:petition_create"),
        {
            "channel": "visit",
            "received_on": timezone.localdate().isoformat(),
            "persons": "5",
            "subject": "rivers",
            "title": "反映河道非法采砂",
            "content": "夜间有船只采砂。",
            "petitioners": f"赵六，{id_number(11)}，13900001111，本市城关镇\n钱七",
        },
    )
    petition = Petition.objects.get()
    assert response.status_code == 302 and response.url == reverse("petitions:petition_detail", args=[petition.pk])
    assert petition.persons == 5 and petition.petitioners.count() == 2
    assert petition.history.first().history_user == petitions_officer


def test_a_step_outside_its_window_shows_the_rule_on_the_form(client, petitions_officer):
    petition = register(petitions_officer, days_ago(16))
    response = as_user(client, petitions_officer).post(
        reverse("petitions:petition_action", args=[petition.pk, "accept"]),
        {"accept-on": timezone.localdate().isoformat(), "accept-note": ""},
    )
    assert response.status_code == 400
    assert "15日内" in response.text
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED


def test_accept_through_the_page(client, petitions_officer, petition):
    response = as_user(client, petitions_officer).post(
        reverse("petitions:petition_action", args=[petition.pk, "accept"]),
        {"accept-on": timezone.localdate().isoformat(), "accept-note": "予以受理"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ACCEPTED
    assert petition.history.first().history_change_reason == "受理"


def test_leader_may_see_but_not_accept(client, leader, petition):
    response = as_user(client, leader).post(
        reverse("petitions:petition_action", args=[petition.pk, "accept"]),
        {"accept-on": timezone.localdate().isoformat()},
    )
    assert response.status_code in (400, 403)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED


def test_the_register_shows_the_clock_overdue_in_red(client, petitions_officer):
    register(petitions_officer, days_ago(20))
    page = as_user(client, petitions_officer).get(reverse("petitions:petition_list")).text
    assert "已逾期5天" in page and "text-danger" in page


def _petitions(officer, n):
    for i in range(n):
        register(officer, days_ago(i % 10), petitioners=[person(f"张{i}"), person(f"李{i}")])


@pytest.mark.parametrize(
    "name", ["petitions:petition_list", "petitions:reception_list", "petitions:patrol_list", "petitions:duty_list"]
)
def test_registers_cost_the_same_for_2_and_20_rows(client, petitions_officer, clerk, leader, handler, name):
    as_user(client, leader if name != "petitions:petition_list" else petitions_officer)
    counts = []
    for total in (2, 20):
        while Petition.objects.count() < total:
            register(petitions_officer, days_ago(Petition.objects.count() % 10), petitioners=[person(), person("李四")])
        while Reception.objects.count() < total:
            reception(clerk, visitors=3)
        while Patrol.objects.count() < total:
            services.patrol_record(
                actor=clerk, date=days_ago(0), areas="办公楼", hazard="灭火器过期", owner=handler, deadline=days_ago(-3)
            )
        first = timezone.localdate().replace(day=1)
        services.duty_generate(
            actor=clerk,
            first=first,
            last=first + datetime.timedelta(days=total - 1),
            leaders=[leader],
            staff=[clerk, handler],
        )
        client.get(reverse(name))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_export_masks_for_the_administrator_and_not_for_the_officer(client, petition, petitions_officer, administrator):
    for user, full in ((petitions_officer, True), (administrator, False)):
        response = as_user(client, user).get(reverse("petitions:petition_export"))
        assert response.status_code == 200, response.content[:300]
        assert response["Content-Type"].startswith("application/vnd")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = load_workbook(io.BytesIO(body)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "信访编号"
        assert (rows[1][5] == ID) == full
        if not full:
            assert rows[1][5] == "3201**********4321" and rows[1][6] == "139****5678"


def test_reception_export_and_pages(client, clerk, leader):
    r = reception(clerk, visitors=12, companions=4)
    page = as_user(client, leader).get(reverse("petitions:reception_detail", args=[r.pk]))
    assert page.status_code == 200 and "上限4人" in page.text
    response = client.post(
        reverse("petitions:reception_action", args=[r.pk, "approve"]), {"approve-on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.approved_by == leader
    response = client.get(reverse("petitions:reception_export"))
    assert response.status_code == 200


def test_reception_create_without_letter_refused_on_the_form(client, clerk):
    start = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = as_user(client, clerk).post(
        reverse("petitions:reception_create"),
        {
            "kind": "routine",
            "visiting_unit": "省水利厅",
            "purpose": "调研",
            "start_date": start,
            "end_date": start,
            "place": "局机关",
            "visitors": "张三，处长",
            "meal_companions": "0",
            "cost": "0",
        },
    )
    assert response.status_code == 400 and "没有公函不予接待" in response.text
    assert not Reception.objects.exists()


def test_handler_cannot_see_receptions(client, handler):
    assert as_user(client, handler).get(reverse("petitions:reception_list")).status_code == 403


def test_home_page_shows_the_next_duty(client, clerk, leader, handler):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.duty_generate(actor=clerk, first=tomorrow, last=tomorrow, leaders=[leader], staff=[handler])
    page = as_user(client, handler).get(reverse("home")).text
    assert "您的下一次值班" in page and f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日" in page


def test_swap_request_and_approval_through_the_pages(client, clerk, leader, handler, planning_head):
    first = timezone.localdate() + datetime.timedelta(days=2)
    services.duty_generate(actor=clerk, first=first, last=first, leaders=[leader], staff=[handler])
    assignment = DutyAssignment.objects.get(person=handler)
    response = as_user(client, handler).post(
        reverse("petitions:duty_swap_create", args=[assignment.pk]),
        {"substitute": planning_head.pk, "reason": "出差"},
    )
    assert response.status_code == 302
    swap = DutySwap.objects.get()
    assert client.post(reverse("petitions:duty_swap_action", args=[swap.pk, "approve"])).status_code == 403
    response = as_user(client, clerk).post(reverse("petitions:duty_swap_action", args=[swap.pk, "approve"]))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.person == planning_head


def test_duty_log_on_the_day_page(client, clerk, leader, handler, other_handler):
    today = timezone.localdate()
    [day] = services.duty_generate(actor=clerk, first=today, last=today, leaders=[leader], staff=[handler])
    data = {
        "do": "log",
        "log-occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "log-kind": "call",
        "log-content": "来电",
    }
    assert as_user(client, other_handler).post(reverse("petitions:duty_day", args=[day.pk]), data).status_code == 403
    assert as_user(client, handler).post(reverse("petitions:duty_day", args=[day.pk]), data).status_code == 302
    assert day.logs.count() == 1


def test_reception_cites_an_incoming_letter_by_its_serial(client, clerk):
    from tests.documents.factories import IncomingFactory

    letter = IncomingFactory(sender="省水利厅", created_by=clerk)
    start = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    data = {
        "kind": "routine",
        "visiting_unit": "省水利厅",
        "purpose": "调研",
        "start_date": start,
        "end_date": start,
        "place": "局机关",
        "visitors": "张三，处长\n李四，科长",
        "has_meals": "on",
        "meal_companions": "2",
        "cost": "360.00",
        "letter_serial": "不存在的编号",
    }
    response = as_user(client, clerk).post(reverse("petitions:reception_create"), data)
    assert response.status_code == 400 and "未找到收文编号" in response.text
    data["letter_serial"] = letter.serial_number
    response = client.post(reverse("petitions:reception_create"), data)
    assert response.status_code == 302
    created = Reception.objects.get()
    assert created.letter_document == letter and created.visitors.count() == 2 and str(created.cost) == "360.00"


def test_the_register_filters_overdue_clocks(client, petitions_officer):
    late = register(petitions_officer, days_ago(20), title="逾期的事项")
    register(petitions_officer, days_ago(1), title="未逾期的事项")
    page = as_user(client, petitions_officer).get(reverse("petitions:petition_list") + "?clock=overdue").text
    assert late.number in page and "未逾期的事项" not in page


def test_reception_list_through_the_page_sums_to_the_cost(client, clerk):
    start = timezone.localdate() + datetime.timedelta(days=5)
    data = {
        "kind": "inspection",
        "event_name": "水利部考察组",
        "visiting_unit": "水利部",
        "purpose": "考察",
        "start_date": start.isoformat(),
        "end_date": start.isoformat(),
        "place": "局机关",
        "visitors": "\n".join(f"来宾{i}，司长" for i in range(12)),
        "has_meals": "on",
        "meal_companions": "4",
        "cost": "0",
        "letter_scan": SimpleUploadedFile("公函.pdf", _pdf(), content_type="application/pdf"),
        "items": f"{start}，用餐，工作餐，机关食堂，1920.00\n{start}，会议座谈，座谈会，三楼会议室，0.50",
    }
    response = as_user(client, clerk).post(reverse("petitions:reception_create"), data)
    assert response.status_code == 302, response.text
    created = Reception.objects.get()
    assert str(created.cost) == "1920.50" and created.items.count() == 2 and created.meal_companions == 4


def test_duty_export(client, clerk, leader, handler):
    first = timezone.localdate().replace(day=1)
    services.duty_generate(
        actor=clerk, first=first, last=first + datetime.timedelta(days=2), leaders=[leader], staff=[handler]
    )
    response = as_user(client, handler).get(
        reverse("petitions:duty_export") + f"?year={first.year}&month={first.month}"
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("日期", "星期", "节假日", "带班领导", "值班人员")
    assert len(rows) == 4 and rows[1][3] == leader.name and rows[1][4] == handler.name


def test_the_page_links_a_petition_to_the_same_facts(client, petitions_officer):
    earlier = register(petitions_officer, days_ago(1))
    data = {
        "channel": "letter",
        "received_on": timezone.localdate().isoformat(),
        "subject": "other",
        "title": "再次反映",
        "content": "同一事项。",
        "petitioners": "赵六",
        "same_facts_number": "信〔1999〕9999号",
    }
    response = as_user(client, petitions_officer).post(reverse("petitions:petition_create"), data)
    assert response.status_code == 400 and "未找到该信访编号" in response.text
    data["same_facts_number"] = earlier.number
    assert client.post(reverse("petitions:petition_create"), data).status_code == 302
    assert Petition.objects.get(title="再次反映").same_facts_as == earlier


def _pdf():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_reception_letter_that_is_not_a_whole_pdf_is_refused(client, clerk):
    from petitions.models import Reception

    start = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "visiting_unit": "省水利厅",
        "purpose": "检查",
        "start_date": start.isoformat(),
        "end_date": start.isoformat(),
        "place": "局机关",
        "visitors": "来宾1，处长",
        "kind": "inspection",
        "meal_companions": "0",
        "cost": "0",
        "letter_scan": SimpleUploadedFile("公函.pdf", b"%PDF-1.4\nMZ" + b"\x00" * 100, content_type="application/pdf"),
    }
    response = as_user(client, clerk).post(reverse("petitions:reception_create"), data)
    assert response.status_code == 400
    assert "不是完整有效的 PDF" in str(response.context["form"].errors), response.context["form"].errors
    assert not Reception.objects.exists()
