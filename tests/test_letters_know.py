"""Letters use what foitrack knows (issue 18): a review or complaint letter says how late the
response was and how long the review took; a draft .eml carries X-Unsent: 1 so a mail program
opens it as a draft, and a copy of a letter foitrack sent does not."""

from __future__ import annotations

import email
import email.policy

from tests.test_chase import HACKNEY, SETTINGS

# FOIA, sent Thu 1 June 2023: due Thu 29 June. The response came Thu 13 July, 9 working days late
# (Wed 12 July is a bank holiday in Northern Ireland, so not a working day under FOIA). The review
# asked for on Mon 17 July was due in 20 working days, by Tue 15 August (7 August is Scotland's
# summer bank holiday); it came on Tue 22 August, 25 working days after it was asked for and 5 late.
LATE = """
authority = "Merseyside Police"
subject = "Drone flights"
sent = 2023-06-01
email = "foi@merseyside.police.uk"

[[events]]
type = "responded"
date = 2023-07-13
outcome = "refused"
exemptions = ["s31(1)(a)"]

[[events]]
type = "review-requested"
date = 2023-07-17

[[events]]
type = "review-responded"
date = 2023-08-22
outcome = "upheld"
"""

ON_TIME = """
authority = "Merseyside Police"
subject = "Drone flights"
sent = 2023-06-01

[[events]]
type = "responded"
date = 2023-06-20
outcome = "partial"
exemptions = ["s40(2)"]
"""


def squeezed(text: str) -> str:
    return " ".join(text.split())


def test_a_complaint_says_how_late_the_response_was_and_how_long_the_review_took(tracker):
    tracker.write("2023-06-01-merseyside-drones-ab12", LATE)
    letter = tracker.ok("letter", "ab12", "complaint", as_of="2023-08-30").stdout
    assert "Response due: 29 June 2023 (FOIA s.10(1))" in squeezed(letter)
    assert "Response: 13 July 2023 (9 working days late)" in squeezed(letter)
    assert "Review asked for: 17 July 2023" in squeezed(letter)
    assert "Review result: 22 August 2023 (25 working days, 5 working days late)" in squeezed(letter)
    assert (
        "Its response came 9 working days after the deadline of 29 June 2023 and its internal "
        "review took 25 working days (it was due within 20)."
    ) in squeezed(letter)


def test_a_review_letter_says_how_late_the_response_was(tracker):
    tracker.write("2023-06-01-merseyside-drones-ab12", LATE.split("[[events]]\ntype = \"review-requested\"")[0])
    letter = squeezed(tracker.ok("letter", "ab12", "review", as_of="2023-07-14").stdout)
    assert "Your response: 13 July 2023 (9 working days late)" in letter
    assert "your response came 9 working days after the deadline of 29 June 2023" in letter


def test_a_response_on_time_is_said_to_be_on_time_and_not_called_late(tracker):
    tracker.write("2023-06-01-merseyside-drones-ab12", ON_TIME)
    letter = squeezed(tracker.ok("letter", "ab12", "review", as_of="2023-06-22").stdout)
    assert "Your response: 20 June 2023 (on time)" in letter
    assert "after the deadline" not in letter


def test_an_unanswered_review_says_how_late_it_is_now(tracker):
    tracker.write("2023-06-01-merseyside-drones-ab12", LATE.split("[[events]]\ntype = \"review-responded\"")[0])
    letter = squeezed(tracker.ok("letter", "ab12", "complaint", as_of="2023-08-22").stdout)
    assert "Review result due: 15 August 2023 (none yet, now 5 working days late)" in letter


def test_draft_eml_files_open_as_drafts(tracker, tmp_path):
    tracker.settings(
        '[requester]\nname = "A. Reporter"\nemail = "reporter@example.org"\n\n'
        '[authorities."London Borough of Hackney"]\nemail = "foi@hackney.gov.uk"\n'
    )
    tracker.write("2023-06-01-merseyside-drones-ab12", LATE)
    tracker.write("hackney", HACKNEY)
    out = tmp_path / "outbox"
    tracker.ok("chase", "hackney", "--out", str(out), as_of="2023-07-20")
    [chaser] = out.glob("*.eml")
    tracker.ok("letter", "ab12", "complaint", "--out", str(tmp_path / "complaint.eml"), as_of="2023-08-30")
    for path in (chaser, tmp_path / "complaint.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.strict)
        assert message["X-Unsent"] == "1", path
        assert message["Subject"] and not message.defects
    # Recorded as chased but sent by the user: still a draft to send.
    recorded = tmp_path / "recorded"
    tracker.ok("chase", "hackney", "--out", str(recorded), "--record", as_of="2023-07-20")
    [draft] = recorded.glob("*.eml")
    assert email.message_from_bytes(draft.read_bytes())["X-Unsent"] == "1"


def test_a_copy_of_a_letter_foitrack_sent_is_no_draft(tracker, tmp_path, smtp_server):
    server = smtp_server()
    tracker.settings(SETTINGS.format(port=server.port, extra=""))
    tracker.write("hackney", HACKNEY)
    out = tmp_path / "sent"
    result = tracker.run("chase", "--send", "--out", str(out), today="2023-07-20")
    assert result.exit_code == 0, result.stderr
    [copy] = out.glob("*.eml")
    assert "X-Unsent" not in email.message_from_bytes(copy.read_bytes())
    [arrived] = server.arrived
    assert "X-Unsent" not in arrived.message
