import pytest

from meetings.choices import MeetingState
from meetings.summary import figures
from reports.outline import ROWS

from .factories import MeetingFactory, RoomFactory, at, meeting_type

pytestmark = pytest.mark.django_db


def held(code, when, *, video=False, state=MeetingState.HELD):
    return MeetingFactory(
        meeting_type=meeting_type(code), start=when, room=None if video else RoomFactory(), is_video=video, state=state
    )


@pytest.fixture
def dataset(clerk):
    # 2025: 3 党组会议 (one by video), 1 局务会议 by video, 1 cancelled and 1 planned that do not count,
    # a 党组中心组学习; 2024: 2 党组会议, 1 by video.
    held("party_group", at(2025, 1, 8))
    held("party_group", at(2025, 3, 8))
    held("party_group", at(2025, 12, 31, 23, 30), video=True)  # late evening, Shanghai time: still 2025
    held("bureau_affairs", at(2025, 5, 6), video=True)
    held("bureau_affairs", at(2025, 6, 6), state=MeetingState.CANCELLED)
    held("special", at(2025, 7, 6), state=MeetingState.PLANNED)
    held("central_group_study", at(2025, 4, 1))
    held("party_group", at(2024, 2, 1))
    held("party_group", at(2024, 9, 1), video=True)


def by_key(year):
    return {f.key: f for f in figures(year)}


def test_meetings_held_by_type_and_video_with_last_year(dataset, django_assert_num_queries):
    # One GROUP BY over both years, and the date the records begin.
    with django_assert_num_queries(2):
        result = by_key(2025)
    # Only the keys the summary's outline names: no 其他, no other app's types.
    assert "meetings.other" not in result
    assert (result["meetings.party_group"].value, result["meetings.party_group"].last_year) == (3, 2)
    assert (result["meetings.bureau_affairs"].value, result["meetings.bureau_affairs"].last_year) == (1, 0)
    assert result["meetings.special"].value == 0
    assert result["meetings.theory_study"].value == 1
    assert (result["meetings.video_meetings"].value, result["meetings.video_meetings"].last_year) == (2, 1)
    assert result["meetings.party_group"].url == "/meetings/?year=2025&state=held&type_code=party_group"


def test_a_year_without_records_is_missing_not_zero(dataset):
    result = by_key(2023)
    assert result["meetings.party_group"].value is None
    assert result["meetings.video_meetings"].value is None
    assert result["meetings.party_group"].last_year is None
    assert by_key(2026)["meetings.party_group"].last_year == 3


def test_every_meetings_key_of_the_outline_is_reported(dataset):
    expected = {row.key for row in ROWS if row.app == "meetings"}
    assert expected <= set(by_key(2025))
