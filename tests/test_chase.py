"""chase, letter and due's ladder, sending through real SMTP servers started on 127.0.0.1.

Dates, worked out by hand on the UK-wide FOIA calendar for 2023 (bank holidays near these
dates: Wed 12 July, Battle of the Boyne, NI; Mon 7 Aug, Scotland only; Mon 28 Aug):
- sent Thu 1 June, day 0: the 20th working day is Thu 29 June (no June bank holidays);
- as at Thu 20 July: 30 Jun, 3-7 Jul, 10-11, 13-14, 17-20 Jul = 14 working days late;
- very overdue after 40 working days: 20 more after 29 June, skipping 12 July = Fri 28 July.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import smtplib
import ssl
import tomllib
from pathlib import Path

import pytest

from foitrack.dates import long_date
from mailservers import free_port, password_checker as _password_checker  # real servers: tests/mailservers.py

HACKNEY = """
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
regime = "foia"

[[events]]
type = "acknowledged"
date = 2023-06-02
ref = "FOI-2023-118"
"""

MERSEYSIDE = """
authority = "Merseyside Police"
subject = "Drone flights"
sent = 2023-06-01
email = "foi@merseyside.police.uk"
"""

GLASGOW = """
authority = "Glasgow City Council"
subject = "CCTV contracts"
sent = 2023-06-01
regime = "foisa"
email = "foi@glasgow.gov.uk"
"""

SETTINGS = """
[requester]
name = "A. Reporter"
email = "reporter@example.org"

[smtp]
host = "127.0.0.1"
port = {port}
starttls = false
{extra}

[chase]
every = 5

[authorities."London Borough of Hackney"]
email = "foi@hackney.gov.uk"
"""


def events_of(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text()).get("events", [])


def chased(path: Path) -> list[dict]:
    return [event for event in events_of(path) if event["type"] == "chased"]


def run_with_password(tracker, password, *args, today):
    return tracker.run(*args, today=today, env={"COLUMNS": "200", "FOITRACK_SMTP_PASSWORD": password})


# -- stage 1: a chaser, sent and recorded --------------------------------------------------------


def test_send_delivers_a_chaser_citing_the_law_and_records_it(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY)
    result = tracker.run("chase", "--send", "--json", today="2023-07-20")
    assert result.exit_code == 0, result.stderr

    [arrived] = server.arrived
    assert arrived.mail_from == "reporter@example.org"
    assert arrived.rcpt_tos == ["foi@hackney.gov.uk"]
    message = arrived.message
    assert message["To"] == "foi@hackney.gov.uk"
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("A. Reporter", "reporter@example.org")
    assert message["Subject"] == (
        "Overdue Freedom of Information request: Contacts with Fusus [your ref FOI-2023-118]"
    )
    assert message["X-Foitrack-Request"] == "hackney"
    assert "20 Jul 2023" in message["Date"]
    body = " ".join(arrived.body.split())
    assert "Section 10(1) of the Freedom of Information Act 2000 requires you to respond promptly" in body
    assert "which I sent you on 1 June 2023" in body
    assert "Your reference: FOI-2023-118" in body
    assert "due by 29 June 2023" in body
    assert "it is now 14 working days late" in body
    assert "A. Reporter" in body

    # The chaser's own Message-ID is recorded on its event, with a copy of it as sent.
    [event] = chased(path)
    assert event == {
        "type": "chased", "date": dt.date(2023, 7, 20), "to": "foi@hackney.gov.uk", "stage": 1,
        "message_id": message["Message-ID"], "documents": ["documents/hackney/2023-07-20 chaser as sent.eml"],
    }
    assert (tracker.root / event["documents"][0]).read_bytes() == message.as_bytes()
    [row] = result.json()
    assert {"id", "authority", "to", "subject", "stage", "sent"} <= set(row)
    assert row["id"] == "hackney" and row["authority"] == "London Borough of Hackney"
    assert row["to"] == "foi@hackney.gov.uk" and row["subject"] == "Contacts with Fusus"
    assert row["stage"] == 1 and row["sent"] is True and row["recorded"] is True
    assert row["working_days_overdue"] == 14 and row["due"] == "2023-06-29"


@pytest.mark.parametrize(
    "command",
    [
        ["chase", "--send"],
        ["chase", "hackney", "--send", "--out", "OUT"],
        ["chase", "--send", "--group", "--json"],
        ["due", "--chase", "--send"],
    ],
)
def test_sending_refuses_as_of_and_sends_records_and_writes_nothing(tracker, smtp_server, tmp_path, command):
    # Mail goes out now: a chaser worked out as at 2023 must not be sent in 2024 claiming to be
    # 14 working days late, or dated 2023.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    out = tmp_path / "outbox"
    args = [str(out) if arg == "OUT" else arg for arg in command]
    result = tracker.run(*args, as_of="2023-07-20", today="2024-03-04")
    assert result.exit_code == 2
    assert result.stderr.startswith("foitrack: error: --send cannot be used with --as-of 20 Jul 2023: mail is sent now")
    assert "nothing was sent or recorded" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert server.arrived == [] and path.read_bytes() == before and not out.exists()
    # --as-of today changes nothing, so it may stay; without --as-of it sends, dated today.
    result = tracker.run(*args, as_of="2023-07-20", today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    [arrived] = server.arrived
    assert arrived.message["Date"].datetime.date() == dt.date(2023, 7, 20)


def test_a_draft_worked_out_as_at_an_earlier_date_is_dated_when_it_is_written(tracker, tmp_path):
    # Drafting with --as-of stays allowed: the letter says what was true on 20 July 2023, but the
    # .eml file's Date: is the moment it was written, as a mail program dates a draft.
    tracker.settings(SETTINGS.format(port=1, extra=""))
    tracker.write("hackney", HACKNEY)
    out = tmp_path / "outbox"
    result = tracker.run("chase", "--out", str(out), as_of="2023-07-20", today="2024-03-04")
    assert result.exit_code == 0, result.stderr
    with open(out / "hackney-stage1.eml", "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["Date"].datetime.date() == dt.date(2024, 3, 4)
    assert "it is now 14 working days late" in " ".join(message.get_content().split())


def test_without_send_chase_prints_drafts_and_records_nothing(tracker):
    path = tracker.write("hackney", HACKNEY)
    tracker.settings(SETTINGS.format(port=1, extra=""))
    before = path.read_bytes()
    result = tracker.ok("chase", as_of="2023-07-20")
    assert "To: foi@hackney.gov.uk" in result.stdout
    assert "Subject: Overdue Freedom of Information request: Contacts with Fusus" in result.stdout
    assert "14 working days" in result.stdout
    assert "nothing sent or recorded" in result.stderr
    assert path.read_bytes() == before


def test_chase_skips_a_request_chased_within_chase_every(tracker, smtp_server):
    # Chased Mon 10 July. Working days since, as at Fri 14 July: 11, 13, 14 (12 July is a
    # bank holiday in NI) = 3 < 5. The fifth working day after 10 July is Tue 18 July.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY + """
