"""`deadline`, `holidays` and `due` driven through the CLI, plus the deadline rules as `new`,
`record`, `check`, `list` and `show` meet them. Dates are worked out by hand in the comments
(day of receipt = day 0; "Jun 2-7 (1-4)" means those are working days 1 to 4)."""

from __future__ import annotations

import json

import pytest


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("foitrack: error: "), result.stderr
    return lines[0]


# ---------------------------------------------------------------------------------------------
# deadline


def test_deadline_explains_a_weekend_receipt_by_st_patricks_day(tracker):
    # Received Sat 16 Mar 2024. FOIA: Sun 17 off, Mon 18 Mar off (St Patrick's Day substitute, NI),
    # Mar 19-22 (1-4), 25-28 (5-8), Good Friday 29 Mar and Easter Monday 1 Apr off, Apr 2-5
    # (9-12), 8-12 (13-17), 15-17 (18-20): Wed 17 Apr. s.45 Code reading: received Tue 19 Mar,
    # so one working day later, Thu 18 Apr.
    out = tracker.ok("deadline", "16/03/2024").stdout
    assert out.startswith("Due Wed 17 Apr 2024")
    assert "FOIA s.10(1): 20 working days" in out and "Day 1 is Tue 19 Mar 2024" in out
    assert "Mon 18 Mar 2024  St Patrick's Day (substitute day, Northern Ireland)" in out
    assert "Fri 29 Mar 2024  Good Friday" in out and "Mon 01 Apr 2024  Easter Monday" in out
    assert "17 Mar, 23\u201324 Mar, 30\u201331 Mar, 6\u20137 Apr, 13\u201314 Apr" in out
    assert "unsettled" in out and "Thu 18 Apr 2024" in out
    # FOISA: 18 Mar and Easter Monday are working days in Scotland: Mar 18-22 (1-5), 25-28
    # (6-9), GF off, Apr 1-5 (10-14), 8-12 (15-19), Mon 15 Apr (20).
    scottish = tracker.ok("deadline", "16 Mar 2024", "--regime", "foisa").stdout
    assert scottish.startswith("Due Mon 15 Apr 2024") and "St Patrick" not in scottish
    assert "FOISA s.73" in scottish and "Scotland calendar" in scottish


def test_deadline_json_has_the_contract_keys_and_every_day_skipped(tracker):
    # Christmas 2022 across a weekend, received Fri 9 Dec 2022: Dec 12-16 (1-5), 19-23 (6-10),
    # Mon 26 (Boxing Day) and Tue 27 (Christmas substitute) off, 28-30 (11-13), Mon 2 Jan (New
    # Year substitute) and Tue 3 Jan (Scotland's 2 Jan substitute) off, Jan 4-6 (14-16),
    # 9-12 (17-20): Thu 12 Jan 2023.
    data = tracker.ok("deadline", "2022-12-09", "--json").json()
    assert set(data) >= {"received", "regime", "days", "due", "skipped", "explanation", "notes"}
    assert (data["received"], data["regime"], data["days"], data["due"]) == ("2022-12-09", "foia", 20, "2023-01-12")
    weekdays = [(d["date"], d["reason"]) for d in data["skipped"] if not d["reason"].endswith("day") or "(" in d["reason"]]
    assert [date for date, _ in weekdays] == ["2022-12-26", "2022-12-27", "2023-01-02", "2023-01-03"]
    assert "Boxing Day" in weekdays[0][1] and "Scotland" in weekdays[3][1]
    assert len(data["skipped"]) == 14  # ten weekend days and four bank holidays
    assert data["skipped"] == sorted(data["skipped"], key=lambda d: d["date"])
    assert data["day_one"] == "2022-12-12" and data["very_overdue_after"] == "2023-02-09"
    assert data["explanation"][-1] == "Response due by Thu 12 Jan 2023." and data["notes"] == []


def test_deadline_flags_the_state_funeral(tracker):
    # FOISA, received Fri 2 Sep 2022: Sep 5-9 (1-5), 12-16 (6-10), Mon 19 off (state funeral),
    # 20-23 (11-14), 26-30 (15-19), Mon 3 Oct (20).
    data = tracker.ok("deadline", "2022-09-02", "--regime", "foisa", "--json").json()
    assert data["due"] == "2022-10-03"
    assert any(d["date"] == "2022-09-19" and "Funeral" in d["reason"] for d in data["skipped"])
    assert any("Royal Proclamation" in n and "Scottish Information Commissioner" in n for n in data["notes"])


