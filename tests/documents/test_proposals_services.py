"""Proposals and instructions: each opens a supervised item and closes it when done."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from documents.choices import InstructionStatus, ProposalStatus
from documents.models import Instruction, Proposal
from documents.services import proposals as services
from documents.services import publicity as publicity_services
from office.choices import SupervisionStatus
from office.models import Notification, SupervisedItem

pytestmark = pytest.mark.django_db


def register(clerk, department, **kwargs):
    data = {
        "kind": "npc",
        "number": "128",
        "proposer": "王代表",
        "title": "关于加快城乡供水一体化建设的建议",
        "lead_department": department,
        "assigned_on": timezone.localdate() - datetime.timedelta(days=10),
    }
    data.update(kwargs)
    return services.proposal_register(actor=clerk, **data)


class TestProposals:
    def test_registering_opens_a_supervised_item_due_in_three_months(self, clerk, handler, planning_head):
        assigned = datetime.date(2026, 1, 31)
        proposal = register(clerk, handler.department, assigned_on=assigned)
        assert proposal.deadline == datetime.date(2026, 4, 30)
        assert proposal.responsible == planning_head  # the department head by default
        item = SupervisedItem.objects.get(category="proposal", source_id=proposal.pk)
        assert item.deadline == proposal.deadline and item.status == SupervisionStatus.OPEN

    def test_a_duplicate_number_is_refused_by_field(self, clerk, handler):
        register(clerk, handler.department)
        with pytest.raises(ValidationError) as error:
            register(clerk, handler.department)
        assert "number" in error.value.error_dict
        assert Proposal.objects.count() == 1

    def test_a_handler_may_not_register(self, handler):
        with pytest.raises(PermissionDenied):
            register(handler, handler.department)

    def test_the_reply_closes_the_item_and_unsatisfied_reopens_it(self, clerk, handler):
        proposal = register(clerk, handler.department, responsible=handler)
        with pytest.raises(ValidationError) as error:
            services.proposal_reply(actor=handler, proposal=proposal, reply="已纳入计划", result="E")
        assert "result" in error.value.error_dict
        proposal = services.proposal_reply(actor=handler, proposal=proposal, reply="已纳入年度计划。", result="B")
        assert proposal.status == ProposalStatus.REPLIED
        assert SupervisedItem.objects.get(source_id=proposal.pk).status == SupervisionStatus.COMPLETED
        proposal = services.proposal_rate(actor=clerk, proposal=proposal, satisfaction="unsatisfied")
        assert proposal.status == ProposalStatus.HANDLING
        assert SupervisedItem.objects.filter(source_id=proposal.pk, status=SupervisionStatus.OPEN).count() == 1

    def test_rating_before_the_reply_is_refused(self, clerk, handler):
        proposal = register(clerk, handler.department)
        with pytest.raises(ValidationError) as error:
            services.proposal_rate(actor=clerk, proposal=proposal, satisfaction="satisfied")
        assert "status" in error.value.error_dict

    def test_another_department_may_not_reply(self, clerk, handler, other_handler):
        proposal = register(clerk, handler.department)
        with pytest.raises(PermissionDenied):
            services.proposal_reply(actor=other_handler, proposal=proposal, reply="x", result="A")

    def test_voiding_voids_the_open_item(self, clerk, handler):
        proposal = register(clerk, handler.department)
        services.proposal_void(actor=clerk, proposal=proposal, reason="非本局职责，已退回")
        assert SupervisedItem.objects.get(source_id=proposal.pk).status == SupervisionStatus.VOIDED


class TestInstructions:
    def test_a_leader_instructs_and_the_department_completes(self, leader, handler, clerk):
        deadline = timezone.localdate() + datetime.timedelta(days=20)
        instruction = services.instruction_create(
            actor=leader, text="请抓紧完成防洪排涝能力评估。", department=handler.department, deadline=deadline
        )
        assert instruction.leader == leader
        item = SupervisedItem.objects.get(category="instruction", source_id=instruction.pk)
        assert item.deadline == deadline
        instruction = services.instruction_complete(actor=handler, instruction=instruction, note="评估报告已报送。")
        assert instruction.status == InstructionStatus.COMPLETED
        item.refresh_from_db()
        assert item.status == SupervisionStatus.COMPLETED
        assert Notification.objects.filter(recipient=leader, title__startswith="批示已落实").exists()

    def test_a_completion_dated_in_the_past_closes_the_item_on_that_date(self, leader, handler):
        today = timezone.localdate()
        instruction = services.instruction_create(
            actor=leader,
            text="请核查并报告。",
            department=handler.department,
            deadline=today + datetime.timedelta(days=10),
            instructed_on=today - datetime.timedelta(days=20),
        )
        item = SupervisedItem.objects.get(category="instruction", source_id=instruction.pk)
        SupervisedItem.objects.filter(pk=item.pk).update(start_date=today - datetime.timedelta(days=20))
        done = today - datetime.timedelta(days=7)
        services.instruction_complete(actor=handler, instruction=instruction, note="已报告。", completed_on=done)
        item.refresh_from_db()
        # The dashboard's on-time count reads the item's date: the day of the work, not of typing.
        assert item.completed_on == done

    def test_the_clerk_records_for_a_leader_who_must_be_named(self, clerk, leader, handler):
        deadline = timezone.localdate() + datetime.timedelta(days=5)
        with pytest.raises(ValidationError) as error:
            services.instruction_create(actor=clerk, text="阅处", department=handler.department, deadline=deadline)
        assert "leader" in error.value.error_dict
        instruction = services.instruction_create(
            actor=clerk, leader=leader, text="阅处", department=handler.department, deadline=deadline
        )
        assert instruction.created_by == clerk and instruction.leader == leader

    def test_a_handler_may_not_instruct(self, handler):
        with pytest.raises(PermissionDenied):
            services.instruction_create(
                actor=handler, text="x", department=handler.department, deadline=timezone.localdate()
            )

    def test_completing_twice_is_refused(self, leader, handler):
        instruction = services.instruction_create(
            actor=leader, text="x", department=handler.department, deadline=timezone.localdate()
        )
        services.instruction_complete(actor=handler, instruction=instruction, note="完成")
        with pytest.raises(ValidationError) as error:
            services.instruction_complete(actor=handler, instruction=instruction, note="完成")
        assert error.value.message_dict["status"] == ["批示当前状态为“已完成”，不能办结。"]
        assert Instruction.objects.get().history.count() == 2


class TestPublicity:
    def test_media_items_need_the_outlet(self, clerk, handler):
        with pytest.raises(ValidationError) as error:
            publicity_services.publicity_create(
                actor=clerk, channel="media", title="我市推进河湖长制", department=handler.department
            )
        assert "outlet" in error.value.error_dict

    def test_a_handler_may_not_record_publicity(self, handler):
        with pytest.raises(PermissionDenied):
            publicity_services.publicity_create(
                actor=handler, channel="website", title="x", department=handler.department
            )

    def test_voiding_keeps_the_item(self, clerk, handler):
        item = publicity_services.publicity_create(
            actor=clerk, channel="wechat", title="节水宣传周", department=handler.department
        )
        publicity_services.publicity_void(actor=clerk, item=item, reason="重复登记")
        item.refresh_from_db()
        assert item.is_voided and item.void_reason == "重复登记"
