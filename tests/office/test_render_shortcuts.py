"""What the page frame and the registers' rows render in Python instead of template loops
(issue 17) must be the markup the templates made."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.forms.renderers import get_default_renderer
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path, register_converter, reverse, set_script_prefix

from office.navigation import render_nav
from office.reversing import cached_reverse, pk_url
from office.templatetags.office_tags import page_links

AWKWARD = "<\"&'>"

# base.html's sidebar loops before {% nav_menu %} replaced them.
NAV_LOOPS = """      {% for section in nav_sections %}
      <div class="nav-section">
        <div class="nav-section-title">{{ section.title }}</div>
        <ul class="nav flex-column">
          {% for item in section.items %}
          <li class="nav-item">
            <a class="nav-link{% if item.active %} active{% endif %}" href="{{ item.url }}"{% if item.active %} aria-current="page"{% endif %}>
              <i class="bi bi-{{ item.icon }}" aria-hidden="true"></i><span>{{ item.label }}</span>
            </a>
          </li>
          {% endfor %}
        </ul>
      </div>
      {% endfor %}
"""  # noqa: E501 — as it was in base.html


def test_the_sidebar_is_the_markup_of_the_template_loops():
    sections = [
        {
            "title": "公文",
            "items": [
                {"label": "收文登记簿", "icon": "inbox", "url": "/documents/incoming/", "active": True},
                {"label": AWKWARD, "icon": AWKWARD, "url": f"/x/?a=1&b={AWKWARD}", "active": False},
            ],
        },
        {
            "title": AWKWARD,
            "items": [{"label": "督办看板", "icon": "speedometer2", "url": "/dashboard/", "active": False}],
        },
    ]
    expected = engines["django"].from_string(NAV_LOOPS).render({"nav_sections": sections})
    tag = engines["django"].from_string("{% load office_tags %}      {% nav_menu %}\n")
    assert tag.render({"nav_sections": sections}) == expected
    assert render_nav([]) == ""


# office/home.html's and office/dashboard.html's loops before {% waiting_item_rows %} and
# {% overdue_item_rows %} replaced them.
WAITING_LOOP = """{% for item in items %}<tr{% if item.phase == "overdue" %} class="row-overdue"{% endif %}><td><a href="{% pk_url 'supervision:detail' item.pk %}">{{ item.title }}</a></td><td>{{ item.category_label }}</td><td>{{ item.owner_department.name }}</td><td>{{ item.deadline|ymd }}{% if item.deadline_provisional %} <span class="badge badge-provisional">暂定</span>{% endif %}</td><td>{% phase_badge item.phase %}</td></tr>
        {% empty %}<tr><td colspan="5" class="text-center text-muted py-4"><i class="bi bi-check2-circle"></i> 暂无待办事项。</td></tr>{% endfor %}"""  # noqa: E501
OVERDUE_LOOP = """{% localize off %}{% for item in overdue %}<tr><td data-label="事项"><a href="{% pk_url 'supervision:detail' item.pk %}">{{ item.title }}</a></td><td data-label="类别" class="cell-nowrap">{{ item.category_label }}</td><td data-label="承办科室" class="cell-nowrap">{{ item.owner_department.name }}</td><td data-label="责任人" class="cell-nowrap">{{ item.responsible.name }}</td><td data-label="办结时限" class="cell-nowrap">{{ item.deadline|ymd }}</td><td data-label="逾期天数" class="text-end text-danger">{{ item.days_overdue }}</td><td data-label="最近催办" class="cell-nowrap">{{ item.last_urged_at|ymd|default:"—" }}</td></tr>
    {% empty %}<tr><td colspan="7" class="text-center text-muted py-3">没有逾期事项。</td></tr>{% endfor %}{% endlocalize %}"""  # noqa: E501


def _supervised_items():
    from office.models import Department, SupervisedItem, User

    department, person = Department(name=AWKWARD), User(name=AWKWARD)
    urged = datetime.datetime(2026, 3, 1, 17, 5, tzinfo=datetime.UTC)  # 2026-03-02 in Shanghai
    items = []
    for n, (phase, category, provisional, last_urged_at) in enumerate(
        [
            ("overdue", "document", True, urged),
            ("due_soon", AWKWARD, False, None),
            ("in_progress", "instruction", False, urged.replace(hour=3)),
            ("completed", "document", False, None),
        ]
    ):
        item = SupervisedItem(
            pk=1000 + n,
            title=f"{AWKWARD}{n}",
            category=category,
            owner_department=department,
            responsible=person,
            deadline=datetime.date(2026, 1, 31),
            deadline_provisional=provisional,
            last_urged_at=last_urged_at,
        )
        item.phase, item.days_overdue = phase, 1234 * n
        items.append(item)
    return items


@pytest.mark.parametrize(
    ("loop", "tag", "name"),
    [
        (WAITING_LOOP, "{% waiting_item_rows items %}{% if not items %}", "items"),
        (OVERDUE_LOOP, "{% localize off %}{% overdue_item_rows overdue %}{% if not overdue %}", "overdue"),
    ],
)
def test_the_supervised_item_rows_are_the_markup_of_the_loops(loop, tag, name):
    # The empty row stays in the template, after the tag, as the pages write it.
    empty = loop[loop.index("{% empty %}") + len("{% empty %}") : loop.index("{% endfor %}")]
    rows = tag + empty + "{% endif %}" + ("{% endlocalize %}" if "localize" in tag else "")
    for items in (_supervised_items(), []):
        context = {name: items}
        expected = engines["django"].from_string("{% load office_tags l10n %}" + loop).render(context)
        assert engines["django"].from_string("{% load office_tags l10n %}" + rows).render(context) == expected


def test_the_pages_write_the_supervised_item_rows_with_the_tags():
    home = engines["django"].engine.find_template("office/home.html")[0].source
    dashboard = engines["django"].engine.find_template("office/dashboard.html")[0].source
    assert '<tbody>{% waiting_item_rows items %}{% if not items %}<tr><td colspan="5"' in home
    assert '<tbody>{% overdue_item_rows overdue %}{% if not overdue %}<tr><td colspan="7"' in dashboard


def test_a_row_url_is_the_reversed_url_under_any_script_prefix():
    assert pk_url("documents:incoming_detail", 42) == reverse("documents:incoming_detail", args=[42])
    assert pk_url("supervision:detail", 7) == "/supervision/7/"
    assert cached_reverse("documents:incoming_list") == "/documents/incoming/"
    assert cached_reverse("no-such-page") is None
    try:
        set_script_prefix("/oa/")
        assert pk_url("supervision:detail", 7) == "/oa/supervision/7/"
        assert cached_reverse("documents:incoming_list") == "/oa/documents/incoming/"
    finally:
        set_script_prefix("/")
    assert pk_url("supervision:detail", 7) == "/supervision/7/"


def test_a_page_of_rows_reads_the_prefix_once_and_each_page_reads_it_again(monkeypatch):
    from office import reversing

    reads = []
    original = reversing.url_key
    monkeypatch.setattr(reversing, "url_key", lambda: reads.append(1) or original())
    rows = engines["django"].from_string(
        "{% load office_tags %}{% for pk in pks %}{% pk_url 'supervision:detail' pk %} {% endfor %}"
    )
    assert rows.render({"pks": [1, 2, 3]}) == "/supervision/1/ /supervision/2/ /supervision/3/ "
    assert len(reads) == 1
    try:
        set_script_prefix("/oa/")
        assert rows.render({"pks": [4]}) == "/oa/supervision/4/ "
    finally:
        set_script_prefix("/")
    assert rows.render({"pks": [5]}) == "/supervision/5/ "
    assert len(reads) == 3


def test_a_badge_is_the_markup_format_html_made_and_a_safe_text_stays_unescaped():
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    from office.templatetags.office_tags import badge

    for css, text in [("badge-open", "办理中"), (AWKWARD, AWKWARD), ("badge-open", None)]:
        assert badge(css, text) == format_html('<span class="badge {}">{}</span>', css, text)
        assert badge(css, text) == format_html('<span class="badge {}">{}</span>', css, text)  # from the cache
    assert badge("x", mark_safe("<b>")) == '<span class="badge x"><b></span>'
    assert badge("x", "<b>") == '<span class="badge x">&lt;b&gt;</span>'


class _Padded:
    regex = "[0-9]{5,}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:05d}"


register_converter(_Padded, "padded5")
urlpatterns = [path("slips/<padded5:pk>/", lambda request, pk: HttpResponse(), name="slip")]


@override_settings(ROOT_URLCONF=__name__)
def test_a_url_whose_converter_reshapes_the_key_is_reversed_each_time():
    assert pk_url("slip", 42) == "/slips/00042/" == reverse("slip", args=[42])


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, [(1, True), (2, False), (3, False), (None, False), (50, False)]),
        (
            25,
            [
                (1, False),
                (None, False),
                (23, False),
                (24, False),
                (25, True),
                (26, False),
                (27, False),
                (None, False),
                (50, False),
            ],
        ),  # noqa: E501
    ],
)
def test_page_links_mark_the_current_page_and_the_gaps(number, expected):
    page = Paginator(range(1000), 20).page(number)
    assert page_links(page) == expected


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2026, 3, 1, 17, 5, tzinfo=datetime.UTC),  # 2026-03-02 01:05 in Shanghai
        datetime.datetime(2026, 12, 31, 23, 59),
        datetime.date(2026, 3, 1),
        datetime.date(987, 1, 2),
        None,
        "",
    ],
)
def test_ymd_is_the_date_filter(value):
    def render(source):
        return engines["django"].from_string("{% load office_tags %}" + source).render({"v": value})

    assert render("{{ v|ymd }}") == render('{{ v|date:"Y-m-d" }}')
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        assert render("{{ v|ymd_hm }}") == render('{{ v|date:"Y-m-d H:i" }}')


def test_templates_are_compiled_once_per_process():
    # Without a `loaders` option Django wraps the loaders in the cached one; an explicit list
    # in the settings would recompile every template on every request.
    for engine in (engines["django"].engine, get_default_renderer().engine.engine):
        assert engine.loaders[0][0] == "django.template.loaders.cached.Loader"
