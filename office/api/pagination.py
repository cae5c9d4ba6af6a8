from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination

from ..views.generic import CappedPaginator


class PageNumberPagination(BasePageNumberPagination):
    """The pages' paginator (office/views/generic.py CappedPaginator) behind every list endpoint:
    `count` is exact up to CappedPaginator.EXACT rows and the planner's estimate beyond
    (`count_estimated: true`); pages reach the first CappedPaginator.CAP rows."""

    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        paginator = self.page.paginator
        response.data["count_estimated"] = bool(getattr(paginator, "estimated", False))
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_estimated"] = {
            "type": "boolean",
            "description": "true 时 count 为估计值（超过 1000 条时不逐条计数）",
        }
        return schema