[[events]]
type = "chased"
date = 2023-07-10
to = "foi@hackney.gov.uk"
stage = 1
""")
    for day in ("2023-07-14", "2023-07-17"):
        result = tracker.run("chase", "--send", today=day)
        assert result.exit_code == 0, result.stderr
        assert "skipped hackney" in result.stderr
        assert "chase.every is 5, so the next chaser can go on 18 July 2023" in result.stderr
    assert server.arrived == [] and len(chased(path)) == 1
    result = tracker.run("chase", "--send", today="2023-07-18")
    assert result.exit_code == 0, result.stderr
    [arrived] = server.arrived
    assert "I chased it on 10 July 2023." in " ".join(arrived.body.split())
    assert [event["date"].isoformat() for event in chased(path)] == ["2023-07-10", "2023-07-18"]


def test_running_chase_twice_the_same_day_never_chases_twice(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra="").replace("every = 5", "every = 0"))
    path = tracker.write("hackney", HACKNEY)
    tracker.ok("chase", "--send", today="2023-07-20")
    again = tracker.ok("chase", "--send", today="2023-07-20")
    assert "skipped hackney: already chased 20 July 2023" in again.stderr
    assert len(server.arrived) == 1 and len(chased(path)) == 1


# -- stage 2: the final chaser -----------------------------------------------------------------


def test_after_two_chasers_the_final_chaser_says_a_complaint_to_the_ico_follows(tracker, smtp_server):
    # As at Tue 18 July: 30 Jun, 3-7, 10-11, 13-14, 17-18 July = 12 working days late.
    # It asks for a reply within 5 working days: 19, 20, 21, 24, 25 July.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY + """
[[events]]
type = "chased"
date = 2023-07-03

[[events]]
type = "chased"
date = 2023-07-10
""")
    result = tracker.run("chase", "--send", today="2023-07-18")
    assert result.exit_code == 0, result.stderr
    [arrived] = server.arrived
    assert arrived.message["Subject"] == (
        "Final reminder about my overdue Freedom of Information request: Contacts with Fusus "
        "[your ref FOI-2023-118]"
    )
    body = " ".join(arrived.body.split())
    assert "section 10(1) of the Freedom of Information Act 2000".lower() in body.lower()
    assert "It is now 12 working days late" in body
    assert "I chased it on 3 July 2023 and 10 July 2023." in body
    assert "This is my final reminder. If I do not have your response by 25 July 2023, I will complain " \
        "to the Information Commissioner under section 50 of the Freedom of Information Act 2000" in body
    assert chased(path)[-1]["stage"] == 2

    # Within the week it asked for, chase waits; after it, chase points to the complaint.
    waiting = tracker.ok("chase", "--send", today="2023-07-21")
    assert "final chaser sent 18 July 2023, asking for a reply by 25 July 2023" in waiting.stderr
    after = tracker.ok("chase", "--send", today="2023-07-26")
    assert "next step: foitrack letter hackney complaint" in after.stderr
    assert len(server.arrived) == 1 and len(chased(path)) == 3


def test_a_very_overdue_request_gets_the_final_chaser_straight_away(tracker, smtp_server):
    # Very overdue after Fri 28 July; as at Tue 1 Aug: 20 + 31 Jul + 1 Aug = 22 working days late.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    tracker.write("hackney", HACKNEY)
    result = tracker.run("chase", "--send", "--json", today="2023-08-01")
    assert result.exit_code == 0, result.stderr
    assert result.json()[0]["stage"] == 2
    body = " ".join(server.arrived[0].body.split())
    assert "It is now 22 working days late" in body
    assert "More than 40 working days have now passed since you received it" in body
    assert "Information Commissioner under section 50" in body


EXTENDED = """
[[events]]
type = "extended"
date = {given}
until = {until}
"""


@pytest.mark.parametrize(
    "regime, until, as_of",
    [
        # FOIA public interest extension to the 40th working day, Fri 28 July; Mon 31 July is
        # the first day it is late, and already past the 40 working days of "very overdue".
        ("foia", "2023-07-28", "2023-07-31"),
        # EIR reg 7: 40 working days in all, the same Fri 28 July.
        ("eir", "2023-07-28", "2023-07-31"),
        # A SAR extended by the two further months art. 12(3) allows: due Fri 1 September.
        ("sar", "2023-09-01", "2023-09-04"),
    ],
)
def test_after_an_extension_the_first_letter_is_a_chaser_not_a_final_chaser(tracker, regime, until, as_of):
    tracker.settings(SETTINGS.format(port=1, extra=""))
    tracker.write("hackney", HACKNEY.replace('regime = "foia"', f'regime = "{regime}"')
                  + EXTENDED.format(given="2023-06-20", until=until))
    [row] = tracker.ok("due", "--json", as_of=as_of).json()
    assert row["status"] == "very-overdue" and row["due"] == until
    assert (row["stage"], row["next_step"]) == (1, "chaser")
    [letter] = tracker.ok("chase", "--json", as_of=as_of).json()
    assert letter["kind"] == "chaser" and letter["stage"] == 1
    assert letter["email_subject"].startswith("Overdue ")
    body = " ".join(letter["body"].split())
    extended_to = long_date(dt.date.fromisoformat(until))
    assert f"You extended the time for your response to {extended_to}, and that date has also passed." in body


def test_the_ladder_climbs_again_from_the_extended_deadline(tracker, smtp_server):
    # Chased after the first deadline (Fri 30 June) and sent a final chaser (Fri 7 July); then
    # the authority extended the time to Fri 28 July. Those letters were about a deadline that
    # no longer stands: once 28 July passes, the ladder starts again with a chaser.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY + """
