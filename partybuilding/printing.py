"""The dues statement (党费收缴统计表) as PDF, through the one PDF layer in office.pdf."""

from decimal import Decimal

from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import render_pdf

from .selectors import dues_statement, dues_totals

CENT = Decimal("0.01")


def statement_pdf(*, user, year: int, month: int | None = None, organ=None) -> bytes:
    """Per branch and member: months assessed, assessed, paid and arrears, with branch subtotals
    and the grand total, all to the fen."""
    branches = {}
    for row in dues_statement(user=user, year=year, month=month, organ=organ):
        assessed, paid = Decimal(row["assessed"]).quantize(CENT), Decimal(row["paid"]).quantize(CENT)
        branch = branches.setdefault(
            row["organ__name"],
            {"name": row["organ__name"], "rows": [], "assessed": Decimal("0.00"), "paid": Decimal("0.00")},
        )
        branch["rows"].append(
            {
                "name": row["member__name"],
                "months": row["months"],
                "assessed": assessed,
                "paid": paid,
                "arrears": assessed - paid,
            }
        )
        branch["assessed"] += assessed
        branch["paid"] += paid
    for branch in branches.values():
        branch["arrears"] = branch["assessed"] - branch["paid"]
    total_assessed = sum((b["assessed"] for b in branches.values()), Decimal("0.00"))
    total_paid = sum((b["paid"] for b in branches.values()), Decimal("0.00"))
    if month is None and organ is None:
        # The same figures the annual summary reports.
        totals = dues_totals(year=year)
        total_assessed, total_paid = totals["assessed"], totals["collected"]
    html = render_to_string(
        "partybuilding/pdf/statement.html",
        {
            "title": f"{year}年{f'{month}月' if month else '度'}党费收缴统计表",
            "organ": organ,
            "branches": list(branches.values()),
            "total": {"assessed": total_assessed, "paid": total_paid, "arrears": total_assessed - total_paid},
            "printed": timezone.localdate(),
        },
    )
    return render_pdf(html, stylesheets=[get_template("partybuilding/pdf/statement.css").template.source])
