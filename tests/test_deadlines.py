"""The deadline rules (foitrack.law.evaluation), pinned with dates worked out by hand from the law.

Counting (ICO, rule 1.8): the day of receipt is day 0; day 1 is the next working day. In the
comments "Jun 2-7 (1-4)" means those working days are days 1 to 4 of the count. The rules,
with their sources, are in docs/deadlines.md.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import tomllib

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from foitrack.law.workdays import CalendarRangeError, calendar_for
from foitrack.law.evaluation import evaluate
from foitrack.law.explain import new_notes
from foitrack.law.validation import calendar_problems, file_problems, header_problems, order_problems
from foitrack.store.model import Request

D = dt.date.fromisoformat


def request(text: str = "", *, sent: str = "2023-06-01", regime: str = "foia", **header) -> Request:
    """A request as a user would write its file: a header plus [[events]] tables."""
    lines = [f'authority = "{header.pop("authority", "London Borough of Hackney")}"', 'subject = "Test"',
             f"sent = {sent}", f'regime = "{regime}"']
    lines += [f"{key} = {value}" for key, value in header.items()]
    data = tomllib.loads("\n".join(lines) + "\n" + textwrap.dedent(text))
    return Request.model_validate(data).bind("test", None)


def at(req: Request, as_of: str, **options):
    return evaluate(req, D(as_of), **options)


def due_for(received: str, regime: str = "foia", **options) -> dt.date:
    return at(request(sent=received, regime=regime), received, **options).response_due


# ---------------------------------------------------------------------------------------------
# 20 working days, day 0 = receipt, on the regime's calendar


@pytest.mark.parametrize(
    "received, regime, due, why",
    [
        # St Patrick's Day, Fri 17 Mar 2023 (NI only), and Easter 2023 (GF 7 Apr; Easter Monday
        # 10 Apr, not a Scottish holiday). FOIA: Thu 16 (1), Fri 17 off, Mar 20-24 (2-6),
        # 27-31 (7-11), Apr 3-6 (12-15), 7 and 10 off, 11-14 (16-19), Mon 17 Apr (20).
        ("2023-03-15", "foia", "2023-04-17", "St Patrick's Day and Easter off (union)"),
        # FOISA: 17 Mar and Easter Monday are working days: Mar 16-17 (1-2), 20-24 (3-7),
        # 27-31 (8-12), Apr 3-6 (13-16), GF off, Apr 10-13 (17-20).
        ("2023-03-15", "foisa", "2023-04-13", "only Good Friday off in Scotland"),
        # St Andrew's Day, Thu 30 Nov 2023 (Scotland): Nov 16-17 (1-2), 20-24 (3-7), 27-29 (8-10),
        # 30 off, Dec 1 (11), 4-8 (12-16), 11-14 (17-20). A Scottish day stops the FOIA clock too.
        ("2023-11-15", "foia", "2023-12-14", "St Andrew's Day is a FOIA non-working day"),
        ("2023-11-15", "foisa", "2023-12-14", "St Andrew's Day in Scotland"),
        ("2023-11-15", "eir", "2023-12-14", "EIR uses the FOIA union calendar"),
        # 2 January (Scotland): Dec 12-15 (1-4), 18-22 (5-9), 25-26 off, 27-29 (10-12), Jan 1 off,
        # Tue 2 Jan 2024 off (Scotland, so union), Jan 3-5 (13-15), 8-12 (16-20).
        ("2023-12-11", "foia", "2024-01-12", "Christmas, New Year and 2 January"),
        ("2023-12-11", "foisa", "2024-01-12", "same days off in Scotland"),
        # First Monday of August (Scotland), 5 Aug 2024; last Monday (E, W, NI), 26 Aug 2024.
        # FOIA: Jul 30-Aug 2 (1-4), 5 off, 6-9 (5-8), 12-16 (9-13), 19-23 (14-18), 26 off,
        # 27 (19), 28 (20). FOISA: 26 Aug is a working day there, so Tue 27 Aug is day 20.
        ("2024-07-29", "foia", "2024-08-28", "both August Mondays off"),
        ("2024-07-29", "foisa", "2024-08-27", "only the first Monday of August off"),
        # Easter 2026: GF 3 Apr, Easter Monday 6 Apr. FOIA: Mar 26-27 (1-2), Mar 30-Apr 2 (3-6),
        # 3 and 6 off, Apr 7-10 (7-10), 13-17 (11-15), 20-24 (16-20).
        ("2026-03-25", "foia", "2026-04-24", "Good Friday and Easter Monday off"),
        # FOISA: Easter Monday counts: Apr 6-10 (7-11), 13-17 (12-16), 20-23 (17-20).
        ("2026-03-25", "foisa", "2026-04-23", "Easter Monday is a working day in Scotland"),
        # Christmas and New Year across a weekend, 2022-23: Christmas Sun -> Tue 27 Dec, Boxing
        # Mon 26; New Year Sun -> Mon 2 Jan; Scotland's 2 Jan -> Tue 3 Jan. Dec 12-16 (1-5),
        # 19-23 (6-10), 26-27 off, 28-30 (11-13), Jan 2-3 off, Jan 4-6 (14-16), 9-12 (17-20).
        ("2022-12-09", "foia", "2023-01-12", "Christmas 2022 substitute days"),
        ("2022-12-09", "foisa", "2023-01-12", "Christmas 2022 substitute days, Scotland"),
        # 2021-22: Christmas Sat, Boxing Sun -> Mon 27 and Tue 28 Dec; New Year Sat -> Mon 3 Jan;
        # Scotland's 2 Jan (Sun) -> Tue 4 Jan. Dec 16-17 (1-2), 20-24 (3-7), 27-28 off,
        # 29-31 (8-10), Jan 3-4 off, 5-7 (11-13), 10-14 (14-18), 17-18 (19-20).
        ("2021-12-15", "foia", "2022-01-18", "Christmas and New Year both on weekends"),
        ("2021-12-15", "foisa", "2022-01-18", "Christmas and New Year both on weekends, Scotland"),
        # The state funeral, Mon 19 Sep 2022: Sep 5-9 (1-5), 12-16 (6-10), 19 off, 20-23 (11-14),
        # 26-30 (15-19), Mon 3 Oct (20).
        ("2022-09-02", "foia", "2022-10-03", "2022-09-19 state funeral"),
        ("2022-09-02", "foisa", "2022-10-03", "2022-09-19 state funeral, Scotland"),
        # The coronation, Mon 8 May 2023, after the early May bank holiday on Mon 1 May:
        # Apr 25-28 (1-4), May 1 off, 2-5 (5-8), 8 off, 9-12 (9-12), 15-19 (13-17), 22-24 (18-20).
        ("2023-04-24", "foia", "2023-05-24", "2023-05-08 coronation"),
        ("2023-04-24", "foisa", "2023-05-24", "2023-05-08 coronation, Scotland"),
        # A weekend receipt counts as day 0 like any other day (rule 1.8): Sat 23 and Sun 24 Sep
        # 2023 give the same deadline as Fri 22 Sep: Sep 25-29 (1-5), Oct 2-6, 9-13, 16-20 (20).
        ("2023-09-22", "foia", "2023-10-20", "Friday receipt"),
        ("2023-09-23", "foia", "2023-10-20", "Saturday receipt"),
        ("2023-09-24", "foia", "2023-10-20", "Sunday receipt"),
    ],
)
def test_twenty_working_days_from_receipt(received, regime, due, why):
    assert due_for(received, regime) == D(due), why


def test_foia_and_foisa_differ_on_the_same_date():
    # Received Sat 16 Mar 2024. FOIA: Sun 17 off, Mon 18 Mar off (St Patrick's Day substitute,
    # NI), Mar 19-22 (1-4), 25-28 (5-8), GF 29 Mar and Easter Monday 1 Apr off, Apr 2-5 (9-12),
    # 8-12 (13-17), 15-17 (18-20): Wed 17 Apr.
    # FOISA: Mon 18 Mar is a working day in Scotland and so is Easter Monday: Mar 18-22 (1-5),
    # 25-28 (6-9), GF off, Apr 1-5 (10-14), 8-12 (15-19), Mon 15 Apr (20).
    foia = at(request(sent="2024-03-16"), "2024-03-16")
    foisa = at(request(sent="2024-03-16", regime="foisa"), "2024-03-16")
    assert (foia.response_due, foisa.response_due) == (D("2024-04-17"), D("2024-04-15"))
    assert (foia.day_one, foisa.day_one) == (D("2024-03-19"), D("2024-03-18"))
    foia_weekdays = [d.date for d in foia.skipped if d.date.weekday() < 5]
    assert foia_weekdays == [D("2024-03-18"), D("2024-03-29"), D("2024-04-01")]
    assert "St Patrick" in foia.skipped[1].reason and "Northern Ireland" in foia.skipped[1].reason
    assert [d.date for d in foisa.skipped if d.date.weekday() < 5] == [D("2024-03-29")]
    # Every weekend day from day 1 to day 20 is listed too, Sun 17 Mar first (Sat 16 is day 0).
    assert foia.skipped[0].date == D("2024-03-17") and foia.skipped[0].reason == "Sunday"
    assert "FOIA s.10(1)" in foia.explanation[0] and "any part of the UK" in foia.explanation[0]
    assert "FOISA s.73" in foisa.explanation[0]


def test_weekend_receipt_shows_the_code_of_practice_date_too():
    # Sat 23 Sep 2023. ICO: day 0 Sat, day 1 Mon 25 Sep, day 20 Fri 20 Oct. s.45 Code reading:
    # received Mon 25 Sep, day 1 Tue 26 Sep, day 20 Mon 23 Oct (rule 1.10).
    ico = at(request(sent="2023-09-23"), "2023-09-23")
    assert ico.response_due == D("2023-10-20")
    assert ico.alternative_due == D("2023-10-23") and ico.alternative_rule == "code"
    [note] = [n for n in ico.notes if "unsettled" in n]
    assert "Fri 20 Oct 2023" in note and "Mon 23 Oct 2023" in note and "Code of Practice" in note
    code = at(request(sent="2023-09-23"), "2023-09-23", receipt_rule="code")
    assert code.response_due == D("2023-10-23") and code.clock_start == D("2023-09-25")
    assert code.alternative_due == D("2023-10-20") and code.alternative_rule == "ico"
    assert any("Fri 20 Oct 2023" in n for n in code.notes)
    # A working-day receipt: both readings agree, so no note.
    plain = at(request(sent="2023-09-22"), "2023-09-22")
    assert plain.alternative_due is None and not any("unsettled" in n for n in plain.notes)


def test_proclaimed_days_are_skipped_and_flagged():
    funeral = at(request(sent="2022-09-02"), "2022-09-02")
    assert any(d.date == D("2022-09-19") and "Funeral" in d.reason for d in funeral.skipped)
    assert any("Royal Proclamation" in n and "unsettled" in n for n in funeral.notes)
    scotland = at(request(sent="2022-09-02", regime="foisa"), "2022-09-02")
    assert any("Scottish Information Commissioner" in n for n in scotland.notes)
    coronation = at(request(sent="2023-04-24"), "2023-04-24")
    assert any("Mon 08 May 2023" in n and "Royal Proclamation" in n for n in coronation.notes)
    # A regular day is not flagged: 15 Nov 2023 spans only St Andrew's Day.
    assert not any("Proclamation" in n for n in at(request(sent="2023-11-15"), "2023-11-15").notes)


def test_received_defaults_to_sent_and_a_later_receipt_counts_from_receipt():
    # Sent Thu 1 Jun 2023, received Mon 5 Jun: Jun 6-9 (1-4), 12-16, 19-23, 26-30 (5-19), Jul 3 (20).
    assert at(request(), "2023-06-01").received == D("2023-06-01")
    later = at(request(received="2023-06-05"), "2023-06-05")
    assert later.received == D("2023-06-05") and later.response_due == D("2023-07-03")


# ---------------------------------------------------------------------------------------------
# Clarification, fees, extensions


CLARIFIED = """
[[events]]
type = "clarification-requested"
date = 2023-10-05