@pytest.mark.parametrize(
    "args, due, days",
    [
        # --days 60 (a school): from Thu 1 Jun 2023, day 40 Fri 28 Jul, Jul 31-Aug 4 (41-45),
        # Mon 7 Aug off (Scotland), 8-11 (46-49), 14-18 (50-54), 21-25 (55-59), Mon 28 Aug off,
        # Tue 29 Aug (60).
        (["2023-06-01", "--days", "60"], "2023-08-29", 60),
        # EIR: same calendar as FOIA: Thu 29 Jun.
        (["2023-06-01", "--regime", "eir"], "2023-06-29", 20),
        # SAR: 31 Jan 2024 -> 29 Feb 2024 (leap year, last day of the month).
        (["2024-01-31", "--regime", "sar"], "2024-02-29", None),
        # A Scottish council from the directory: FOISA. Tue 1 Apr 2025: Apr 2-4 (1-3), 7-11 (4-8),
        # 14-17 (9-12), GF off, Easter Monday 21 Apr works in Scotland (13), 22-25 (14-17),
        # 28-30 (18-20): Wed 30 Apr.
        (["2025-04-01", "-a", "Glasgow"], "2025-04-30", 20),
    ],
)
def test_deadline_options(tracker, args, due, days):
    data = tracker.ok("deadline", *args, "--json").json()
    assert (data["due"], data["days"]) == (due, days)


def test_deadline_with_code_of_practice_receipt_rule(tracker):
    # receipt_rule = "code": Sat 23 Sep 2023 counts as received Mon 25 Sep, so day 20 is Mon 23
    # Oct instead of the ICO's Fri 20 Oct (both shown).
    tracker.settings('[deadlines]\nreceipt_rule = "code"\n')
    data = tracker.ok("deadline", "2023-09-23", "--json").json()
    assert (data["due"], data["alternative_due"], data["clock_start"]) == ("2023-10-23", "2023-10-20", "2023-09-25")
    assert data["receipt_rule"] == "code"
    assert any("Fri 20 Oct 2023" in n and "Mon 23 Oct 2023" in n for n in data["notes"])


def test_tracker_non_working_days_and_bank_holidays_json_add_a_day(tracker):
    # Thu 1 Jun 2023 is due Thu 29 Jun; a tracker-added Tue 20 Jun moves it to Fri 30 Jun.
    tracker.settings('[deadlines.non_working_days]\n2023-06-20 = "Proclaimed bank holiday"\n')
    data = tracker.ok("deadline", "2023-06-01", "--json").json()
    assert data["due"] == "2023-06-30"
    assert {"date": "2023-06-20", "reason": "Proclaimed bank holiday"} in data["skipped"]
    # The same day from a gov.uk bank-holidays.json, for England and Wales only: every FOIA
    # authority gets it (union), FOISA does not.
    feed = {
        "england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Extra bank holiday", "date": "2023-06-20", "notes": "", "bunting": True}]},
        "scotland": {"division": "scotland", "events": []},
        "northern-ireland": {"division": "northern-ireland", "events": []},
    }
    (tracker.root / "bank-holidays.json").write_text(json.dumps(feed))
    tracker.settings('[deadlines]\nbank_holidays_json = "bank-holidays.json"\n')
    assert tracker.ok("deadline", "2023-06-01", "--json").json()["due"] == "2023-06-30"
    assert tracker.ok("deadline", "2023-06-01", "--regime", "foisa", "--json").json()["due"] == "2023-06-29"
    listed = tracker.ok("holidays", "--from", "2023-06-01", "--to", "2023-06-30", "--json").json()
    assert listed == [{"date": "2023-06-20", "name": "Extra bank holiday (England and Wales)",
                       "weekday": "Tuesday", "proclaimed": True}]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["1999-12-31"], "1999-12-31 is outside foitrack's calendar (2000\u20132035)"),
        (["2035-12-20"], "falls outside foitrack's calendar"),
        (["31/02/2024"], "'31/02/2024' is not a date"),
        (["2024-01-31", "--regime", "gdpr"], "--regime: 'gdpr' is not one of"),
        (["2024-01-31", "--regime", "sar", "--days", "10"], "--days does not apply to a SAR"),
        (["2024-01-31", "--days", "0"], "--days '0' must be at least 1"),
        (["2024-01-31", "--days=many"], "--days 'many' is not a whole number"),
    ],
)
def test_deadline_bad_input_is_one_line_exit_2(tracker, args, needle):
    assert needle in one_line_error(tracker.run("deadline", *args))
    assert tracker.run("deadline", *args, "--json").stdout == ""