[[events]]
type = "chased"
date = 2023-06-30
stage = 1

[[events]]
type = "chased"
date = 2023-07-07
stage = 2
""" + EXTENDED.format(given="2023-07-10", until="2023-07-28"))
    result = tracker.run("chase", "--send", "--json", today="2023-07-31")
    assert result.exit_code == 0, result.stderr
    [row] = result.json()
    assert (row["kind"], row["stage"], row["sent"]) == ("chaser", 1, True)
    [arrived] = server.arrived
    assert arrived.message["Subject"].startswith("Overdue Freedom of Information request")
    assert chased(path)[-1]["stage"] == 1

    # The rungs after it: a second chaser once chase.every has passed (Tue 8 Aug: 1-4 Aug, and
    # 7 Aug is a Scottish bank holiday), then a final chaser after two chasers since 28 July.
    def rung(day: str) -> tuple:
        [due] = tracker.ok("due", "--json", as_of=day).json()
        return due["stage"], due["next_step"]

    assert rung("2023-08-08") == (1, "chaser")
    tracker.ok("record", "hackney", "chased", "--on", "2023-08-08")
    assert rung("2023-08-15") == (2, "final chaser")


def test_an_extended_request_left_unchased_reaches_the_final_chaser_20_working_days_on(tracker):
    # 20 working days after Fri 28 July on the UK-wide calendar (7 Aug is a Scottish holiday,
    # 28 Aug an English one): Tue 29 August. The day after, a final chaser goes at once, as it
    # would 20 working days after an unextended request's deadline.
    tracker.write("hackney", HACKNEY + EXTENDED.format(given="2023-06-20", until="2023-07-28"))
    stages = {day: tracker.ok("due", "--json", as_of=day).json()[0]["stage"] for day in ("2023-08-29", "2023-08-30")}
    assert stages == {"2023-08-29": 1, "2023-08-30": 2}


def test_after_a_clarification_restarts_the_clock_the_first_letter_is_a_chaser(tracker):
    # Chased twice (30 June, 7 July); the authority asked for clarification on 10 July, given on
    # Tue 11 July: the clock starts again. Its 20th working day (12 July is an NI holiday, 7 Aug a
    # Scottish one): Thu 10 August. On Fri 11 August it is late again: a chaser, not a final one.
    tracker.settings(SETTINGS.format(port=1, extra=""))
    tracker.write("hackney", HACKNEY + """
[[events]]
type = "chased"
date = 2023-06-30

[[events]]
type = "chased"
date = 2023-07-07

[[events]]
type = "clarification-requested"
date = 2023-07-10