[[events]]
type = "clarified"
date = 2023-10-10
"""


def test_clarification_restarts_the_clock_from_the_day_it_arrives():
    # Received Mon 2 Oct 2023; clarification asked Thu 5 Oct; given Tue 10 Oct, the new day 0.
    # Oct 11-13 (1-3), 16-20 (4-8), 23-27 (9-13), Oct 30-Nov 3 (14-18), Nov 6-7 (19-20).
    req = request(CLARIFIED, sent="2023-10-02")
    waiting = at(req, "2023-10-06")
    assert waiting.status == "clarification-requested" and waiting.due is None
    assert waiting.response_due is None and "stopped" in waiting.explanation[-1]
    running = at(req, "2023-11-07")
    assert running.status == "awaiting-response"
    assert running.clock_start == D("2023-10-10") and running.response_due == D("2023-11-07")
    # 40 working days from 10 Oct: day 20 Tue 7 Nov, Nov 8-10 (21-23), 13-17 (24-28), 20-24
    # (29-33), 27-29 (34-36), Thu 30 Nov St Andrew's Day off, Dec 1 (37), Dec 4-6 (38-40).
    assert running.very_overdue_after == D("2023-12-06")
    late = at(req, "2023-11-08")
    assert late.status == "overdue" and late.working_days_overdue == 1


def test_working_days_to_respond_count_from_the_clarification():
    # Answered Fri 3 Nov: working days after Tue 10 Oct up to 3 Nov = 3 + 5 + 5 + 5 = 18
    # (not 24, counted from the first receipt on 2 Oct).
    req = request(CLARIFIED + '\n[[events]]\ntype = "responded"\ndate = 2023-11-03\noutcome = "granted"\n',
                  sent="2023-10-02")
    result = at(req, "2023-11-10")
    assert result.status == "answered" and result.responded_on_time is True
    assert result.working_days_to_respond == 18


def test_clarification_on_a_saturday_shows_both_readings():
    # Clarified Sat 14 Oct 2023. ICO: day 1 Mon 16 Oct, Oct 16-20 (1-5), 23-27 (6-10),
    # Oct 30-Nov 3 (11-15), Nov 6-10 (16-20): Fri 10 Nov. Code reading: day 0 Mon 16 Oct: Mon 13 Nov.
    req = request(CLARIFIED.replace("2023-10-10", "2023-10-14"), sent="2023-10-02")
    result = at(req, "2023-10-20")
    assert result.response_due == D("2023-11-10") and result.alternative_due == D("2023-11-13")
    assert any(n.startswith("The clarification arrived on Sat 14 Oct 2023") for n in result.notes)


def test_sar_clarification_pauses_the_clock_both_days_included():
    # SAR received Fri 1 Mar 2024: corresponding date Mon 1 Apr (Easter Monday) -> Tue 2 Apr.
    # Clarification asked Tue 5 Mar, given Tue 12 Mar: 5..12 Mar is 8 days, both included
    # (DUAA 2025; DPA 2018 s.54(3C) uses the same words). 1 Apr + 8 days = Tue 9 Apr 2024.
    plain = at(request(sent="2024-03-01", regime="sar"), "2024-03-01")
    assert plain.response_due == D("2024-04-02")
    req = request(CLARIFIED.replace("2023-10-05", "2024-03-05").replace("2023-10-10", "2024-03-12"),
                  sent="2024-03-01", regime="sar")
    assert at(req, "2024-03-06").status == "clarification-requested"
    result = at(req, "2024-03-12")
    assert result.clock_start == D("2024-03-01") and result.response_due == D("2024-04-09")


FEE = """
[[events]]
type = "fee-notice"
date = {notice}
amount = 450

