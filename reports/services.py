"""Every write of the annual summary: create, refresh, edit, regenerate, finalise, new version, export."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from office.audit import record_save
from office.queueing import queue_after_commit
from office.services.common import lock, require

from . import permissions, text, typed
from .collect import collect
from .models import Export, ExportKind, ExportStatus, Section, Summary, SummaryState, TypedFigure
from .outline import KEYS, ROWS_BY_KEY


def _require_draft(summary):
    if summary.state != SummaryState.DRAFT:
        raise ValidationError({"state": "该总结已定稿，不能再修改；如需修改，请基于定稿新建版本。"})


def last_year_summary(organisation, year):
    """The summary of the year before that 二 and 三 start from: its final version, else its draft."""
    candidates = Summary.objects.filter(organisation=organisation, year=year - 1)
    return (
        candidates.filter(state=SummaryState.FINAL).order_by("-version").first()
        or candidates.order_by("-version").first()
    )


def _last_year_texts(organisation, year):
    previous = last_year_summary(organisation, year)
    if previous is None:
        return {}
    return {s.code: s.text for s in previous.sections.filter(code__in=text.FREE_TEXT_SECTIONS)}


def _generate(summary, code, figures, last_texts):
    return text.generated_text(
        code,
        figures,
        summary.year,
        approximate=frozenset(summary.approximate),
        last_year_text=last_texts.get(code, ""),
    )


def _regenerate_all(summary, *, actor, reason):
    figures = text.snapshot_figures(summary.figures)
    last_texts = _last_year_texts(summary.organisation, summary.year)
    for section in summary.sections.all():
        generated = _generate(summary, section.code, figures, last_texts)
        if generated != section.generated_text:
            section.generated_text = generated
            record_save(section, actor=actor, reason=reason, update_fields=["generated_text", "updated_at"])


def _snapshot(summary, *, actor):
    computed = [text.figure_to_json(f) for f in collect(summary.year)]
    summary.figures = typed.merge(computed, typed.typed_rows(summary.organisation, summary.year), summary.year)
    summary.refreshed_at = timezone.now()
    summary.refreshed_by = actor


@transaction.atomic
def summary_create(*, actor, year, organisation=None) -> Summary:
    """Creates the year's draft with every section of the outline, and takes the first snapshot."""
    require(permissions.can_create(actor), "您没有新建年度工作总结的权限。")
    organisation = organisation or settings.ORGANISATION_NAME
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "请填写年度（四位数字）。"}) from None
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ValidationError({"year": f"年度应在2000年至{this_year}年之间。"})
    if Summary.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": f"{year}年的工作总结已经存在，请打开它继续编辑。"})
    summary = Summary(organisation=organisation, year=year, title=text.title(organisation, year), created_by=actor)
    _snapshot(summary, actor=actor)
    record_save(summary, actor=actor, reason="新建年度工作总结")
    figures = text.snapshot_figures(summary.figures)
    last_texts = _last_year_texts(organisation, year)
    for order, code in enumerate(text.SECTION_CODES):
        section = Section(summary=summary, code=code, order=order)
        section.generated_text = _generate(summary, code, figures, last_texts)
        record_save(section, actor=actor, reason="新建年度工作总结")
    return summary


@transaction.atomic
def summary_refresh(*, actor, summary) -> Summary:
    """Takes a new snapshot of every app's figures and regenerates the generated text.
    The office's edits are kept (they live apart from the generated text)."""
    require(permissions.can_edit(actor, summary), "您没有修改年度工作总结的权限。")
    summary = lock(summary)
    _require_draft(summary)
    _snapshot(summary, actor=actor)
    record_save(
        summary, actor=actor, reason="更新数据", update_fields=["figures", "refreshed_at", "refreshed_by", "updated_at"]
    )
    _regenerate_all(summary, actor=actor, reason="更新数据后重新生成")
    return summary


def _section_for_update(section):
    section = Section.objects.select_for_update().select_related("summary").get(pk=section.pk)
    _require_draft(section.summary)
    return section


