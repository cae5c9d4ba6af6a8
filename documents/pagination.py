"""Register pagination that never counts a million rows: the count stops at a cap."""

from functools import cached_property

from django.core.paginator import Paginator


class RegisterPaginator(Paginator):
    """Counts at most CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT CAP+1)), so an unfiltered
    register of a million documents costs the same as one of ten thousand; beyond the cap the
    page says so and asks for a narrower filter."""

    CAP = 10_000

    @cached_property
    def count(self):
        counted = self.object_list[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)

    capped = False


def paginate(request, queryset, per_page=20):
    page = RegisterPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
