"""Incoming documents: every step allowed from the right state and refused from the others."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from documents.choices import HandlingType, IncomingStatus, IncomingStepKind, Urgency
from documents.models import IncomingDocument
from documents.models.common import INCOMING_SEQUENCE
from documents.services import incoming as services
from office.choices import SupervisionStatus
from office.models import Notification, SupervisedItem
from office.numbering import last_serial

pytestmark = pytest.mark.django_db
S = IncomingStatus


def receive(clerk, **kwargs):
    data = {"sender": "省水利厅", "sender_number": "X水办〔2026〕5号", "title": "关于开展河湖安全检查的通知"}
    data.update(kwargs)
    return services.incoming_receive(actor=clerk, **data)


def to_instructed(clerk, leader, **kwargs):
    doc = receive(clerk, **kwargs)
    services.incoming_review(actor=clerk, document=doc, accept=True)
    services.incoming_propose(actor=clerk, document=doc, opinion="拟请规划科办理。")
    return services.incoming_instruct(actor=leader, document=doc, opinion="同意，请规划科抓紧办理。")


class TestRegistration:
    def test_registration_gives_gap_free_serials_per_year(self, clerk):
        year = timezone.localdate().year
        first = receive(clerk)
        second = receive(clerk)
        assert (first.serial, second.serial) == (1, 2)
        assert second.serial_number == f"收〔{year}〕2号"
        assert last_serial(INCOMING_SEQUENCE, year) == 2
        last_year = receive(clerk, received_at=timezone.now() - datetime.timedelta(days=400))
        assert last_year.serial == 1 and last_year.year == year - 1

    def test_a_failed_registration_does_not_use_a_serial(self, clerk):
        receive(clerk)
        with pytest.raises(ValidationError) as error:
            receive(clerk, title="")
        assert "title" in error.value.error_dict
        assert receive(clerk).serial == 2

    def test_receive_without_register_waits_for_registration(self, clerk):
        doc = receive(clerk, register=False)
        assert doc.status == S.RECEIVED and doc.serial is None
        doc = services.incoming_register(actor=clerk, document=doc)
        assert doc.status == S.REGISTERED and doc.serial == 1
        kinds = list(doc.steps.values_list("kind", flat=True))
        assert kinds == [IncomingStepKind.RECEIVE, IncomingStepKind.REGISTER]

    def test_registering_twice_is_refused_with_a_message(self, clerk):
        doc = receive(clerk)
        with pytest.raises(ValidationError) as error:
            services.incoming_register(actor=clerk, document=doc)
        assert error.value.message_dict["status"] == ["收文当前状态为“已登记”，不能登记。"]

    def test_a_handler_may_not_register(self, handler):
        with pytest.raises(PermissionDenied):
            receive(handler)
        assert not IncomingDocument.objects.exists()

    def test_classified_documents_need_a_period_and_may_hide_the_title(self, clerk):
        with pytest.raises(ValidationError) as error:
            receive(clerk, classification="secret")
        assert "secrecy_period" in error.value.error_dict
        doc = receive(clerk, classification="secret", secrecy_period="10y", hide_title=True, copy_number="000012")
        assert doc.title == "涉密件" and doc.is_classified

    def test_history_records_who_registered(self, clerk):
        doc = receive(clerk)
        assert doc.history.filter(history_user=clerk, history_change_reason="登记").exists()


class TestHandling:
    def test_the_full_handling_opens_and_closes_a_supervised_item(self, clerk, leader, handler, planning_head):
        doc = to_instructed(clerk, leader)
        deadline = timezone.localdate() + datetime.timedelta(days=10)
        doc = services.incoming_assign(
            actor=clerk, document=doc, lead_department=handler.department, responsible=handler, deadline=deadline
        )
        assert doc.status == S.HANDLING
        item = SupervisedItem.objects.get(source_id=doc.pk, category="document")
        assert item.status == SupervisionStatus.OPEN and item.deadline == deadline and item.responsible == handler
        doc = services.incoming_complete(actor=handler, document=doc, opinion="已按要求完成检查并报送。")
        assert doc.status == S.DONE and doc.completed_at is not None
        item.refresh_from_db()
        assert item.status == SupervisionStatus.COMPLETED
        kinds = list(doc.steps.values_list("kind", flat=True))
        assert kinds == ["receive", "register", "review", "propose", "instruct", "assign", "complete"]

    def test_the_leader_finishing_an_instruction_notifies_the_clerk(self, clerk, leader):
        to_instructed(clerk, leader)
        assert Notification.objects.filter(recipient=clerk, title__startswith="领导已批办").exists()

    def test_finishing_an_instructed_document_tells_the_instructing_leader_and_the_clerk(
        self, clerk, leader, handler, settings
    ):
        from tests.factories import UserFactory

        other_leader = UserFactory(username="leader2", name="刘副局长", department=None, roles=["leader"])
        doc = to_instructed(clerk, leader, title="关于" + "河湖" * 97 + "的通知")
        services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department, responsible=handler)
        Notification.objects.all().delete()
        services.incoming_complete(actor=handler, document=doc, opinion="已按要求完成检查并报送。")
        url = f"/documents/incoming/{doc.pk}/"
        told = Notification.objects.get(recipient=leader)
        assert told.title.startswith("您批办的收文已办结：关于河湖")
        assert len(told.title) == Notification._meta.get_field("title").max_length and told.title.endswith("…")
        assert told.url == url
        assert "已按要求完成检查并报送。" in told.body and handler.name in told.body
        assert Notification.objects.get(recipient=clerk).url == url
        assert not Notification.objects.filter(recipient__in=[other_leader, handler]).exists()

    def test_the_finish_email_links_to_the_site(
        self, clerk, leader, handler, settings, mailoutbox, django_capture_on_commit_callbacks
    ):
        settings.SITE_URL = "https://oa.example.gov.cn"
        leader.email = "leader@example.gov.cn"
        leader.save()
        doc = to_instructed(clerk, leader)
        services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department, responsible=handler)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.incoming_complete(actor=handler, document=doc, opinion="已完成。")
        mail = next(m for m in mailoutbox if m.to == ["leader@example.gov.cn"])
        assert f"https://oa.example.gov.cn/documents/incoming/{doc.pk}/" in mail.body

    def test_a_document_nobody_instructed_tells_only_the_clerk(self, clerk, leader, handler):
        doc = receive(clerk)
        services.incoming_review(actor=clerk, document=doc, accept=True)
        services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department, responsible=handler)
        services.incoming_complete(actor=handler, document=doc, opinion="已完成。")
        assert not Notification.objects.filter(recipient=leader).exists()
        assert Notification.objects.filter(recipient=clerk, title__startswith="收文已办结").exists()

    def test_the_review_may_return_the_document_with_reasons(self, clerk):
        doc = receive(clerk)
        with pytest.raises(ValidationError) as error:
            services.incoming_review(actor=clerk, document=doc, accept=False, opinion="")
        assert "opinion" in error.value.error_dict
        doc = services.incoming_review(actor=clerk, document=doc, accept=False, opinion="不属于本局职责。")
        assert doc.status == S.RETURNED
        assert doc.steps.get(kind=IncomingStepKind.RETURN).opinion == "不属于本局职责。"

    @pytest.mark.parametrize(
        ("step", "kwargs"),
        [
            ("incoming_propose", {"opinion": "拟办"}),
            ("incoming_instruct", {"opinion": "同意"}),
            ("incoming_complete", {"opinion": "办结"}),
        ],
    )
    def test_steps_out_of_order_are_refused(self, clerk, leader, step, kwargs):
        doc = receive(clerk)  # registered, not yet reviewed
        actor = leader if step == "incoming_instruct" else clerk
        with pytest.raises(ValidationError) as error:
            getattr(services, step)(actor=actor, document=doc, **kwargs)
        assert "status" in error.value.error_dict
        doc.refresh_from_db()
        assert doc.status == S.REGISTERED

    def test_only_a_leader_instructs(self, clerk):
        doc = receive(clerk)
        services.incoming_review(actor=clerk, document=doc, accept=True)
        services.incoming_propose(actor=clerk, document=doc, opinion="拟办")
        with pytest.raises(PermissionDenied):
            services.incoming_instruct(actor=clerk, document=doc, opinion="同意")

    def test_another_department_may_not_complete(self, clerk, leader, handler, other_handler):
        doc = to_instructed(clerk, leader)
        services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department)
        with pytest.raises(PermissionDenied):
            services.incoming_complete(actor=other_handler, document=doc, opinion="办结")

    def test_an_urgent_document_must_carry_a_deadline(self, clerk, leader, handler):
        doc = to_instructed(clerk, leader, urgency=Urgency.URGENT)
        with pytest.raises(ValidationError) as error:
            services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department)
        assert "deadline" in error.value.error_dict
        assert not SupervisedItem.objects.exists()

    def test_a_document_without_deadline_opens_no_supervised_item(self, clerk, leader, handler):
        doc = to_instructed(clerk, leader)
        services.incoming_assign(actor=clerk, document=doc, lead_department=handler.department)
        assert not SupervisedItem.objects.exists()

    def test_co_handling_departments_are_kept(self, clerk, leader, handler, other_handler):
        doc = to_instructed(clerk, leader)
        services.incoming_assign(
            actor=clerk, document=doc, lead_department=handler.department, co_departments=[other_handler.department]
        )
        assert list(doc.co_departments.all()) == [other_handler.department]


class TestCirculation:
    def test_each_reader_reads_and_the_last_one_finishes_it(self, clerk, leader, handler, other_handler):
        doc = receive(clerk)
        services.incoming_review(actor=clerk, document=doc, accept=True)
        services.incoming_propose(actor=clerk, document=doc, opinion="请领导阅示。", handling_type=HandlingType.READING)
        services.incoming_circulate(actor=clerk, document=doc, readers=[leader, handler])
        doc.refresh_from_db()
        assert doc.status == S.CIRCULATING
        services.incoming_mark_read(actor=handler, document=doc, opinion="已阅")
        assert doc.readers.get(reader=handler).read_at is not None
        with pytest.raises(PermissionDenied):
            services.incoming_mark_read(actor=other_handler, document=doc)
        with pytest.raises(ValidationError):
            services.incoming_mark_read(actor=handler, document=doc)
        services.incoming_mark_read(actor=leader, document=doc)
        doc.refresh_from_db()
        assert doc.status == S.DONE

    def test_an_action_document_cannot_be_circulated(self, clerk, leader, handler):
        doc = to_instructed(clerk, leader)
        with pytest.raises(ValidationError) as error:
            services.incoming_circulate(actor=clerk, document=doc, readers=[handler])
        assert "status" in error.value.error_dict

    def test_urging_notifies_the_unread_readers_only(self, clerk, leader, handler):
        doc = receive(clerk)
        services.incoming_review(actor=clerk, document=doc, accept=True)
        services.incoming_propose(actor=clerk, document=doc, opinion="阅", handling_type=HandlingType.READING)
        services.incoming_circulate(actor=clerk, document=doc, readers=[leader, handler])
        services.incoming_mark_read(actor=handler, document=doc)
        people = services.incoming_urge(actor=clerk, document=doc, text="请尽快阅示")
        assert people == [leader]
        assert Notification.objects.filter(recipient=leader, title__startswith="催办").count() == 1
        assert not Notification.objects.filter(recipient=handler, title__startswith="催办").exists()


class TestVoiding:
    def test_voiding_keeps_the_record_and_voids_its_supervised_item(self, clerk, leader, handler):
        doc = to_instructed(clerk, leader)
        services.incoming_assign(
            actor=clerk,
            document=doc,
            lead_department=handler.department,
            deadline=timezone.localdate() + datetime.timedelta(days=5),
        )
        with pytest.raises(ValidationError):
            services.incoming_void(actor=clerk, document=doc, reason=" ")
        doc = services.incoming_void(actor=clerk, document=doc, reason="重复登记")
        assert IncomingDocument.objects.filter(pk=doc.pk, status=S.VOIDED, void_reason="重复登记").exists()
        assert SupervisedItem.objects.get(source_id=doc.pk).status == SupervisionStatus.VOIDED
        with pytest.raises(ValidationError):
            services.incoming_void(actor=clerk, document=doc, reason="再次")

    def test_a_handler_may_not_void(self, clerk, handler):
        doc = receive(clerk)
        with pytest.raises(PermissionDenied):
            services.incoming_void(actor=handler, document=doc, reason="x")