[[events]]
type = "clarified"
date = 2023-07-11
""")
    [row] = tracker.ok("due", "--json", as_of="2023-08-11").json()
    assert (row["due"], row["stage"], row["next_step"]) == ("2023-08-10", 1, "chaser")
    [letter] = tracker.ok("chase", "--json", as_of="2023-08-11").json()
    assert letter["kind"] == "chaser"
    assert "The time ran afresh from 11 July 2023, so your response was due by 10 August 2023." in " ".join(letter["body"].split())


def test_foisa_final_chaser_cites_foisa_a_requirement_for_review_and_the_sic(tracker, smtp_server):
    # Scottish calendar: due Thu 29 June; very overdue after Thu 27 July (12 July is a working
    # day in Scotland). As at Tue 8 Aug: 30 Jun, 21 July weekdays, 1-4 Aug, 8 Aug (7 Aug is a
    # Scottish bank holiday) = 27 working days late. Reply by 9, 10, 11, 14, 15 Aug.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("glasgow", GLASGOW)
    result = tracker.run("chase", "--send", today="2023-08-08")
    assert result.exit_code == 0, result.stderr
    [arrived] = server.arrived
    assert arrived.rcpt_tos == ["foi@glasgow.gov.uk"]
    body = " ".join(arrived.body.split())
    assert "Section 10(1) of the Freedom of Information (Scotland) Act 2002 requires you" in body
    assert "(FOISA s.10(1))" in body
    assert "It is now 27 working days late" in body
    assert "If I do not have your response by 15 August 2023, I will require you, under section " \
        "20(1) of the Freedom of Information (Scotland) Act 2002, to review your failure to respond" in body
    assert "Scottish Information Commissioner for a decision under section 47(1)" in body
    assert "section 50" not in body and "Freedom of Information Act 2000" not in body
    assert chased(path)[0]["stage"] == 2
    later = tracker.ok("chase", as_of="2023-08-30")
    assert "next step: foitrack letter glasgow review" in later.stderr


# -- faults: no address, server down, login refused, recipient rejected, no [smtp] -------------


def test_a_request_with_no_address_is_named_and_the_others_still_go(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    hackney = tracker.write("hackney", HACKNEY)
    nowhere = tracker.write("merseyside", MERSEYSIDE.replace('email = "foi@merseyside.police.uk"\n', ""))
    before = nowhere.read_bytes()
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert [a.rcpt_tos for a in server.arrived] == [["foi@hackney.gov.uk"]]
    assert len(chased(hackney)) == 1 and nowhere.read_bytes() == before
    errors = [line for line in result.stderr.splitlines() if line.startswith("foitrack: error:")]
    assert len(errors) == 1
    assert "no email address for merseyside (Merseyside Police)" in errors[0]
    assert '[authorities."Merseyside Police"] email' in errors[0]


def test_smtp_server_down_sends_and_records_nothing(tracker):
    port = free_port()  # nothing listens here
    tracker.settings(SETTINGS.format(port=port, extra=""))
    paths = [tracker.write("hackney", HACKNEY), tracker.write("merseyside", MERSEYSIDE)]
    before = [path.read_bytes() for path in paths]
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert f"cannot reach the SMTP server 127.0.0.1:{port} (connection refused)" in result.stderr
    assert result.stderr.count("foitrack: error:") == 2  # one line per letter
    assert "Traceback" not in result.stderr
    assert [path.read_bytes() for path in paths] == before


def test_login_refused_sends_and_records_nothing(tracker, smtp_server):
    server = smtp_server(authenticator=_password_checker(b"right"), auth_require_tls=False)
    tracker.settings(SETTINGS.format(port=server.port, extra='username = "reporter@example.org"'))
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    result = run_with_password(tracker, "wrong", "chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert "refused the login for 'reporter@example.org' (535" in result.stderr
    assert "FOITRACK_SMTP_PASSWORD" in result.stderr
    assert server.arrived == [] and path.read_bytes() == before


def test_a_rejected_recipient_records_nothing_for_that_letter_and_a_rerun_sends_only_it(tracker, smtp_server):
    server = smtp_server()
    server.reject.add("foi@hackney.gov.uk")
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    hackney = tracker.write("hackney", HACKNEY)
    merseyside = tracker.write("merseyside", MERSEYSIDE)
    before = hackney.read_bytes()
    result = tracker.run("chase", "--send", "--json", today="2023-07-20")
    assert result.exit_code == 1
    # The error names the request and its authority, not just the address.
    assert (
        "foitrack: error: hackney (London Borough of Hackney): not sent: the server refused the "
        "recipient foi@hackney.gov.uk (550 5.1.1 No such mailbox here)"
    ) in result.stderr.splitlines()
    assert hackney.read_bytes() == before and len(chased(merseyside)) == 1
    rows = {row["id"]: row for row in result.json()}
    assert rows["hackney"]["sent"] is False and rows["hackney"]["recorded"] is False
    assert rows["merseyside"]["sent"] is True and rows["merseyside"]["recorded"] is True

    server.reject.clear()
    again = tracker.run("chase", "--send", today="2023-07-20")
    assert again.exit_code == 0, again.stderr
    assert "skipped merseyside: already chased 20 July 2023" in again.stderr
    assert [a.rcpt_tos for a in server.arrived] == [["foi@merseyside.police.uk"], ["foi@hackney.gov.uk"]]
    assert len(chased(hackney)) == 1 and len(chased(merseyside)) == 1


def test_the_summary_counts_every_letter_and_every_request_passed_over(tracker, smtp_server):
    # Three requests chased on Tue 18 July: as at Thu 20 July that is 2 working days ago, under
    # chase.every = 5, so they are skipped. Merseyside has no address anywhere. So no letter goes.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    recently = '\n[[events]]\ntype = "chased"\ndate = 2023-07-18\n'
    for name in ("one", "two", "three"):
        tracker.write(name, HACKNEY + recently)
    tracker.write("merseyside", MERSEYSIDE.replace('email = "foi@merseyside.police.uk"\n', ""))
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1 and server.arrived == []
    assert result.stderr.strip().splitlines()[-1] == (
        "foitrack: Sent and recorded 0 of 1 letter; 1 without an address; "
        "skipped 3 (chased in the last 5 working days)."
    )
    # The same, recorded rather than sent: the letter without an address is yours to deliver.
    recorded = tracker.run("chase", "--record", as_of="2023-07-20")
    assert recorded.exit_code == 0, recorded.stderr
    assert recorded.stderr.strip().splitlines()[-1] == (
        "foitrack: Recorded 1 of 1 letter as chased (not sent); 1 without an address; "
        "skipped 3 (chased in the last 5 working days)."
    )
    # Run again the same day: every request was just chased, so there is no letter at all.
    again = tracker.run("chase", "--send", today="2023-07-20")
    assert again.exit_code == 0
    assert again.stderr.strip().splitlines()[-1] == (
        "foitrack: Nothing to chase: skipped 4 (chased in the last 5 working days)."
    )


def test_summary_after_a_failed_connection_says_how_many_were_not_sent(tracker):
    tracker.settings(SETTINGS.format(port=free_port(), extra=""))  # nothing listens there
    tracker.write("hackney", HACKNEY)
    tracker.write("merseyside", MERSEYSIDE)
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert "foitrack: error: merseyside (Merseyside Police): not sent: cannot reach the SMTP server" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "foitrack: Sent and recorded 0 of 2 letters; 2 not sent."


def test_send_without_smtp_settings_is_a_usage_error_saying_what_to_add(tracker):
    tracker.settings('[requester]\nname = "A. Reporter"\nemail = "reporter@example.org"\n')
    path = tracker.write("hackney", HACKNEY.replace('regime = "foia"', 'regime = "foia"\nemail = "foi@hackney.gov.uk"'))
    before = path.read_bytes()
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--send needs an [smtp] section" in result.stderr and 'host = "smtp.example.org"' in result.stderr
    assert path.read_bytes() == before


def test_send_with_a_username_but_no_password_is_a_usage_error(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra='username = "reporter@example.org"'))
    tracker.write("hackney", HACKNEY)
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 2 and "FOITRACK_SMTP_PASSWORD is not set" in result.stderr
    assert server.arrived == []


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_send_logs_in_over_real_tls(tracker, smtp_server, tmp_path, mode):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    cafile = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    checker = _password_checker(b"s3cret")
    if mode == "starttls":
        server = smtp_server(tls_context=server_context, require_starttls=True, authenticator=checker)
        extra = f'username = "reporter@example.org"\ncafile = "{cafile}"'
        settings = SETTINGS.format(port=server.port, extra=extra).replace("starttls = false", "starttls = true")
    else:
        # aiosmtpd cannot tell that an implicit-TLS connection is encrypted, hence auth_require_tls.
        server = smtp_server(ssl_context=server_context, authenticator=checker, auth_require_tls=False)
        extra = f'username = "reporter@example.org"\ncafile = "{cafile}"'
        settings = SETTINGS.format(port=server.port, extra=extra).replace("starttls = false", "ssl = true")
    tracker.settings(settings)
    path = tracker.write("hackney", HACKNEY)
    result = run_with_password(tracker, "s3cret", "chase", "--send", today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    [arrived] = server.arrived
    assert arrived.authenticated and arrived.rcpt_tos == ["foi@hackney.gov.uk"]
    assert len(chased(path)) == 1


def test_password_is_never_sent_unencrypted_to_a_remote_host(tracker):
    tracker.settings(SETTINGS.format(port=25, extra='username = "me"').replace("127.0.0.1", "smtp.example.org"))
    tracker.write("hackney", HACKNEY)
    result = run_with_password(tracker, "pw", "chase", "--send", today="2023-07-20")
    assert result.exit_code == 2 and "refusing to send your SMTP password unencrypted" in result.stderr


# -- --out, --record, --group, templates ---------------------------------------------------------


def test_out_writes_eml_files_that_parse_back_and_records_nothing(tracker, tmp_path):
    tracker.settings(SETTINGS.format(port=1, extra=""))
    hackney = tracker.write("hackney", HACKNEY)
    tracker.write("glasgow", GLASGOW)
    before = hackney.read_bytes()
    out = tmp_path / "outbox"
    result = tracker.run("chase", "--out", str(out), as_of="2023-07-20")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["glasgow-stage1.eml", "hackney-stage1.eml"]
    with open(out / "hackney-stage1.eml", "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["From"].addresses[0].display_name == "A. Reporter"
    assert message["To"] == "foi@hackney.gov.uk"
    assert message["Subject"].startswith("Overdue Freedom of Information request: Contacts with Fusus")
    assert message["Message-ID"].endswith("@example.org>")
    assert "due by 29 June 2023" in " ".join(message.get_content().split())
    assert hackney.read_bytes() == before

    recorded = tracker.run("chase", "hackney", "--out", str(out), "--record", as_of="2023-07-20")
    assert recorded.exit_code == 0, recorded.stderr
    assert chased(hackney)[0]["to"] == "foi@hackney.gov.uk" and chased(hackney)[0]["stage"] == 1


def test_group_sends_one_letter_per_authority_listing_every_overdue_request(tracker, smtp_server):
    # Knife crime: sent Mon 5 June, due Mon 3 July; as at 20 July: 4-7, 10-11, 13-14, 17-20 = 12 late.
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    paths = [
        tracker.write("hackney-fusus", HACKNEY),
        tracker.write("hackney-knives", HACKNEY.replace("Contacts with Fusus", "Knife crime data")
                      .replace("sent = 2023-06-01", "sent = 2023-06-05").replace("FOI-2023-118", "FOI-2023-131")
                      .replace("date = 2023-06-02", "date = 2023-06-06")),
        tracker.write("hackney-air", """
            authority = "London Borough of Hackney"
            subject = "Air quality monitoring"
            sent = 2023-06-01
            regime = "eir"
        """),
    ]
    merseyside = tracker.write("merseyside", MERSEYSIDE)
    result = tracker.run("chase", "--send", "--group", "--json", today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    assert sorted(a.rcpt_tos[0] for a in server.arrived) == ["foi@hackney.gov.uk", "foi@merseyside.police.uk"]
    [hackney] = [a for a in server.arrived if a.rcpt_tos == ["foi@hackney.gov.uk"]]
    assert hackney.message["Subject"].startswith("3 overdue information requests: ")
    body = hackney.body
    flat = " ".join(body.split())
    for subject in ("Contacts with Fusus", "Knife crime data", "Air quality monitoring"):
        assert subject in body
    assert "Due by 29 June 2023 under FOIA s.10(1); now 14 working days late." in flat
    assert "Due by 29 June 2023 under EIR reg 5(2); now 14 working days late." in flat
    assert "(your ref FOI-2023-131). Due by 3 July 2023 under FOIA s.10(1); now 12 working days late." in flat
    assert "Regulation 5(2) of the Environmental Information Regulations 2004 requires you" in flat
    assert "Section 10(1) of the Freedom of Information Act 2000 requires you" in flat
    for path in paths:
        [event] = chased(path)
        assert event["to"] == "foi@hackney.gov.uk" and event["stage"] == 1
        assert event["note"] == "one letter covering 3 requests"
    assert len(chased(merseyside)) == 1
    rows = result.json()
    assert len(rows) == 4 and len({row["letter"] for row in rows}) == 2
    assert all(row["sent"] for row in rows)


def test_a_trackers_own_templates_replace_the_shipped_ones(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    tracker.write("hackney", HACKNEY)
    tracker.write("glasgow", GLASGOW)
    templates = tracker.root / "templates"
    templates.mkdir()
    (templates / "chaser.txt").write_text(
        "Subject: Chasing $subject ($days_late working days late)\n\n"
        "Hello,\n\nMy request ($law_short) was due on $due.\nIt is $late late; ref $ref.\n\n$requester_name\n"
    )
    (templates / "chaser-foisa.txt").write_text("Scottish chaser, $law_short.\n")
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    by_to = {a.rcpt_tos[0]: a for a in server.arrived}
    hackney = by_to["foi@hackney.gov.uk"]
    assert hackney.message["Subject"] == "Chasing Contacts with Fusus (14 working days late)"
    assert hackney.body == (
        "Hello,\n\nMy request (FOIA s.10(1)) was due on 29 June 2023.\nIt is 14 working days late; "
        "ref FOI-2023-118.\n\nA. Reporter\n"
    )
    glasgow = by_to["foi@glasgow.gov.uk"]
    # No Subject line in the tracker's file: the shipped subject is kept.
    assert glasgow.message["Subject"] == "Overdue Freedom of Information request: CCTV contracts"
    assert glasgow.body == "Scottish chaser, FOISA s.10(1).\n"


def test_a_template_with_an_unknown_placeholder_stops_before_anything_is_sent(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    (tracker.root / "templates").mkdir()
    (tracker.root / "templates" / "chaser.txt").write_text("Subject: x\n\nDear $recipient,\n")
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert "templates/chaser.txt: unknown placeholder $recipient" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert server.arrived == [] and path.read_bytes() == before


# -- letter: review and complaint ------------------------------------------------------------------


ANSWERED = HACKNEY + """
[[events]]
type = "responded"
date = 2023-06-20
outcome = "refused"
exemptions = ["s43(2)"]

