"""The law at its edges (issue 17): schools' term dates, fees that lapse, late notices, and the
law in force on the day a request was received. Dates are worked out by hand from the primary
texts in the comments (day of receipt = day 0; "Oct 17-20 (1-4)" means those are days 1 to 4)."""

from __future__ import annotations

import pytest

from foitrack.law.schools import TermDatesError, parse_range, parse_terms
from foitrack.law.workdays import calendar_for, last_day_of_months_beginning_with
from foitrack.store.model import Request
from tests.test_deadlines import D, at, request


def event(kind: str, on: str, **values) -> str:
    extra = "".join(f"{key} = {value}\n" for key, value in values.items())
    return f'\n[[events]]\ntype = "{kind}"\ndate = {on}\n{extra}'


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("foitrack: error: "), result.stderr
    return lines[0]


def flat(text: str) -> str:
    return " ".join(text.split())


# =============================================================================================
# 1. Schools: the 20th school day or the 60th working day, whichever comes first
#    (SI 2004/3364 reg 3(2); a school day is "any day on which ... there is a session", reg 3(3))

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


def test_a_school_with_term_dates_has_until_its_20th_school_day(tracker):
    # Received Mon 16 Oct 2023. School days: Oct 17-20 (1-4), half term Oct 23-27, Oct 30-Nov 3
    # (5-9), Mon 6 Nov closed (INSET), Nov 7-10 (10-13), 13-17 (14-18), 20-21 (19-20): Tue 21 Nov.
    # The 60th working day: Nov 13 is the 20th, 14-17 (21-24), 20-24 (25-29), 27-29 (30-32),
    # St Andrew's Day Thu 30 Nov off (union), Dec 1 (33), 4-8 (34-38), 11-15 (39-43), 18-22
    # (44-48), 25-26 off, 27-29 (49-51), Jan 1-2 off, 3-5 (52-54), 8-12 (55-59), Mon 15 Jan (60).
    # The earlier, 21 Nov, is the deadline (main showed the 60th, 15 Jan).
    tracker.settings(LEEDS)
    tracker.write("stmarys", ST_MARYS)
    shown = tracker.ok("show", "stmarys", "--json", as_of="2023-10-17").json()
    assert shown["due"] == "2023-11-21" and shown["status"] == "awaiting-response"
    assert shown["deadlines"]["school"] == {
        "twentieth_school_day": "2023-11-21",
        "sixtieth_working_day": "2024-01-15",
        "term_dates": "Leeds 2023-24",
        "presumed_term_time": None,
    }
    assert shown["deadlines"]["very_overdue_after"] == "2024-01-15"
    assert any("SI 2004/3364 reg 3" in line for line in shown["explanation"])
    assert shown["notes"] == []
    listed = {r["id"]: r for r in tracker.ok("list", "--json", as_of="2023-11-22").json()}
    assert listed["stmarys"]["status"] == "overdue" and listed["stmarys"]["working_days_overdue"] == 1


def test_the_60th_working_day_wins_when_a_school_is_shut(tracker):
    # Closed from 1 Nov 2023 to the end of its terms: school days Oct 17-20 (1-4), Oct 30-31
    # (5-6), then none; the 20th never comes before the 60th working day, Mon 15 Jan 2024.
    tracker.settings(LEEDS.replace('closed = ["6 Nov 2023"]', 'closed = ["1 Nov 2023 to 9 Feb 2024"]'))
    tracker.write("stmarys", ST_MARYS)
    shown = tracker.ok("show", "stmarys", "--json", as_of="2023-10-17").json()
    assert shown["due"] == "2024-01-15"
    assert shown["deadlines"]["school"]["twentieth_school_day"] is None


