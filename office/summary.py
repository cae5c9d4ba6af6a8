"""The office core's figures for the annual summary: （三）专题任务 from supervised items."""

from urllib.parse import urlencode

from django.urls import reverse

from .choices import SPECIAL_TASK, SupervisionStatus
from .figures import Figure, counted, records_begin
from .models import SupervisedItem


def figures(year: int) -> list[Figure]:
    # One query: the names of the special tasks completed in the year, in the order they closed.
    names = tuple(
        SupervisedItem.objects.filter(
            category=SPECIAL_TASK,
            status=SupervisionStatus.COMPLETED,
            completed_on__year=year,
        )
        .order_by("completed_on", "id")
        .values_list("title", flat=True)
    )
    begin = records_begin((SupervisedItem.objects.all(), "start_date"))
    query = urlencode({"category": SPECIAL_TASK, "phase": SupervisionStatus.COMPLETED, "completed_year": year})
    return [
        Figure(
            key="office.special_tasks",
            value=counted(len(names), year, begin),
            url=f"{reverse('supervision:list')}?{query}",
            names=names,
        )
    ]