[[events]]
type = "review-requested"
date = 2023-06-26

[[events]]
type = "review-responded"
date = 2023-07-10
outcome = "upheld"
"""


def test_letter_complaint_states_the_deadline_and_cites_section_50(tracker):
    # ICO: six weeks from the final response, the review's outcome on Mon 10 July: Mon 21 Aug.
    path = tracker.write("hackney", ANSWERED)
    before = path.read_bytes()
    result = tracker.run("letter", "hackney", "complaint", "--grounds", "The information is ten years old.", as_of="2023-07-20")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    # The ICO takes complaints by web form or post, and publishes no address for them: no To:, a
    # letter addressed to its office, and a note saying how to send it.
    assert result.stdout.startswith(
        "Subject: Complaint about London Borough of Hackney: Contacts with Fusus\n\n"
        "Information Commissioner's Office\nWycliffe House\nWater Lane\nWilmslow\nCheshire\nSK9 5AF\n"
        "Online: https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/\n\nDear Sir or Madam,\n"
    )
    assert "foitrack: hackney (London Borough of Hackney): how to send it: The Information Commissioner " \
        "takes complaints through its online complaint form at " \
        "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/" in result.stderr
    assert "under section 50 of the Freedom of Information Act 2000" in text
    assert "refused the request, citing section 43(2)" in text
    assert "- 10 July 2023: the authority's review upheld the original decision." in result.stdout
    assert "I am dissatisfied with the authority's response and with the outcome of its review " \
        "because: The information is ten years old." in text
    assert "I am making this complaint within the time allowed, which ends on 21 August 2023." in text
    assert "deadline for making the complaint: 21 Aug 2023" in result.stderr
    assert "foitrack record hackney complained" in result.stderr
    data = tracker.ok("letter", "hackney", "complaint", "--json", as_of="2023-07-20").json()
    assert data["deadline"] == "2023-08-21" and data["to"] is None
    assert "by post to Information Commissioner's Office, Wycliffe House" in data["how_to_send"]
    assert path.read_bytes() == before  # drafting records nothing


def test_letter_review_for_a_foisa_request_never_answered(tracker, tmp_path):
    # Due Thu 29 June (Scotland); the requirement for review may be made within 40 working days
    # of that: 30 Jun, 21 July weekdays, 1-4 Aug, (7 Aug holiday), 8-11, 14-18, 21-25 Aug.
    tracker.settings(SETTINGS.format(port=1, extra=""))
    tracker.write("glasgow", GLASGOW)
    out = tmp_path / "review.txt"
    result = tracker.run("letter", "glasgow", "review", "--out", str(out), as_of="2023-08-08")
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    flat = " ".join(text.split())
    assert text.startswith("Subject: Requirement for review: CCTV contracts\n")
    assert "I ask for a review under section 20(1) of the Act" in flat
    assert "You have not responded to my request." in flat
    assert "Section 10(1) of the Freedom of Information (Scotland) Act 2002" in flat
    assert "Section 21(1) of the Act requires you to respond" in flat
    assert "within the 40 working days allowed for asking, which end on 25 August 2023" in flat
    assert "deadline for making the review: 25 Aug 2023" in result.stderr

    refused = tracker.run("letter", "glasgow", "complaint", as_of="2023-08-08")
    assert refused.exit_code == 1 and "requirement for review" in refused.stderr
    assert "foitrack letter glasgow review" in refused.stderr


def test_letter_complaint_to_the_sic_after_an_unanswered_review(tracker):
    # Review required Tue 8 Aug; 20 Scottish working days: 9-11, 14-18, 21-25, 28-31 Aug (28 Aug
    # is not a Scottish holiday), 1, 4, 5 Sep: due Tue 5 Sep. FOISA s.47(4)(b): six months after
    # that, 5 March 2024.
    tracker.write("glasgow", GLASGOW + """