def test_a_school_without_term_dates_is_overdue_after_the_20th_working_day(tracker):
    # No term dates: foitrack presumes term time, so the 20th working day: Oct 17-20 (1-4),
    # 23-27 (5-9), Oct 30-Nov 3 (10-14), Nov 6-10 (15-19), Mon 13 Nov (20). It is overdue from
    # Tue 14 Nov (main left it awaiting-response until the 60th working day, 15 Jan, and then went
    # straight to very-overdue), with both bounds in the note; very overdue after 15 Jan.
    tracker.settings(LEEDS)
    tracker.write("stjohns", ST_MARYS.replace("St Mary's Primary School", "St John's School"))
    statuses = {
        day: tracker.ok("list", "--json", as_of=day).json()[0]["status"]
        for day in ("2023-11-13", "2023-11-14", "2024-01-15", "2024-01-16")
    }
    assert statuses == {
        "2023-11-13": "awaiting-response",
        "2023-11-14": "overdue",
        "2024-01-15": "overdue",
        "2024-01-16": "very-overdue",
    }
    shown = tracker.ok("show", "stjohns", "--json", as_of="2023-11-14").json()
    assert shown["due"] == "2023-11-13" and shown["working_days_overdue"] == 1
    [note] = [n for n in shown["notes"] if "school" in n]
    assert "presumes term time: due Mon 13 Nov 2023" in note and "never after Mon 15 Jan 2024" in note
    assert "school_terms" in note
    due = tracker.ok("due", "--json", as_of="2023-11-14").json()
    assert [row["id"] for row in due] == ["stjohns"]


def test_term_dates_that_run_out_are_presumed_term_time_and_said_so(tracker):
    # Received Mon 29 Jan 2024; the terms given end Fri 9 Feb. School days Jan 30-Feb 2 (1-4),
    # Feb 5-9 (5-9); then presumed term time: Feb 12-16 (10-14), 19-23 (15-19), Mon 26 Feb (20).
    tracker.settings(LEEDS)
    tracker.write("stmarys", ST_MARYS.replace("2023-10-16", "2024-01-29"))
    shown = tracker.ok("show", "stmarys", "--json", as_of="2024-01-30").json()
    assert shown["due"] == "2024-02-26"
    assert shown["deadlines"]["school"]["presumed_term_time"] == {"from": "2024-02-12", "to": "2024-02-26"}
    assert any("run from Mon 04 Sep 2023 to Fri 09 Feb 2024" in n and "Add the school's other terms" in n
               for n in shown["notes"])


def test_deadline_for_a_school_names_both_dates(tracker):
    tracker.settings(LEEDS)
    out = flat(tracker.ok("deadline", "2023-10-16", "-a", "St Mary's Primary School").stdout)
    assert out.startswith("Due Tue 21 Nov 2023 (FOIA s.10(1) for schools: 20 school days or 60 working days")
    assert 'the 20th school day, by the term dates "Leeds 2023-24", is Tue 21 Nov 2023' in out
    assert "the 60th working day is Mon 15 Jan 2024" in out and "Day 1 is" not in out


def test_an_eir_request_to_a_school_still_has_20_working_days(tracker):
    # SI 2004/3364 varies FOIA s.10 only: EIR reg 5(2), 20 working days, Mon 13 Nov.
    tracker.settings(LEEDS)
    tracker.write("trees", ST_MARYS + 'regime = "eir"\n')
    shown = tracker.ok("show", "trees", "--json", as_of="2023-10-17").json()
    assert shown["due"] == "2023-11-13" and shown["deadlines"]["school"] is None
    assert any("does not change the EIR" in n for n in shown["notes"])