# ---------------------------------------------------------------------------------------------
# holidays

UNION_2024 = [
    ("2024-01-01", "New Year's Day"), ("2024-01-02", "New Year Holiday (Scotland)"),
    ("2024-03-18", "St Patrick's Day (substitute day, Northern Ireland)"), ("2024-03-29", "Good Friday"),
    ("2024-04-01", "Easter Monday"), ("2024-05-06", "May Day"), ("2024-05-27", "Spring Bank Holiday"),
    ("2024-07-12", "Battle of the Boyne (Northern Ireland)"), ("2024-08-05", "Summer Bank Holiday (Scotland)"),
    ("2024-08-26", "Late Summer Bank Holiday"), ("2024-12-02", "St Andrew's Day (substitute day, Scotland)"),
    ("2024-12-25", "Christmas Day"), ("2024-12-26", "Boxing Day"),
]


def test_holidays_for_a_year_under_foia_and_foisa(tracker):
    # 2024: St Patrick's Day (Sun 17 Mar) moves to Mon 18; St Andrew's Day (Sat 30 Nov) to Mon 2 Dec.
    rows = tracker.ok("holidays", "--year", "2024", "--json").json()
    assert [row["date"] for row in rows] == [date for date, _ in UNION_2024]
    for row, (_, name) in zip(rows, UNION_2024):
        assert row["name"].startswith(name) and set(row) >= {"date", "name"}
    assert all(row["weekday"] not in ("Saturday", "Sunday") for row in rows)
    scottish = [row["date"] for row in tracker.ok("holidays", "--year", "2024", "--regime", "foisa", "--json").json()]
    assert scottish == ["2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27",
                        "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26"]
    table = tracker.ok("holidays", "--year", "2024", "--regime", "eisr").stdout
    assert "2024-08-05" in table and "2024-03-18" not in table and "FOISA s.73" in table


def test_holidays_for_a_range_and_the_default_year(tracker):
    rows = tracker.ok("holidays", "--from", "1 Sep 2022", "--to", "2022-10-31", "--json").json()
    assert rows == [{"date": "2022-09-19", "name": "State Funeral of Queen Elizabeth II (all UK)",
                     "weekday": "Monday", "proclaimed": True}]
    # With no --year, the --as-of year: 2023 has the coronation, Mon 8 May.
    dates = [row["date"] for row in tracker.ok("holidays", "--json", as_of="2023-06-01").json()]
    assert "2023-05-08" in dates and all(d.startswith("2023-") for d in dates)
    assert tracker.ok("holidays", "--from", "2024-06-01", "--to", "2024-06-30", "--json").json() == []


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--year", "2040"], "--year: 2040 is outside foitrack's calendar"),
        (["--year", "2024", "--from", "2024-01-01", "--to", "2024-02-01"], "not both"),
        (["--from", "2024-01-01"], "--from and --to go together"),
        (["--from", "2024-02-01", "--to", "2024-01-01"], "is before --from"),
        (["--from", "1999-06-01", "--to", "2000-06-01"], "--from: 1999-06-01 is outside"),
        (["--regime", "gdpr"], "--regime"),
        (["--year", "abc"], "--year 'abc' is not a whole number"),
    ],
)
def test_holidays_bad_input(tracker, args, needle):
    assert needle in one_line_error(tracker.run("holidays", *args))


# ---------------------------------------------------------------------------------------------
# due

