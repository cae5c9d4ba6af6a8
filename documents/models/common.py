"""Issuing codes and the texts of the documents' numbers; the serials come from office.numbering."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords

from office.models.base import TimeStampedModel


class AccessLog(models.Model):
    """Downloads of attachments and refusals of classified content, kept for inspection."""

    DOWNLOAD = "download"
    REFUSED = "refused"
    ACTIONS = [(DOWNLOAD, "下载附件"), (REFUSED, "拒绝录入涉密内容")]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=10, choices=ACTIONS)
    incoming = models.ForeignKey(
        "documents.IncomingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attachment = models.ForeignKey(
        "documents.Attachment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "文件访问记录"
        verbose_name_plural = "文件访问记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"


class IssuingCode(TimeStampedModel):
    """An issuing code (机关代字) such as X水发 or X水办, managed by the administrator."""

    code = models.CharField("机关代字", max_length=20, unique=True, help_text="例如：X水发、X水办")
    description = models.CharField("用途", max_length=100, blank=True)
    # GB/T 9704: the 发文机关标志 printed in red at the head of the issued document.
    mark = models.CharField(
        "发文机关标志",
        max_length=20,
        blank=True,
        help_text="套红正式文件顶端的红色机关标志，例如：滨河市水利局文件。不填则用“单位名称＋文件”。",
    )
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "机关代字"
        verbose_name_plural = "机关代字"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.code


# The sequences of office.numbering this app takes its serials from.
INCOMING_SEQUENCE = "documents:incoming"


def issuing_sequence(issuing_code_id) -> str:
    return f"documents:outgoing:{issuing_code_id}"


def archive_sequence(group: str) -> str:
    return f"documents:archive:{group}"


def incoming_serial_text(year, serial):
    return f"收〔{year}〕{serial}号"


def document_number_text(code, year, serial):
    # GB/T 9704: full year in 六角括号, no 第, no leading zeros.
    return f"{code}〔{year}〕{serial}号"


# Filled by the database (documents/search.py, trigger of migration 0006): never written by Python,
# and not kept in the history.
SEARCH_FIELDS = ["search_vector", "search_public", "number_key", "search_extra"]


class Searchable(models.Model):
    """The search document of a register's record (documents/search.py).

    `search_vector`: the character bigrams and single characters of everything searchable (title
    weighted A); `search_public`: only what a user without clearance may search, set on classified
    records only; `number_key`: the record's numbers without brackets, spaces or 号; `search_extra`:
    text of further sources (正文, attachments) handed to search.search_set_texts()."""

    search_vector = SearchVectorField(null=True, editable=False)
    search_public = SearchVectorField(null=True, editable=False)
    number_key = models.CharField("文号检索键", max_length=300, blank=True, default="", editable=False)
    search_extra = models.TextField("附加检索文本", blank=True, default="", editable=False)

    SEARCH_COLUMNS = frozenset({"search_vector", "search_public", "number_key", "search_extra"})

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A whole-record save of a stored record leaves the search columns alone: the trigger
        recomputes the vectors, and `search_extra` belongs to search_set_texts(), which the
        extraction task may have called since this instance was loaded."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.SEARCH_COLUMNS and field.attname not in deferred
            ]
        super().save(*args, **kwargs)
