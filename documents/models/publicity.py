from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from office.models import Department
from office.models.base import TimeStampedModel, VoidableModel

from ..choices import PublicityChannel


class PublicityItem(TimeStampedModel, VoidableModel):
    """An item published (信息宣传) on the website, the WeChat account or in the media."""

    channel = models.CharField("渠道", max_length=10, choices=PublicityChannel.choices)
    published_on = models.DateField("发布日期")
    title = models.CharField("标题", max_length=200)
    link = models.URLField("链接", max_length=300, blank=True)
    outlet = models.CharField("媒体名称", max_length=100, blank=True)
    department = models.ForeignKey(Department, verbose_name="供稿科室", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "信息宣传"
        verbose_name_plural = "信息宣传"
        ordering = ["-published_on", "-id"]
        permissions = [("manage_publicityitem", "登记信息宣传")]
        indexes = [models.Index(fields=["published_on", "channel"], name="publicity_date_channel_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.published_on:%Y-%m-%d} {self.title}"
