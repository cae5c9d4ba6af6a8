from django.db import models


class TimeStampedModel(models.Model):
    """Creation and last-change times for every record of the office."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True
