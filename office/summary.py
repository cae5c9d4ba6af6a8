"""The office core's figures for the annual summary: （三）专题任务 from supervised items."""

from urllib.parse import urlencode

from django.urls import reverse

from reports.figures import Figure

from .choices import SupervisionCategory, SupervisionStatus
from .models import SupervisedItem


def figures(year: int) -> list[Figure]:
    # One query: the names of the special tasks completed in the year, in the order they closed.
    names = tuple(
        SupervisedItem.objects.filter(
            category=SupervisionCategory.SPECIAL,
            status=SupervisionStatus.COMPLETED,
            completed_on__year=year,
        )
        .order_by("completed_on", "id")
        .values_list("title", flat=True)
    )
    query = urlencode(
        {"category": SupervisionCategory.SPECIAL, "phase": SupervisionStatus.COMPLETED, "completed_year": year}
    )
    return [
        Figure(
            key="office.special_tasks",
            label="完成专题任务",
            value=len(names),
            unit="项",
            section=3,
            url=f"{reverse('supervision:list')}?{query}",
            names=names,
        )
    ]
