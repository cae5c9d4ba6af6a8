"""Figures typed in by the office, merged into the summary's snapshot.

The snapshot keeps, for every outline key, what the records computed (`computed_value`,
`computed_last_year`) apart from what the office typed (`typed`, `typed_last_year`), and the
value the text uses: the computed one when there is one — a computed value always wins — else
the typed one. Last year's typed value feeds the comparison ({compare}) where the records of
last year cannot say (the first year of use).
"""

from decimal import Decimal

from .models import TypedFigure
from .outline import ROWS, ROWS_BY_KEY
from .text import _number_from_json, _number_to_json


def as_number(value, key):
    """A typed Decimal as the figure's kind of number: counts are whole numbers, % and 元 decimals."""
    if value is None:
        return None
    value = Decimal(str(value))
    row = ROWS_BY_KEY.get(key)
    if row is not None and row.unit in ("%", "元"):
        return value
    return int(value) if value == value.to_integral_value() else value


def typed_rows(organisation, year):
    """{(year, key): TypedFigure} for the year and the year before (one query)."""
    rows = TypedFigure.objects.filter(organisation=organisation, year__in=[year, year - 1]).select_related(
        "entered_by"
    )
    return {(t.year, t.key): t for t in rows}


def _typed_json(typed):
    if typed is None:
        return None
    return {
        "value": _number_to_json(as_number(typed.value, typed.key)),
        "source": typed.source,
        "by": typed.entered_by.name if typed.entered_by_id else "",
        "at": typed.entered_at.isoformat(),
    }


def merge(computed: list[dict], typed: dict, year: int) -> list[dict]:
    """The snapshot items: every key the apps reported or the office typed, in outline order."""
    by_key = {}
    for item in computed:
        by_key[item["key"]] = {
            "key": item["key"],
            "url": item.get("url", ""),
            "names": list(item.get("names") or ()),
            "computed_value": item.get("computed_value", item.get("value")),
            "computed_last_year": item.get("computed_last_year", item.get("last_year")),
        }
    items = []
    for row in ROWS:
        this = typed.get((year, row.key))
        last = typed.get((year - 1, row.key))
        item = by_key.get(row.key)
        if item is None and this is None and last is None:
            continue
        if item is None:
            item = {"key": row.key, "url": "", "names": [], "computed_value": None, "computed_last_year": None}
        item["typed"] = _typed_json(this)
        item["typed_last_year"] = _typed_json(last)
        value = item["computed_value"]
        if value is None and this is not None:
            value = item["typed"]["value"]
        last_year = item["computed_last_year"]
        if last_year is None and last is not None:
            last_year = item["typed_last_year"]["value"]
        item["value"] = value
        item["last_year"] = last_year
        items.append(item)
    return items


def provenance(item: dict) -> dict:
    """What the editor says about a figure: typed or computed, and both when they differ."""
    computed = _number_from_json(item.get("computed_value", item.get("value")))
    typed = item.get("typed")
    typed_value = _number_from_json(typed["value"]) if typed else None
    return {
        "typed": computed is None and typed is not None,
        "source": typed["source"] if typed else "",
        "typed_by": typed["by"] if typed else "",
        "typed_value": typed_value,
        "conflict": computed is not None and typed_value is not None and computed != typed_value,
        "typed_last_year": item.get("typed_last_year"),
        "last_year_typed": item.get("computed_last_year") is None and item.get("typed_last_year") is not None,
    }
