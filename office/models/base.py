from django.db import models


class TimeStampedModel(models.Model):
    """Creation and last-change times for every record of the office."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class VoidableModel(models.Model):
    """An official record that is voided (作废), never deleted: who, when and why stay on it.

    A model whose state lives in a `status` field names its voided value in VOID_STATUS, and
    office.services.voiding.record_void sets it too. Void through that service only: it also
    voids the open supervised items the record opened, and records history."""

    VOID_STATUS = None

    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        "office.User", verbose_name="作废人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_voided(self):
        return self.voided_at is not None