@transaction.atomic
def section_edit(*, actor, section, text_value, heading=None) -> Section:
    """Saves the office's text of a section and, when given, its heading (the phrase after the
    number; blank for the default phrase)."""
    require(permissions.can_edit(actor, section.summary), "您没有修改年度工作总结的权限。")
    section = _section_for_update(section)
    value = "\n".join(line.strip() for line in (text_value or "").strip().splitlines() if line.strip())
    if len(value) > 20000:
        raise ValidationError({"text": "段落过长（不超过20000字）。"})
    fields = ["edited", "edited_text", "edited_at", "edited_by", "updated_at"]
    if heading is not None and section.code != "opening":
        heading = " ".join(heading.split())
        if len(heading) > 60:
            raise ValidationError({"heading": "标题不超过60字。"})
        if heading == text.default_phrase(section.code, section.summary.year):
            heading = ""
        section.heading_text = heading
        fields.append("heading_text")
    section.edited = value != section.generated_text
    section.edited_text = value if section.edited else ""
    section.edited_at = timezone.now()
    section.edited_by = actor
    record_save(section, actor=actor, reason="修改段落", update_fields=fields)
    return section


@transaction.atomic
def section_regenerate(*, actor, section) -> Section:
    """Drops the office's edit of one section and regenerates it from the current snapshot."""
    require(permissions.can_edit(actor, section.summary), "您没有修改年度工作总结的权限。")
    section = _section_for_update(section)
    summary = section.summary
    section.generated_text = _generate(
        summary,
        section.code,
        text.snapshot_figures(summary.figures),
        _last_year_texts(summary.organisation, summary.year),
    )
    section.edited = False
    section.edited_text = ""
    section.edited_at = timezone.now()
    section.edited_by = actor
    record_save(
        section,
        actor=actor,
        reason="重新生成段落",
        update_fields=["generated_text", "edited", "edited_text", "edited_at", "edited_by", "updated_at"],
    )
    return section


@transaction.atomic
def summary_set_approximate(*, actor, summary, keys) -> Summary:
    """Which figures the office wants written as "N余" (e.g. 视频会议50余次)."""
    require(permissions.can_edit(actor, summary), "您没有修改年度工作总结的权限。")
    summary = lock(summary)
    _require_draft(summary)
    unknown = [k for k in keys if k not in KEYS]
    if unknown:
        raise ValidationError({"approximate": f"没有这些数据项：{'、'.join(unknown)}。"})
    summary.approximate = [k for k in KEYS if k in set(keys)]
    record_save(summary, actor=actor, reason="设置约数", update_fields=["approximate", "updated_at"])
    _regenerate_all(summary, actor=actor, reason="设置约数后重新生成")
    return summary


def missing_for(summary):
    return text.missing_keys(text.snapshot_figures(summary.figures))


@transaction.atomic
def summary_finalise(*, actor, summary, omitted=()) -> Summary:
    """Marks the draft final. With figures missing, `omitted` must list exactly those keys: the
    office confirms what the summary will leave out (some years truly have none of a kind)."""
    require(permissions.can_finalise(actor), "您没有年度工作总结定稿的权限。")
    summary = lock(summary)
    _require_draft(summary)
    if summary.refreshed_at is None:
        raise ValidationError({"figures": "请先更新数据。"})
    missing = missing_for(summary)
    if set(omitted or ()) != set(missing):
        labels = "、".join(text.row_label(k) for k in missing)
        raise ValidationError({"omitted": f"定稿前请确认将省略的{len(missing)}项数据：{labels}。"})
    empty = [text.section_heading(s, summary.year) for s in summary.sections.all() if not s.text.strip()]
    if empty:
        raise ValidationError({"sections": f"请先填写：{'、'.join(empty)}。"})
    summary.state = SummaryState.FINAL
    summary.omitted = missing
    summary.finalised_at = timezone.now()
    summary.finalised_by = actor
    record_save(
        summary,
        actor=actor,
        reason="定稿",
        update_fields=["state", "omitted", "finalised_at", "finalised_by", "updated_at"],
    )
    return summary


