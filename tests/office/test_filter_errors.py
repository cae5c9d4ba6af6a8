"""A list page's filter bar with a value it cannot take: the page says which field and why, in
Chinese, and answers 400, as the API does; the rows are those of the other filters."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user", "url", "params", "label"),
    [
        ("clerk", "documents:incoming_list", {"status": "bogus"}, "状态"),
        ("clerk", "documents:outgoing_list", {"year": "abc"}, "年度"),
        ("clerk", "documents:proposal_list", {"kind": "bogus"}, "类型"),
        ("administrator", "audit:list", {"kind": "bogus"}, "事件"),
        ("leader", "supervision:list", {"phase": "bogus"}, "状态"),
        ("hr", "personnel:person_list", {"staffing": "bogus"}, "编制"),
        ("petitions_officer", "petitions:petition_list", {"channel": "bogus"}, "信访形式"),
        ("clerk", "meetings:list", {"year": "abc"}, "年度"),
    ],
)
def test_a_bad_filter_value_is_named_on_the_page(request, client, user, url, params, label):
    client.force_login(request.getfixturevalue(user))
    response = client.get(reverse(url), params)
    assert response.status_code == 400
    form = response.context["filter"].form
    name = next(iter(params))
    label = label or form[name].label
    assert form[name].label == label
    assert f"{label}：" in response.content.decode()
