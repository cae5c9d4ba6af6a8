from office.api.pagination import PageNumberPagination

from ..pagination import RegisterPaginator


class RegisterPagination(PageNumberPagination):
    """As the office's pagination, but the count stops at RegisterPaginator.CAP (10000): a
    register of a million rows is not counted on every page."""

    django_paginator_class = RegisterPaginator
