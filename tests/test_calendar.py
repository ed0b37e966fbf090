"""Statutory working-day calendars (foitrack.law.workdays).

Every expected date below is worked out by hand from the law in docs/uk-deadline-rules.md:
FOIA s.10(6) union rule (1.3, 1.4), FOISA s.73 Scotland-only (4.3), ICO counting with the day of
receipt as day 0 (1.8), SAR month counting (6.2, 6.3). "UK" = calendar_for("foia"),
"SCT" = calendar_for("foisa").
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foitrack.law.workdays import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    NonWorkingDay,
    WorkingCalendar,
    add_months,
    calendar_for,
    code_of_practice_start,
    extra_days_for,
    load_bank_holidays_json,
    sar_due,
)

D = dt.date.fromisoformat
UK = calendar_for("foia")
SCT = calendar_for("foisa")


# ---------------------------------------------------------------------------------------------
# Which days are working days


@pytest.mark.parametrize(
    "day, uk_working, sct_working, why",
    [
        # St Patrick's Day: NI bank holiday -> non-working everywhere under FOIA, working in Scotland.
        ("2023-03-17", False, True, "Fri 17 Mar 2023, St Patrick's Day (NI)"),
        ("2024-03-18", False, True, "17 Mar 2024 is a Sunday: NI substitute Mon 18 Mar"),
        # Battle of the Boyne, 12 July (NI).
        ("2023-07-12", False, True, "Wed 12 Jul 2023 (NI)"),
        ("2025-07-14", False, True, "12 Jul 2025 is a Saturday: NI substitute Mon 14 Jul"),
        # St Andrew's Day (Scotland): non-working in both; weekend -> next Monday (2007 Act).
        ("2023-11-30", False, False, "Thu 30 Nov 2023"),
        ("2024-12-02", False, False, "30 Nov 2024 is a Saturday: substitute Mon 2 Dec"),
        ("2025-12-01", False, False, "30 Nov 2025 is a Sunday: substitute Mon 1 Dec"),
        ("2007-11-30", False, False, "first St Andrew's Day bank holiday (Act of Jan 2007)"),
        ("2006-11-30", True, True, "before the St Andrew's Day Bank Holiday (Scotland) Act 2007"),
        # 2 January (Scotland).
        ("2025-01-02", False, False, "Thu 2 Jan 2025"),
        # First Monday of August (Scotland) vs last Monday of August (E&W, NI).
        ("2025-08-04", False, False, "Summer Bank Holiday, Scotland"),
        ("2025-08-25", False, True, "Late Summer Bank Holiday, E&W and NI only"),
        # Easter: Good Friday everywhere; Easter Monday not a Scottish bank holiday.
        ("2025-04-18", False, False, "Good Friday"),
        ("2025-04-21", False, True, "Easter Monday, E&W and NI only"),
        # Christmas and New Year across a weekend: 25/26 Dec 2021 Sat/Sun -> Mon 27, Tue 28;
        # 1 Jan 2022 Sat -> Mon 3 Jan; Scotland's 2 Jan (Sun) -> Tue 4 Jan.
        ("2021-12-27", False, False, "Christmas Day substitute"),
        ("2021-12-28", False, False, "Boxing Day substitute"),
        ("2021-12-29", True, True, "ordinary Wednesday"),
        ("2022-01-03", False, False, "New Year's Day substitute"),
        ("2022-01-04", False, False, "2 January substitute (Scotland; so also the union)"),
        ("2022-01-05", True, True, "ordinary Wednesday"),
        # One-off days by Royal Proclamation.
        ("2022-09-19", False, False, "State funeral of Queen Elizabeth II"),
        ("2023-05-08", False, False, "Coronation of King Charles III"),
        ("2026-06-15", False, False, "Scottish one-off day 2026; union rule makes it UK-wide"),
        ("2022-06-02", False, False, "Spring Bank Holiday moved from 30 May 2022"),
        ("2022-06-03", False, False, "Platinum Jubilee"),
        ("2022-05-30", True, True, "last Monday of May 2022, holiday moved away"),
        ("2020-05-08", False, False, "May Day 2020 moved to VE Day"),
        ("2020-05-04", True, True, "first Monday of May 2020, holiday moved away"),
        ("2011-04-29", False, False, "Royal wedding"),
        ("2012-06-05", False, False, "Diamond Jubilee"),
        ("2002-06-03", False, False, "Golden Jubilee"),
        # Millennium: 1 Jan 2000 Saturday -> Mon 3 Jan; Scotland 2 Jan Sunday -> Tue 4 Jan.
        ("2000-01-03", False, False, "New Year's Day 2000 substitute"),
        ("2000-01-04", False, False, "2 January 2000 substitute (Scotland)"),
        # Weekends and an ordinary day.
        ("2023-09-23", False, False, "Saturday"),
        ("2023-09-24", False, False, "Sunday"),
        ("2023-09-25", True, True, "ordinary Monday"),
        ("2035-12-31", True, True, "last day of the range, a Monday"),
    ],
)
def test_working_days(day, uk_working, sct_working, why):
    assert UK.is_working_day(D(day)) is uk_working, why
    assert SCT.is_working_day(D(day)) is sct_working, why
    assert (UK.reason(D(day)) is None) is uk_working
    assert (SCT.reason(D(day)) is None) is sct_working


@pytest.mark.parametrize(
    "calendar, day, reason",
    [
        (UK, "2023-09-23", "Saturday"),
        (UK, "2023-09-24", "Sunday"),
        (UK, "2023-03-17", "St Patrick's Day (Northern Ireland)"),
        (UK, "2023-07-12", "Battle of the Boyne (Northern Ireland)"),
        (UK, "2023-11-30", "St Andrew's Day (Scotland)"),
        (UK, "2025-12-01", "St Andrew's Day (substitute day, Scotland)"),
        (UK, "2025-04-18", "Good Friday (all UK)"),
        (UK, "2025-04-21", "Easter Monday (England, Wales and Northern Ireland)"),
        (UK, "2025-08-04", "Summer Bank Holiday (Scotland)"),
        (UK, "2022-09-19", "State Funeral of Queen Elizabeth II (all UK)"),
        (UK, "2023-05-08", "Coronation of Charles III (all UK)"),
        (UK, "2021-12-27", "Christmas Day (substitute day, all UK)"),
        (UK, "2022-01-04", "New Year Holiday (substitute day, Scotland)"),
        # 1 Jan 2023 a Sunday: Mon 2 Jan is the substitute everywhere AND Scotland's own 2 Jan.
        (UK, "2023-01-02", "New Year's Day (substitute day, all UK); New Year Holiday (Scotland)"),
        (SCT, "2025-08-04", "Summer Bank Holiday (Scotland)"),
        (SCT, "2025-04-18", "Good Friday (all UK)"),
        (SCT, "2023-11-30", "St Andrew's Day (Scotland)"),
        (SCT, "2025-04-21", None),
        (SCT, "2023-03-17", None),
    ],
)
def test_reasons_name_day_and_nations(calendar, day, reason):
    assert calendar.reason(D(day)) == reason


def test_scottish_one_off_day_2026_is_named_for_scotland():
    assert "(Scotland)" in UK.reason(D("2026-06-15"))
    assert SCT.reason(D("2026-06-15")) == UK.reason(D("2026-06-15"))


@pytest.mark.parametrize(
    "day, proclaimed",
    [
        ("2002-06-03", True),  # Golden Jubilee
        ("2011-04-29", True),  # royal wedding
        ("2012-06-05", True),  # Diamond Jubilee
        ("2022-06-03", True),  # Platinum Jubilee
        ("2022-06-02", True),  # Spring Bank Holiday moved by proclamation
        ("2020-05-08", True),  # May Day moved by proclamation
        ("2022-09-19", True),  # state funeral
        ("2023-05-08", True),  # coronation
        ("2026-06-15", True),  # Scottish one-off day
        ("2023-05-29", False),  # ordinary Spring Bank Holiday
        ("2023-12-25", False),
        ("2023-03-17", False),
        ("2023-09-25", False),  # working day
        ("2023-09-23", False),  # Saturday
    ],
)
def test_proclaimed_flags(day, proclaimed):
    assert UK.proclaimed(D(day)) is proclaimed
    if not SCT.is_working_day(D(day)) or proclaimed is False:
        assert SCT.proclaimed(D(day)) is proclaimed


def test_calendar_identity_and_caching():
    assert UK.name == "UK (all nations)" and SCT.name == "Scotland"
    assert set(UK.regimes) == {"foia", "eir", "sar"}
    assert set(SCT.regimes) == {"foisa", "eisr"}
    assert calendar_for("eir") is UK and calendar_for("sar") is UK
    assert calendar_for("eisr") is SCT
    assert isinstance(UK, WorkingCalendar)
    with pytest.raises(ValueError, match="unknown regime"):
        calendar_for("gdpr")


def test_importing_the_module_does_not_import_holidays():
    code = "import sys, foitrack.law.workdays; print('holidays' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# FOIA / FOISA 20-working-day deadlines (ICO: receipt is day 0)


@pytest.mark.parametrize(
    "regime, received, due, working",
    [
        # Fri 22 Sep 2023: Mon 25 Sep is day 1; four clear weeks -> day 20 is Fri 20 Oct.
        ("foia", "2023-09-22", "2023-10-20", "Sep 25-29 (1-5), Oct 2-6, 9-13, 16-20 (20)"),
        # Sat/Sun receipt: day 1 is still Mon 25 Sep, so the same deadline (rule 1.8).
        ("foia", "2023-09-23", "2023-10-20", "Saturday receipt"),
        ("foia", "2023-09-24", "2023-10-20", "Sunday receipt"),
        ("foia", "2023-09-25", "2023-10-23", "Monday receipt: day 1 Tue 26 Sep"),
        # Christmas 2023: Thu 14 (1), Fri 15 (2), Dec 18-22 (3-7), 25 and 26 Dec off,
        # 27-29 (8-10), Mon 1 Jan off, Tue 2 Jan off (Scotland, so union), Jan 3-5 (11-13),
        # Jan 8-12 (14-18), Mon 15 (19), Tue 16 (20).
        ("foia", "2023-12-13", "2024-01-16", "Christmas + New Year + 2 Jan"),
        ("foisa", "2023-12-13", "2024-01-16", "same days off in Scotland"),
        # St Patrick's Day 2023 (Fri 17 Mar): Mar 7-10 (1-4), 13-16 (5-8), 17 off,
        # 20-24 (9-13), 27-31 (14-18), Mon 3 Apr (19), Tue 4 Apr (20).
        ("foia", "2023-03-06", "2023-04-04", "spans St Patrick's Day"),
        ("foisa", "2023-03-06", "2023-04-03", "17 Mar is a working day in Scotland"),
        # Easter 2025: Apr 2-4 (1-3), 7-11 (4-8), 14-17 (9-12), Good Friday 18 off, Easter
        # Monday 21 off (UK) -> 22-25 (13-16), 28-30 (17-19), Thu 1 May (20).
        ("foia", "2025-04-01", "2025-05-01", "Good Friday and Easter Monday off"),
        # Scotland: Easter Monday counts -> 21-25 (13-17), 28-30 (18-20).
        ("foisa", "2025-04-01", "2025-04-30", "Easter Monday works in Scotland"),
        # August 2025: Jul 29-Aug 1 (1-4), Mon 4 Aug off (Scotland), Aug 5-8 (5-8), 11-15 (9-13),
        # 18-22 (14-18); UK: Mon 25 Aug off -> 26 (19), 27 (20). Scotland: 25 (19), 26 (20).
        ("foia", "2025-07-28", "2025-08-27", "both August Mondays off"),
        ("foisa", "2025-07-28", "2025-08-26", "only the first August Monday off"),
        # State funeral 2022: Sep 6-9 (1-4), 12-16 (5-9), Mon 19 off, 20-23 (10-13),
        # 26-30 (14-18), Mon 3 Oct (19), Tue 4 Oct (20).
        ("foia", "2022-09-05", "2022-10-04", "state funeral"),
        ("foisa", "2022-09-05", "2022-10-04", "SIC: the funeral was not a working day"),
        # St Andrew's Day 2025 falls on Sunday: Nov 18-21 (1-4), 24-28 (5-9), Mon 1 Dec off,
        # Dec 2-5 (10-13), 8-12 (14-18), Mon 15 (19), Tue 16 (20).
        ("foia", "2025-11-17", "2025-12-16", "St Andrew's Day substitute Monday"),
        ("foisa", "2025-11-17", "2025-12-16", "St Andrew's Day substitute Monday"),
        # 2026 Scottish one-off day Mon 15 Jun: Jun 2-5 (1-4), 8-12 (5-9), 15 off,
        # 16-19 (10-13), 22-26 (14-18), Mon 29 (19), Tue 30 (20).
        ("foia", "2026-06-01", "2026-06-30", "Scottish one-off day, union rule"),
        ("foisa", "2026-06-01", "2026-06-30", "Scottish one-off day"),
    ],
)
def test_twenty_working_day_deadlines(regime, received, due, working):
    calendar = calendar_for(regime)
    assert calendar.add_working_days(D(received), 20) == D(due), working
    assert calendar.working_days_between(D(received), D(due)) == 20
    assert calendar.working_days_between(D(due), D(received)) == -20


def test_code_of_practice_reading_moves_non_working_receipt():
    # s.45 Code (rule 1.10): Saturday receipt -> Monday 25 Sep is the date of receipt, so
    # day 1 is Tue 26 Sep and day 20 is Mon 23 Oct (one working day later than the ICO's 20 Oct).
    start = code_of_practice_start(D("2023-09-23"), UK)
    assert start == D("2023-09-25")
    assert UK.add_working_days(start, 20) == D("2023-10-23")
    # Working-day receipt: no difference.
    assert code_of_practice_start(D("2023-09-22"), UK) == D("2023-09-22")
    # Receipt on Good Friday 2025 -> Tue 22 Apr (UK) but Mon 21 Apr in Scotland.
    assert code_of_practice_start(D("2025-04-18"), UK) == D("2025-04-22")
    assert code_of_practice_start(D("2025-04-18"), SCT) == D("2025-04-21")


def test_add_working_days_edge_cases():
    assert UK.add_working_days(D("2023-09-23"), 0) == D("2023-09-23")  # n=0 returns start
    assert UK.add_working_days(D("2023-09-22"), 1) == D("2023-09-25")
    assert UK.add_working_days(D("2023-09-25"), -1) == D("2023-09-22")
    assert UK.add_working_days(D("2023-09-24"), -1) == D("2023-09-22")  # Sunday, back to Fri
    assert UK.add_working_days(D("2023-10-02"), -5) == D("2023-09-25")
    # 40 working days (public-interest soft limit) from 22 Sep 2023: 20 Oct + 4 weeks, and
    # Scotland's St Andrew's Day (Thu 30 Nov) is after it -> Fri 17 Nov.
    assert UK.add_working_days(D("2023-09-22"), 40) == D("2023-11-17")


def test_skipped_lists_every_non_working_day_in_the_window():
    skipped = UK.skipped(D("2023-12-13"), D("2024-01-16"))
    assert [s.date for s in skipped] == [
        D(d)
        for d in (
            "2023-12-16", "2023-12-17", "2023-12-23", "2023-12-24", "2023-12-25", "2023-12-26",
            "2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02", "2024-01-06", "2024-01-07",
            "2024-01-13", "2024-01-14",
        )
    ]  # fmt: skip
    by_day = {s.date: s.reason for s in skipped}
    assert by_day[D("2023-12-25")] == "Christmas Day (all UK)"
    assert by_day[D("2023-12-26")] == "Boxing Day (all UK)"
    assert by_day[D("2024-01-01")] == "New Year's Day (all UK)"
    assert by_day[D("2024-01-02")] == "New Year Holiday (Scotland)"
    assert by_day[D("2023-12-16")] == "Saturday"
    # start is excluded, end included; empty when end <= start
    assert UK.skipped(D("2023-12-16"), D("2023-12-17")) == [
        NonWorkingDay(D("2023-12-17"), "Sunday")
    ]
    assert UK.skipped(D("2023-12-20"), D("2023-12-13")) == []


def test_non_working_weekdays_inclusive_weekdays_only():
    days = UK.non_working_weekdays(D("2025-12-01"), D("2026-01-02"))
    assert [(d.date.isoformat(), d.reason) for d in days] == [
        ("2025-12-01", "St Andrew's Day (substitute day, Scotland)"),
        ("2025-12-25", "Christmas Day (all UK)"),
        ("2025-12-26", "Boxing Day (all UK)"),
        ("2026-01-01", "New Year's Day (all UK)"),
        ("2026-01-02", "New Year Holiday (Scotland)"),
    ]
    sct_2025 = [d.date.isoformat() for d in SCT.non_working_weekdays(D("2025-01-01"), D("2025-12-31"))]
    assert sct_2025 == [
        "2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26",
        "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26",
    ]  # fmt: skip


def test_next_working_day():
    assert UK.next_working_day(D("2023-09-25")) == D("2023-09-25")
    assert UK.next_working_day(D("2023-09-23")) == D("2023-09-25")
    assert UK.next_working_day(D("2021-12-25")) == D("2021-12-29")
    # Sat 1 Jan 2022 -> Mon 3 (E&W), Tue 4 (Scotland) off -> Wed 5 Jan.
    assert UK.next_working_day(D("2022-01-01")) == D("2022-01-05")


# ---------------------------------------------------------------------------------------------
# Subject access requests (UK GDPR art 12(3), ICO counting since 15 Aug 2019)


@pytest.mark.parametrize(
    "regime, received, months, due, why",
    [
        ("sar", "2019-09-03", 1, "2019-10-03", "receipt is day 1: 3 Sep -> Thu 3 Oct"),
        ("sar", "2023-01-31", 1, "2023-02-28", "no 31 Feb: last day, Tue 28 Feb (non-leap)"),
        ("sar", "2024-01-31", 1, "2024-02-29", "leap year: Thu 29 Feb"),
        ("sar", "2023-09-14", 1, "2023-10-16", "14 Oct 2023 is a Saturday -> Mon 16 Oct"),
        ("sar", "2023-09-30", 1, "2023-10-30", "Saturday receipt counts: Mon 30 Oct"),
        ("sar", "2023-10-30", 1, "2023-12-01", "Thu 30 Nov St Andrew's Day (union) -> Fri"),
        ("foisa", "2023-10-30", 1, "2023-12-01", "Thu 30 Nov St Andrew's Day (Scotland)"),
        ("sar", "2023-11-25", 1, "2023-12-27", "25 Dec Mon, 26 Dec Tue -> Wed 27 Dec"),
        # 17 Mar 2024 Sunday -> Mon 18 Mar (NI substitute, union) -> Tue 19; Scotland: Mon 18.
        ("sar", "2024-02-17", 1, "2024-03-19", "weekend then NI substitute day"),
        ("foisa", "2024-02-17", 1, "2024-03-18", "NI day is working in Scotland"),
        # Extension: two further months = three months from receipt, clamped once: 30 Apr.
        ("sar", "2024-01-31", 3, "2024-04-30", "extended: Tue 30 Apr 2024"),
    ],
)
def test_sar_due(regime, received, months, due, why):
    assert sar_due(D(received), calendar_for(regime), months=months) == D(due), why


@pytest.mark.parametrize(
    "day, months, expected",
    [
        ("2019-09-03", 1, "2019-10-03"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-01-31", 3, "2024-04-30"),
        ("2023-12-31", 1, "2024-01-31"),
        ("2023-11-30", 2, "2024-01-30"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-05-15", 0, "2024-05-15"),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(D(day), months) == D(expected)


# ---------------------------------------------------------------------------------------------
# Range


@pytest.mark.parametrize(
    "query",
    [
        lambda: UK.reason(D("1999-12-31")),
        lambda: UK.is_working_day(D("1999-06-01")),
        lambda: UK.is_working_day(D("2036-01-01")),
        lambda: SCT.reason(D("2040-01-03")),
        lambda: UK.add_working_days(D("1999-12-20"), 20),
        lambda: UK.add_working_days(D("2035-12-20"), 20),  # result would be in 2036
        lambda: UK.add_working_days(D("2000-01-10"), -20),  # result would be in 1999
        lambda: UK.working_days_between(D("2035-12-01"), D("2036-01-05")),
        lambda: UK.working_days_between(D("1999-12-01"), D("2000-01-05")),
        lambda: UK.skipped(D("2035-12-20"), D("2036-01-20")),
        lambda: UK.non_working_weekdays(D("1999-12-01"), D("2000-01-31")),
        lambda: UK.next_working_day(D("2036-01-01")),
        lambda: UK.proclaimed(D("2036-06-01")),
        lambda: sar_due(D("2035-12-15"), UK),  # due in January 2036
        lambda: sar_due(D("1999-12-15"), UK),
        lambda: code_of_practice_start(D("1999-12-25"), UK),
    ],
)
def test_outside_the_range_raises(query):
    with pytest.raises(CalendarRangeError, match=f"outside foitrack's calendar \\({FIRST_YEAR}\u2013{LAST_YEAR}\\)"):
        query()


def test_range_error_message_and_type():
    assert (FIRST_YEAR, LAST_YEAR) == (2000, 2035)
    with pytest.raises(ValueError) as info:
        UK.reason(D("2040-01-03"))
    assert isinstance(info.value, CalendarRangeError)
    assert str(info.value) == "2040-01-03 is outside foitrack's calendar (2000\u20132035)"
    # The first and last days are inside.
    assert UK.reason(D("2000-01-01")) == "Saturday"
    assert UK.is_working_day(D("2035-12-31"))


# ---------------------------------------------------------------------------------------------
# gov.uk bank-holidays.json

BANK_HOLIDAYS_JSON = {
    "england-and-wales": {
        "division": "england-and-wales",
        "events": [
            {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": True},
            {"title": "Made-up English day", "date": "2027-09-06", "notes": "", "bunting": True},
        ],
    },
    "scotland": {
        "division": "scotland",
        "events": [
            {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": True},
            {"title": "Extra bank holiday", "date": "2027-06-07", "notes": "", "bunting": True},
        ],
    },
    "northern-ireland": {
        "division": "northern-ireland",
        "events": [
            {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": True},
        ],
    },
}


def test_bank_holidays_json_extra_day(tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps(BANK_HOLIDAYS_JSON), encoding="utf-8")
    divisions = load_bank_holidays_json(path)
    assert divisions == load_bank_holidays_json(str(path))
    assert divisions == load_bank_holidays_json(json.dumps(BANK_HOLIDAYS_JSON))
    assert divisions["scotland"] == [
        (D("2027-01-01"), "New Year’s Day"),
        (D("2027-06-07"), "Extra bank holiday"),
    ]

    uk_extra = extra_days_for("foia", divisions)
    sct_extra = extra_days_for("foisa", divisions)
    assert (D("2027-06-07"), "Extra bank holiday (Scotland)") in uk_extra
    assert (D("2027-09-06"), "Made-up English day (England and Wales)") in uk_extra
    assert (D("2027-01-01"), "New Year’s Day (all UK)") in uk_extra
    assert [day for day, _ in sct_extra] == [D("2027-01-01"), D("2027-06-07")]

    uk = calendar_for("foia", extra=uk_extra)
    sct = calendar_for("foisa", extra=sct_extra)
    assert calendar_for("foia", extra=uk_extra) is uk  # cached
    monday = D("2027-06-07")
    # Without the import: an ordinary Monday.
    assert UK.is_working_day(monday) and SCT.is_working_day(monday)
    # With it: Scotland-only day -> non-working under FOISA and (union) under FOIA.
    assert not uk.is_working_day(monday) and not sct.is_working_day(monday)
    assert uk.reason(monday) == "Extra bank holiday (Scotland)"
    assert uk.proclaimed(monday) and sct.proclaimed(monday)
    # England-and-Wales-only day: non-working under FOIA, working under FOISA.
    assert not uk.is_working_day(D("2027-09-06"))
    assert sct.is_working_day(D("2027-09-06"))
    # A day the built-in tables already know keeps its built-in reason.
    assert uk.reason(D("2027-01-01")) == "New Year's Day (all UK)"
    assert not uk.proclaimed(D("2027-01-01"))
    # Deadlines move: received Mon 31 May 2027 (Spring Bank Holiday) -> day 1 Tue 1 Jun;
    # Jun 1-4 (1-4), Mon 7 off (extra day), 8-11 (5-8), 14-18 (9-13), 21-25 (14-18),
    # Mon 28 (19), Tue 29 (20). Without the extra day: Mon 28 Jun.
    assert UK.add_working_days(D("2027-05-31"), 20) == D("2027-06-28")
    assert uk.add_working_days(D("2027-05-31"), 20) == D("2027-06-29")
    assert sct.add_working_days(D("2027-05-31"), 20) == D("2027-06-29")
    # Extra days outside the range or on weekends change nothing.
    same = calendar_for("foia", extra=((D("2040-01-02"), "Far future"), (D("2027-06-05"), "Sat")))
    assert same.reason(D("2027-06-05")) == "Saturday"


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ("[]", "expected an object of divisions"),
        ('{"wales": {"events": []}}', "no bank holiday divisions"),
        ('{"scotland": []}', 'expected an object with an "events" list'),
        ('{"scotland": {"division": "scotland"}}', 'expected an object with an "events" list'),
        ('{"scotland": {"events": ["2027-06-07"]}}', r"scotland\.events\[0\]"),
        ('{"scotland": {"events": [{"date": "2027-06-07"}]}}', r"events\[0\]\.title"),
        ('{"scotland": {"events": [{"title": "X", "date": "7/6/2027"}]}}', "YYYY-MM-DD"),
        ('{"scotland": {"events": [{"title": "X", "date": "2027-13-01"}]}}', "not a real date"),
        ('{"scotland": {"events": [{"title": "X"}]}}', r"events\[0\]\.date"),
    ],
)
def test_bank_holidays_json_malformed(text, message):
    with pytest.raises(ValueError, match=message):
        load_bank_holidays_json(text)


def test_bank_holidays_json_missing_file(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_bank_holidays_json(tmp_path / "nope.json")


def test_extra_days_must_be_pairs():
    with pytest.raises(ValueError, match="not a \\(date, name\\) pair"):
        calendar_for("foia", extra=(("2027-06-07", "string date"),))


# ---------------------------------------------------------------------------------------------
# Properties (against a naive day-by-day reference, the Alaveteli algorithm of rule 1.9)

LOW, HIGH = dt.date(FIRST_YEAR, 1, 15), dt.date(LAST_YEAR, 6, 30)
calendars = st.sampled_from([UK, SCT])
days = st.dates(min_value=LOW, max_value=HIGH)
counts = st.integers(min_value=0, max_value=100)


def naive_add(calendar, start, n):
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if calendar.reason(day) is None:
            n -= 1
    return day


@given(calendars, days, counts)
def test_add_matches_naive_and_lands_on_working_days(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert due == naive_add(calendar, start, n)
    if n >= 1:
        assert due > start
        assert calendar.is_working_day(due)
        assert calendar.reason(due) is None


@given(calendars, days, days, counts)
def test_add_is_monotonic_in_start(calendar, a, b, n):
    a, b = min(a, b), max(a, b)
    assert calendar.add_working_days(a, n) <= calendar.add_working_days(b, n)


@given(calendars, days, counts)
def test_between_inverts_add(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, due) == n
    assert calendar.working_days_between(due, start) == -n
    # days skipped + days counted = calendar days elapsed
    assert len(calendar.skipped(start, due)) + n == (due - start).days
    if calendar.is_working_day(start):
        assert calendar.add_working_days(due, -n) == start


@given(calendars, days, st.integers(min_value=0, max_value=60))
def test_skipped_and_between_match_naive(calendar, start, span):
    end = start + dt.timedelta(days=span)
    naive = [
        start + dt.timedelta(days=i)
        for i in range(1, span + 1)
        if calendar.reason(start + dt.timedelta(days=i)) is not None
    ]
    assert [s.date for s in calendar.skipped(start, end)] == naive
    assert calendar.working_days_between(start, end) == span - len(naive)


@given(calendars, days, st.integers(min_value=0, max_value=180))
def test_non_working_weekdays_are_weekdays(calendar, start, span):
    end = start + dt.timedelta(days=span)
    result = calendar.non_working_weekdays(start, end)
    assert all(d.date.weekday() < 5 for d in result)
    assert all(start <= d.date <= end and not calendar.is_working_day(d.date) for d in result)
    assert [d.date for d in result] == sorted(d.date for d in result)
    expected = [
        start + dt.timedelta(days=i)
        for i in range(span + 1)
        if (start + dt.timedelta(days=i)).weekday() < 5
        and not calendar.is_working_day(start + dt.timedelta(days=i))
    ]
    assert [d.date for d in result] == expected


@settings(max_examples=200)
@given(days)
def test_union_is_a_superset_of_scotland(day):
    if not SCT.is_working_day(day):
        assert not UK.is_working_day(day)


@given(calendars, days)
def test_sar_due_is_a_working_day_on_or_after_the_month(calendar, received):
    due = sar_due(received, calendar)
    month_later = add_months(received, 1)
    assert due >= month_later and calendar.is_working_day(due)
    # everything from the month-later date up to the due date was a non-working day
    assert all(
        not calendar.is_working_day(month_later + dt.timedelta(days=i))
        for i in range((due - month_later).days)
    )