HACKNEY = """
authority = "London Borough of Hackney"
subject = "Fusus contracts"
sent = 2023-06-01
tags = ["fusus"]
"""
MET = """
authority = "Metropolitan Police Service"
subject = "Fusus contracts"
sent = 2023-06-05
tags = ["fusus", "police"]
"""
GLASGOW = """
authority = "Glasgow City Council"
subject = "Housing repairs"
sent = 2023-06-26
regime = "foisa"
tags = ["housing"]
"""
REVIEW = """
authority = "Leeds City Council"
subject = "Parking fines"
sent = 2023-06-01

[[events]]
type = "responded"
date = 2023-06-15
outcome = "refused"
exemptions = ["s43"]

[[events]]
type = "review-requested"
date = 2023-06-16
"""
ANSWERED = """
authority = "Bristol City Council"
subject = "Answered"
sent = 2023-06-01

[[events]]
type = "responded"
date = 2023-06-20
outcome = "granted"
"""
LATER = """
authority = "Cardiff Council"
subject = "Not due yet"
sent = 2023-07-18
"""


def due_tracker(tracker):
    for name, text in [("hackney", HACKNEY), ("met", MET), ("glasgow", GLASGOW), ("review", REVIEW),
                       ("answered", ANSWERED), ("later", LATER)]:
        tracker.write(name, text)
    return tracker


def test_due_lists_overdue_most_overdue_first_then_due_soon(tracker):
    # As at Thu 20 Jul 2023:
    # hackney: due Thu 29 Jun; late Jun 30, Jul 3-7, 10-11, 13-14 (12 Jul off, NI), 17-20 = 14.
    # met: sent Mon 5 Jun, Jun 6-9 (1-4), 12-30 (5-19), Mon 3 Jul (20); late Jul 4-7, 10-11,
    #   13-14, 17-20 = 12.
    # review: review asked Fri 16 Jun; Jun 19-30 (1-10), Jul 3-7 (11-15), 10-11 (16-17), 13-14
    #   (18-19), Mon 17 Jul (20); late Jul 18-20 = 3.
    # glasgow (FOISA, 12 Jul works in Scotland): Jun 27-30 (1-4), Jul 3-21 (5-19), Mon 24 Jul (20):
    #   within 5 Scottish working days of 20 Jul (21, 24, 25, 26, 27).
    # later: sent 18 Jul, due in August; answered: not due at all.
    rows = due_tracker(tracker).ok("due", "--json", as_of="2023-07-20").json()
    assert [(r["id"], r["status"], r["due"], r["working_days_overdue"]) for r in rows] == [
        ("hackney", "overdue", "2023-06-29", 14),
        ("met", "overdue", "2023-07-03", 12),
        ("review", "review-overdue", "2023-07-17", 3),
        ("glasgow", "awaiting-response", "2023-07-24", 0),
    ]
    assert all(set(r) >= {"id", "authority", "subject", "sent", "regime", "status", "due",
                          "working_days_overdue", "path"} for r in rows)
    text = tracker.ok("due", as_of="2023-07-20").stdout
    # As the report counts: two responses overdue; the review is owed after a response.
    assert "2 overdue, 1 review overdue, 1 due within 5 working days" in text
    assert text.index("London Borough of Hackney") < text.index("Metropolitan Police") < text.index("Glasgow")


@pytest.mark.parametrize(
    "args, ids",
    [
        (["--within", "0"], ["hackney", "met", "review"]),
        # Within 2 Scottish working days of Thu 20 Jul: Fri 21, Mon 24 -> Glasgow's 24 Jul is in.
        (["--within", "2"], ["hackney", "met", "review", "glasgow"]),
        (["--within", "1"], ["hackney", "met", "review"]),
        # Within 20: Cardiff, sent Tue 18 Jul, is due Jul 19-21 (1-3), 24-28 (4-8), Jul 31-Aug 4
        # (9-13), Mon 7 Aug off, 8-11 (14-17), 14-16 (18-20): Wed 16 Aug; 20 working days after
        # 20 Jul reach Fri 18 Aug.
        (["--within", "20"], ["hackney", "met", "review", "glasgow", "later"]),
        (["--authority", "Metropolitan"], ["met"]),
        (["--authority", "glasgow"], ["glasgow"]),
        (["--tag", "fusus"], ["hackney", "met"]),
        (["-t", "POLICE"], ["met"]),
        (["--tag", "fusus", "--authority", "Hackney"], ["hackney"]),
    ],
)
def test_due_filters(tracker, args, ids):
    rows = due_tracker(tracker).ok("due", *args, "--json", as_of="2023-07-20").json()
    assert [r["id"] for r in rows] == ids


