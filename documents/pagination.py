"""The documents' registers paginate with the office's capped paginator (office/views/generic.py)."""

from office.views.generic import CappedPaginator as RegisterPaginator
from office.views.generic import paginate

__all__ = ["RegisterPaginator", "paginate"]