[[events]]
type = "review-requested"
date = 2023-08-08
""")
    result = tracker.run("letter", "glasgow", "complaint", as_of="2023-09-20")
    assert result.exit_code == 0, result.stderr
    # The SIC takes appeals by email (or post): the letter goes to its published address.
    assert result.stdout.startswith(
        "To: enquiries@itspublicknowledge.info\nSubject: Complaint about Glasgow City Council: CCTV contracts\n\n"
        "Office of the Scottish Information Commissioner\nKinburn Castle\nDoubledykes Road\nSt Andrews\n"
        "KY16 9DS\nEmail: enquiries@itspublicknowledge.info\n\nDear Sir or Madam,\n"
    )
    flat = " ".join(result.stdout.split())
    assert "I wish to complain to the Scottish Information Commissioner, under section 47(1) of the " \
        "Freedom of Information (Scotland) Act 2002" in flat
    assert "should have told me the outcome by 5 September 2023" in flat
    assert "which ends on 5 March 2024" in flat
    skipped = tracker.ok("chase", as_of="2023-09-20")
    assert "the internal review is overdue; next step: foitrack letter glasgow complaint" in skipped.stderr


def test_letter_complaint_about_an_unanswered_foia_review_says_when_the_ico_takes_it(tracker):
    # Review asked for Mon 3 July 2023; on the UK-wide calendar (12 July, 7 Aug and 28 Aug are
    # holidays somewhere in the UK) its 20th working day is Tue 1 Aug: 4-7 Jul (4), 10-11 (6),
    # 13-14 (8), 17-21 (13), 24-28 (18), 31 Jul-1 Aug (20). The ICO takes a complaint after 40:
    # 2-4 Aug (23), 8-11 (27), 14-18 (32), 21-25 (37), 29-31 Aug (40): Thu 31 Aug. On Thu 10 Aug
    # the review is 6 working days late (2-4, 8-10 Aug).
    tracker.write("hackney", HACKNEY.replace('regime = "foia"', 'regime = "foia"\nemail = "foi@hackney.gov.uk"') + """
