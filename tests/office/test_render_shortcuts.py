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