@pytest.mark.parametrize("args, needle", [
    (["--within", "soon"], "--within 'soon' is not a whole number; see 'foitrack due --help'"),
    (["-w", "-3"], "--within '-3' must be at least 0"),
])
def test_due_says_a_bad_number_in_the_command_lines_words(tracker, args, needle):
    # Typer reads numbers through pydantic: its "Input should be a valid integer" is not shown.
    message = one_line_error(tracker.run("due", *args))
    assert needle in message and "Input" not in message


def test_due_with_nothing_due(tracker):
    tracker.write("answered", ANSWERED)
    result = tracker.ok("due", as_of="2023-07-20")
    assert "Nothing overdue or due within 5 working days" in result.stdout
    assert tracker.ok("due", "--json", as_of="2023-07-20").json() == []


def test_due_leaves_out_requests_whose_clock_is_stopped(tracker):
    """Nothing is owed by an authority whose clock is stopped: those requests wait on the user,
    and `due` lists them as such (tests/test_due_owed.py)."""
    tracker.write("fee", HACKNEY + '\n[[events]]\ntype = "fee-notice"\ndate = 2023-06-08\n')
    tracker.write("clar", MET + '\n[[events]]\ntype = "clarification-requested"\ndate = 2023-06-08\n')
    rows = tracker.ok("due", "--json", as_of="2023-07-20").json()
    assert [row for row in rows if row["owed_by"] == "authority"] == []
    assert sorted((row["id"], row["action"]) for row in rows) == [("clar", "clarify"), ("fee", "pay-fee")]
    statuses = {r["id"]: r["status"] for r in tracker.ok("list", "--json", as_of="2023-07-20").json()}
    assert statuses == {"fee": "fee-requested", "clar": "clarification-requested"}


# ---------------------------------------------------------------------------------------------
# new: the authority's law and limit


def test_new_scottish_council_gets_foisa_and_scottish_working_days(tracker):
    # Tue 1 Apr 2025: FOISA (Easter Monday works) Wed 30 Apr; FOIA (Easter Monday off) Thu 1 May:
    # Apr 22-25 (13-16), 28-30 (17-19), May 1 (20).
    [glasgow] = tracker.ok("new", "-a", "Glasgow", "-s", "Repairs", "--sent", "2025-04-01", "--json").json()
    assert (glasgow["authority"], glasgow["regime"], glasgow["due"]) == ("Glasgow City Council", "foisa", "2025-04-30")
    [leeds] = tracker.ok("new", "-a", "Leeds City Council", "-s", "Repairs", "--sent", "2025-04-01", "--json").json()
    assert (leeds["regime"], leeds["due"]) == ("foia", "2025-05-01")


def test_tracker_defined_school_gets_its_sixty_days(tracker):
    # days = 60 for a school: the 20th school day or the 60th working day, whichever comes first
    # (SI 2004/3364 reg 3). With no term dates foitrack presumes term time, as June is: due on
    # the 20th working day, Thu 29 Jun; from Thu 1 Jun 2023 the 60th working day is Tue 29 Aug
    # (see above), after which it is very overdue.
    tracker.settings("""
        [authorities."St Mary's Primary School"]
        email = "office@stmarys.example.sch.uk"
        days = 60
    """)
    [row] = tracker.ok("new", "-a", "St Mary's Primary School", "-s", "Trips", "--sent", "2023-06-01", "--json").json()
    assert row["due"] == "2023-06-29"
    shown = tracker.ok("show", row["id"], "--json", as_of="2023-06-02").json()
    assert shown["deadlines"]["days"] == 60 and any("school day" in n for n in shown["notes"])
    assert shown["deadlines"]["very_overdue_rule"] == "the authority's 60th working day"
    text = tracker.ok("show", row["id"], as_of="2023-06-02").stdout
    assert "Very overdue after 29 Aug 2023 (the authority's 60th working day)." in text
    # An EIR request to the same school still has 20 working days: Thu 29 Jun.
    [eir] = tracker.ok("new", "-a", "St Mary's Primary School", "-s", "Trees", "--sent", "2023-06-01",
                       "--regime", "eir", "--json").json()
    assert eir["due"] == "2023-06-29"


