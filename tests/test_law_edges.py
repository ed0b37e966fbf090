"""The law at its edges (issue 17): schools' term dates, fees that lapse, late notices, and the
law in force on the day a request was received. Dates are worked out by hand from the primary
texts in the comments (day of receipt = day 0; "Oct 17-20 (1-4)" means those are days 1 to 4)."""

from __future__ import annotations

from foitrack.law.workdays import calendar_for, last_day_of_months_beginning_with
from tests.test_deadlines import D


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
