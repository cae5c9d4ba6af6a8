"""The filter bars' model choice lists (科室, 会议室, 党组织 …) are read in one query each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from office.models import Department

pytestmark = pytest.mark.django_db

# (list page, one of its model choice filters): every register with a department select.
PAGES = [
    ("documents:incoming_list", "department", "clerk"),
    ("documents:outgoing_list", "department", "clerk"),
    ("supervision:list", "owner_department", "clerk"),
    ("personnel:person_list", "department", "hr"),
]


@pytest.mark.parametrize(("name", "field", "role"), PAGES)
def test_a_choice_list_is_read_in_one_query_without_a_server_side_cursor(client, request, name, field, role):
    """Django reads a ModelChoiceField's choices through QuerySet.iterator(): on PostgreSQL a
    server-side cursor, DECLARE … WITH HOLD, FETCH until empty and CLOSE, for a list of tens of
    rows. Each choice list here is one plain SELECT."""
    for n in range(3):
        Department.objects.create(name=f"测试科{n}", code=f"t{n}")
    client.force_login(request.getfixturevalue(role))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert "测试科2" in body
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if s.startswith("DECLARE")], sql
    assert f'name="{field}"' in body


def test_every_filter_bar_uses_the_listed_choices():
    """Every FilterSet's model choice filter is office.filters.ModelChoiceFilter."""
    import django_filters

    from office.filters import ModelChoiceFilter

    found = []
    for filterset in _filtersets():
        for name, item in filterset.base_filters.items():
            if isinstance(item, django_filters.ModelChoiceFilter):
                found.append((filterset.__name__, name, isinstance(item, ModelChoiceFilter)))
    assert found and all(listed for _, _, listed in found), [f for f in found if not f[2]]


def _filtersets():
    import django_filters
    from django.apps import apps

    for config in apps.get_app_configs():
        module = getattr(__import__(config.name, fromlist=["filters"]), "filters", None)
        for value in vars(module).values() if module is not None else ():
            if isinstance(value, type) and issubclass(value, django_filters.FilterSet):
                yield value


def test_a_yes_or_no_filter_offers_all_yes_and_no():
    """A yes/no filter reads 全部/是/否, as every other select of a filter bar starts with 全部:
    not Django's 未知/是/否 (已作废: 未知)."""
    import django_filters

    found = []
    for filterset in _filtersets():
        for name, item in filterset.base_filters.items():
            if isinstance(item, django_filters.BooleanFilter):
                choices = list(item.field.widget.choices)
                found.append((filterset.__name__, name, choices[0] == ("", "全部")))
    assert found and all(ok for *_, ok in found), [f for f in found if not f[2]]