def test_show_agrees_with_itself_on_a_sar_paused_for_clarification_and_extended_past_the_cap(tracker):
    # SAR received Tue 31 Jan 2023; clarification 1..10 Feb (10 days, both included, do not
    # count); extended to 31 Dec. Cap: 31 Jan + 3 months = 30 Apr (clamped) + 10 days = Wed 10 May.
    tracker.write("sar", """
        authority = "Leeds City Council"
        subject = "My records"
        sent = 2023-01-31
        regime = "sar"

        [[events]]
        type = "extended"
        date = 2023-02-10
        until = 2023-12-31

        [[events]]
        type = "clarification-requested"
        date = 2023-02-01

        [[events]]
        type = "clarified"
        date = 2023-02-10
    """)
    out = tracker.ok("show", "sar", as_of="2023-03-01").stdout
    assert "Response due by Wed 10 May 2023." in out
    assert "Very overdue after 10 May 2023 (three months from receipt, plus the 10 days paused for clarification)." in out
    assert "the deadline is Wed 10 May 2023, not later" in out
    # Tue 2 May is the date the other reading of the (then unsettled) law gives, said as that in a
    # note of its own; nothing else may name it (it was once a stale cap date).
    unsettled = [line for line in out.split("Note:") if "unsettled" in line]
    assert len(unsettled) == 1 and "was due Tue 02 May 2023" in " ".join(unsettled[0].split())
    assert "02 May" not in out.replace(unsettled[0], "") and "(40 working days)" not in out
    data = tracker.ok("deadline", "2023-01-31", "--regime", "sar", "--json").json()
    assert data["very_overdue_rule"] == "three months from receipt" and data["very_overdue_after"] == "2023-05-02"


def test_new_refuses_a_date_outside_the_calendar(tracker):
    message = one_line_error(tracker.run("new", "-a", "Leeds City Council", "-s", "Old", "--sent", "1999-06-01"))
    assert "--sent: 1999-06-01 is outside foitrack's calendar" in message
    assert list(tracker.requests.glob("*.toml")) == []


# ---------------------------------------------------------------------------------------------
# record refuses, check reports: the same problems


@pytest.mark.parametrize(
    "args, needle",
    [
        (["fee-paid", "--on", "2023-06-10"], "no 'fee-notice' before it"),
        (["clarified", "--on", "2023-06-10"], "no 'clarification-requested' before it"),
        (["responded", "--outcome", "granted", "--on", "2023-06-03"], "before the authority received the request (2023-06-05)"),
        (["responded", "--outcome", "granted", "--on", "2023-05-30"], "before the request was sent"),
        (["review-responded", "--outcome", "upheld", "--on", "2023-06-10"], "no 'review-requested' before it"),
        (["decision", "--on", "2023-06-10"], "no 'complained' before it"),
        (["extended", "--until", "2023-06-09", "--on", "2023-06-12"], "before the extension itself"),
        (["chased", "--on", "2036-01-05"], "2036-01-05 is outside foitrack's calendar"),
        (["extended", "--until", "2036-01-05", "--on", "2023-06-12"], "until 2036-01-05 is outside"),
    ],
)
def test_record_refuses_events_out_of_order(tracker, args, needle):
    path = tracker.write("leeds", 'authority = "Leeds City Council"\nsubject = "S"\nsent = 2023-06-01\nreceived = 2023-06-05\n')
    before = path.read_bytes()
    message = one_line_error(tracker.run("record", "leeds", *args))
    assert "cannot record this" in message and needle in message
    assert path.read_bytes() == before


def test_record_after_withdrawal_is_refused_but_a_note_is_not(tracker):
    tracker.write("leeds", 'authority = "Leeds City Council"\nsubject = "S"\nsent = 2023-06-01\n')
    tracker.ok("record", "leeds", "withdrawn", "--on", "2023-06-10")
    assert "after the request was withdrawn" in one_line_error(tracker.run("record", "leeds", "chased", "--on", "2023-06-12"))
    tracker.ok("record", "leeds", "note", "--text", "Withdrawn after a phone call", "--on", "2023-06-12")


def test_record_fee_and_clarification_move_the_deadline(tracker):
    tracker.write("leeds", 'authority = "Leeds City Council"\nsubject = "S"\nsent = 2023-06-01\n')
    out = tracker.ok("record", "leeds", "fee-notice", "--amount", "450", "--on", "2023-06-08", as_of="2023-06-08").stdout
    assert "now fee-requested" in out
    # Paid Wed 14 Jun: 8-14 Jun disregarded (5 working days), so Thu 29 Jun becomes Thu 6 Jul.
    assert "now awaiting-response, due 06 Jul 2023" in tracker.ok("record", "leeds", "fee-paid", "--on", "2023-06-14", as_of="2023-06-14").stdout
    # EIR-style 20 more days on FOIA: Jul 7 (1), 10-11 (2-3), 12 off, 13-14 (4-5), 17-21 (6-10),
    # 24-28 (11-15), Jul 31-Aug 4 (16-20): Fri 4 Aug.
    out = tracker.ok("record", "leeds", "extended", "--days", "20", "--on", "2023-07-03", as_of="2023-07-03").stdout
    assert "due 04 Aug 2023" in out


