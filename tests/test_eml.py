"""Every .eml foitrack writes reads back without a defect, for every letter under every law.

A strict parser (`email.policy.strict`) is what a mail program or an authority's gateway may
use: a message it flags (an invalid To:, a malformed Date:) may be rejected or mis-delivered.
Each letter is written through the command line (`chase --out`, `letter ... --out x.eml`).

Dates: sent Thu 1 June 2023; FOIA, EIR, FOISA and EISR responses were due Thu 29 June, a SAR's
on Mon 3 July (one month is Sat 1 July, moved to the next working day). As at Thu 20 July each
is overdue; the requests chased on 5 and 12 July have had two chasers, so their next letter is a
final chaser.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest

from foitrack.vocab import REGIMES

SETTINGS = """
[requester]
name = "Siân O'Brien-Ní Dhuibhir"
email = "sian@example.org"
"""

# Non-ASCII and punctuation in names and subjects, as real ones have.
REQUEST = """
authority = "{authority}"
subject = "{subject}"
sent = 2023-06-01
regime = "{regime}"
email = "{address}"
"""

CHASED_TWICE = """
[[events]]
type = "chased"
date = 2023-07-05
stage = 1

[[events]]
type = "chased"
date = 2023-07-12
stage = 1
"""

REVIEW_REQUESTED = """
[[events]]
type = "review-requested"
date = 2023-06-30
"""

SCOTTISH = ("foisa", "eisr")


def strict(path: Path):
    """The file as a strict parser reads it, and every defect it finds in it or its headers."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.strict)
    defects = list(message.defects)
    for name, value in message.items():
        defects += [(name, defect) for defect in value.defects]
    return message, defects


@pytest.mark.parametrize("regime", REGIMES)
def test_every_letter_under_every_law_is_an_eml_without_defects(tracker, tmp_path, regime):
    tracker.settings(SETTINGS)
    first, second = "Bridge & Wharf Council (Cyngor)", "Gwynedd & Môn Police"
    for name, authority, events in (
        ("one", first, ""),
        ("two", first, ""),
        ("three", second, CHASED_TWICE),
        ("four", second, CHASED_TWICE),
        ("reviewed", first, REVIEW_REQUESTED),
    ):
        address = "FOI Team <foi@bridge.gov.uk>" if authority == first else "foi@gwynedd.police.uk"
        subject = f"Café contracts — £ spent ({name})"
        tracker.write(name, REQUEST.format(authority=authority, subject=subject, regime=regime, address=address) + events)
    singles, groups, letters = tmp_path / "singles", tmp_path / "groups", tmp_path / "letters"
    letters.mkdir()

    # The clock says 4 March 2024; the letters are worked out as at 20 July 2023.
    def draft(*args: str, as_of: str = "2023-07-20"):
        result = tracker.run(*args, as_of=as_of, today="2024-03-04")
        assert result.exit_code == 0, result.stderr
        return result

    kinds = {row["kind"] for row in draft("chase", "one", "three", "--out", str(singles), "--json").json()}
    kinds |= {row["kind"] for row in draft("chase", "one", "two", "three", "four", "--group", "--out", str(groups), "--json").json()}
    assert kinds == {"chaser", "final-chaser", "group-chaser", "group-final-chaser"}
    draft("letter", "one", "review", "--out", str(letters / "review.eml"))
    # A Scottish complaint follows an unanswered requirement for review (due 28 July 2023).
    complained = "reviewed" if regime in SCOTTISH else "one"
    complaint = draft("letter", complained, "complaint", "--out", str(letters / "complaint.eml"), "--json", as_of="2023-09-20")

    written = sorted([*singles.iterdir(), *groups.iterdir(), *letters.iterdir()])
    assert len(written) == 6
    for path in written:
        message, defects = strict(path)
        assert defects == [], f"{path.name}: {defects}"
        assert message["Date"].datetime.date() == dt.date(2024, 3, 4), path.name  # written now
        assert message["From"].addresses[0].display_name == "Siân O'Brien-Ní Dhuibhir"
        assert "Café contracts — £ spent" in message["Subject"]
        assert "Siân O'Brien-Ní Dhuibhir" in message.get_content()

    # A complaint goes to a real address of the commissioner's, or to none: the Scottish
    # Commissioner takes appeals by email; the ICO by its web form or by post.
    message, _ = strict(letters / "complaint.eml")
    info = complaint.json()
    if regime in SCOTTISH:
        assert message["To"] == "enquiries@itspublicknowledge.info" == info["to"]
        assert "Email: enquiries@itspublicknowledge.info" in message.get_content()
        assert "by email to enquiries@itspublicknowledge.info or by post to" in info["how_to_send"]
    else:
        assert message["To"] is None and info["to"] is None
        form = "data-protection-complaints" if regime == "sar" else "foi-and-eir-complaints"
        assert f"Online: https://ico.org.uk/make-a-complaint/{form}/" in message.get_content()
        assert f"through its {'data protection' if regime == 'sar' else 'online'} complaint form" in info["how_to_send"]
        assert "Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF" in info["how_to_send"]
    review, _ = strict(letters / "review.eml")
    assert review["To"] == "FOI Team <foi@bridge.gov.uk>"


@pytest.mark.parametrize("address", ["the FOI team", "foi@one.gov.uk, foi@two.gov.uk", "foi at camden.gov.uk"])
def test_an_address_that_is_not_one_is_named_and_no_defective_eml_is_written(tracker, tmp_path, address):
    # A hand-edited email = "..." that cannot go in a To: header: that letter fails, naming the
    # request, the address and where to fix it; the other letters are still written.
    tracker.settings(SETTINGS)
    bad = tracker.write("bad", REQUEST.format(authority="Camden Council", subject="Parking", regime="foia", address=address))
    tracker.write("good", REQUEST.format(authority="Barnet Council", subject="Parking", regime="foia", address="foi@barnet.gov.uk"))
    out = tmp_path / "outbox"
    result = tracker.run("chase", "--out", str(out), as_of="2023-07-20")
    assert result.exit_code == 1
    assert f"foitrack: error: bad (Camden Council): {address!r} is not an email address" in result.stderr
    assert f"fix the email = line in {bad}" in result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["good-stage1.eml"]
    letter = tracker.run("letter", "bad", "review", "--out", str(tmp_path / "review.eml"), as_of="2023-07-20")
    assert letter.exit_code == 1 and "is not an email address" in letter.stderr
    assert not (tmp_path / "review.eml").exists()