[[events]]
type = "responded"
date = 2023-06-26
outcome = "refused"
exemptions = ["s43(2)"]

[[events]]
type = "review-requested"
date = 2023-07-03
""")
    result = tracker.run("letter", "hackney", "complaint", as_of="2023-08-10")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "I asked the authority for an internal review on 3 July 2023. It should have told me the " \
        "outcome by 1 August 2023, but it has not, and it is now 6 working days late." in flat
    assert "foitrack: warning: hackney (London Borough of Hackney): the ICO normally takes a complaint " \
        "about an unanswered internal review " \
        "once 40 working days have passed, on 31 August 2023" in result.stderr
    # From 31 August the ICO takes it: no warning.
    later = tracker.run("letter", "hackney", "complaint", as_of="2023-08-31")
    assert later.exit_code == 0 and "ICO normally takes" not in later.stderr


def test_a_chaser_to_an_authority_with_longer_than_20_days_says_how_long_it_had(tracker):
    # days = 60 (a school): the 20th school day or the 60th working day, whichever comes first
    # (SI 2004/3364 reg 3). With no term dates foitrack presumes term time, as June is: due Thu
    # 29 Jun 2023, the 20th working day; very overdue after the 60th, Tue 29 Aug (as in
    # test_deadline_cli). As at Tue 5 Sep it is 45 working days late: Jun 30 (1), Jul 3-7 (2-6),
    # 10-11 (7-8), 12 Jul off, 13-14 (9-10), 17-21 (11-15), 24-28 (16-20), Jul 31-Aug 4 (21-25),
    # 7 Aug off, 8-11 (26-29), 14-18 (30-34), 21-25 (35-39), 28 Aug off, 29-31 (40-42), Sep 1 (43),
    # 4-5 (44-45).
    tracker.settings("""
        [authorities."St Mary's Primary School"]
        email = "office@stmarys.example.sch.uk"
        days = 60
    """)
    tracker.write("stmarys", """
authority = "St Mary's Primary School"
subject = "School trips"
sent = 2023-06-01
regime = "foia"
""")
    result = tracker.run("chase", "stmarys", "--json", as_of="2023-09-05")
    assert result.exit_code == 0, result.stderr
    [row] = result.json()
    body = " ".join(row["body"].split())
    assert "Section 10(1) of the Freedom of Information Act 2000 requires you to respond promptly, and in " \
        "any event not later than the twentieth working day following the date of receipt. For a " \
        "school, regulation 3 of the Freedom of Information (Time for Compliance with Request) " \
        "Regulations 2004 makes that the twentieth school day or the sixtieth working day following " \
        "the date of receipt, whichever comes first. Your response was therefore due by 29 June 2023." in body
    assert row["due"] == "2023-06-29" and row["working_days_overdue"] == 45
    # Past its own 60 days it is very overdue at once; the ICO's 40-day yardstick is not its limit.
    assert "Even the 60 working days the law allows you in this case have now passed." in body
    assert "40 working days in all" not in body


def test_letter_refuses_what_makes_no_sense_yet(tracker):
    tracker.write("hackney", HACKNEY)
    early = tracker.run("letter", "hackney", "complaint", as_of="2023-06-15")
    assert early.exit_code == 1 and "is not overdue (due 29 June 2023)" in early.stderr
    bad = tracker.run("letter", "hackney", "apology", as_of="2023-07-20")
    assert bad.exit_code == 2 and "'apology' is not a letter" in bad.stderr


# -- due shows the ladder, and takes its list into chase ---------------------------------------


def test_due_shows_stage_and_last_chased_and_due_chase_sends(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY + """
[[events]]
type = "chased"
date = 2023-07-03