HAND_EDITED = """
authority = "Leeds City Council"
subject = "S"
sent = 2023-06-01

[[events]]
type = "fee-paid"
date = 2023-06-05

[[events]]
type = "fee-notice"
date = 2023-06-08

[[events]]
type = "extended"
date = 2023-06-20
until = 2023-06-10

[[events]]
type = "review-responded"
date = 2023-07-01
outcome = "upheld"
"""


def test_check_reports_order_problems_with_file_and_line(tracker):
    path = tracker.write("leeds", HAND_EDITED)
    result = tracker.run("check")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert f"{path}:5: 'fee-paid' on 2023-06-05 has no 'fee-notice' before it" in lines
    assert any(line.startswith(f"{path}:16: ") and "before the extension itself" in line for line in lines)
    assert any(line.startswith(f"{path}:18: ") and "no 'review-requested'" in line for line in lines)
    problems = tracker.run("check", "--json").json()["problems"]
    assert sorted(p["line"] for p in problems) == [5, 16, 18]


OUT_OF_RANGE = """
authority = "Leeds City Council"
subject = "Typo in the year"
sent = 2203-06-01
"""


def test_a_file_with_dates_outside_the_calendar_never_crashes(tracker):
    tracker.write("hackney", HACKNEY)
    typo = tracker.write("typo", OUT_OF_RANGE)
    for command in (["list", "--json"], ["due", "--json"]):
        result = tracker.run(*command, as_of="2023-07-20")
        assert result.exit_code == 0, result.stderr
        assert [row["id"] for row in result.json()] == ["hackney"]
        assert f"skipped {typo}:3: sent 2203-06-01 is outside foitrack's calendar (2000\u20132035)" in result.stderr
    shown = tracker.run("show", "typo", as_of="2023-07-20")
    assert shown.exit_code == 0 and "Deadlines cannot be worked out" in shown.stdout
    assert tracker.ok("show", "typo", "--json", as_of="2023-07-20").json()["due"] is None
    check = tracker.run("check")
    assert check.exit_code == 1 and f"{typo}:3: sent 2203-06-01 is outside" in check.stdout


def test_an_event_outside_the_calendar_is_reported_at_its_line(tracker):
    path = tracker.write("leeds", HACKNEY + '\n[[events]]\ntype = "responded"\ndate = 2033-07-01\noutcome = "granted"\n'
                         + '\n[[events]]\ntype = "chased"\ndate = 2203-07-01\n')
    check = tracker.run("check")
    assert check.exit_code == 1
    # Line 11 is the chased event's [[events]] line (the file starts at `authority`, line 1).
    assert any(line.startswith(f"{path}:11: 'chased' on 2203-07-01") for line in check.stdout.splitlines())
    listed = tracker.run("list", "--json", as_of="2023-07-20")
    assert listed.exit_code == 0 and listed.json() == [] and f"{path}:11: 'chased' on 2203-07-01 is outside" in listed.stderr


def test_as_of_outside_the_calendar_is_a_usage_error(tracker):
    tracker.write("hackney", HACKNEY)
    assert "--as-of: 2040-01-01 is outside foitrack's calendar" in one_line_error(tracker.run("list", as_of="2040-01-01"))


def test_a_second_fees_notice_while_one_is_unpaid_is_refused(tracker):
    path = tracker.write("leeds", '''
        authority = "Leeds City Council"
        subject = "S"
        sent = 2023-06-01

        [[events]]
        type = "fee-notice"
        date = 2023-06-05
        amount = 25.0
    ''')
    before = path.read_bytes()
    result = tracker.run("record", "leeds", "fee-notice", "--amount", "30", "--on", "2023-06-07")
    assert result.exit_code == 2 and "still unpaid" in result.stderr
    assert path.read_bytes() == before
