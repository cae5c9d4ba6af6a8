"""Meetings (办会): types, rooms, meetings with their agenda, attendance, minutes and decisions.

Every write goes through meetings.services. The overlap rule for rooms lives there (under a
lock on the room) and, on PostgreSQL, in an exclusion constraint added by migration 0002
(SQLite, the embedded default, has no such constraint).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models import Department, SupervisedItem
from office.models.base import FieldConstraintsMixin, TimeStampedModel

from .choices import AttendanceResponse, AttendeeRole, MeetingState


def _new_token():
    return secrets.token_urlsafe(16)


class MeetingType(TimeStampedModel):
    """A kind of meeting (党组会议, 局务会议 …), editable by the administrator.

    `code` is stable: the annual summary counts meetings by it, whatever the name says."""

    name = models.CharField("名称", max_length=40, unique=True)
    code = models.SlugField("代码", max_length=40, unique=True, help_text="年度总结按此代码统计，设定后请勿修改。")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议类型"
        verbose_name_plural = "会议类型"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Room(TimeStampedModel):
    """A meeting room that can be booked; two meetings never share a room at the same time."""

    name = models.CharField("名称", max_length=60, unique=True)
    location = models.CharField("位置", max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField("容纳人数", validators=[MaxValueValidator(2000)])
    equipment = models.CharField("设备", max_length=200, blank=True, help_text="如：投影、视频会议终端、话筒。")
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议室"
        verbose_name_plural = "会议室"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Meeting(FieldConstraintsMixin, TimeStampedModel):
    """One meeting: who, when, where (a room and/or a video link), what (agenda), and afterwards
    the record (会议记录), the summary (纪要) and the decisions (议定事项).

    Cancelled meetings stay on record with their reason; they are never deleted."""

    CONSTRAINT_FIELDS = {"meeting_end_after_start": "end", "meeting_has_room_or_video": "room"}

    title = models.CharField("会议名称", max_length=200)
    meeting_type = models.ForeignKey(
        MeetingType, verbose_name="会议类型", on_delete=models.PROTECT, related_name="meetings"
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="主持人", on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT, related_name="organised_meetings"
    )
    start = models.DateTimeField("开始时间")
    end = models.DateTimeField("结束时间")
    room = models.ForeignKey(
        Room, verbose_name="会议室", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    is_video = models.BooleanField("视频会议", default=False)
    video_link = models.CharField("视频会议链接/会议号", max_length=300, blank=True)
    required_arrival_minutes = models.PositiveSmallIntegerField(
        "提前入场（分钟）", default=15, validators=[MaxValueValidator(240)]
    )
    invited_departments = models.ManyToManyField(Department, verbose_name="参会科室", blank=True, related_name="+")
    external_guests = models.TextField("外单位参会人员", blank=True, help_text="每行一位：单位 姓名 职务。")
    state = models.CharField("状态", max_length=12, choices=MeetingState.choices, default=MeetingState.PLANNED)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    record = models.TextField("会议记录", blank=True)
    minutes = models.TextField("会议纪要", blank=True)
    minutes_title = models.CharField("纪要标题", max_length=200, blank=True)
    # The sign-in link carries this token so that the QR code on the screen is the only way in.
    sign_in_token = models.CharField(max_length=40, default=_new_token, editable=False)
    history = HistoricalRecords(excluded_fields=["sign_in_token"])

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-start", "-id"]
        permissions = [("manage_meeting", "安排和管理会议")]
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["room", "start"]),
            models.Index(fields=["state", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="meeting_end_after_start",
                violation_error_message="结束时间须晚于开始时间。",
            ),
            models.CheckConstraint(
                condition=Q(room__isnull=False) | Q(is_video=True),
                name="meeting_has_room_or_video",
                violation_error_message="请选择会议室，或勾选视频会议。",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def place(self):
        parts = [self.room.name] if self.room_id else []
        if self.is_video:
            parts.append("视频会议")
        return "／".join(parts)


class AgendaItem(FieldConstraintsMixin, models.Model):
    """One topic (议题) of a meeting, in order."""

    CONSTRAINT_FIELDS = {"agenda_item_order_unique": "order"}

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField("顺序")
    title = models.CharField("议题", max_length=300)
    presenter = models.CharField("汇报人", max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "议题"
        verbose_name_plural = "议题"
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="agenda_item_order_unique",
                violation_error_message="议程序号重复，请换一个序号。",
            )
        ]

    def __str__(self):
        return self.title


class Attendance(FieldConstraintsMixin, models.Model):
    """One internal person at a meeting: invited, confirmed or on leave; signed in (maybe late);
    absent when the meeting was held without them. `seat_order` is the seating list (座次)."""

    CONSTRAINT_FIELDS = {"attendance_person_once": "person", "attendance_leave_has_reason": "leave_reason"}

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="参会人", on_delete=models.PROTECT, related_name="meeting_attendances"
    )
    role = models.CharField("身份", max_length=10, choices=AttendeeRole.choices, default=AttendeeRole.ATTENDEE)
    seat_order = models.PositiveSmallIntegerField("座次")
    response = models.CharField(
        "回复", max_length=10, choices=AttendanceResponse.choices, default=AttendanceResponse.INVITED
    )
    leave_reason = models.CharField("请假事由", max_length=200, blank=True)
    responded_at = models.DateTimeField("回复时间", null=True, blank=True)
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    late = models.BooleanField("迟到", default=False)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="代签人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "参会人员"
        verbose_name_plural = "参会人员"
        ordering = ["meeting", "seat_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_person_once",
                violation_error_message="该人员已在参会名单中。",
            ),
            models.CheckConstraint(
                condition=~Q(response="leave") | ~Q(leave_reason=""),
                name="attendance_leave_has_reason",
                violation_error_message="请假须填写原因。",
            ),
        ]
        indexes = [models.Index(fields=["person", "meeting"])]

    def __str__(self):
        return f"{self.person} · {self.meeting}"


class Decision(FieldConstraintsMixin, TimeStampedModel):
    """A decision (议定事项): what, which department, who and by when. Recording it opens a
    supervised item (category 会议议定), whose phase the meeting page shows as progress."""

    CONSTRAINT_FIELDS = {"decision_order_unique": "order"}

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="decisions")
    order = models.PositiveSmallIntegerField("序号")
    text = models.TextField("议定事项")
    department = models.ForeignKey(Department, verbose_name="牵头科室", on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任人", on_delete=models.PROTECT, related_name="meeting_decisions"
    )
    deadline = models.DateField("完成时限")
    supervised_item = models.OneToOneField(
        SupervisedItem, verbose_name="督办事项", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="decision_order_unique",
                violation_error_message="议定事项序号重复，请换一个序号。",
            )
        ]

    def __str__(self):
        return self.text[:60]
