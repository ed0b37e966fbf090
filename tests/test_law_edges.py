"""The law at its edges (issue 17): schools' term dates, fees that lapse, late notices, and the
law in force on the day a request was received. Dates are worked out by hand from the primary
texts in the comments (day of receipt = day 0; "Oct 17-20 (1-4)" means those are days 1 to 4)."""

from __future__ import annotations

import pytest

from foitrack.law.schools import TermDatesError, parse_range, parse_terms
from foitrack.law.workdays import calendar_for, last_day_of_months_beginning_with
from tests.test_deadlines import D


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("foitrack: error: "), result.stderr
    return lines[0]


LEEDS = """
    [school_terms."Leeds 2023-24"]
    terms = [
      "4 Sep 2023 to 20 Oct 2023",
      "Monday 30 October to Tuesday 19 December 2023",
      "2024-01-04..2024-02-09",
    ]
    closed = ["6 Nov 2023"]   # an INSET day

    [authorities."St Mary's Primary School"]
    email = "office@stmarys.example.sch.uk"
    school_terms = "Leeds 2023-24"

    [authorities."St John's School"]
    days = 60
"""


ST_MARYS = """
    authority = "St Mary's Primary School"
    subject = "School trips"
    sent = 2023-10-16
"""


def test_term_dates_as_a_council_page_writes_them():
    assert parse_range("4 Sep 2023 to 20 Oct 2023") == (D("2023-09-04"), D("2023-10-20"))
    # The year written once, at the end; weekday names checked; ISO ranges; en dashes.
    assert parse_range("Monday 19 February to Thursday 28 March 2024") == (D("2024-02-19"), D("2024-03-28"))
    assert parse_range("1 December to 5 January 2024") == (D("2023-12-01"), D("2024-01-05"))
    assert parse_range("2024-04-15..2024-05-24") == (D("2024-04-15"), D("2024-05-24"))
    assert parse_range("15/04/2024 \u2013 24/05/2024") == (D("2024-04-15"), D("2024-05-24"))
    assert parse_range({"from": D("2024-06-03"), "to": D("2024-07-19")}) == (D("2024-06-03"), D("2024-07-19"))
    assert parse_range(D("2023-11-06")) == (D("2023-11-06"), D("2023-11-06"))
    with pytest.raises(TermDatesError, match="is a Monday, not a Tuesday"):
        parse_range("Tuesday 4 Sep 2023 to 20 Oct 2023")
    with pytest.raises(TermDatesError, match="has no year"):
        parse_range("4 Sep to 20 Oct")
    with pytest.raises(TermDatesError, match="ends before it starts"):
        parse_range("20 Oct 2023 to 4 Sep 2023")
    terms = parse_terms("Leeds", ["4 Sep 2023 to 20 Oct 2023", "30 Oct 2023 to 19 Dec 2023"], ["6 Nov 2023"])
    assert terms.is_school_day(D("2023-10-20")) is True
    assert terms.is_school_day(D("2023-10-23")) is False  # half term
    assert terms.is_school_day(D("2023-11-06")) is False  # closed
    assert terms.is_school_day(D("2023-10-21")) is False  # a Saturday
    assert terms.is_school_day(D("2024-01-08")) is None  # after the last term given: unknown


@pytest.mark.parametrize(
    "settings, message",
    [
        (LEEDS.replace('"4 Sep 2023 to 20 Oct 2023"', '"Tuesday 4 Sep 2023 to 20 Oct 2023"'),
         '[school_terms."Leeds 2023-24"]: in \'Tuesday 4 Sep 2023 to 20 Oct 2023\': 4 Sep 2023 is a Monday'),
        (LEEDS.replace('school_terms = "Leeds 2023-24"', 'school_days = ["4 Sep 2023 to 20 Oct"]'),
         "school_days: in '4 Sep 2023 to 20 Oct'"),
        (LEEDS.replace("terms = [", "term = ["), "unknown key 'term'"),
    ],
)
def test_bad_term_dates_are_one_clear_error_and_nothing_is_written(tracker, settings, message):
    tracker.settings(settings)
    path = tracker.write("stmarys", ST_MARYS)
    before = path.read_bytes()
    error = one_line_error(tracker.run("show", "stmarys"), 1)
    assert message in error
    assert path.read_bytes() == before


def test_last_day_of_a_period_beginning_with_a_day():
    # "Beginning with" the day of the notice includes it, so three months end the day before the
    # corresponding date; with no corresponding date, at the end of that month.
    assert last_day_of_months_beginning_with(D("2023-03-10"), 3) == D("2023-06-09")
    assert last_day_of_months_beginning_with(D("2023-03-31"), 3) == D("2023-06-30")
    assert last_day_of_months_beginning_with(D("2022-11-30"), 3) == D("2023-02-28")
    assert last_day_of_months_beginning_with(D("2023-12-01"), 3) == D("2024-02-29")


def test_no_proclamation_made_4_january_2011_a_scottish_holiday(tracker):
    assert calendar_for("foisa").is_working_day(D("2011-01-04"))
    assert calendar_for("foisa").is_working_day(D("2010-01-04"))
    assert calendar_for("foia").is_working_day(D("2011-01-04"))  # not in the union either
    assert not calendar_for("foisa").is_working_day(D("2016-01-04"))  # proclaimed; in the gov.uk feed
    listed = [d["date"] for d in tracker.ok("holidays", "--year", "2011", "--regime", "foisa", "--json").json()]
    assert "2011-01-03" in listed and "2011-01-04" not in listed
    # FOISA, received Tue 7 Dec 2010: Dec 8-10 (1-3), 13-17 (4-8), 20-24 (9-13), 27-28 off
    # (Christmas and Boxing Day substitutes), 29-31 (14-16), Mon 3 Jan off (2 Jan, a Sunday),
    # Tue 4 Jan (17), 5-7 (18-20): Fri 7 Jan 2011. Main skipped 4 Jan: Mon 10 Jan.
    assert tracker.ok("deadline", "2010-12-07", "--regime", "foisa").stdout.startswith("Due Fri 07 Jan 2011")