@pytest.mark.parametrize(
    "settings, message",
    [
        (LEEDS.replace('school_terms = "Leeds 2023-24"', 'school_terms = "Leeds 2024-25"'),
         '[school_terms."Leeds 2024-25"] table'),
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


def test_a_school_can_give_its_own_terms(tracker):
    tracker.settings("""
        [authorities."St Mary's Primary School"]
        school_days = ["4 Sep 2023 to 20 Oct 2023", "30 Oct 2023 to 19 Dec 2023"]
        school_closed = ["6 Nov 2023"]
    """)
    tracker.write("stmarys", ST_MARYS)
    assert tracker.ok("list", "--json", as_of="2023-10-17").json()[0]["due"] == "2023-11-21"


# =============================================================================================
# 2-4. Fees: when a fee lapses, and what a late payment does

FEE_NOTICE = event("fee-notice", "2023-03-10", amount=450)


def test_last_day_of_a_period_beginning_with_a_day():
    # "Beginning with" the day of the notice includes it, so three months end the day before the
    # corresponding date; with no corresponding date, at the end of that month.
    assert last_day_of_months_beginning_with(D("2023-03-10"), 3) == D("2023-06-09")
    assert last_day_of_months_beginning_with(D("2023-03-31"), 3) == D("2023-06-30")
    assert last_day_of_months_beginning_with(D("2022-11-30"), 3) == D("2023-02-28")
    assert last_day_of_months_beginning_with(D("2023-12-01"), 3) == D("2024-02-29")


@pytest.mark.parametrize("regime, law", [("foia", "FOIA s.9(2)"), ("foisa", "FOISA s.9(4)")])
def test_a_fee_notice_lapses_at_the_end_of_three_months_beginning_with_its_day(tracker, regime, law):
    # Notice Fri 10 Mar 2023: three months beginning with 10 Mar end Fri 9 Jun (main said 10 Jun).
    tracker.write("fee", f'authority = "Leeds City Council"\nsubject = "Fees"\nsent = 2023-03-06\n'
                         f'regime = "{regime}"\n' + FEE_NOTICE)
    assert tracker.ok("list", "--json", as_of="2023-06-09").json()[0]["status"] == "fee-requested"
    [row] = tracker.ok("list", "--json", as_of="2023-06-10").json()
    assert row["status"] == "fee-lapsed" and row["due"] is None and row["working_days_overdue"] == 0
    shown = tracker.ok("show", "fee", "--json", as_of="2023-06-10").json()
    [note] = [n for n in shown["notes"] if law in n]
    assert "by Fri 09 Jun 2023. It was not: the authority no longer has to answer" in note


def test_a_fee_paid_after_it_lapsed_starts_no_deadline(tracker):
    # Received Mon 6 Mar 2023, notice Fri 10 Mar, paid Mon 3 Jul, after the fee lapsed on 9 Jun.
    # Main counted on: Mar 7-9 (1-3), [10 Mar-3 Jul disregarded], Jul 4-7 (4-7), 10-11 (8-9),
    # 12 Jul off, 13-14 (10-11), 17-21 (12-16), 24-27 (17-20): Thu 27 Jul. There is no duty to
    # answer: no deadline, status fee-lapsed.
    tracker.write("fee", 'authority = "London Borough of Hackney"\nsubject = "Fees"\nsent = 2023-03-06\n'
                  + FEE_NOTICE + event("fee-paid", "2023-07-03"))
    shown = tracker.ok("show", "fee", "--json", as_of="2023-08-01").json()
    assert shown["status"] == "fee-lapsed" and shown["due"] is None
    assert shown["deadlines"]["response_due"] is None and shown["working_days_overdue"] == 0
    assert any("paid on Mon 03 Jul 2023, too late" in n for n in shown["notes"])
    assert "Mon 03 Jul 2023: fee paid, after the last day for paying it (Fri 09 Jun 2023); no deadline runs (see the note)." \
        in shown["explanation"]
    text = tracker.ok("show", "fee", as_of="2023-08-01").stdout
    assert "Status: fee-lapsed" in text
    # If the authority answers anyway, it is answered, and not late: no deadline ran.
    tracker.write("fee", tracker.requests.joinpath("fee.toml").read_text()
                  + event("responded", "2023-08-10", outcome='"granted"'))
    answered = tracker.ok("show", "fee", "--json", as_of="2023-08-11").json()
    assert answered["status"] == "answered" and answered["responded_on_time"] is True


def test_every_view_handles_a_lapsed_fee(tracker):
    tracker.write("fee", 'authority = "London Borough of Hackney"\nsubject = "Fees"\nsent = 2023-03-06\n'
                  + FEE_NOTICE)
    tracker.write("late", 'authority = "London Borough of Hackney"\nsubject = "Late"\nsent = 2023-06-01\n')
    as_of = "2023-07-20"
    # list --status: the new status is a word it takes, and selects exactly the lapsed request.
    assert [r["id"] for r in tracker.ok("list", "--status", "fee-lapsed", "--json", as_of=as_of).json()] == ["fee"]
    assert [r["id"] for r in tracker.ok("list", "--status", "overdue", "--json", as_of=as_of).json()] == ["late"]
    # due: nothing is due from a lapsed request.
    assert [r["id"] for r in tracker.ok("due", "--json", as_of=as_of).json()] == ["late"]
    # report: still open (never answered, never withdrawn), never overdue.
    [row] = tracker.ok("report", "--format", "json", as_of=as_of).json()
    assert (row["requests"], row["open"], row["overdue"], row["answered"]) == (2, 2, 1, 0)
    # calendar: no deadline to put in it.
    assert [d["id"] for d in tracker.ok("calendar", "--json", as_of=as_of).json()] == ["late"]
    # chase: nothing to chase; letter: nothing to escalate.
    drafts = tracker.ok("chase", "--json", as_of=as_of).json()
    assert [d["id"] for d in drafts] == ["late"]
    refused = one_line_error(tracker.run("letter", "fee", "complaint", as_of=as_of), 1)
    assert "no longer has to answer" in refused
    # export: the status as it is.
    exported = tracker.ok("export", "--format", "json", as_of=as_of).json()
    assert {r["id"]: r["status"] for r in exported}["fee"] == "fee-lapsed"
    assert "fee-lapsed" in tracker.ok("list", "--help").stdout


def test_an_eir_charge_lapses_60_working_days_after_the_notice(tracker):
    # EIR reg 8(5): an advance payment must be made "no later than 60 working days after the date
    # on which it gave the notification". Notice Thu 1 Jun 2023: Jun 2-30 (21), Jul 3-11 (28),
    # 12 Jul off, Jul 13-31 (41), Aug 1-4 (45), 7 Aug off, Aug 8-25 (59), 28 Aug off, Tue 29 Aug
    # (60). Paid Wed 30 Aug: within FOIA's three months (to Thu 31 Aug) but late under reg 8(5).
    charge = event("fee-notice", "2023-06-01", amount=80) + event("fee-paid", "2023-08-30")
    tracker.write("eir", 'authority = "London Borough of Hackney"\nsubject = "Trees"\nsent = 2023-05-31\n'
                  'regime = "eir"\n' + charge)
    tracker.write("foia", 'authority = "London Borough of Hackney"\nsubject = "Trees"\nsent = 2023-05-31\n'
                  + charge)
    rows = {r["id"]: r for r in tracker.ok("list", "--json", as_of="2023-09-01").json()}
    assert rows["eir"]["status"] == "fee-lapsed" and rows["eir"]["due"] is None
    assert rows["foia"]["status"] == "awaiting-response" and rows["foia"]["due"] is not None
    shown = tracker.ok("show", "eir", "--json", as_of="2023-09-01").json()
    assert any(n.startswith("EIR reg 8(5):") and "within 60 working days of the notice, by Tue 29 Aug 2023" in n
               for n in shown["notes"])
    assert not any("did not confirm" in n for n in shown["notes"])


def test_an_eir_charge_paid_in_time_pauses_the_clock_under_reg_8_6():
    # Received Wed 31 May 2023; notice Thu 1 Jun, paid Mon 5 Jun: 1, 2 and 5 Jun disregarded.
    # Jun 6-9 (1-4), 12-16 (5-9), 19-23 (10-14), 26-30 (15-19), Mon 3 Jul (20).
    result = at(request(event("fee-notice", "2023-06-01") + event("fee-paid", "2023-06-05"),
                        sent="2023-05-31", regime="eir"), "2023-06-06")
    assert result.response_due == D("2023-07-03")
    assert any("(EIR reg 8(6))" in line for line in result.explanation)


# =============================================================================================
# 5. Extensions notified too late extend nothing (EIR reg 7(3); UK GDPR art. 12(3))


def test_an_eir_extension_notified_after_day_20_leaves_the_request_overdue(tracker):
    # Received Mon 15 May 2023: May 16-19 (1-4), 22-26 (5-9), 29 May off, May 30-Jun 2 (10-13),
    # Jun 5-9 (14-18), 12-13 (19-20): due Tue 13 Jun. Notified Tue 20 Jun: main moved the deadline
    # to the 40th working day, Tue 11 Jul; reg 7(3) required the notice by 13 Jun.
    tracker.write("eir", 'authority = "London Borough of Hackney"\nsubject = "Trees"\nsent = 2023-05-15\n'
                  'regime = "eir"\n' + event("extended", "2023-06-20", days=20))
    shown = tracker.ok("show", "eir", "--json", as_of="2023-06-21").json()
    assert shown["due"] == "2023-06-13" and shown["status"] == "overdue" and shown["working_days_overdue"] == 6
    assert any(n.startswith("EIR reg 7(3):") and "the deadline stays Tue 13 Jun 2023" in n for n in shown["notes"])
    # record says so at once.
    tracker.write("eir2", 'authority = "London Borough of Hackney"\nsubject = "Trees"\nsent = 2023-05-15\n'
                  'regime = "eir"\n')
    recorded = tracker.run("record", "eir2", "extended", "--days", "20", "--on", "2023-06-20", as_of="2023-06-21")
    assert recorded.exit_code == 0 and "reg 7(3)" in flat(recorded.stdout + recorded.stderr)


def test_a_sar_extension_notified_after_the_month_leaves_it_overdue():
    # SAR received Wed 31 Jan 2024: due Thu 29 Feb. Told of an extension on Mon 4 Mar: too late.
    result = at(request(event("extended", "2024-03-04", until="2024-04-30"), sent="2024-01-31", regime="sar"),
                "2024-03-05")
    assert result.response_due == D("2024-02-29") and result.status == "overdue"
    assert any("the deadline stays Thu 29 Feb 2024" in n for n in result.notes)


def test_a_late_foia_extension_still_extends_and_is_flagged():
    # FOIA s.10(3) stays "extend and flag": received Thu 1 Jun 2023, due Thu 29 Jun; extended on
    # 3 Jul by 10 working days: Jun 30 (1), Jul 3-7 (2-6), 10-11 (7-8), 12 off, 13-14 (9-10).
    result = at(request(event("extended", "2023-07-03", days=10), sent="2023-06-01"), "2023-07-05")
    assert result.response_due == D("2023-07-14") and any("s.17(2)" in n for n in result.notes)


# =============================================================================================
# 6. Clarification asked after the deadline

LATE_QUESTION = event("clarification-requested", "2023-06-20") + event("clarified", "2023-06-22")


def test_eir_particulars_asked_after_day_20_do_not_restart_the_clock(tracker):
    # Due Tue 13 Jun (above). Asked Tue 20 Jun, answered Thu 22 Jun: main restarted the clock,
    # Jun 23 (1), 26-30 (2-6), Jul 3-7 (7-11), 10-11 (12-13), 12 off, 13-14 (14-15), 17-21
    # (16-20): Fri 21 Jul. Reg 9(2) allows 20 working days to ask, so it stays due 13 Jun.
    tracker.write("eir", 'authority = "London Borough of Hackney"\nsubject = "Trees"\nsent = 2023-05-15\n'
                  'regime = "eir"\n' + LATE_QUESTION)
    asked = tracker.ok("show", "eir", "--json", as_of="2023-06-21").json()
    assert asked["status"] == "overdue" and asked["due"] == "2023-06-13"
    later = tracker.ok("show", "eir", "--json", as_of="2023-06-23").json()
    assert later["due"] == "2023-06-13"
    assert any(n.startswith("EIR reg 9(2):") and "the deadline stays Tue 13 Jun 2023" in n for n in later["notes"])


def test_a_foia_clarification_after_the_deadline_restarts_the_clock_but_the_answer_is_late(tracker):
    # FOIA s.10(6)(b): the clarification's arrival is the date of receipt, so Fri 21 Jul as above;
    # but s.10(1) was breached on 14 Jun, so an answer by 21 Jul still counts as late.
    tracker.write("foia", 'authority = "London Borough of Hackney"\nsubject = "Cars"\nsent = 2023-05-15\n'
                  + LATE_QUESTION + event("responded", "2023-07-10", outcome='"granted"'))
    waiting = tracker.ok("show", "foia", "--json", as_of="2023-06-23").json()
    assert waiting["due"] == "2023-07-21"
    assert any("already breached FOIA s.10(1)" in n for n in waiting["notes"])
    answered = tracker.ok("show", "foia", "--json", as_of="2023-07-11").json()
    assert answered["responded_on_time"] is False
    [row] = tracker.ok("report", "--format", "json", as_of="2023-07-11").json()
    assert (row["on_time"], row["late"]) == (0, 1)


def test_a_sar_clarification_after_the_deadline_pauses_nothing():
    # SAR received Wed 31 Jan 2024, due Thu 29 Feb; asked Mon 4 Mar, answered Fri 8 Mar. Main
    # paused 5 days: Tue 5 Mar.
    events = event("clarification-requested", "2024-03-04") + event("clarified", "2024-03-08")
    result = at(request(events, sent="2024-01-31", regime="sar"), "2024-03-11")
    assert result.response_due == D("2024-02-29") and result.status == "overdue"
    assert any("no time left to pause" in n for n in result.notes)


# =============================================================================================
# 7. The law in force on the day a request was received


def sar_clarified(sent: str, asked: str, answered: str) -> Request:
    return request(event("clarification-requested", asked) + event("clarified", answered), sent=sent, regime="sar")


def test_a_sar_from_early_2020_is_not_paused_for_clarification():
    # Received Mon 2 Mar 2020, when the ICO's guidance (amended December 2019) said asking for
    # clarification "does not affect the timescale": due on the corresponding date, Thu 2 Apr.
    # Main applied the 2026 pause: 4..20 Mar is 17 days, 2 Apr + 17 = Sun 19 Apr -> Mon 20 Apr.
    result = at(sar_clarified("2020-03-02", "2020-03-04", "2020-03-20"), "2020-03-21")
    assert result.response_due == D("2020-04-02") and result.status == "awaiting-response"
    assert any("did not affect the time limit" in line for line in result.explanation)
    [note] = [n for n in result.notes if "unsettled" in n]
    assert "as amended in December 2019" in note and "Mon 20 Apr 2020" in note


def test_a_sar_from_2019_starts_its_month_again_on_clarification():
    # Received Mon 3 Jun 2019, under the ICO's guidance as first published: "the period for
    # responding to the request begins when you receive the additional information". Clarified
    # Thu 20 Jun: 20 Jul 2019 is a Saturday -> Mon 22 Jul. The pause would give 3 Jul + 16 days
    # (5..20 Jun) = Fri 19 Jul, which the note gives.
    result = at(sar_clarified("2019-06-03", "2019-06-05", "2019-06-20"), "2019-06-21")
    assert result.response_due == D("2019-07-22") and result.clock_start == D("2019-06-20")
    assert any("the month starts again from this day" in line for line in result.explanation)
    assert any("Fri 19 Jul 2019" in n for n in result.notes if "unsettled" in n)


def test_a_sar_before_15_august_2019_notes_the_icos_day_after_count():
    # Received Mon 1 Jul 2019: today's count gives Thu 1 Aug; the ICO's count then, from the day
    # after receipt, gave Fri 2 Aug.
    result = at(request(sent="2019-07-01", regime="sar"), "2019-07-01")
    assert result.response_due == D("2019-08-01")
    assert any("from the day after receipt" in n and "Fri 02 Aug 2019" in n for n in result.notes)


def test_a_sar_since_the_data_use_and_access_act_is_paused_by_law(tracker):
    # Received Mon 2 Mar 2026, after DUAA 2025 s.76 (new UK GDPR art. 12A) came into force on
    # 5 Feb 2026 (SI 2026/82 reg 2(h)). Asked Wed 4 Mar, answered Tue 10 Mar: 7 days, both
    # included, do not count: 2 Apr + 7 = Thu 9 Apr 2026. Settled law: no note.
    tracker.write("sar", 'authority = "Leeds City Council"\nsubject = "Me"\nsent = 2026-03-02\nregime = "sar"\n'
                  + event("clarification-requested", "2026-03-04") + event("clarified", "2026-03-10"))
    shown = tracker.ok("show", "sar", "--json", as_of="2026-03-11").json()
    assert shown["due"] == "2026-04-09"
    assert shown["explanation"][0].startswith(
        "Received Mon 02 Mar 2026, which counts as day 1; UK GDPR art. 12(3) and 12A (in force since 5 Feb 2026)")
    assert any("(UK GDPR art. 12A, in force since 5 Feb 2026)" in line for line in shown["explanation"])
    # The pause is settled law now; how art. 12A's month is counted is not (see the next test).
    assert not any("clarification" in n for n in shown["notes"] if "unsettled" in n)
    rules = {r["rule"]: r for r in shown["deadlines"]["rules"]}
    assert rules["sar-12a"]["in_force"] == "2026-02-05" and rules["pause"]["settled"] is True


@pytest.mark.parametrize(
    ("received", "ico_due", "beginning_with_due"),
    [
        # Tue 3 Mar 2026: the corresponding date, Fri 3 Apr, is Good Friday and Mon 6 Apr Easter
        # Monday, so the ICO's method gives Tue 7 Apr; a month beginning with 3 Mar ends Thu 2 Apr.
        ("2026-03-03", "2026-04-07", "2026-04-02"),
        # Tue 8 Sep 2026: Thu 8 Oct by the ICO's method; the month beginning with it ends Wed 7 Oct.
        ("2026-09-08", "2026-10-08", "2026-10-07"),
        # Sun 31 May 2026: June has no 31st, so both readings end on Tue 30 Jun: nothing to say.
        ("2026-05-31", "2026-06-30", None),
        # Thu 15 Jan 2026, before art. 12A: "within one month of receipt", the ICO's reading alone.
        ("2026-01-15", "2026-02-16", None),
    ],
)
def test_a_sar_under_article_12a_shows_the_beginning_with_reading_too(received, ico_due, beginning_with_due):
    # DUAA 2025 s.76's art. 12A gives "one month beginning with" the day of receipt, the words
    # of DPA 2018 s.54(2); read as such periods usually are, the month ends the day before the
    # corresponding date. foitrack keeps the ICO's corresponding date and says the law is unsettled.
    result = at(request(sent=received, regime="sar"), received)
    assert result.response_due == D(ico_due)
    notes = [n for n in result.notes if '"beginning with"' in n]
    if beginning_with_due is None:
        assert notes == []
    else:
        [note] = notes
        assert f"{D(beginning_with_due):%a %d %b %Y}" in note and "unsettled" in note


def test_a_sar_in_the_icos_stop_the_clock_years_says_the_law_was_unsettled():
    # Received Fri 1 Mar 2024: the ICO's guidance of 21 Oct 2020 paused the clock, the law did
    # not yet. Asked Tue 5 Mar, answered Tue 12 Mar (8 days): the corresponding date, Mon 1 Apr,
    # + 8 = Tue 9 Apr, as foitrack has long counted; had the month run on, 1 Apr (Easter Monday)
    # -> Tue 2 Apr.
    result = at(sar_clarified("2024-03-01", "2024-03-05", "2024-03-12"), "2024-03-12")
    assert result.response_due == D("2024-04-09")
    [note] = [n for n in result.notes if "unsettled" in n]
    assert "Data (Use and Access) Act 2025 s.76 (in force 5 Feb 2026)" in note and "Tue 02 Apr 2024" in note
    assert [rule.key for rule in result.rules] == ["sar-gdpr", "pause"]


def test_foisa_allowed_60_working_days_from_7_april_to_26_may_2020(tracker):
    # FOISA, received Mon 2 Mar 2020: 20 working days, Mar 3-6 (1-4), 9-13 (5-9), 16-20
    # (10-14), 23-27 (15-19), Mon 30 Mar (20). The Coronavirus (Scotland) Act 2020 made it 60
    # from 7 Apr to 26 May 2020: Mar 31-Apr 3 (21-24), Apr 6-9 (25-28), Good Friday off, Apr
    # 13-17 (29-33), 20-24 (34-38), Apr 27-May 1 (39-43), May 4-7 (44-47), VE Day 8 May off,
    # May 11-15 (48-52), 18-22 (53-57), Spring holiday 25 May off, 26-28 (58-60): Thu 28 May.
    tracker.write("glasgow", 'authority = "Glasgow City Council"\nsubject = "Repairs"\nsent = 2020-03-02\n'
                  'regime = "foisa"\n')
    during = tracker.ok("list", "--json", as_of="2020-04-20").json()[0]
    assert (during["status"], during["due"]) == ("awaiting-response", "2020-05-28")
    # From 27 May 2020 the 20 working days apply again, to requests already received too (SIC).
    after = tracker.ok("show", "glasgow", "--json", as_of="2020-05-27").json()
    assert after["due"] == "2020-03-30" and after["status"] == "very-overdue"
    assert any("sch. 6 para 6" in n for n in after["notes"])  # the Commissioner's coronavirus defence
    # Answered on Fri 15 May 2020, in those weeks: judged by the 60 days, so on time.
    tracker.write("glasgow", tracker.requests.joinpath("glasgow.toml").read_text()
                  + event("responded", "2020-05-15", outcome='"granted"'))
    answered = tracker.ok("show", "glasgow", "--json", as_of="2020-06-01").json()
    assert answered["responded_on_time"] is True
    assert any("From 7 Apr to 26 May 2020 FOISA allowed 60 working days" in n for n in answered["notes"])


def test_the_explanation_says_which_law_was_in_force(tracker):
    out = tracker.ok("deadline", "2023-08-21").stdout
    assert "FOIA s.10(1) (in force since 1 Jan 2005): 20 working days" in flat(out)
    data = tracker.ok("deadline", "2023-08-21", "--json").json()
    assert data["rules"] == [{"rule": "foia", "citation": "FOIA s.10(1)", "in_force": "2005-01-01",
                              "until": None, "settled": True}]


def test_a_request_received_before_the_act_came_into_force_is_flagged():
    result = at(request(sent="2004-12-01"), "2004-12-02")
    assert any("before FOIA s.10(1) came into force on Sat 01 Jan 2005" in n for n in result.notes)


# =============================================================================================
# 8. 4 January 2010 and 2011 were not Scottish bank holidays


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


def test_a_deadline_across_4_january_2011_says_why_it_counts(tracker):
    out = flat(tracker.ok("deadline", "2010-12-07", "--regime", "foisa").stdout)
    assert "Tue 04 Jan 2011 counts as a working day" in out and "no Royal Proclamation" in out


# =============================================================================================
# 9. FOISA s.74: a posted request is presumed received on the third day after posting


POSTED = """
authority = "Glasgow City Council"
subject = "Repairs"
sent = 2024-03-04
regime = "foisa"
via = "post"
"""


def test_a_posted_foisa_request_counts_from_the_third_day_after_posting(tracker):
    # Posted Mon 4 Mar 2024: presumed received Thu 7 Mar (s.74(2)(a)). Scottish calendar: Mar 8
    # (1), 11-15 (2-6), 18-22 (7-11), 25-28 (12-15), Good Friday off, Apr 1 (Easter Monday works
    # in Scotland) (16), 2-5 (17-20): Fri 5 Apr. Main counted from the posting day: Tue 2 Apr.
    tracker.write("glasgow", POSTED)
    [row] = tracker.ok("list", "--json", as_of="2024-03-05").json()
    assert row["due"] == "2024-04-05" and row["received"] == "2024-03-07"
    shown = tracker.ok("show", "glasgow", "--json", as_of="2024-03-05").json()
    assert "FOISA s.74(2)(a) presumes a posted request is not received until the third day after posting, " \
        "Thu 07 Mar 2024" in shown["explanation"][1]
    letter = tracker.ok("chase", "glasgow", "--json", as_of="2024-04-10").json()[0]["body"]
    assert "presumed to have reached you on 7 March 2024 (section 74(2) of the Act)" in flat(letter)


def test_the_authoritys_own_earlier_reply_rebuts_the_presumption(tracker):
    # Acknowledged Wed 6 Mar: it had the request by then. Mar 7-8 (1-2), 11-15 (3-7), 18-22
    # (8-12), 25-28 (13-16), Apr 1-4 (17-20): Thu 4 Apr.
    tracker.write("glasgow", POSTED + event("acknowledged", "2024-03-06"))
    shown = tracker.ok("show", "glasgow", "--json", as_of="2024-03-07").json()
    assert shown["due"] == "2024-04-04" and shown["received"] == "2024-03-06"
    assert any("the authority acted on it on Wed 06 Mar 2024" in line for line in shown["explanation"])


def test_a_recorded_receipt_date_wins(tracker):
    tracker.write("glasgow", POSTED + "received = 2024-03-11\n")
    assert tracker.ok("list", "--json", as_of="2024-03-12").json()[0]["received"] == "2024-03-11"


def test_foia_has_no_presumption_for_post_and_says_so():
    result = at(request(sent="2024-03-04", via='"post"'), "2024-03-05")
    assert result.received == D("2024-03-04")
    assert any("FOIA has no rule presuming when a posted request arrives" in n for n in result.notes)
