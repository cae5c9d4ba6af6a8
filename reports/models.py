from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from office.models.base import FieldConstraintsMixin, TimeStampedModel


class SummaryState(models.TextChoices):
    DRAFT = "draft", "草稿"
    FINAL = "final", "定稿"


class Summary(FieldConstraintsMixin, TimeStampedModel):
    """One organisation's annual work summary (年度工作总结) for one year.

    `figures` is the snapshot taken at the last refresh; the text and every export are made
    from it, so an exported PDF can be reproduced. A final summary is locked; the office starts
    a new version from it (version + 1) when something must change.
    """

    CONSTRAINT_FIELDS = {"summary_unique_version": "version", "summary_one_draft_per_year": "year"}

    organisation = models.CharField("单位", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField("状态", max_length=8, choices=SummaryState.choices, default=SummaryState.DRAFT)
    title = models.CharField("标题", max_length=200)
    figures = models.JSONField("数据快照", default=list, blank=True)
    refreshed_at = models.DateTimeField("数据更新时间", null=True, blank=True)
    refreshed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="数据更新人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Keys whose figure is written "N余" (only where the office asks for it).
    approximate = models.JSONField("约数（余）", default=list, blank=True)
    # The missing figures the office confirmed would be left out, at finalisation.
    omitted = models.JSONField("确认省略的数据", default=list, blank=True)
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    based_on = models.ForeignKey(
        "self", verbose_name="基于版本", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度工作总结"
        verbose_name_plural = "年度工作总结"
        ordering = ["-year", "-version"]
        permissions = [
            ("finalise_summary", "年度工作总结定稿"),
            ("export_summary", "导出年度工作总结"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version"],
                name="summary_unique_version",
                violation_error_message="该年度总结的这个版本号已存在。",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(state="draft"),
                name="summary_one_draft_per_year",
                violation_error_message="该年度已有一份草稿，请在草稿上继续编辑。",
            ),
        ]

    def __str__(self):
        return self.title if self.version == 1 else f"{self.title}（第{self.version}版）"

    @property
    def is_final(self):
        return self.state == SummaryState.FINAL


class Section(FieldConstraintsMixin, TimeStampedModel):
    """One part of the outline. The generated text follows the figures; the office's edit is
    kept apart so a refresh never overwrites it (until the office regenerates the section)."""

    CONSTRAINT_FIELDS = {"section_unique_code": "code"}

    summary = models.ForeignKey(Summary, verbose_name="总结", on_delete=models.CASCADE, related_name="sections")
    code = models.CharField("部分", max_length=16)
    order = models.PositiveSmallIntegerField("顺序")
    generated_text = models.TextField("生成文本", blank=True)
    edited_text = models.TextField("修改后文本", blank=True)
    edited = models.BooleanField("已修改", default=False)
    # The office's own heading; blank: the default phrase (reports.text.heading).
    heading_text = models.CharField("标题", max_length=60, blank=True)
    edited_at = models.DateTimeField("修改时间", null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "总结段落"
        verbose_name_plural = "总结段落"
        ordering = ["summary", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["summary", "code"], name="section_unique_code", violation_error_message="该总结中已有此章节。"
            )
        ]

    def __str__(self):
        return f"{self.summary} · {self.code}"

    @property
    def text(self):
        return self.edited_text if self.edited else self.generated_text


class ExportKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word（DOCX）"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Export(TimeStampedModel):
    """One exported file. `content` is the text as it stood when the export was asked for
    (title, sections, the snapshot time), so a retried task renders the same document."""

    summary = models.ForeignKey(Summary, verbose_name="总结", on_delete=models.PROTECT, related_name="exports")
    kind = models.CharField("格式", max_length=8, choices=ExportKind.choices)
    status = models.CharField("状态", max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度", default=0)
    content = models.JSONField("导出内容", default=dict)
    snapshot_at = models.DateTimeField("数据快照时间", null=True, blank=True)
    file = models.FileField("文件", upload_to="reports/exports/%Y/", blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    error = models.TextField("错误", blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导出人", on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "导出文件"
        verbose_name_plural = "导出文件"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.summary} · {self.get_kind_display()}"

    @property
    def filename(self):
        suffix = f"（第{self.summary.version}版）" if self.summary.version > 1 else ""
        return f"{self.summary.title}{suffix}.{self.kind}"


class TypedFigure(FieldConstraintsMixin, TimeStampedModel):
    """A figure the office typed in for a year the records cannot speak for: last year's figure
    from the old ledgers (so the first year of use can compare), or a figure of a module not in
    use yet. A computed value always wins over a typed one (reports.figures_typed.merge)."""

    CONSTRAINT_FIELDS = {"typed_figure_unique_key": "key"}

    organisation = models.CharField("单位", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    key = models.CharField("数据项", max_length=64)
    value = models.DecimalField("数值", max_digits=14, decimal_places=2)
    source = models.CharField("来源", max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("录入时间")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "手工录入数据"
        verbose_name_plural = "手工录入数据"
        ordering = ["organisation", "-year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "key"],
                name="typed_figure_unique_key",
                violation_error_message="该年度的这个数字已填写。",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}年 {self.key}"
