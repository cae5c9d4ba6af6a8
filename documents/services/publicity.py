"""Publicity (信息宣传): items published by channel."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from office.audit import record_save
from office.models import Department, User
from office.services.common import require, required_text
from office.services.voiding import record_void

from .. import permissions
from ..choices import PublicityChannel
from ..models import PublicityItem


def publicity_create(
    *,
    actor: User,
    channel: str,
    title: str,
    department: Department,
    published_on: datetime.date | None = None,
    link: str = "",
    outlet: str = "",
) -> PublicityItem:
    require(actor.has_perm(permissions.MANAGE_PUBLICITY), "只有办公室文书可以登记信息宣传。")
    title = required_text(title, "title", "标题")
    published_on = published_on or timezone.localdate()
    errors = {}
    if channel not in PublicityChannel.values:
        errors["channel"] = "请选择发布渠道。"
    if published_on > timezone.localdate():
        errors["published_on"] = "发布日期不能晚于今天。"
    if channel == PublicityChannel.MEDIA and not (outlet or "").strip():
        errors["outlet"] = "媒体报道请填写媒体名称。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = PublicityItem(
            channel=channel,
            title=title,
            department=department,
            published_on=published_on,
            link=link or "",
            outlet=(outlet or "").strip(),
            created_by=actor,
        )
        record_save(item, actor=actor, reason="登记")
    return item


def publicity_void(*, actor: User, item: PublicityItem, reason: str) -> PublicityItem:
    require(actor.has_perm(permissions.MANAGE_PUBLICITY), "只有办公室文书可以作废信息宣传。")
    return record_void(actor=actor, record=item, reason=reason, noun="条目")
