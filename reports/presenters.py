"""What the editor shows: each section's preview with every number linked to the records it
counts, its figures (value, link, missing), and the highlight of what is missing."""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from . import text, typed
from .outline import ROWS


@dataclass
class FigureView:
    key: str
    label: str
    display: str  # the value as printed, or "" when missing
    url: str
    missing: bool
    approximate: bool
    countable: bool  # may be written as N余
    names: tuple = ()
    typed: bool = False  # the value printed was typed in by the office
    source: str = ""  # the typed value's source
    typed_by: str = ""
    conflict: str = ""  # the typed value, when the records computed another one (which wins)
    compares: bool = False  # the sentence compares with last year
    last_year_display: str = ""
    last_year_typed: bool = False
    last_year_source: str = ""
    typed_input: str = ""  # the typed value of this year, for the form
    last_year_input: str = ""  # the typed value of last year, for the form


@dataclass
class SectionView:
    section: object
    code: str
    heading: str
    preview: str  # safe HTML
    figures: list[FigureView] = field(default_factory=list)
    default_phrase: str = ""

    @property
    def missing(self):
        return [f for f in self.figures if f.missing]

    @property
    def typeable(self):
        """Figures the office may type in: missing or typed ones, and last year's where the
        comparison lacks it (the same conditions as the forms in _section.html)."""
        return [
            f
            for f in self.figures
            if f.missing or f.typed or f.last_year_typed or (f.compares and not f.last_year_display)
        ]


def figure_views(summary, section_no: int, figures=None) -> list[FigureView]:
    figures = figures if figures is not None else text.snapshot_figures(summary.figures)
    items = {item["key"]: item for item in summary.figures or []}
    approximate = set(summary.approximate)
    views = []
    for row in ROWS:
        if row.section != section_no:
            continue
        figure = figures.get(row.key)
        missing = figure is None or figure.value is None
        origin = typed.provenance(items[row.key]) if row.key in items else {}
        last_typed = origin.get("typed_last_year") or {}
        views.append(
            FigureView(
                key=row.key,
                label=row.label,
                display=""
                if missing
                else text.format_value(figure.value, row.unit, approximate=row.key in approximate),
                url="" if figure is None else figure.url,
                missing=missing,
                approximate=row.key in approximate,
                countable=row.unit not in ("%", "元"),
                names=() if figure is None else figure.names,
                typed=bool(origin.get("typed")),
                source=origin.get("source", ""),
                typed_by=origin.get("typed_by", ""),
                conflict=text.format_value(origin["typed_value"], row.unit) if origin.get("conflict") else "",
                compares="{compare}" in row.template,
                last_year_display=""
                if figure is None or figure.last_year is None
                else text.format_value(figure.last_year, row.unit),
                last_year_typed=bool(origin.get("last_year_typed")),
                last_year_source=last_typed.get("source", ""),
                typed_input="" if origin.get("typed_value") is None else str(origin["typed_value"]),
                last_year_input="" if last_typed.get("value") is None else str(last_typed["value"]),
            )
        )
    return views


def linked_preview(section_text: str, clauses, urls: dict[str, str], missing_labels=()) -> str:
    """The section's text as HTML paragraphs, each figure's number a link to its records where
    the generated clause still stands in the (possibly edited) text; missing figures marked."""
    html = escape(section_text)
    for clause in clauses:
        url = urls.get(clause.key)
        if not url or not clause.number:
            continue
        target = escape(clause.text)
        if target in html:
            linked = target.replace(
                escape(clause.number),
                format_html(
                    '<a class="figure-link" href="{}" target="_blank" rel="noopener">{}</a>', url, clause.number
                ),
                1,
            )
            html = html.replace(target, linked, 1)
    paragraphs = [f"<p>{line}</p>" for line in html.split("\n") if line.strip()]
    if missing_labels:
        marks = "".join(
            format_html(
                '<mark class="figure-missing" title="没有可统计的记录，该句不会出现在总结中">缺：{}</mark>', label
            )
            for label in missing_labels
        )
        paragraphs.append(f'<p class="figure-missing-line">{marks}</p>')
    return mark_safe("".join(paragraphs))  # noqa: S308 — every piece above is escaped


def section_view(summary, section, figures=None, text_value=None) -> SectionView:
    figures = figures if figures is not None else text.snapshot_figures(summary.figures)
    value = section.text if text_value is None else text_value
    views, clauses = [], []
    if section.code.startswith("work_"):
        n = int(section.code.removeprefix("work_"))
        views = figure_views(summary, n, figures)
        sentences, _ = text.section_clauses(n, figures, summary.year, frozenset(summary.approximate))
        clauses = [c for _, cs in sentences for c in cs]
    urls = {v.key: v.url for v in views}
    preview = linked_preview(value, clauses, urls, [v.label for v in views if v.missing])
    return SectionView(
        section,
        section.code,
        text.section_heading(section, summary.year),
        preview,
        views,
        text.default_phrase(section.code, summary.year),
    )


def section_views(summary):
    figures = text.snapshot_figures(summary.figures)
    return [section_view(summary, s, figures) for s in summary.sections.all()]
