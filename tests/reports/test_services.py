"""The draft's rules: edits kept across refresh, regenerate, finalise with confirmation, lock, versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports import services
from reports.models import SummaryState

from .data import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(clerk, standin_collect):
    return services.summary_create(actor=clerk, year=YEAR)


def _section(summary, code):
    return summary.sections.get(code=code)


def test_one_summary_per_organisation_and_year(clerk, summary):
    with pytest.raises(ValidationError) as error:
        services.summary_create(actor=clerk, year=YEAR)
    assert "year" in error.value.message_dict


def test_edits_survive_a_refresh(clerk, summary):
    section = _section(summary, "work_1")
    services.section_edit(actor=clerk, section=section, text_value="办公室改写的办文办会段落。")
    services.summary_refresh(actor=clerk, summary=summary)
    section.refresh_from_db()
    assert section.text == "办公室改写的办文办会段落。"
    assert "2025年共收文612件" in section.generated_text  # the generated text is still kept apart


def test_refresh_takes_a_new_snapshot_with_time_and_who(clerk, leader, summary, standin_collect):
    first = summary.refreshed_at
    services.summary_refresh(actor=leader, summary=summary)
    summary.refresh_from_db()
    assert summary.refreshed_by == leader and summary.refreshed_at > first
    assert summary.history.first().history_change_reason == "更新数据"


def test_regenerating_a_section_drops_the_edit(clerk, summary):
    section = _section(summary, "work_1")
    services.section_edit(actor=clerk, section=section, text_value="改写。")
    services.section_regenerate(actor=clerk, section=section)
    section.refresh_from_db()
    assert not section.edited and "2025年共收文612件" in section.text


def test_every_edit_is_in_the_history_with_who(clerk, leader, summary):
    section = _section(summary, "problems")
    services.section_edit(actor=clerk, section=section, text_value="一是人手不足。")
    services.section_edit(actor=leader, section=section, text_value="一是人手不足；二是调研不够。")
    rows = list(section.history.all()[:2])
    assert [r.history_user for r in rows] == [leader, clerk]
    assert [r.edited_text for r in rows] == ["一是人手不足；二是调研不够。", "一是人手不足。"]


def test_finalising_with_missing_figures_needs_the_list_confirmed(clerk, summary):
    services.section_edit(actor=clerk, section=_section(summary, "problems"), text_value="一是人手不足。")
    services.section_edit(actor=clerk, section=_section(summary, "plans"), text_value="一是加强协调。")
    with pytest.raises(ValidationError) as error:
        services.summary_finalise(actor=clerk, summary=summary, omitted=[])
    assert "接待群众来访" in error.value.message_dict["omitted"][0]
    summary.refresh_from_db()
    assert summary.state == SummaryState.DRAFT
    missing = services.missing_for(summary)
    services.summary_finalise(actor=clerk, summary=summary, omitted=missing)
    summary.refresh_from_db()
    assert summary.state == SummaryState.FINAL and summary.omitted == missing and summary.finalised_by == clerk


def test_finalising_needs_problems_and_plans_written(clerk, summary):
    with pytest.raises(ValidationError) as error:
        services.summary_finalise(actor=clerk, summary=summary, omitted=services.missing_for(summary))
    assert "二、存在的主要问题" in error.value.message_dict["sections"][0]


@pytest.fixture
def final(clerk, summary):
    services.section_edit(actor=clerk, section=_section(summary, "problems"), text_value="一是人手不足。")
    services.section_edit(actor=clerk, section=_section(summary, "plans"), text_value="一是加强协调。")
    return services.summary_finalise(actor=clerk, summary=summary, omitted=services.missing_for(summary))


def test_a_final_summary_refuses_edits_refresh_and_regeneration(clerk, final):
    section = _section(final, "work_1")
    for call in (
        lambda: services.section_edit(actor=clerk, section=section, text_value="改"),
        lambda: services.section_regenerate(actor=clerk, section=section),
        lambda: services.summary_refresh(actor=clerk, summary=final),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert "已定稿" in error.value.message_dict["state"][0]
    section.refresh_from_db()
    assert not section.edited


def test_a_new_version_starts_from_the_final_text(clerk, final):
    draft = services.summary_new_version(actor=clerk, summary=final)
    assert draft.version == 2 and draft.state == SummaryState.DRAFT and draft.based_on == final
    assert _section(draft, "problems").text == "一是人手不足。"
    assert draft.figures == final.figures
    with pytest.raises(ValidationError):
        services.summary_new_version(actor=clerk, summary=final)  # a draft already exists


def test_problems_and_plans_start_from_last_years_text(clerk, final, standin_collect):
    next_year = services.summary_create(actor=clerk, year=YEAR + 1)
    assert _section(next_year, "problems").text == "一是人手不足。"
    assert _section(next_year, "plans").text == "一是加强协调。"
    assert not _section(next_year, "problems").edited


def test_people_outside_the_office_and_leaders_may_not_write(handler, hr, summary):
    for person in (handler, hr):
        with pytest.raises(PermissionDenied):
            services.summary_create(actor=person, year=YEAR - 1)
        with pytest.raises(PermissionDenied):
            services.section_edit(actor=person, section=_section(summary, "work_1"), text_value="改")
        with pytest.raises(PermissionDenied):
            services.summary_refresh(actor=person, summary=summary)


def test_a_year_in_the_future_is_refused(clerk):
    with pytest.raises(ValidationError) as error:
        services.summary_create(actor=clerk, year=2999)
    assert "year" in error.value.message_dict
