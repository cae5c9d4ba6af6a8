"""Sentences generated from a known dataset: exact wording, 多/少/持平, percentages, 余, missing figures."""

import datetime
from decimal import Decimal

import pytest

from office.figures import Figure
from reports import services, text
from tests.factories import SupervisedItemFactory

from .data import YEAR, special_tasks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "last", "expected"),
    [(612, 577, "，比2024年多35件"), (208, 211, "，比2024年少3件"), (40, 40, "，与2024年持平"), (40, None, "")],
)
def test_comparison_with_last_year_uses_the_right_word(value, last, expected):
    assert text.format_compare(value, last, YEAR, "件") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("100"), "100%"), (Decimal("93.333333"), "93.3%"), (Decimal("99.96"), "99.9%"), (Decimal("87.0"), "87%")],
)
def test_percentages_have_no_false_precision_and_never_round_up_to_100(value, expected):
    assert text.format_percent(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(53, "50余次"), (50, "50次"), (7, "7次"), (1234, "1200余次")])
def test_yu_only_when_asked(value, expected):
    assert text.format_count(value, "次", approximate=True) == expected
    assert text.format_count(value, "次") == f"{value}次"


def test_money_is_written_in_yuan_with_two_decimals():
    assert text.format_value(Decimal("12345.6"), "元") == "12345.60元"


def test_known_dataset_gives_exact_sentences(clerk, standin_collect):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    sections = {s.code: s.text for s in summary.sections.all()}
    assert summary.title == "滨河市水利局办公室2025年工作总结"
    assert "2025年共收文612件，比2024年多35件；发文208件，比2024年少3件；归档整理文书文件530件。" in sections["work_1"]
    assert (
        "认真办理人大代表建议和政协委员提案，承办市人大代表建议6件、市政协委员提案9件，办理满意度为93.3%。"
        in sections["work_1"]
    )
    assert "督办领导批示交办文件，完结率为100%。" in sections["work_1"]
    assert (
        "全年共组织召开党组会议24次、局务会议6次、专题会议9次、党组中心组学习12次、专题研讨4次、例会学习0次。"
        in sections["work_1"]
    )
    assert "其中以视频方式召开53次。" in sections["work_1"]
    assert "一年来，在门户网站发布宣传报道156篇，比2024年多16篇；通过微信公众号推送报道53篇。" in sections["work_2"]
    assert "2025年，统筹推进并完成党纪学习教育、优化营商环境、水利年鉴编纂等3项专题任务。" in sections["work_3"]


def test_missing_figures_drop_their_clause_and_are_reported(clerk, standin_collect):
    special_tasks()
    summary = services.summary_create(actor=clerk, year=YEAR)
    sections = {s.code: s.text for s in summary.sections.all()}
    whole = "".join(sections.values())
    # personnel, petitions and partybuilding have no summary.py: their sentences are absent.
    assert "接待群众来访" not in whole and "核定党费" not in whole and "选拔调整科级干部" not in whole
    assert "X" not in whole and "None" not in whole
    assert sections["work_6"] == text.INTROS[6]
    missing = services.missing_for(summary)
    assert "petitions.visits" in missing and "partybuilding.dues_collected" in missing
    assert "documents.incoming" not in missing and "office.special_tasks" not in missing


def test_a_clause_missing_in_the_middle_of_a_sentence_leaves_the_rest_well_formed():
    figures = {
        "documents.incoming": Figure("documents.incoming", 10, last_year=10),
        "documents.outgoing": Figure("documents.outgoing", None),
        "documents.archived": Figure("documents.archived", 3),
    }
    sentences, missing = text.section_clauses(1, figures, YEAR)
    assert sentences[0][0] == "2025年共收文10件，与2024年持平；归档整理文书文件3件。"
    assert "documents.outgoing" in missing


def test_yu_is_written_for_the_figures_the_office_asks_for(clerk, standin_collect):
    summary = services.summary_create(actor=clerk, year=YEAR)
    services.summary_set_approximate(actor=clerk, summary=summary, keys=["meetings.video_meetings"])
    work_1 = summary.sections.get(code="work_1").text
    assert "其中以视频方式召开50余次。" in work_1
    assert "党组会议24次" in work_1


def test_no_special_tasks_is_said_in_words_not_as_zero(clerk, standin_collect):
    # The year has supervision records (so 0 is a true count), none of them a special task.
    SupervisedItemFactory(category="document", start_date=datetime.date(YEAR, 3, 1), deadline=datetime.date(YEAR, 3, 9))
    summary = services.summary_create(actor=clerk, year=YEAR)
    assert "本年度没有需要统筹调度的专题任务。" in summary.sections.get(code="work_3").text
