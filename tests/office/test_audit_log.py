"""The security audit log: what is recorded (logins, failures, logouts, refusals, exports,
classified refusals and reads, downloads, tokens, the second factor), that nobody can change or
delete it, that only rows past the retention are pruned, and the administrator's search page."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from rest_framework.test import APIClient

from documents.choices import Classification
from documents.services import incoming as incoming_services
from office.models import AuditEvent
from office.models.audit import AuditLogImmutable
from office.services.audit_log import audit, audit_prune
from tests.factories import DEFAULT_PASSWORD
from tests.office.test_otp import a_wrong_code, code_for, enrol

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


def kinds(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("kind", flat=True))


def last(kind):
    return AuditEvent.objects.filter(kind=kind).order_by("-id").first()


def signed_in_as(user):
    client = Client()
    client.force_login(user)
    return client


# ---- what is recorded -----------------------------------------------------------------------


def test_login_failure_and_logout_are_recorded_with_the_address(handler):
    client = Client()
    client.post(LOGIN, {"username": "handler", "password": "wrong-password"}, REMOTE_ADDR="10.1.2.3")
    failure = last(AuditEvent.LOGIN_FAILED)
    assert failure.username == "handler" and failure.user is None and failure.address == "10.1.2.3"
    client.post(LOGIN, {"username": "handler", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.1.2.3")
    login = last(AuditEvent.LOGIN)
    assert login.user == handler and login.address == "10.1.2.3" and login.path == LOGIN
    client.post("/accounts/logout/", REMOTE_ADDR="10.1.2.3")
    assert last(AuditEvent.LOGOUT).user == handler


def test_a_failure_for_an_unknown_name_is_recorded_with_the_name_typed(db):
    Client().post(LOGIN, {"username": "nobody", "password": "x"}, REMOTE_ADDR="127.0.0.1")
    assert last(AuditEvent.LOGIN_FAILED).username == "nobody"


def test_the_lockout_is_recorded(handler, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        Client().post(LOGIN, {"username": "handler", "password": "wrong"}, REMOTE_ADDR="127.0.0.1")
    assert last(AuditEvent.LOCKED).username == "handler"


def test_a_refused_page_and_a_refused_api_call_are_recorded(handler, clerk):
    import datetime

    from tests.factories import SupervisedItemFactory

    response = signed_in_as(handler).get(reverse("supervision:create"))
    assert response.status_code == 403
    denied = last(AuditEvent.DENIED)
    assert denied.user == handler and denied.path == reverse("supervision:create")
    assert "督办立项" in denied.detail

    api = APIClient()
    api.force_authenticate(handler)
    item = SupervisedItemFactory(
        responsible=handler,
        owner_department=handler.department,
        created_by=clerk,
        start_date=datetime.date(2025, 10, 9),
        deadline=datetime.date(2025, 10, 31),
    )
    url = f"/api/v1/supervision/items/{item.pk}/void/"
    before = AuditEvent.objects.filter(kind=AuditEvent.DENIED).count()
    assert api.post(url, {"reason": "x"}, format="json").status_code == 403
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED).count() == before + 1
    assert last(AuditEvent.DENIED).path == url and last(AuditEvent.DENIED).user == handler


def test_an_export_is_recorded_with_its_rows_and_conditions(administrator):
    audit(AuditEvent.LOGOUT, user=administrator)
    response = signed_in_as(administrator).get(reverse("audit:export"), {"kind": "logout"})
    assert response.status_code == 200
    export = last(AuditEvent.EXPORT)
    assert export.user == administrator and export.target == "审计日志"
    assert "1 行" in export.detail and "kind=logout" in export.detail


def test_classified_reads_and_refusals_are_recorded(clerk, handler, planning):
    document = incoming_services.incoming_receive(
        actor=clerk,
        sender="市国家保密局",
        sender_number="X保发〔2026〕3号",
        title="关于开展保密检查的通知",
        classification=Classification.SECRET,
        secrecy_period="1y",
    )
    assert signed_in_as(clerk).get(reverse("documents:incoming_detail", args=[document.pk])).status_code == 200
    read = last(AuditEvent.SENSITIVE_READ)
    assert read.user == clerk and f"#{document.pk}" in read.target and "秘密" in read.target
    assert "保密检查" not in read.target  # the log never holds a classified title
    assert "有涉密权限" in read.detail

    api = APIClient()
    api.force_authenticate(clerk)
    assert api.get(f"/api/v1/documents/incoming/{document.pk}/").status_code == 200
    assert last(AuditEvent.SENSITIVE_READ).detail.startswith("接口读取详情")
    assert signed_in_as(clerk).get(reverse("documents:incoming_slip", args=[document.pk])).status_code == 200
    assert last(AuditEvent.SENSITIVE_READ).detail.startswith("打印收文处理笺")

    # An ordinary document is not a sensitive read.
    plain = incoming_services.incoming_receive(actor=clerk, sender="市水利局", title="关于防汛的通知")
    count = AuditEvent.objects.filter(kind=AuditEvent.SENSITIVE_READ).count()
    signed_in_as(clerk).get(reverse("documents:incoming_detail", args=[plain.pk]))
    assert AuditEvent.objects.filter(kind=AuditEvent.SENSITIVE_READ).count() == count


def test_a_refused_classified_attachment_is_recorded(clerk):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.services.attachments import attachment_add

    document = incoming_services.incoming_receive(
        actor=clerk, sender="市国家保密局", title="涉密通知", classification=Classification.SECRET, secrecy_period="1y"
    )
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    with pytest.raises(ValidationError):
        attachment_add(actor=clerk, document=document, upload=upload)
    refused = last(AuditEvent.CLASSIFIED_REFUSED)
    assert refused.user == clerk and f"#{document.pk}" in refused.target


def test_token_issue_and_revoke_are_recorded(handler):
    response = APIClient().post(TOKEN, {"username": "handler", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="127.0.0.1")
    issued = last(AuditEvent.TOKEN_ISSUED)
    assert issued.user == handler and issued.address == "127.0.0.1"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert client.delete(f"/api/v1/auth/tokens/{response.data['id']}/").status_code == 204
    revoked = last(AuditEvent.TOKEN_REVOKED)
    assert revoked.user == handler and revoked.target == issued.target


def test_otp_enrolment_and_a_wrong_code_are_recorded(leader):
    client = Client()
    client.post(LOGIN, {"username": "leader", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="127.0.0.1")
    client.get(reverse("otp_enrol"))
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    client.post(reverse("otp_enrol"), {"code": code_for(device)}, REMOTE_ADDR="127.0.0.1")
    assert last(AuditEvent.OTP_ENROLLED).user == leader
    assert last(AuditEvent.LOGIN).user == leader


def test_a_wrong_code_at_enrolment_is_recorded_and_is_not_a_wrong_password(leader):
    client = Client()
    client.post(LOGIN, {"username": "leader", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="127.0.0.1")
    client.get(reverse("otp_enrol"))
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    client.post(reverse("otp_enrol"), {"code": a_wrong_code(device)}, REMOTE_ADDR="127.0.0.1")
    assert last(AuditEvent.OTP_FAILED).username == "leader"
    assert not AuditEvent.objects.filter(kind__in=[AuditEvent.LOGIN_FAILED, AuditEvent.OTP_ENROLLED]).exists()


def test_a_wrong_code_at_the_login_step_is_recorded(leader):
    device, _codes = enrol(leader)
    client = Client()
    client.post(LOGIN, {"username": "leader", "password": DEFAULT_PASSWORD}, REMOTE_ADDR="127.0.0.1")
    client.post(reverse("otp_verify"), {"code": a_wrong_code(device)}, REMOTE_ADDR="127.0.0.1")
    assert kinds() == [AuditEvent.OTP_FAILED]


def test_an_unwritable_event_is_logged_and_the_request_goes_on(handler, caplog, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("django.db.models.Model.save_base", refuse)
    with caplog.at_level("ERROR", logger="office.audit"):
        assert audit(AuditEvent.LOGIN, user=handler, detail="x") is None
    assert "Audit event not stored: kind=login user=handler" in caplog.text


def test_a_failed_write_inside_a_transaction_leaves_the_transaction_usable(handler, monkeypatch, caplog):
    # The database refuses the row (an address the inet column cannot hold) inside the caller's
    # transaction: the savepoint is rolled back, the caller's work goes on.
    from django.test import RequestFactory

    monkeypatch.setattr("office.services.audit_log._address", lambda request: "not-an-address")
    with transaction.atomic():
        with caplog.at_level("ERROR", logger="office.audit"):
            assert audit(AuditEvent.LOGIN, user=handler, request=RequestFactory().get("/")) is None
        handler.name = "新名字"
        handler.save(update_fields=["name"])
    handler.refresh_from_db()
    assert handler.name == "新名字" and not AuditEvent.objects.exists()


def test_one_event_is_one_insert(handler):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        audit(AuditEvent.LOGIN, user=handler, detail="x" * 2000)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # Inside the test's transaction the INSERT is wrapped in a savepoint; nothing else is read.
    assert statements.count("INSERT") == 1 and "SELECT" not in statements
    assert len(AuditEvent.objects.get().detail) == 500


# ---- never changed, kept for the retention ---------------------------------------------------


def test_an_event_cannot_be_changed_or_deleted(handler):
    event = audit(AuditEvent.LOGIN, user=handler)
    event.detail = "changed"
    with pytest.raises(AuditLogImmutable):
        event.save()
    with pytest.raises(AuditLogImmutable):
        event.delete()
    with pytest.raises(AuditLogImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    with pytest.raises(AuditLogImmutable):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_an_update_and_an_early_delete(handler):
    event = audit(AuditEvent.LOGIN, user=handler)
    for sql in (
        "UPDATE office_auditevent SET detail = 'x' WHERE id = %s",
        "DELETE FROM office_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="office_auditevent"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, detail="").exists()


def test_the_prune_removes_only_rows_past_the_retention(handler, settings):
    now = timezone.now()
    old = AuditEvent.objects.create(kind=AuditEvent.LOGIN, user=handler, at=now - timedelta(days=200))
    kept = AuditEvent.objects.create(kind=AuditEvent.LOGIN, user=handler, at=now - timedelta(days=179))
    settings.AUDIT_RETENTION_DAYS = 365
    assert audit_prune() == 0
    settings.AUDIT_RETENTION_DAYS = 180
    assert audit_prune() == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    # A setting below the legal minimum is not applied.
    settings.AUDIT_RETENTION_DAYS = 30
    assert audit_prune() == 0
    assert AuditEvent.objects.filter(pk=kept.pk).exists()


def test_a_retention_below_180_days_fails_the_system_check(settings):
    from office.apps import check_audit_retention

    settings.AUDIT_RETENTION_DAYS = 90
    assert [e.id for e in check_audit_retention()] == ["office.E001"]
    settings.AUDIT_RETENTION_DAYS = 180
    assert check_audit_retention() == []


def test_the_admin_is_read_only_even_for_a_superuser(db, django_user_model):
    boss = django_user_model.objects.create_superuser("root", password="Xx-secret-2026", name="超级管理员")
    event = audit(AuditEvent.LOGIN, user=boss)
    client = signed_in_as(boss)
    assert client.get(reverse("admin:office_auditevent_changelist")).status_code == 200
    page = client.get(reverse("admin:office_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get(reverse("admin:office_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:office_auditevent_delete", args=[event.pk])).status_code == 403
    response = client.post(
        reverse("admin:office_auditevent_changelist"), {"action": "delete_selected", "_selected_action": [event.pk]}
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert response.status_code in (200, 302)


# ---- the administrator's search -----------------------------------------------------------------


def test_only_the_administrator_searches_the_log(administrator, clerk, leader):
    url = reverse("audit:list")
    assert signed_in_as(administrator).get(url).status_code == 200
    for user in (clerk, leader):
        assert signed_in_as(user).get(url).status_code == 403
        assert signed_in_as(user).get(reverse("audit:export")).status_code == 403


def test_the_search_by_person_kind_dates_and_text(administrator, handler, clerk):
    now = timezone.now()
    AuditEvent.objects.create(kind=AuditEvent.LOGIN, user=handler, username="handler", at=now - timedelta(days=10))
    AuditEvent.objects.create(kind=AuditEvent.EXPORT, user=clerk, username="clerk", target="收文登记簿", at=now)
    AuditEvent.objects.create(kind=AuditEvent.LOGIN_FAILED, username="ghost", address="10.9.9.9", at=now)
    client = signed_in_as(administrator)

    def found(**params):
        response = client.get(reverse("audit:list"), params)
        assert response.status_code == 200
        return sorted(e.username for e in response.context["page"])

    assert found(person="handl") == ["handler"]
    assert found(person="王文书") == ["clerk"]  # by the person's name too
    assert found(kind="export") == ["clerk"]
    today = timezone.localdate()
    assert found(
        date_from=(today - timedelta(days=11)).isoformat(), date_to=(today - timedelta(days=9)).isoformat()
    ) == ["handler"]
    assert found(q="登记簿") == ["clerk"]
    assert found(q="10.9.9.9") == ["ghost"]
    bad = client.get(reverse("audit:list"), {"date_from": "2026-13-01"})
    assert bad.status_code == 400 and "日期不存在：一年只有12个月，没有13月。" in bad.content.decode()


def test_the_export_holds_the_rows_found(administrator, handler):
    AuditEvent.objects.create(kind=AuditEvent.LOGIN, user=handler, username="handler", detail="=cmd|' /C calc'!A0")
    AuditEvent.objects.create(kind=AuditEvent.LOGOUT, user=handler, username="handler")
    response = signed_in_as(administrator).get(reverse("audit:export"), {"kind": "login", "person": "handler"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "事件", "用户名")
    assert [r[1] for r in rows[1:]] == ["登录"]
    assert rows[1][6].startswith("'=")  # formula-safe


def test_the_list_has_a_flat_query_count(administrator, handler, django_assert_max_num_queries):
    from tests.access import assert_flat_queries

    def make(n):
        for _ in range(n):
            AuditEvent.objects.create(kind=AuditEvent.LOGIN, user=handler, username="handler")

    assert_flat_queries(signed_in_as(administrator), reverse("audit:list"), make)


def test_unmasked_personal_data_reads_are_recorded(hr, handler, petitions_officer, clerk):
    from tests.personnel.factories import PersonFactory
    from tests.petitions.factories import register

    person = PersonFactory(name="赵六")
    url = reverse("personnel:person_detail", args=[person.pk])
    assert signed_in_as(hr).get(url).status_code == 200
    read = last(AuditEvent.SENSITIVE_READ)
    assert read.user == hr and read.target == f"人员 赵六（#{person.pk}）"
    api = APIClient()
    api.force_authenticate(hr)
    assert api.get(f"/api/v1/personnel/people/{person.pk}/").status_code == 200
    assert last(AuditEvent.SENSITIVE_READ).detail == "接口读取人员档案"

    petition = register(petitions_officer)
    assert (
        signed_in_as(petitions_officer).get(reverse("petitions:petition_detail", args=[petition.pk])).status_code == 200
    )
    assert last(AuditEvent.SENSITIVE_READ).target == f"信访事项 {petition.number}（#{petition.pk}）"
    # Masked views are not sensitive reads.
    count = AuditEvent.objects.filter(kind=AuditEvent.SENSITIVE_READ).count()
    clerk_api = APIClient()
    clerk_api.force_authenticate(clerk)
    clerk_api.get(f"/api/v1/personnel/people/{person.pk}/")
    assert AuditEvent.objects.filter(kind=AuditEvent.SENSITIVE_READ).count() == count


# ---- changes in the Django admin, export downloads, one lockout event -------------------------


@pytest.fixture
def root(db, django_user_model):
    return django_user_model.objects.create_superuser("root", password="Xx-secret-2026", name="超级管理员")


def test_an_add_a_change_and_a_delete_in_the_admin_are_recorded(root, handler):
    from office.models import Department, Notification

    client = signed_in_as(root)
    form = {"name": "法规科", "code": "fagui", "archive_code": "FG", "kind": "section", "sort_order": 100}
    assert client.post(reverse("admin:office_department_add"), {**form, "is_active": "on"}).status_code == 302
    department = Department.objects.get(code="fagui")
    added = last(AuditEvent.ADMIN_ADDED)
    assert added.user == root and added.target == f"科室/单位 法规科（#{department.pk}）"
    assert added.path == reverse("admin:office_department_add")

    url = reverse("admin:office_department_change", args=[department.pk])
    assert client.post(url, {**form, "name": "法规审查科", "sort_order": 5}).status_code == 302  # is_active off
    changed = last(AuditEvent.ADMIN_CHANGED)
    assert changed.target == f"科室/单位 法规审查科（#{department.pk}）"
    assert "名称" in changed.detail and "排序" in changed.detail and "启用" in changed.detail
    assert "代码" not in changed.detail

    notes = [Notification.objects.create(recipient=handler, title=f"通知{i}") for i in range(3)]
    client.post(reverse("admin:office_notification_delete", args=[notes[0].pk]), {"post": "yes"})
    assert last(AuditEvent.ADMIN_DELETED).target == f"通知 通知0（#{notes[0].pk}）"
    # Several at once (the delete_selected action) are one event each.
    client.post(
        reverse("admin:office_notification_changelist"),
        {"action": "delete_selected", "_selected_action": [notes[1].pk, notes[2].pk], "post": "yes"},
    )
    assert not Notification.objects.exists()
    targets = AuditEvent.objects.filter(kind=AuditEvent.ADMIN_DELETED).values_list("target", flat=True)
    assert sorted(targets) == sorted(f"通知 {n.title}（#{n.pk}）" for n in notes)


def test_an_admin_entry_on_a_classified_document_never_names_its_title(root, clerk):
    from django.contrib.admin.models import CHANGE, LogEntry

    document = incoming_services.incoming_receive(
        actor=clerk,
        sender="市国家保密局",
        title="关于保密检查的通知",
        classification=Classification.SECRET,
        secrecy_period="1y",
    )
    LogEntry.objects.log_actions(root.pk, [document], CHANGE, [{"changed": {"fields": ["备注"]}}], single_object=True)
    event = last(AuditEvent.ADMIN_CHANGED)
    assert f"#{document.pk}" in event.target and "秘密" in event.target
    assert "保密检查" not in event.target and "备注" in event.detail


def test_the_admin_event_kinds_are_in_the_search_filter(administrator):
    response = signed_in_as(administrator).get(reverse("audit:list"))
    for label in ("后台新增", "后台修改", "后台删除", "下载导出文件"):
        assert label in response.content.decode()


def test_downloading_a_background_export_is_recorded(clerk):
    from django.core.files.base import ContentFile

    from office.models import RegisterExport

    job = RegisterExport(
        requested_by=clerk, register="office.export.AUDIT_LOG", title="审计日志", status="done", rows=42
    )
    job.file.save("supervision.xlsx", ContentFile(b"PK x"), save=True)
    client = signed_in_as(clerk)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 200
    event = last(AuditEvent.EXPORT_DOWNLOAD)
    assert event.user == clerk and event.target == "审计日志" and "42 行" in event.detail


@pytest.mark.parametrize("restart_cool_off", [True, False])
def test_a_lockout_is_one_event_and_attempts_during_it_are_failed_logins(handler, settings, restart_cool_off):
    # axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT (default on) changes how it reports them.
    settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = restart_cool_off
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        Client().post(LOGIN, {"username": "handler", "password": "wrong"}, REMOTE_ADDR="127.0.0.1")
    assert kinds(kind=AuditEvent.LOCKED) == [AuditEvent.LOCKED]
    for password in ("wrong", DEFAULT_PASSWORD, "wrong"):
        response = Client().post(LOGIN, {"username": "handler", "password": password}, REMOTE_ADDR="127.0.0.1")
        assert response.status_code == 429
    assert kinds(kind=AuditEvent.LOCKED) == [AuditEvent.LOCKED]
    failures = AuditEvent.objects.filter(kind=AuditEvent.LOGIN_FAILED).order_by("id")
    assert [f.detail for f in failures] == ["用户名或密码错误"] * 2 + ["账户已锁定，拒绝登录"] * 3