[[events]]
type = "fee-paid"
date = {paid}
"""


def test_fee_pause_disregards_the_notice_and_payment_days():
    # Received Thu 1 Jun 2023 (due Thu 29 Jun without a fee). Notice Thu 8 Jun, paid Wed 14 Jun:
    # 8, 9, 12, 13, 14 Jun, five working days, both ends included, do not count (FOIA s.10(2)).
    # Jun 2 (1), 5-7 (2-4), [8-14 paused], 15-16 (5-6), 19-23 (7-11), 26-30 (12-16),
    # Jul 3-6 (17-20): Thu 6 Jul. (Leaving out either end would give Wed 5 Jul.)
    req = request(FEE.format(notice="2023-06-08", paid="2023-06-14"))
    waiting = at(req, "2023-06-10")
    assert waiting.status == "fee-requested" and waiting.response_due is None and waiting.due is None
    result = at(req, "2023-06-14")
    assert result.status == "awaiting-response" and result.response_due == D("2023-07-06")
    assert any("5 working days" in line and "both included" in line for line in result.explanation)
    # 40 working days, the pause skipped too: day 20 Thu 6 Jul, Jul 7 (21), 10-11 (22-23),
    # 12 Jul off (NI), 13-14 (24-25), 17-21 (26-30), 24-28 (31-35), Jul 31-Aug 4 (36-40).
    assert result.very_overdue_after == D("2023-08-04")


def test_fee_notice_on_the_day_of_receipt_only_pauses_days_after_it():
    # Received and notice Thu 1 Jun (day 0, never counted); paid Mon 5 Jun: Fri 2 and Mon 5 Jun
    # are disregarded, so day 20 moves two working days from Thu 29 Jun to Mon 3 Jul.
    req = request(FEE.format(notice="2023-06-01", paid="2023-06-05"))
    assert at(req, "2023-06-05").response_due == D("2023-07-03")


def test_working_days_to_respond_leave_out_the_fee_pause():
    # Answered on the deadline, Thu 6 Jul: 25 working days after 1 Jun, less the 5 paused = 20.
    req = request(FEE.format(notice="2023-06-08", paid="2023-06-14")
                  + '\n[[events]]\ntype = "responded"\ndate = 2023-07-06\noutcome = "partial"\n')
    result = at(req, "2023-07-10")
    assert result.working_days_to_respond == 20 and result.responded_on_time is True


def test_unpaid_fee_keeps_the_clock_stopped_and_lapses_after_three_months():
    req = request('[[events]]\ntype = "fee-notice"\ndate = 2023-06-08\n')
    assert at(req, "2023-09-07").status == "fee-requested"
    assert not any("three months" in n for n in at(req, "2023-09-07").notes)
    # FOIA s.9(2): "the period of three months beginning with the day on which the fees notice is
    # given" includes 8 Jun, so it ends on Thu 7 Sep; from Fri 8 Sep the authority need not comply.
    lapsed = at(req, "2023-09-08")
    assert lapsed.status == "fee-lapsed" and any("s.9(2)" in n for n in lapsed.notes)
    assert lapsed.response_due is None and lapsed.due is None and not lapsed.is_overdue


def test_sar_fee_starts_the_month_again_from_payment():
    # SAR received 1 Jun 2023; fee asked 5 Jun, paid Mon 12 Jun: one month from 12 Jun is Wed 12
    # Jul, the Battle of the Boyne (NI, and foitrack skips every UK nation's days): Thu 13 Jul.
    req = request(FEE.format(notice="2023-06-05", paid="2023-06-12"), regime="sar")
    assert at(req, "2023-06-06").status == "fee-requested"
    assert at(req, "2023-06-12").response_due == D("2023-07-13")


def extended(on: str, **option) -> str:
    key, value = next(iter(option.items()))
    return f'\n[[events]]\ntype = "extended"\ndate = {on}\n{key} = {value}\nreason = "public interest"\n'


@pytest.mark.parametrize(
    "regime, events, due, note",
    [
        # FOIA received Thu 1 Jun 2023, due Thu 29 Jun. --until moves it to that date.
        ("foia", extended("2023-06-28", until="2023-07-27"), "2023-07-27", None),
        # --days 20 adds 20 working days to 29 Jun: Jun 30 (1), Jul 3-7 (2-6), 10-11 (7-8),
        # 12 Jul off (Battle of the Boyne, NI), 13-14 (9-10), 17-21 (11-15), 24-28 (16-20).
        ("foia", extended("2023-06-28", days=20), "2023-07-28", None),
        # An extension to a date before the deadline cannot shorten it.
        ("foia", extended("2023-06-12", until="2023-06-20"), "2023-06-29", "later date stands"),
        # Past the 40th working day (Fri 28 Jul): allowed, but the ICO says only exceptionally.
        ("foia", extended("2023-06-28", until="2023-08-31"), "2023-08-31", "40th working day"),
        # Recorded after day 20: the s.17 notice was late.
        ("foia", extended("2023-07-03", days=10), "2023-07-14", "s.17(2)"),
        # EIR reg 7: 20 more days = 40 in all, Fri 28 Jul (as above).
        ("eir", extended("2023-06-20", days=20), "2023-07-28", None),
        # EIR reg 7 caps at 40 working days whatever the authority says.
        ("eir", extended("2023-06-20", days=30), "2023-07-28", "40 working days at most"),
        ("eir", extended("2023-06-20", until="2023-08-31"), "2023-07-28", "40 working days at most"),
        # ...and the applicant must be told within 20 working days (reg 7(3)): told on 3 Jul, after
        # the deadline of Thu 29 Jun, the extension moves nothing.
        ("eir", extended("2023-07-03", days=20), "2023-06-29", "reg 7(3)"),
        # FOISA has no extension: still Thu 29 Jun (12 Jul is a working day in Scotland, no matter).
        ("foisa", extended("2023-06-28", until="2023-07-27"), "2023-06-29", "FOISA has no extension"),
        # SAR received 31 Jan 2024: due Thu 29 Feb; two further months at most, three months from
        # receipt: 31 Jan + 3 months = 30 Apr 2024 (clamped once), a Tuesday.
        ("sar", extended("2024-02-20", until="2024-05-31"), "2024-04-30", "two further months"),
    ],
)
def test_extensions(regime, events, due, note):
    sent, as_of = ("2024-01-31", "2024-02-20") if regime == "sar" else ("2023-06-01", "2023-07-05")
    result = at(request(events, sent=sent, regime=regime), as_of)
    assert result.response_due == D(due)
    if note:
        assert any(note in n for n in result.notes), result.notes
    else:
        assert not any("extension" in n.lower() for n in result.notes), result.notes


def test_extension_by_days_after_an_extension_by_date():
    # --until Thu 27 Jul, then --days 2: Fri 28 Jul (1), Mon 31 Jul (2).
    events = extended("2023-06-28", until="2023-07-27") + extended("2023-07-20", days=2)
    assert at(request(events), "2023-07-21").response_due == D("2023-07-31")


SAR_PAUSED_AND_EXTENDED = """
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
"""


def test_sar_cap_counts_the_clarification_pause_and_the_note_agrees_with_the_deadline():
    # SAR received Tue 31 Jan 2023. Clarification 1..10 Feb: 10 days, both included, do not
    # count (rule 6.4). The extension asks for 31 Dec; art. 12(3) caps it at three months from
    # receipt: 31 Jan + 3 months = 30 Apr (clamped), plus the 10 paused days = Wed 10 May 2023.
    # The cap was once noted as Tue 2 May (worked out before the pause ended) while the
    # deadline said 10 May.
    result = at(request(SAR_PAUSED_AND_EXTENDED, sent="2023-01-31", regime="sar"), "2023-03-01")
    assert result.response_due == result.very_overdue_after == D("2023-05-10")
    assert result.very_overdue_rule == "three months from receipt, plus the 10 days paused for clarification"
    caps = [n for n in result.notes if "two further months" in n]
    assert caps == [
        "UK GDPR art. 12(3) allows two further months at most (three months from receipt, plus the "
        "10 days paused for clarification): the deadline is Wed 10 May 2023, not later."
    ]
    caps_and_steps = [n for n in result.notes if "unsettled" not in n] + result.explanation
    assert not any("02 May" in line for line in caps_and_steps)


@pytest.mark.parametrize(
    "extended_on, late_note",
    [
        # SAR received Tue 31 Jan 2023; clarification asked Mon 20 Feb, given Fri 10 Mar.
        # Extended on Fri 3 Mar, inside the pause: the month then ran to 28 Feb plus the 12 days
        # paused so far (20 Feb..3 Mar) = Sun 12 Mar -> Mon 13 Mar, so it was in time.
        ("2023-03-03", None),
        # After the pause: 28 Feb + 19 days (20 Feb..10 Mar) = Sun 19 Mar -> Mon 20 Mar. The 15th
        # is in time; the 21st is a day late.
        ("2023-03-15", None),
        ("2023-03-21", "by Mon 20 Mar 2023; it did so on Tue 21 Mar 2023"),
    ],
)
def test_sar_extension_in_time_counts_the_pause_up_to_the_day_it_was_given(extended_on, late_note):
    events = (
        '[[events]]\ntype = "clarification-requested"\ndate = 2023-02-20\n'
        '[[events]]\ntype = "clarified"\ndate = 2023-03-10\n'
        + extended(extended_on, until="2023-04-28")
    )
    result = at(request(events, sent="2023-01-31", regime="sar"), "2023-03-22")
    assert not any("two further months" in n for n in result.notes)
    late = [n for n in result.notes if "had to say it was extending" in n]
    if late_note is None:
        # 28 Apr is before the cap (30 Apr + 19 days = Fri 19 May), so it stands, with no cap note.
        assert result.response_due == D("2023-04-28")
        assert late == []
    else:
        # Art. 12(3): the requester must be told of an extension within the month; told a day
        # late, the extension moves nothing, and the request is overdue from Mon 20 Mar.
        assert result.response_due == D("2023-03-20") and result.status == "overdue"
        [note] = late
        assert late_note in note


def test_a_cap_note_goes_when_a_clarification_restarts_the_clock():
    # EIR received Thu 1 Jun 2023; an extension of 30 working days on 20 Jun asks for more than
    # reg 7(1) allows. Then the authority asks for clarification (22 Jun), which arrives Mon 26
    # Jun: a fresh 20 working days from then, and the extension no longer runs. Jun 27-30 (1-4),
    # Jul 3-7 (5-9), 10-11 (10-11), 12 Jul off (NI), 13-14 (12-13), 17-21 (14-18), 24-25 (19-20).
    events = (
        extended("2023-06-20", days=30)
        + '[[events]]\ntype = "clarification-requested"\ndate = 2023-06-22\n'
        + '[[events]]\ntype = "clarified"\ndate = 2023-06-26\n'
    )
    result = at(request(events, regime="eir"), "2023-07-03")
    assert result.response_due == D("2023-07-25")
    assert not any("at most" in n for n in result.notes), result.notes


@pytest.mark.parametrize(
    "regime, events, options, rule",
    [
        ("foia", "", {}, "the 40th working day"),
        ("foia", "", {"authority_days": 60}, "the authority's 60th working day"),
        ("foia", "", {"authority_days": 30}, "the 40th working day"),  # archives: very overdue stays at 40
        ("foia", "", {"days": 60}, "the 60th working day"),  # foitrack deadline --days 60
        ("eir", "", {"authority_days": 60}, "the 40th working day"),  # a school's 60 is FOIA only
        ("foia", CLARIFIED.replace("2023-10-05", "2023-06-05").replace("2023-10-10", "2023-06-08"), {},
         "the 40th working day after the clarification"),
        ("foia", '[[events]]\ntype = "fee-notice"\ndate = 2023-06-05\n[[events]]\ntype = "fee-paid"\ndate = 2023-06-09\n',
         {}, "the 40th working day, not counting the fee pause"),
        ("sar", "", {}, "three months from receipt"),
    ],
)
def test_very_overdue_rule_says_how_the_date_was_found(regime, events, options, rule):
    assert at(request(events, regime=regime), "2023-06-20", **options).very_overdue_rule == rule


def test_new_notes_are_what_an_event_adds_for_record_to_print():
    # FOISA received Thu 1 Jun 2023, due Thu 29 Jun 2023 on Scotland's calendar. An extension by
    # 10 working days changes nothing in law, and the note saying so is the one new note.
    plain = request(regime="foisa")
    with_extension = request(extended("2023-06-20", days=10), regime="foisa")
    before, after = at(plain, "2023-06-20"), at(with_extension, "2023-06-20")
    assert after.response_due == before.response_due == D("2023-06-29")
    assert new_notes(before, after) == [
        "FOISA has no extension of time (there is no public interest extension in Scotland): the "
        "authority still had to respond by Thu 29 Jun 2023."
    ]
    assert new_notes(after, after) == [] and new_notes(after, before) == []
    # A SAR always carries the note on public holidays; only the cap note is new. Received Wed 31
    # Jan 2024: 31 Jan + 3 months = Tue 30 Apr 2024, the most an extension can reach.
    sar = at(request(sent="2024-01-31", regime="sar"), "2024-02-20")
    capped = at(request(extended("2024-02-20", until="2024-05-31"), sent="2024-01-31", regime="sar"), "2024-02-20")
    assert any("public holidays" in n for n in sar.notes)
    assert new_notes(sar, capped) == [
        "UK GDPR art. 12(3) allows two further months at most (three months from receipt): the "
        "deadline is Tue 30 Apr 2024, not later."
    ]


# ---------------------------------------------------------------------------------------------
# Overdue, very overdue, and per-authority limits


@pytest.mark.parametrize(
    "as_of, status, late",
    [
        ("2023-06-29", "awaiting-response", 0),  # the deadline day itself is in time
        ("2023-06-30", "overdue", 1),
        # Fri 28 Jul is the 40th working day: Jun 30, Jul 3-7, 10-11, 13-14, 17-21, 24-28 = 20 late.
        ("2023-07-28", "overdue", 20),
        ("2023-07-31", "very-overdue", 21),
    ],
)
def test_overdue_then_very_overdue_after_forty_working_days(as_of, status, late):
    result = at(request(), as_of)
    assert result.very_overdue_after == D("2023-07-28")
    assert (result.status, result.working_days_overdue) == (status, late)
    assert result.is_overdue is (late > 0)


def test_very_overdue_after_an_eir_reg_7_extension_is_the_same_day_40():
    result = at(request(extended("2023-06-20", days=20), regime="eir"), "2023-07-31")
    assert result.response_due == result.very_overdue_after == D("2023-07-28")
    assert result.status == "very-overdue" and result.working_days_overdue == 1


@pytest.mark.parametrize(
    "regime, authority_days, due, very, note",
    [
        # A school (SI 2004/3364 reg 3): the 20th school day or the 60th working day, whichever
        # comes first. With no term dates foitrack presumes term time: due on the 20th working day,
        # Thu 29 Jun; very overdue after the 60th: from Thu 1 Jun 2023, day 40 Fri 28 Jul,
        # Jul 31-Aug 4 (41-45), Mon 7 Aug off (Scotland's August holiday, union rule),
        # Aug 8-11 (46-49), 14-18 (50-54), 21-25 (55-59), Mon 28 Aug off (E, W, NI), Tue 29 (60).
        ("foia", 60, "2023-06-29", "2023-08-29", "presumes term time"),
        # Archives (reg 4): 30th: day 20 Thu 29 Jun, Jun 30 (21), Jul 3-7 (22-26), 10-11 (27-28),
        # 12 off, 13-14 (29-30). Very overdue stays at 40.
        ("foia", 30, "2023-07-14", "2023-07-28", "Archives"),
        # The Time for Compliance Regulations change FOIA s.10 only: an EIR request gets 20.
        ("eir", 60, "2023-06-29", "2023-07-28", "does not change the EIR"),
    ],
)
def test_authority_limits(regime, authority_days, due, very, note):
    result = at(request(regime=regime), "2023-06-01", authority_days=authority_days)
    assert (result.response_due, result.very_overdue_after) == (D(due), D(very))
    assert any(note in n for n in result.notes)


def test_extra_non_working_days_move_the_deadline():
    # A tracker-added Tue 20 Jun 2023: Thu 29 Jun becomes Fri 30 Jun, and it is flagged.
    extra = ((D("2023-06-20"), "Proclaimed bank holiday"),)
    result = at(request(), "2023-06-01", extra_non_working=extra)
    assert result.response_due == D("2023-06-30")
    assert any(d.date == D("2023-06-20") and d.reason == "Proclaimed bank holiday" for d in result.skipped)
    assert any("this tracker adds it" in n for n in result.notes)


# ---------------------------------------------------------------------------------------------
# Subject access requests


@pytest.mark.parametrize(
    "received, due, why",
    [
        ("2019-09-03", "2019-10-03", "receipt is day 1: 3 Sep -> Thu 3 Oct (ICO since Aug 2019)"),
        ("2023-01-31", "2023-02-28", "no 31 Feb: the last day of February, a Tuesday"),
        ("2024-01-31", "2024-02-29", "leap year"),
        ("2023-09-14", "2023-10-16", "Sat 14 Oct -> Mon 16 Oct"),
        ("2023-11-25", "2023-12-27", "Mon 25 and Tue 26 Dec off -> Wed 27 Dec"),
    ],
)
def test_sar_one_month_by_corresponding_date(received, due, why):
    result = at(request(sent=received, regime="sar"), received)
    assert result.response_due == D(due), why
    assert result.days == 0 and "UK GDPR art. 12(3)" in result.explanation[0]
    assert any("public holidays" in n for n in result.notes)


def test_sar_rolled_off_a_weekend_lists_the_days_moved_past():
    result = at(request(sent="2023-09-14", regime="sar"), "2023-09-14")
    assert [d.date for d in result.skipped] == [D("2023-10-14"), D("2023-10-15")]
    # Very overdue: three months from receipt, 14 Dec 2023 (a Thursday).
    assert result.very_overdue_after == D("2023-12-14")


# ---------------------------------------------------------------------------------------------
# Responses, internal reviews and complaints


def responded(on: str, outcome: str = "refused") -> str:
    return f'\n[[events]]\ntype = "responded"\ndate = {on}\noutcome = "{outcome}"\n'


def review(on: str) -> str:
    return f'\n[[events]]\ntype = "review-requested"\ndate = {on}\n'


@pytest.mark.parametrize(
    "regime, review_due, why",
    [
        # Review asked Wed 5 Jul 2023. FOIA (s.45 Code), 20 working days: Jul 6-7 (1-2),
        # 10-11 (3-4), 12 off (NI), 13-14 (5-6), 17-21 (7-11), 24-28 (12-16), Jul 31-Aug 3 (17-20).
        ("foia", "2023-08-03", "FOIA: 20 working days"),
        # FOISA s.21(1): 20 on Scotland's calendar, where 12 Jul is a working day: Wed 2 Aug.
        ("foisa", "2023-08-02", "FOISA: 20 working days, Scottish calendar"),
        # EIR reg 11(4): 40. Day 20 Thu 3 Aug, Aug 4 (21), Mon 7 Aug off (Scotland, union rule),
        # 8-11 (22-25), 14-18 (26-30), 21-25 (31-35), Mon 28 Aug off, 29-31 (36-38), Sep 1 (39),
        # Mon 4 Sep (40).
        ("eir", "2023-09-04", "EIR: 40 working days"),
    ],
)
def test_internal_review_due_and_overdue(regime, review_due, why):
    req = request(responded("2023-07-03") + review("2023-07-05"), regime=regime)
    pending = at(req, review_due)
    assert pending.review_due == D(review_due), why
    assert pending.status == "review-requested" and pending.due == D(review_due)
    after = D(review_due) + dt.timedelta(days=1)
    while not calendar_for(regime).is_working_day(after):
        after += dt.timedelta(days=1)
    late = at(req, after.isoformat())
    assert late.status == "review-overdue" and late.working_days_overdue == 1 and late.is_overdue


def test_answered_request_deadlines_for_review_and_complaint():
    # Answered Mon 3 Jul 2023: ask for a review within 40 working days: Jul 4-7 (1-4), 10-11
    # (5-6), 12 off, 13-14 (7-8), 17-21 (9-13), 24-28 (14-18), Jul 31-Aug 4 (19-23), 7 Aug off
    # (Scotland), 8-11 (24-27), 14-18 (28-32), 21-25 (33-37), 28 Aug off, 29-31 (38-40): Thu 31 Aug.
    # Complain to the ICO within six weeks of the final response: 14 Aug. It took 22 working
    # days (Jun 2, 5-9, 12-16, 19-23, 26-30 = 21, and Jul 3), two late.
    result = at(request(responded("2023-07-03")), "2023-07-10")
    assert result.status == "answered" and result.due is None and not result.is_open
    assert result.review_request_by == D("2023-08-31") and result.complaint_by == D("2023-08-14")
    assert result.responded_on_time is False and result.working_days_to_respond == 22


def test_foisa_failure_to_respond_gives_a_review_window():
    # FOISA due Thu 29 Jun 2023; review of the failure within 40 working days (s.20(5)): Jun 30
    # (1), Jul 3-7, 10-14, 17-21, 24-28, Jul 31-Aug 4 (2-26), Mon 7 Aug off (Scotland), 8-11
    # (27-30), 14-18 (31-35), 21-25 (36-40): Fri 25 Aug.
    result = at(request(regime="foisa"), "2023-07-03")
    assert result.status == "overdue" and result.review_request_by == D("2023-08-25")


@pytest.mark.parametrize(
    "events, status",
    [
        ("", "overdue"),
        ('[[events]]\ntype = "withdrawn"\ndate = 2023-06-10\n', "withdrawn"),
        (responded("2023-06-20") + '\n[[events]]\ntype = "complained"\ndate = 2023-07-20\n', "complained"),
        (responded("2023-06-20") + review("2023-07-10"), "review-requested"),
        (responded("2023-06-20") + review("2023-06-25")
         + '\n[[events]]\ntype = "complained"\ndate = 2023-06-30\n', "complained"),
        (responded("2023-06-20") + '\n[[events]]\ntype = "complained"\ndate = 2023-07-20\n'
         + '\n[[events]]\ntype = "decision"\ndate = 2023-07-25\noutcome = "upheld"\n', "answered"),
        (responded("2023-06-20") + review("2023-06-25")
         + '\n[[events]]\ntype = "review-responded"\ndate = 2023-07-01\noutcome = "upheld"\n', "answered"),
        ('[[events]]\ntype = "clarification-requested"\ndate = 2023-06-05\n' + responded("2023-06-20"), "answered"),
        ('[[events]]\ntype = "fee-notice"\ndate = 2023-06-05\n'
         + '\n[[events]]\ntype = "withdrawn"\ndate = 2023-06-10\n', "withdrawn"),
        ('[[events]]\ntype = "complained"\ndate = 2023-07-10\n', "complained"),
    ],
)
def test_status_precedence(events, status):
    assert at(request(events), "2023-07-27").status == status


def test_answered_while_the_clock_was_stopped_is_on_time():
    # Clarification asked Mon 5 Jun (before the 29 Jun deadline); answered anyway on 10 Jul.
    # Days counted: Jun 2 (1) only, up to the day before the clock stopped.
    req = request('[[events]]\ntype = "clarification-requested"\ndate = 2023-06-05\n' + responded("2023-07-10"))
    result = at(req, "2023-07-12")
    assert result.status == "answered" and result.responded_on_time is True
    assert result.working_days_to_respond == 1


def test_later_events_are_ignored_when_evaluating_as_at_an_earlier_date():
    req = request(responded("2023-07-10"))
    assert at(req, "2023-07-05").status == "overdue"
    assert at(req, "2023-07-10").status == "answered"


# ---------------------------------------------------------------------------------------------
# Dates outside the calendar never give a wrong date


def test_out_of_range_receipt_is_an_error_not_a_date():
    req = request(sent="1999-12-01")
    with pytest.raises(CalendarRangeError):
        evaluate(req, D("2000-01-10"), strict=True)
    result = evaluate(req, D("2000-01-10"))
    assert result.response_due is None and result.status == "awaiting-response"
    assert "outside foitrack's calendar" in result.error and "2000" in result.error
    assert header_problems(req) == [("sent", "sent 1999-12-01 is outside foitrack's calendar (2000\u20132035)")]


def test_deadline_past_the_end_of_the_calendar_is_an_error():
    req = request(sent="2035-12-20")
    with pytest.raises(CalendarRangeError):
        evaluate(req, D("2035-12-20"), strict=True)
    [(key, message)] = header_problems(req)
    assert key == "sent" and "after the end of foitrack's calendar" in message


def test_out_of_range_event_keeps_its_status():
    req = request(responded("2036-01-05"))  # a typo for 2026, say
    assert order_problems(req) == [(0, "'responded' on 2036-01-05: 2036-01-05 is outside foitrack's calendar (2000\u20132035)")]
    assert calendar_problems(req) == [(("events", 0), "'responded' on 2036-01-05 is outside foitrack's calendar (2000\u20132035)")]


# ---------------------------------------------------------------------------------------------
# Events out of order


@pytest.mark.parametrize(
    "events, message",
    [
        ('[[events]]\ntype = "fee-paid"\ndate = 2023-06-10\n', "'fee-paid' on 2023-06-10 has no 'fee-notice' before it"),
        ('[[events]]\ntype = "fee-paid"\ndate = 2023-06-05\n\n[[events]]\ntype = "fee-notice"\ndate = 2023-06-08\n',
         "'fee-paid' on 2023-06-05 has no 'fee-notice' before it"),
        ('[[events]]\ntype = "clarified"\ndate = 2023-06-10\n', "has no 'clarification-requested' before it"),
        (responded("2023-05-30"), "'responded' on 2023-05-30 is dated before the request was sent (2023-06-01)"),
        ('[[events]]\ntype = "review-responded"\ndate = 2023-06-10\noutcome = "upheld"\n', "has no 'review-requested'"),
        ('[[events]]\ntype = "decision"\ndate = 2023-06-10\n', "has no 'complained' before it"),
        ('[[events]]\ntype = "withdrawn"\ndate = 2023-06-10\n\n[[events]]\ntype = "chased"\ndate = 2023-06-12\n',
         "comes after the request was withdrawn on 2023-06-10"),
        (extended("2023-06-20", until="2023-06-15"), "extends the deadline to 2023-06-15, before the extension itself"),
    ],
)
def test_order_problems(events, message):
    problems = order_problems(request(events))
    assert len(problems) == 1 and message in problems[0][1], problems


def test_a_response_before_receipt_is_a_problem_but_a_chaser_is_not():
    req = request(responded("2023-06-03") + '\n[[events]]\ntype = "chased"\ndate = 2023-06-03\n', received="2023-06-05")
    assert order_problems(req) == [(0, "'responded' on 2023-06-03 is dated before the authority received the request (2023-06-05)")]
    # check points at the `until` key for an extension to a date before itself.
    located = file_problems(request(extended("2023-06-20", until="2023-06-15")))
    assert located[0][0] == ("events", 0, "until")


def test_a_clean_history_has_no_problems():
    events = (FEE.format(notice="2023-06-08", paid="2023-06-14") + extended("2023-06-28", days=5)
              + responded("2023-07-10") + review("2023-07-12")
              + '\n[[events]]\ntype = "review-responded"\ndate = 2023-08-01\noutcome = "upheld"\n'
              + '\n[[events]]\ntype = "complained"\ndate = 2023-08-10\n'
              + '\n[[events]]\ntype = "decision"\ndate = 2023-12-01\n')
    assert order_problems(request(events)) == [] and file_problems(request(events)) == []


# ---------------------------------------------------------------------------------------------
# Properties


WORKING_REGIMES = st.sampled_from(["foia", "eir", "foisa", "eisr"])
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2034, 12, 31))


def in_foisa_spring_2020(regime: str, *days: dt.date) -> bool:
    """FOISA allowed 60 working days, not 20, from 7 Apr to 26 May 2020 (Coronavirus (Scotland)
    Act 2020 sch. 6 pt. 2): as at a day in those weeks, or for a response given in them, the
    20-day properties below do not hold. test_law_edges tests those weeks."""
    return regime == "foisa" and any(dt.date(2020, 4, 7) <= day <= dt.date(2020, 5, 26) for day in days)


@settings(max_examples=200, deadline=None)
@given(regime=WORKING_REGIMES, received=DATES, notice=st.integers(0, 30), length=st.integers(0, 40))
def test_a_fee_pause_moves_the_deadline_by_the_paused_working_days(regime, received, notice, length):
    calendar = calendar_for(regime)
    plain = at(request(sent=received.isoformat(), regime=regime), received.isoformat())
    first = received + dt.timedelta(days=notice)
    last = first + dt.timedelta(days=length)
    assume(not in_foisa_spring_2020(regime, received, last))
    req = request(FEE.format(notice=first, paid=last), sent=received.isoformat(), regime=regime)
    paused = at(req, last.isoformat())
    assert calendar.is_working_day(paused.response_due)
    assert not first <= paused.response_due <= last
    assert paused.response_due >= plain.response_due
    # The deadline is the 20th working day after receipt that is not inside the pause.
    counted = calendar.working_days_between(received, paused.response_due) - sum(
        1 for day in range(calendar.working_days_between(received, paused.response_due))
        if first <= calendar.add_working_days(received, day + 1) <= last
    )
    assert counted == 20


@settings(max_examples=200, deadline=None)
@given(regime=WORKING_REGIMES, a=DATES, b=DATES)
def test_deadline_is_monotonic_in_the_receipt_date_under_both_readings(regime, a, b):
    a, b = min(a, b), max(a, b)
    assume(not in_foisa_spring_2020(regime, a, b))
    for rule in ("ico", "code"):
        due_a = due_for(a.isoformat(), regime, receipt_rule=rule)
        due_b = due_for(b.isoformat(), regime, receipt_rule=rule)
        assert due_a <= due_b
        assert calendar_for(regime).is_working_day(due_a)


@settings(max_examples=200, deadline=None)
@given(regime=WORKING_REGIMES, received=DATES, late=st.integers(0, 60))
def test_working_days_to_respond_inverts_the_deadline(regime, received, late):
    calendar = calendar_for(regime)
    due = due_for(received.isoformat(), regime)
    answered = calendar.add_working_days(due, late)
    req = request(responded(answered.isoformat()), sent=received.isoformat(), regime=regime)
    assume(not in_foisa_spring_2020(regime, received, answered))
    result = at(req, answered.isoformat())
    assert result.working_days_to_respond == 20 + late
    assert result.responded_on_time is (late == 0)


def test_an_exemption_from_the_other_regime_is_flagged_not_silently_counted():
    from foitrack.law.evaluation import evaluate
    from foitrack.store.model import Request

    foia = Request.model_validate({
        "authority": "Environment Agency", "subject": "Spills", "sent": dt.date(2023, 6, 1),
        "events": [{"type": "responded", "date": dt.date(2023, 6, 20), "outcome": "refused",
                    "exemptions": ["reg12(5)(e)", "s43"]}],
    })
    [note] = [n for n in evaluate(foia, dt.date(2023, 7, 1)).notes if "reg12(5)(e)" in n]
    assert "FOIA" in note and 'regime = "eir"' in note
    eir = foia.model_copy(update={"regime": "eir"})
    [note] = [n for n in evaluate(eir, dt.date(2023, 7, 1)).notes if "s43" in n]
    assert "EIR" in note
    plain = foia.model_copy(deep=True)
    plain.events[0].exemptions = ["s43"]
    assert not any("cited" in n for n in evaluate(plain, dt.date(2023, 7, 1)).notes)
