from office.api.pagination import PageNumberPagination

from ..pagination import RegisterPaginator


class RegisterPagination(PageNumberPagination):
    """The office's pagination (exact count up to 1000 rows, an estimate beyond, pages up to
    RegisterPaginator.CAP rows), under the registers' name."""

    django_paginator_class = RegisterPaginator
