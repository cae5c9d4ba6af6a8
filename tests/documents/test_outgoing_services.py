"""Outgoing documents: the steps, returned drafts, and the gap-free number under concurrency."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from documents import permissions
from documents.choices import OutgoingStatus
from documents.models import AccessLog, ArchiveItem, OutgoingDocument
from documents.models.common import issuing_sequence
from documents.services import outgoing as services
from office import roles
from office.models import User
from office.numbering import last_serial
from tests.factories import UserFactory

from .factories import OutgoingFactory

S = OutgoingStatus


def _first_of(group):
    return User.objects.filter(groups__name=group).order_by("id").first()


def draft(handler, code, **kwargs):
    # The drafter chooses the reviewer (an office clerk) and the leader to sign.
    data = {
        "title": "关于报送水利统计年报的通知",
        "main_recipients": "各科室、局属各单位",
        "issuing_code": code,
        "reviewer": _first_of("文书"),
        "signing_leader": _first_of("局领导"),
    }
    data.update(kwargs)
    return services.outgoing_draft(actor=handler, **data)


def to_signed(handler, clerk, leader, code):
    doc = draft(handler, code)
    services.outgoing_submit(actor=handler, document=doc)
    services.outgoing_review(actor=clerk, document=doc, opinion="格式规范")
    return services.outgoing_sign(actor=leader, document=doc, opinion="同意印发。")


@pytest.mark.django_db
class TestFlow:
    def test_the_whole_way_from_draft_to_archive(self, handler, clerk, leader, code):
        doc = to_signed(handler, clerk, leader, code)
        assert doc.status == S.SIGNED and doc.signer == leader and doc.signed_on == timezone.localdate()
        doc = services.outgoing_assign_number(actor=clerk, document=doc)
        year = timezone.localdate().year
        assert doc.document_number == f"X水发〔{year}〕1号"
        doc = services.outgoing_dispatch(actor=clerk, document=doc, printed_copies=30)
        assert doc.status == S.DISPATCHED
        item = services.outgoing_archive(actor=clerk, document=doc, retention="D30")
        doc.refresh_from_db()
        assert doc.status == S.ARCHIVED
        assert item.archive_number == f"X001-WS·{year}-D30-GHK-0001"
        kinds = list(doc.steps.values_list("kind", flat=True))
        assert kinds == ["draft", "submit", "review", "sign", "number", "dispatch", "archive"]
        assert doc.history.filter(history_change_reason="编号", history_user=clerk).exists()

    def test_countersigning_departments_sign_before_the_leader(self, handler, other_handler, clerk, leader, code):
        doc = draft(handler, code, countersign_departments=[other_handler.department])
        services.outgoing_submit(actor=handler, document=doc)
        doc = services.outgoing_review(actor=clerk, document=doc)
        assert doc.status == S.COUNTERSIGN
        with pytest.raises(ValidationError):
            services.outgoing_sign(actor=leader, document=doc, opinion="同意")
        with pytest.raises(PermissionDenied):
            services.outgoing_countersign(actor=handler, document=doc)
        services.outgoing_countersign(actor=other_handler, document=doc, opinion="无意见")
        doc.refresh_from_db()
        assert doc.status == S.SIGNING

    def test_a_returned_draft_goes_back_with_reasons_and_can_be_resubmitted(self, handler, clerk, leader, code):
        doc = draft(handler, code)
        services.outgoing_submit(actor=handler, document=doc)
        services.outgoing_review(actor=clerk, document=doc)
        with pytest.raises(ValidationError) as error:
            services.outgoing_return(actor=leader, document=doc, reason="")
        assert "reason" in error.value.error_dict
        doc = services.outgoing_return(actor=leader, document=doc, reason="第二部分需补充数据。")
        assert doc.status == S.RETURNED
        services.outgoing_update(actor=handler, document=doc, body="补充后的正文")
        doc = services.outgoing_submit(actor=handler, document=doc)
        assert doc.status == S.REVIEW

    def test_only_a_leader_signs(self, handler, clerk, leader, code):
        doc = draft(handler, code)
        services.outgoing_submit(actor=handler, document=doc)
        services.outgoing_review(actor=clerk, document=doc)
        with pytest.raises(PermissionDenied):
            services.outgoing_sign(actor=clerk, document=doc, opinion="同意")

    def test_numbering_before_signing_is_refused(self, handler, clerk, code):
        doc = draft(handler, code)
        with pytest.raises(ValidationError) as error:
            services.outgoing_assign_number(actor=clerk, document=doc)
        assert error.value.message_dict["status"] == ["发文当前状态为“拟稿”，不能编号。"]

    def test_a_number_is_given_once(self, handler, clerk, leader, code):
        doc = services.outgoing_assign_number(actor=clerk, document=to_signed(handler, clerk, leader, code))
        with pytest.raises(ValidationError):
            services.outgoing_assign_number(actor=clerk, document=doc)
        assert OutgoingDocument.objects.get(pk=doc.pk).number_serial == 1

    def test_dispatch_is_refused_without_a_number(self, handler, clerk, leader, code):
        doc = to_signed(handler, clerk, leader, code)
        with pytest.raises(ValidationError) as error:
            services.outgoing_dispatch(actor=clerk, document=doc, printed_copies=10)
        assert error.value.message_dict["document_number"] == ["发文尚未编号，不能印发。请先编号。"]

    def test_voiding_a_numbered_document_keeps_its_number_used(self, handler, clerk, leader, code):
        first = services.outgoing_assign_number(actor=clerk, document=to_signed(handler, clerk, leader, code))
        services.outgoing_void(actor=clerk, document=first, reason="内容有误，重新拟稿")
        first.refresh_from_db()
        assert first.status == S.VOIDED and first.document_number.endswith(f"〔{timezone.localdate().year}〕1号")
        second = services.outgoing_assign_number(actor=clerk, document=to_signed(handler, clerk, leader, code))
        assert second.number_serial == 2
        assert "文号不再使用" in first.steps.get(kind="void").opinion

    def test_sequences_are_per_code(self, handler, clerk, leader, code):
        from documents.models import IssuingCode

        office_code = IssuingCode.objects.create(code="X水办")
        a = services.outgoing_assign_number(actor=clerk, document=to_signed(handler, clerk, leader, code))
        b = services.outgoing_assign_number(
            actor=clerk, document=to_signed(handler, clerk, leader, code), issuing_code=office_code
        )
        assert (a.number_serial, b.number_serial) == (1, 1)
        assert b.document_number.startswith("X水办〔")

    def test_a_classified_body_is_refused_and_the_refusal_recorded(self, handler, code):
        with pytest.raises(ValidationError) as error:
            draft(handler, code, classification="secret", secrecy_period="10y", body="涉密内容")
        assert "body" in error.value.error_dict
        assert not OutgoingDocument.objects.exists()
        assert AccessLog.objects.filter(actor=handler, action=AccessLog.REFUSED).count() == 1

    def test_dispatch_date_cannot_be_in_the_future(self, handler, clerk, leader, code):
        doc = services.outgoing_assign_number(actor=clerk, document=to_signed(handler, clerk, leader, code))
        with pytest.raises(ValidationError) as error:
            services.outgoing_dispatch(
                actor=clerk,
                document=doc,
                printed_copies=3,
                dispatched_on=timezone.localdate() + datetime.timedelta(days=2),
            )
        assert "dispatched_on" in error.value.error_dict
        assert not ArchiveItem.objects.exists()


@pytest.fixture
def roles_synced(transactional_db):
    # Transactional tests empty every table afterwards, the role groups included.
    from office.roles import sync_roles

    sync_roles()


@pytest.mark.django_db(transaction=True)
def test_number_is_gap_free_under_concurrency(roles_synced, clerk, leader, code):
    docs = OutgoingFactory.create_batch(32, status=S.SIGNED, issuing_code=code, signer=leader)
    barrier = threading.Barrier(32)
    errors = []

    def number(document):
        try:
            barrier.wait()
            services.outgoing_assign_number(actor=clerk, document=document)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=number, args=(doc,)) for doc in docs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(OutgoingDocument.objects.values_list("number_serial", flat=True))
    assert serials == list(range(1, 33))
    assert last_serial(issuing_sequence(code.pk), timezone.localdate().year) == 32


@pytest.mark.django_db
class TestSeparationOfDuties:
    """The drafter chooses the reviewer (核稿人) and the leader to sign; nobody reviews their
    own draft, and only the chosen people take those steps — refused in the service."""

    @pytest.fixture
    def second_clerk(self, clerk):
        return UserFactory(username="clerk2", name="孙文书", department=clerk.department, roles=[roles.CLERK])

    @pytest.fixture
    def director(self, clerk):
        return UserFactory(
            username="director", name="陈主任", department=clerk.department, roles=[roles.OFFICE_DIRECTOR]
        )

    @pytest.fixture
    def second_leader(self):
        return UserFactory(username="leader2", name="李副局长", department=None, roles=[roles.LEADER])

    def test_the_drafter_cannot_choose_herself_as_reviewer(self, clerk, leader, code):
        with pytest.raises(ValidationError) as error:
            draft(clerk, code, reviewer=clerk, signing_leader=leader)
        assert error.value.message_dict["reviewer"] == ["拟稿人不能核稿自己的文稿，请选择其他核稿人。"]

    def test_the_reviewer_must_review_and_the_signer_must_sign(self, handler, other_handler, clerk, code):
        with pytest.raises(ValidationError) as error:
            draft(handler, code, reviewer=other_handler, signing_leader=clerk)
        assert set(error.value.message_dict) == {"reviewer", "signing_leader"}

    def test_submitting_without_a_reviewer_or_a_signer_is_refused(self, handler, code):
        doc = draft(handler, code, reviewer=None, signing_leader=None)
        with pytest.raises(ValidationError) as error:
            services.outgoing_submit(actor=handler, document=doc)
        assert set(error.value.message_dict) == {"reviewer", "signing_leader"}
        doc.refresh_from_db()
        assert doc.status == S.DRAFT

    def test_only_the_chosen_reviewer_reviews_and_never_the_drafter(self, clerk, second_clerk, director, leader, code):
        doc = draft(clerk, code, reviewer=director, signing_leader=leader)
        services.outgoing_submit(actor=clerk, document=doc)
        assert "review" not in permissions.outgoing_actions(clerk, doc)
        for person in (clerk, second_clerk):
            with pytest.raises(PermissionDenied):
                services.outgoing_review(actor=person, document=doc)
        assert director.notifications.filter(title__startswith="请核稿").exists()
        doc = services.outgoing_review(actor=director, document=doc, opinion="核稿通过")
        assert doc.status == S.SIGNING
        assert doc.steps.get(kind="review").actor == director

    def test_a_draft_without_a_chosen_reviewer_is_still_not_reviewed_by_its_drafter(self, clerk, second_clerk, code):
        doc = OutgoingFactory(drafter=clerk, department=clerk.department, status=S.REVIEW)
        with pytest.raises(PermissionDenied):
            services.outgoing_review(actor=clerk, document=doc)
        services.outgoing_review(actor=second_clerk, document=doc)

    def test_only_the_chosen_leader_signs(self, handler, clerk, leader, second_leader, code):
        doc = draft(handler, code, signing_leader=second_leader)
        services.outgoing_submit(actor=handler, document=doc)
        services.outgoing_review(actor=clerk, document=doc)
        assert second_leader.notifications.filter(title__startswith="待签发").exists()
        assert not leader.notifications.filter(title__startswith="待签发").exists()
        with pytest.raises(PermissionDenied):
            services.outgoing_sign(actor=leader, document=doc, opinion="同意")
        doc = services.outgoing_sign(actor=second_leader, document=doc, opinion="同意")
        assert doc.signer == second_leader

    def test_the_to_do_lists_only_the_chosen_people(self, clerk, second_clerk, director, leader, second_leader, code):
        from documents.selectors import waiting_outgoing

        doc = draft(clerk, code, reviewer=director, signing_leader=second_leader)
        services.outgoing_submit(actor=clerk, document=doc)
        assert doc in waiting_outgoing(user=director)
        assert doc not in waiting_outgoing(user=clerk) and doc not in waiting_outgoing(user=second_clerk)
        services.outgoing_review(actor=director, document=doc)
        assert doc in waiting_outgoing(user=second_leader) and doc not in waiting_outgoing(user=leader)