@transaction.atomic
def summary_new_version(*, actor, summary) -> Summary:
    """Starts a new draft from a final summary: its snapshot and its text, as a new version."""
    require(permissions.can_edit(actor, summary), "您没有修改年度工作总结的权限。")
    summary = lock(summary)
    if summary.state != SummaryState.FINAL:
        raise ValidationError({"state": "只能基于定稿新建版本。"})
    if Summary.objects.filter(organisation=summary.organisation, year=summary.year, state=SummaryState.DRAFT).exists():
        raise ValidationError({"state": f"{summary.year}年已有一份草稿，请先完成它。"})
    latest = Summary.objects.filter(organisation=summary.organisation, year=summary.year).order_by("-version").first()
    draft = Summary(
        organisation=summary.organisation,
        year=summary.year,
        version=latest.version + 1,
        title=summary.title,
        figures=summary.figures,
        refreshed_at=summary.refreshed_at,
        refreshed_by=summary.refreshed_by,
        approximate=summary.approximate,
        based_on=summary,
        created_by=actor,
    )
    record_save(draft, actor=actor, reason=f"基于第{summary.version}版新建版本")
    for old in summary.sections.all():
        section = Section(
            summary=draft,
            code=old.code,
            order=old.order,
            generated_text=old.generated_text,
            edited_text=old.edited_text,
            edited=old.edited,
            edited_at=old.edited_at,
            edited_by=old.edited_by,
            heading_text=old.heading_text,
        )
        record_save(section, actor=actor, reason=f"基于第{summary.version}版新建版本")
    return draft


@transaction.atomic
def export_request(*, actor, summary, kind) -> Export:
    """Records an export of the summary as it stands and queues its rendering (exports queue)."""
    from .document import document_content
    from .tasks import export_render

    require(permissions.can_export(actor), "您没有导出年度工作总结的权限。")
    if kind not in ExportKind.values:
        raise ValidationError({"kind": "请选择导出格式（PDF 或 DOCX）。"})
    if summary.refreshed_at is None:
        raise ValidationError({"figures": "请先更新数据。"})
    export = Export(
        summary=summary,
        kind=kind,
        status=ExportStatus.QUEUED,
        content=document_content(summary),
        snapshot_at=summary.refreshed_at,
        created_by=actor,
    )
    record_save(export, actor=actor, reason=f"导出{export.get_kind_display()}")
    queue_after_commit(export_render, export.pk)
    return export


@transaction.atomic
def typed_figure_save(*, actor, summary, key, year, value, source) -> TypedFigure:
    """Records (or corrects) a figure typed in by the office for the summary's year or the year
    before, with its source, and merges it into the drafts of that year and the next one
    without recounting the records (the computed values in the snapshot stay as they were)."""
    require(permissions.can_edit(actor, summary), "您没有修改年度工作总结的权限。")
    summary = lock(summary)
    _require_draft(summary)
    errors = {}
    row = ROWS_BY_KEY.get(key)
    if row is None:
        errors["key"] = "没有这个数据项。"
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year not in (summary.year, summary.year - 1):
        errors["year"] = f"只能录入{summary.year - 1}年或{summary.year}年的数据。"
    source = (source or "").strip()
    if not source:
        errors["source"] = "请填写数据来源（如“2024年工作总结”或台账名称）。"
    elif len(source) > 200:
        errors["source"] = "来源不超过200字。"
    if value is None or value == "":
        errors["value"] = "请填写数值。"
    else:
        from decimal import Decimal, InvalidOperation

        try:
            value = Decimal(str(value).strip())
        except InvalidOperation:
            errors["value"] = "数值格式不正确。"
        else:
            if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
                errors["value"] = "数值应为不小于0的数。"
            elif row is not None and row.unit == "%" and value > 100:
                errors["value"] = "百分比不能超过100。"
            elif row is not None and row.unit not in ("%", "元") and value != value.to_integral_value():
                errors["value"] = f"{row.label}应为整数。"
    if errors:
        raise ValidationError(errors)
    figure = TypedFigure.objects.select_for_update().filter(
        organisation=summary.organisation, year=year, key=key
    ).first() or TypedFigure(organisation=summary.organisation, year=year, key=key)
    reason = "修改手工录入数据" if figure.pk else "手工录入数据"
    figure.value = value
    figure.source = source
    figure.entered_by = actor
    figure.entered_at = timezone.now()
    record_save(figure, actor=actor, reason=reason)
    drafts = Summary.objects.filter(
        organisation=summary.organisation, year__in=[year, year + 1], state=SummaryState.DRAFT
    ).select_for_update()
    for draft in drafts:
        draft.figures = typed.merge(draft.figures, typed.typed_rows(draft.organisation, draft.year), draft.year)
        record_save(draft, actor=actor, reason=reason, update_fields=["figures", "updated_at"])
        _regenerate_all(draft, actor=actor, reason=f"{reason}后重新生成")
    return figure
