"""Drafts, `send` and `new --send`: requests sent through a real SMTP server on 127.0.0.1, each
recorded only once the server has accepted it, and never sent twice.

The clock is set with the runner's `today=` (sending refuses --as-of). Sent on Thu 1 June 2023,
a FOIA request is due on Thu 29 June (20 working days, no bank holiday between); as at Thu 20
July it is 14 working days late (see tests/test_chase.py for the count).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import tomllib
from email.utils import parsedate_to_datetime
from pathlib import Path

from mailservers import password_checker, settings_text

BODY = """\
Dear $authority,

Under $act, please send me every contract your council has signed for CCTV cameras
since 1 January 2022, and the price of each (the budget is said to be $5m; write $$ for
a dollar sign).

Yours faithfully,
$requester_name
"""

HACKNEY_AND_TOML = """
[authorities."London Borough of Hackney"]
email = "foi@hackney.gov.uk"
"""


def header(path: Path) -> dict:
    return {key: value for key, value in tomllib.loads(path.read_text()).items() if key != "events"}


def events(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text()).get("events", [])


def request_files(tracker) -> dict[str, Path]:
    return {path.stem: path for path in sorted(tracker.requests.glob("*.toml"))}


def drafts_of_three(tracker, body_file: Path, *extra: str):
    """Hackney (its address in foitrack.toml), Merton and Glasgow (FOISA), as one batch of drafts."""
    body_file.write_text(BODY)
    return tracker.run(
        "new", "-a", "Hackney", "-a", "Merton", "-a", "Glasgow City Council", "-s", "CCTV contracts",
        "--draft", "--body-file", str(body_file), "--batch", "cctv",
        "--email", "Merton=foi@merton.gov.uk", "--email", "Glasgow City Council=foi@glasgow.gov.uk",
        *extra, today="2023-05-30",
    )


# -- drafts ---------------------------------------------------------------------------------------


def test_new_draft_logs_drafts_with_no_deadline_each_written_to_its_authority(tracker, tmp_path):
    tracker.settings(settings_text(extra=HACKNEY_AND_TOML))
    result = drafts_of_three(tracker, tmp_path / "request.txt")
    assert result.exit_code == 0, result.stderr
    assert "draft, not sent" in result.stdout and "foitrack send --batch cctv" in result.stderr

    files = request_files(tracker)
    assert len(files) == 3
    for stem, path in files.items():
        assert stem.startswith("2023-05-30-")  # named for the day it was drafted, kept when sent
        data = header(path)
        assert "sent" not in data and data["drafted"] == dt.date(2023, 5, 30)
    glasgow = next(path for stem, path in files.items() if "glasgow" in stem)
    body = header(glasgow)["body"]
    assert body.startswith("Dear Glasgow City Council,\n")
    words = " ".join(body.split())  # the paragraph a long name made too wide is filled again
    assert "Under the Freedom of Information (Scotland) Act 2002, please" in words
    assert "said to be $5m; write $ for" in words  # $5m left alone, $$ a dollar sign
    assert all(len(line) <= 76 for line in body.splitlines())
    assert body.rstrip().endswith("A. Reporter")

    listed = tracker.ok("list", "--json", today="2023-06-20").json()
    assert {row["status"] for row in listed} == {"draft"}
    assert all(row["due"] is None and row["sent"] is None for row in listed)
    table = tracker.ok("list", today="2023-06-20").stdout
    assert "Drafts, not sent yet (3)" in table and "foi@hackney.gov.uk" in table
    # A draft is never due, overdue or chased, and the report leaves it out.
    assert "Nothing overdue" in tracker.ok("due", today="2023-09-20").stdout
    assert tracker.ok("report", "--format", "json", today="2023-09-20").json() == []
    assert "Nothing to chase" in tracker.ok("chase", today="2023-09-20").stdout
    assert len(tracker.ok("list", "--status", "draft", "--json", today="2023-06-20").json()) == 3
    assert tracker.ok("list", "--status", "open", "--json", today="2023-06-20").json() == []

    shown = tracker.ok("show", "glasgow", today="2023-06-20").stdout
    assert "Draft, not sent (drafted 30 May 2023)" in shown and "foi@glasgow.gov.uk" in shown
    assert "Deadlines" not in shown
    detail = tracker.ok("show", "glasgow", "--json", today="2023-06-20").json()
    assert detail["status"] == "draft" and detail["message_id"] is None and detail["drafted"] == "2023-05-30"


def test_nothing_but_a_note_can_happen_to_a_draft(tracker, tmp_path):
    tracker.settings(settings_text(extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    path = next(path for stem, path in request_files(tracker).items() if "hackney" in stem)
    before = path.read_bytes()
    refused = tracker.run("record", "hackney", "acknowledged", "--ref", "X1", today="2023-06-01")
    assert refused.exit_code == 2
    assert "is a draft" in refused.stderr and "foitrack send" in refused.stderr
    assert path.read_bytes() == before
    tracker.ok("record", "hackney", "note", "--text", "Check the wording with the editor", today="2023-06-01")
    assert tracker.ok("check").stdout.startswith("All 3 request files are valid")


def test_a_placeholder_that_is_not_one_is_refused_before_anything_is_written(tracker, tmp_path):
    tracker.settings(settings_text())
    result = tracker.run("new", "-a", "Hackney", "-s", "X", "--draft", "--body", "Dear $authorty,", today="2023-05-30")
    assert result.exit_code == 2
    assert "$authorty, which is not a placeholder" in result.stderr and "$authority" in result.stderr
    assert not list(tracker.requests.glob("*.toml"))


def test_a_draft_needs_no_sent_date_and_takes_none(tracker):
    tracker.settings(settings_text())
    result = tracker.run("new", "-a", "Hackney", "-s", "X", "--draft", "--sent", "01/05/2023", today="2023-05-30")
    assert result.exit_code == 2 and "leave out --sent" in result.stderr
    assert not list(tracker.requests.glob("*.toml"))


# -- send -----------------------------------------------------------------------------------------


def test_a_batch_goes_one_message_per_authority_and_each_is_recorded_as_it_arrived(tracker, tmp_path, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    files = request_files(tracker)

    result = tracker.run("send", "--batch", "cctv", "--json", today="2023-06-01")
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    assert len(rows) == 3 and len(server.arrived) == 3
    for row in rows:
        assert {"id", "authority", "to", "message_id", "status", "error"} <= set(row)
        assert row["status"] == "sent" and row["error"] is None

    names = ["London Borough of Hackney", "London Borough of Merton", "Glasgow City Council"]
    by_to = {arrived.rcpt_tos[0]: arrived for arrived in server.arrived}
    assert set(by_to) == {"foi@hackney.gov.uk", "foi@merton.gov.uk", "foi@glasgow.gov.uk"}
    message_ids = set()
    for row in rows:
        arrived = by_to[row["to"]]
        message = arrived.message
        # Each body is written to its own authority, and to no other.
        assert arrived.body.startswith(f"Dear {row['authority']},\n")
        assert not any(name in arrived.body for name in names if name != row["authority"])
        assert message["To"] == row["to"] and arrived.mail_from == "reporter@example.org"
        [sender] = message["From"].addresses
        assert (sender.display_name, sender.addr_spec) == ("A. Reporter", "reporter@example.org")
        assert parsedate_to_datetime(message["Date"]).date() == dt.date(2023, 6, 1)
        assert message["Message-ID"] == row["message_id"]
        message_ids.add(message["Message-ID"])
        # Headers a strict parser reads without a defect; plain UTF-8 text.
        strict = email.message_from_bytes(arrived.raw, policy=email.policy.strict)
        assert not strict.defects and all(not getattr(v, "defects", ()) for v in strict.values())
        assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
        # The request file says when it went and as what; a copy of it as sent is kept.
        path = files[row["id"]]
        data = header(path)
        assert data["sent"] == dt.date(2023, 6, 1) and data["message_id"] == message["Message-ID"]
        [copy] = (tracker.root / "documents" / row["id"]).iterdir()
        assert email.message_from_bytes(copy.read_bytes(), policy=email.policy.default)["Message-ID"] == row["message_id"]
    assert len(message_ids) == 3
    subjects = {row["authority"]: by_to[row["to"]].message["Subject"] for row in rows}
    assert subjects == {
        "London Borough of Hackney": "Freedom of Information request: CCTV contracts",
        "London Borough of Merton": "Freedom of Information request: CCTV contracts",
        "Glasgow City Council": "Freedom of Information (Scotland) Act request: CCTV contracts",
    }
    # The ids did not change, and the deadline now runs from the day it went.
    assert request_files(tracker).keys() == files.keys()
    detail = tracker.ok("show", "hackney", "--json", today="2023-06-01").json()
    assert detail["status"] == "awaiting-response" and detail["due"] == "2023-06-29"
    assert detail["message_id"] == by_to["foi@hackney.gov.uk"].message["Message-ID"]

    # A rerun sends nothing twice.
    again = tracker.run("send", "--batch", "cctv", today="2023-06-01")
    assert again.exit_code == 0 and len(server.arrived) == 3
    assert "Nothing to send" in again.stderr and "3 requests of the batch already sent" in again.stderr


def test_a_chaser_sent_afterwards_replies_in_the_requests_thread(tracker, tmp_path, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.ok("new", "-a", "Hackney", "-s", "Contacts with Fusus", "--send", "--body", "Dear $authority, ...", today="2023-06-01")
    [request] = server.arrived
    request_id = request.message["Message-ID"]
    tracker.ok("record", "hackney", "acknowledged", "--ref", "HK-FOI-23-0558", "--on", "2023-06-02", today="2023-06-02")

    tracker.ok("chase", "--send", today="2023-07-20")
    [_, chaser] = server.arrived
    assert chaser.message["In-Reply-To"] == request_id
    assert request_id in chaser.message["References"].split()
    assert chaser.message["Subject"].endswith("[your ref HK-FOI-23-0558]")
    [path] = request_files(tracker).values()
    [chased] = [event for event in events(path) if event["type"] == "chased"]
    assert chased["message_id"] == chaser.message["Message-ID"] != request_id

    # The next letter in the thread refers to both.
    tracker.ok("chase", "--send", today="2023-07-28")
    third = server.arrived[2].message
    assert third["In-Reply-To"] == request_id
    assert third["References"].split() == [request_id, chaser.message["Message-ID"]]


def test_a_review_request_sent_by_letter_goes_in_the_thread_and_is_recorded(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.ok("new", "-a", "Hackney", "-s", "Contacts with Fusus", "--send", "--body", "Dear $authority, ...", today="2023-06-01")
    request_id = server.arrived[0].message["Message-ID"]
    tracker.ok("respond", "hackney", "--outcome", "refused", "-x", "s43(2)", "--ref", "HK-1", "--on", "2023-06-20", today="2023-06-20")

    result = tracker.run("letter", "hackney", "review", "--send", "--grounds", "The public interest favours release.", today="2023-06-26")
    assert result.exit_code == 0, result.stderr
    review = server.arrived[1].message
    assert review["To"] == "foi@hackney.gov.uk" and review["In-Reply-To"] == request_id
    assert "[your ref HK-1]" in review["Subject"]
    [path] = request_files(tracker).values()
    event = events(path)[-1]
    assert event["type"] == "review-requested" and event["date"] == dt.date(2023, 6, 26)
    assert event["message_id"] == review["Message-ID"] and event["to"] == "foi@hackney.gov.uk"
    assert tracker.ok("show", "hackney", "--json", today="2023-06-26").json()["status"] == "review-requested"


def test_a_complaint_to_the_ico_is_not_emailed(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.write("hackney", 'authority = "London Borough of Hackney"\nsubject = "X"\nsent = 2023-06-01\nemail = "foi@hackney.gov.uk"\n')
    result = tracker.run("letter", "hackney", "complaint", "--send", today="2023-09-20")
    assert result.exit_code == 2 and "cannot be emailed" in result.stderr
    assert server.arrived == [] and "complained" not in (tracker.requests / "hackney.toml").read_text()


def test_new_send_logs_and_sends_in_one_step(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port))
    result = tracker.run(
        "new", "-a", "Leeds City Council", "-s", "Café contracts", "--email", "foi@leeds.gov.uk",
        "--body", "Dear $authority,\n\nPlease send me the café contracts.\n\n$requester_name", "--send", "--json",
        today="2023-06-01",
    )
    assert result.exit_code == 0, result.stderr
    [row] = result.json()
    [arrived] = server.arrived
    assert row["status"] == "sent" and row["message_id"] == arrived.message["Message-ID"]
    assert arrived.message["Subject"] == "Freedom of Information request: Café contracts"
    assert "Please send me the café contracts." in arrived.body
    [path] = request_files(tracker).values()
    assert header(path)["sent"] == dt.date(2023, 6, 1)


def test_sending_refuses_as_of_and_writes_nothing(tracker, smtp_server, tmp_path):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    result = tracker.run("new", "-a", "Hackney", "-s", "X", "--body", "Dear $authority", "--send", as_of="2023-06-01")
    assert result.exit_code == 2 and "cannot be used with --as-of" in result.stderr
    assert not list(tracker.requests.glob("*.toml"))
    drafts_of_three(tracker, tmp_path / "request.txt")
    before = {path: path.read_bytes() for path in tracker.requests.glob("*.toml")}
    result = tracker.run("send", "--batch", "cctv", as_of="2023-06-01")
    assert result.exit_code == 2 and "cannot be used with --as-of" in result.stderr
    assert server.arrived == [] and {path: path.read_bytes() for path in before} == before


def test_sending_a_request_already_sent_is_a_usage_error_naming_it(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.ok("new", "-a", "Hackney", "-s", "X", "--body", "Dear $authority", "--send", today="2023-06-01")
    [path] = request_files(tracker).values()
    before = path.read_bytes()
    result = tracker.run("send", "hackney", today="2023-06-02")
    assert result.exit_code == 2
    assert f"{path.stem} (London Borough of Hackney) was already sent on 01 Jun 2023" in result.stderr
    assert "--resend" in result.stderr
    assert len(server.arrived) == 1 and path.read_bytes() == before


def test_resend_sends_again_and_the_clock_runs_from_then(tracker, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.ok("new", "-a", "Hackney", "-s", "X", "--body", "Dear $authority", "--send", today="2023-06-01")
    first = server.arrived[0].message["Message-ID"]
    tracker.ok("send", "hackney", "--resend", today="2023-06-05")
    second = server.arrived[1].message["Message-ID"]
    assert second != first
    [path] = request_files(tracker).values()
    data = header(path)
    assert data["sent"] == dt.date(2023, 6, 1) and data["received"] == dt.date(2023, 6, 5)
    assert data["message_id"] == second
    [note] = events(path)
    assert note["type"] == "note" and first in note["text"] and note["message_id"] == second
    assert tracker.ok("show", "hackney", "--json", today="2023-06-05").json()["due"] == "2023-07-03"


# -- faults ---------------------------------------------------------------------------------------


def test_no_address_is_named_left_a_draft_and_the_others_are_sent(tracker, tmp_path, smtp_server):
    server = smtp_server()
    tracker.settings(settings_text(server.port))  # no address for Hackney this time
    drafts_of_three(tracker, tmp_path / "request.txt")
    hackney = next(path for stem, path in request_files(tracker).items() if "hackney" in stem)
    before = hackney.read_bytes()
    result = tracker.run("send", "--batch", "cctv", "--json", today="2023-06-01")
    assert result.exit_code == 1
    rows = {row["authority"]: row for row in result.json()}
    assert rows["London Borough of Hackney"]["status"] == "no-address"
    assert rows["London Borough of Hackney"]["message_id"] is None
    assert f"{hackney.stem} (London Borough of Hackney): no email address" in result.stderr
    assert hackney.read_bytes() == before
    assert sorted(a.rcpt_tos[0] for a in server.arrived) == ["foi@glasgow.gov.uk", "foi@merton.gov.uk"]


def test_server_down_sends_and_records_nothing_and_a_rerun_sends_each_once(tracker, tmp_path, smtp_server):
    from mailservers import free_port

    tracker.settings(settings_text(free_port(), extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    before = {path: path.read_bytes() for path in tracker.requests.glob("*.toml")}
    result = tracker.run("send", "--batch", "cctv", today="2023-06-01")
    assert result.exit_code == 1
    assert "connection refused" in result.stderr and "not sent, still a draft" in result.stderr
    assert "3 not sent, still drafts" in result.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert not (tracker.root / "documents").exists()

    server = smtp_server()
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    tracker.ok("send", "--batch", "cctv", today="2023-06-01")
    tracker.ok("send", "--batch", "cctv", today="2023-06-01")
    assert len(server.arrived) == 3


def test_login_refused_sends_and_records_nothing(tracker, tmp_path, smtp_server):
    server = smtp_server(authenticator=password_checker(b"right"), auth_require_tls=False)
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML).replace(
        "starttls = false\n", 'starttls = false\nusername = "reporter@example.org"\n'))
    drafts_of_three(tracker, tmp_path / "request.txt")
    before = {path: path.read_bytes() for path in tracker.requests.glob("*.toml")}
    result = tracker.run("send", "--batch", "cctv", today="2023-06-01", env={"FOITRACK_SMTP_PASSWORD": "wrong"})
    assert result.exit_code == 1 and "refused the login" in result.stderr
    assert server.arrived == [] and {path: path.read_bytes() for path in before} == before


def test_a_refused_recipient_stays_a_draft_and_a_rerun_sends_only_it(tracker, tmp_path, smtp_server):
    server = smtp_server()
    server.reject.add("foi@merton.gov.uk")
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    merton = next(path for stem, path in request_files(tracker).items() if "merton" in stem)
    before = merton.read_bytes()
    result = tracker.run("send", "--batch", "cctv", today="2023-06-01")
    assert result.exit_code == 1
    assert "refused the recipient foi@merton.gov.uk (550 5.1.1 No such mailbox here)" in result.stderr
    assert merton.read_bytes() == before and len(server.arrived) == 2
    server.reject.clear()
    tracker.ok("send", "--batch", "cctv", today="2023-06-01")
    assert [a.rcpt_tos for a in server.arrived[2:]] == [["foi@merton.gov.uk"]]


def test_a_connection_lost_mid_batch_is_retried_once_then_the_rest_stay_drafts(tracker, tmp_path, rude_smtp_server):
    # The first message goes; the connection drops at the second, and again when foitrack
    # reconnects to send it: the second and third stay drafts, and say so.
    server = rude_smtp_server(["ok", "drop", "drop"])
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    result = tracker.run("send", "--batch", "cctv", "--json", today="2023-06-01")
    assert result.exit_code == 1
    rows = result.json()
    assert [row["status"] for row in rows] == ["sent", "failed", "failed"]
    assert server.connections == 2 and len(server.received) == 1
    assert "2 not sent, still drafts" in result.stderr
    assert "after reconnecting once" in result.stderr
    for row in rows[1:]:
        assert "sent" not in header(tracker.requests / f"{row['id']}.toml")
    # A rerun sends the two left, once each.
    tracker.ok("send", "--batch", "cctv", today="2023-06-01")
    assert len(server.received) == 3


def test_one_lost_connection_is_retried_and_nothing_is_sent_twice(tracker, tmp_path, rude_smtp_server):
    server = rude_smtp_server(["drop"])
    tracker.settings(settings_text(server.port, extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    result = tracker.run("send", "--batch", "cctv", "--json", today="2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert [row["status"] for row in result.json()] == ["sent", "sent", "sent"]
    assert len(server.received) == 3 and server.connections == 2


def test_each_message_sent_is_copied_to_the_sent_folder(tracker, tmp_path, smtp_server, dovecot):
    server = smtp_server()
    tracker.settings(settings_text(server.port, imap=dovecot.settings(save_sent="true"), extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    result = tracker.run(
        "send", "--batch", "cctv", "--json", today="2023-06-01", env={"COLUMNS": "200", **dovecot.env}
    )
    assert result.exit_code == 0, result.stderr
    sent_ids = {row["message_id"] for row in result.json()}
    copies = dovecot.messages("Sent")
    assert len(copies) == 3
    for flags, raw in copies:
        assert b"\\Seen" in flags
        assert email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"] in sent_ids
    assert dovecot.messages("INBOX") == []


def test_a_sent_folder_that_cannot_be_reached_is_a_warning_not_a_failure(tracker, smtp_server):
    from mailservers import free_port

    server = smtp_server()
    imap = f'[imap]\nhost = "127.0.0.1"\nport = {free_port()}\nstarttls = false\nsave_sent = true\n'
    tracker.settings(settings_text(server.port, imap=imap, extra=HACKNEY_AND_TOML))
    result = tracker.run("new", "-a", "Hackney", "-s", "X", "--body", "Dear $authority", "--send", today="2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert "no copy could be kept in your Sent folder" in result.stderr
    assert len(server.arrived) == 1


def test_a_draft_sent_by_hand_is_recorded_with_send_record(tracker, tmp_path):
    tracker.settings(settings_text(extra=HACKNEY_AND_TOML))
    drafts_of_three(tracker, tmp_path / "request.txt")
    hackney = next(path for stem, path in request_files(tracker).items() if "hackney" in stem)
    result = tracker.run("send", hackney.stem, "--record", "--on", "2023-06-01", today="2023-06-05")
    assert result.exit_code == 0, result.stderr
    assert "recorded as sent 01 Jun 2023, due 29 Jun 2023" in result.stdout
    data = header(hackney)
    assert data["sent"] == dt.date(2023, 6, 1) and "message_id" not in data
    assert tracker.run("send", hackney.stem, "--record", today="2023-06-05").exit_code == 2
    assert tracker.run("send", "merton", "--record", "--on", "2023-05-01", today="2023-06-05").exit_code == 2
