"""One table per entity deciding which steps a user may take on a record now.

The service asks it before it writes (`check`), the page shows the buttons it allows and the
API reports them as `actions` (`actions`): the rule is written once.

    INCOMING = StepTable("收文", {
        "register": Step("登记", states={S.RECEIVED}, allowed=is_clerk, refusal="只有办公室文书可以登记收文。"),
        "assign": Step("分送承办", states={S.INSTRUCTED, S.REVIEWED}, allowed=is_clerk, refusal="…",
                       ready=lambda user, doc: "阅件请送传阅。" if doc.handling_type == READING else None),
    })

`check` refuses in the order a person would want to hear it: a step the record's state does not
allow is a 400 naming the state; a person who may not take it is a 403 with `refusal`; a step
the record is not ready for (`ready` returns a message) is a 400 with that message.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError


@dataclass(frozen=True)
class Step:
    label: str  # the verb as the message says it: 登记, 分送承办 …
    states: frozenset | set | None = None  # the record states the step starts from (None: any)
    allowed: Callable = lambda user, record: True  # who may take it: (user, record) -> bool
    refusal: str = "您不能执行此操作。"
    ready: Callable | None = None  # (user, record) -> a message when the record is not ready, else None
    aside: bool = False  # never the step a page offers first (作废, 退回, 催办): it waits behind 更多


class StepTable:
    def __init__(self, noun: str, steps: dict[str, Step], state_field: str = "status", error_field: str = "status"):
        self.noun = noun
        self.steps = steps
        self.state_field = state_field
        self.error_field = error_field  # the key of the 400's message

    def _state_open(self, step, record):
        return step.states is None or getattr(record, self.state_field) in step.states

    def actions(self, user, record) -> set[str]:
        """The steps `user` may take on `record` now."""
        if not user.is_authenticated:
            return set()
        return {
            name
            for name, step in self.steps.items()
            if self._state_open(step, record)
            and step.allowed(user, record)
            and (step.ready is None or step.ready(user, record) is None)
        }

    def arrange(self, allowed) -> tuple[str | None, list[str]]:
        """(the step a page offers first, the others) of the steps `allowed`, in the table's
        order: the first one not set aside is the record's next step for this user."""
        ordered = [name for name in self.steps if name in allowed]
        primary = next((name for name in ordered if not self.steps[name].aside), None)
        return primary, [name for name in ordered if name != primary]

    def check(self, user, record, name: str) -> None:
        """Raises the reason `user` may not take step `name` on `record` now (call on the locked row)."""
        step = self.steps[name]
        if not self._state_open(step, record):
            display = getattr(record, f"get_{self.state_field}_display", lambda: getattr(record, self.state_field))()
            raise ValidationError({self.error_field: f"{self.noun}当前状态为“{display}”，不能{step.label}。"})
        if not step.allowed(user, record):
            raise PermissionDenied(step.refusal)
        if step.ready is not None:
            message = step.ready(user, record)
            if message:
                raise ValidationError({self.error_field: message})