[[events]]
type = "chased"
date = 2023-07-10
""")
    tracker.write("soon", """
        authority = "Merseyside Police"
        subject = "Body-worn video"
        sent = 2023-06-20
    """)
    rows = {row["id"]: row for row in tracker.ok("due", "--json", as_of="2023-07-18").json()}
    assert rows["hackney"]["stage"] == 2 and rows["hackney"]["next_step"] == "final chaser"
    assert rows["hackney"]["last_chased"] == "2023-07-10" and rows["hackney"]["status"] == "overdue"
    assert rows["soon"]["stage"] is None and rows["soon"]["last_chased"] is None
    assert {"id", "authority", "subject", "sent", "regime", "status", "due", "working_days_overdue", "path"} <= set(rows["soon"])
    table = tracker.ok("due", as_of="2023-07-18").stdout
    assert "2 final chaser" in table and "10 Jul" in table

    result = tracker.run("due", "--chase", "--send", today="2023-07-18")
    assert result.exit_code == 0, result.stderr
    assert [a.rcpt_tos for a in server.arrived] == [["foi@hackney.gov.uk"]]  # not the one merely due soon
    assert chased(path)[-1]["stage"] == 2
    after = tracker.ok("due", "--json", as_of="2023-07-26").json()
    assert after[0]["stage"] == 3 and after[0]["next_step"] == "complaint"
    assert after[0]["last_chased"] == "2023-07-18"

    stray = tracker.run("due", "--send", as_of="2023-07-18")
    assert stray.exit_code == 2 and "go with --chase" in stray.stderr


def test_chase_carries_on_past_a_broken_file_and_reports_what_is_not_overdue(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    tracker.write("hackney", HACKNEY)
    broken = tracker.write("city", 'authority = "City of London Police"\nsubject = "Fusus\n')
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    assert f"{broken}:2:" in result.stderr and len(server.arrived) == 1
    named = tracker.run("chase", "hackney", as_of="2023-06-10")
    assert named.exit_code == 0 and "hackney is not overdue (awaiting-response, due 29 Jun 2023)" in named.stderr
    unknown = tracker.run("chase", "nosuch", as_of="2023-07-20")
    assert unknown.exit_code == 2 and "no request id contains 'nosuch'" in unknown.stderr
    nothing = tracker.ok("chase", "--json", as_of="2023-06-10")
    assert nothing.json() == []


def test_chasing_a_broken_file_by_name_is_an_error_naming_its_line(tracker):
    # The user asked for this request: passing over it and saying nothing is overdue would be
    # wrong. The unclosed string on line 2 is a TOML syntax error there.
    hackney = tracker.write("hackney", HACKNEY)
    broken = tracker.write("city", 'authority = "City of London Police"\nsubject = "Fusus\nsent = 2023-06-01\n')
    before = hackney.read_bytes()
    for args in (["city", "--record"], ["hackney", "city", "--record"], ["city"]):
        result = tracker.run("chase", *args, as_of="2023-07-20")
        assert result.exit_code == 1, args
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"foitrack: error: {broken}:2: ")
        assert "Nothing to chase" not in result.stdout + result.stderr
        assert hackney.read_bytes() == before  # nothing recorded for the good one either
    # The same file is named in the same way by show.
    shown = tracker.run("show", "city")
    assert shown.exit_code == 1 and shown.stderr.startswith(f"foitrack: error: {broken}:2: ")
    # With no ids, the broken file is named and the rest are chased (and recorded).
    everyone = tracker.run("chase", "--record", as_of="2023-07-20")
    assert everyone.exit_code == 0, everyone.stderr
    assert f"foitrack: skipped {broken}:2: " in everyone.stderr
    assert [event["date"].isoformat() for event in chased(hackney)] == ["2023-07-20"]


def test_chasing_a_request_dated_outside_the_calendar_by_name_is_an_error(tracker):
    # sent 2203 (a typo for 2023): load_all reports it as a broken file, and so does chase ID.
    typo = tracker.write("typo", 'authority = "Merseyside Police"\nsubject = "Drones"\nsent = 2203-06-01\n')
    result = tracker.run("chase", "typo", "--record", as_of="2023-07-20")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"foitrack: error: {typo}:3: sent 2203-06-01 is outside foitrack's calendar (2000\u20132035); "
        "fix the file (see 'foitrack check'), then chase it"
    )


def test_a_letter_sent_but_not_recorded_is_reported_with_how_to_record_it(tracker, smtp_server, monkeypatch):
    from foitrack.errors import FoitrackError
    from foitrack.tracker import Tracker

    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()

    def edited_meanwhile(self, fragment, event, **options):
        raise FoitrackError(f"{path} changed while foitrack was updating it; run the command again")

    monkeypatch.setattr(Tracker, "record", edited_meanwhile)
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert len(server.arrived) == 1
    assert "sent but not recorded: hackney:" in result.stderr
    assert "record it with 'foitrack chase hackney --record'" in result.stderr
    assert path.read_bytes() == before


# -- the pure module -----------------------------------------------------------------------------


def test_every_placeholder_is_documented_and_every_shipped_template_renders(tracker):
    import datetime as dt
    import string

    from foitrack.mail.letters import LETTER_KINDS, facts
    from foitrack.mail.lettertemplates import PLACEHOLDERS, load_template
    from foitrack.tracker import Tracker
    from foitrack.mail.chasing import case_of, requester_of

    tracker.write("hackney", HACKNEY)
    folder = Tracker(tracker.root, today=dt.date(2023, 7, 20))
    case = case_of(folder, folder.load_one("hackney"))
    values = facts(case, as_of=folder.as_of, requester=requester_of(folder), every=5)
    assert set(values) == set(PLACEHOLDERS)
    docs = (Path(__file__).resolve().parents[1] / "docs" / "chasing.md").read_text()
    for name in PLACEHOLDERS:
        assert f"${name}" in docs, name
    for kind in LETTER_KINDS:
        template = load_template(kind, None, None)
        for text in (template.subject, template.body):
            used = {m.group("named") or m.group("braced") for m in string.Template.pattern.finditer(text)}
            assert used - {None} <= set(PLACEHOLDERS), kind


@pytest.mark.parametrize(
    "codes, expected",
    [
        (["s43(2)"], "section 43(2)"),
        (["s43(2)", "s40(2)"], "sections 43(2) and 40(2)"),
        (["reg12(4)(b)", "reg12(5)(e)", "reg13"], "regulations 12(4)(b), 12(5)(e) and 13"),
        (["s31", "reg13"], "section 31 and regulation 13"),
    ],
)
def test_exemptions_are_cited_in_words(codes, expected):
    from foitrack.mail.letters import exemptions_phrase

    assert exemptions_phrase(codes) == expected


@pytest.mark.parametrize(
    "error, delivered_connection_kept, words",
    [
        (smtplib.SMTPResponseException(452, b"4.5.3 Too many recipients"), True, "did not accept"),
        (smtplib.SMTPNotSupportedError("SMTPUTF8 not supported"), True, "cannot take"),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False, "connection"),
        (ConnectionResetError(104, "Connection reset by peer"), False, "connection"),
    ],
)
def test_a_refused_message_fails_alone_but_a_lost_connection_stops_the_rest(error, delivered_connection_kept, words):
    from foitrack.mail.smtp import SmtpSettings, _send_one

    class Client:
        def send_message(self, message):
            raise error

    settings = SmtpSettings(host="smtp.example.org", port=587, starttls=True, ssl=False, username=None)
    result, connection_kept = _send_one(Client(), settings, email.message.EmailMessage())
    assert not result.accepted
    assert connection_kept is delivered_connection_kept
    assert words in result.error
