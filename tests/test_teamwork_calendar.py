"""`foitrack calendar`: open deadlines as iCalendar events, read back with the icalendar library.

Dates worked out by hand on the UK union calendar (bank holidays of every nation count for FOIA):
- sent Thu 1 Jun 2023: 20 working days -> Thu 29 Jun 2023 (no bank holidays in June 2023).
- extended by 10 working days from Thu 29 Jun: 30 Jun, 3-7 Jul, 10, 11, 13, 14 Jul (Wed 12 Jul,
  Battle of the Boyne, is a Northern Ireland bank holiday) -> Fri 14 Jul 2023.
- internal review asked for Mon 3 Jul 2023: 20 working days -> 4-7 Jul (4), 10, 11, 13, 14 (8),
  17-21 (13), 24-28 (18), 31 Jul, 1 Aug -> Tue 1 Aug 2023.
- refused on Tue 20 Jun 2023: ask for an internal review within 40 working days -> 21-30 Jun
  (8), Jul less 12 Jul (28), 1-4 Aug (32), Mon 7 Aug is Scotland's summer bank holiday, 8-11 Aug
  (36), 14-17 Aug -> Thu 17 Aug 2023. (Six weeks to complain to the ICO would end Tue 1 Aug; the
  ICO expects the internal review first, so the calendar offers the review.)
- internal review asked for Thu 6 Jul 2023: 20 working days -> Jul 7 (1), 10-11 (3), 13-14 (5),
  17-21 (10), 24-28 (15), Jul 31-Aug 3 (19), Fri 4 Aug (20); its result on Thu 20 Jul 2023
  opens six weeks to complain to the ICO -> Thu 31 Aug 2023.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

D = dt.date.fromisoformat

OPEN = """
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
"""

REFUSED = """
authority = "Merseyside Police"
subject = "Drone flights"
sent = 2023-05-22

[[events]]
type = "acknowledged"
date = 2023-05-23
ref = "MP/FOI/2023/0456"

[[events]]
type = "responded"
date = 2023-06-20
outcome = "refused"
exemptions = ["s31"]
"""

GRANTED = """
authority = "Home Office"
subject = "Asylum hotels"
sent = 2023-05-22

[[events]]
type = "responded"
date = 2023-06-12
outcome = "granted"
"""

IN_REVIEW = """
authority = "Cabinet Office"
subject = "Ministerial diaries"
sent = 2023-05-02

[[events]]
type = "responded"
date = 2023-05-30
outcome = "refused"

[[events]]
type = "review-requested"
date = 2023-07-03
"""

PAUSED = """
authority = "Home Office"
subject = "Visa fees"
sent = 2023-06-01

[[events]]
type = "clarification-requested"
date = 2023-06-05
"""

WITHDRAWN = """
authority = "Cabinet Office"
subject = "Old question"
sent = 2023-06-01

[[events]]
type = "withdrawn"
date = 2023-06-02
"""


def events_of(ics: str) -> dict[str, dict]:
    calendar = Calendar.from_ical(ics)
    found = {}
    for event in calendar.walk("VEVENT"):
        found[str(event["UID"])] = {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "sequence": int(event["SEQUENCE"]),
        }
    return found


def uid(request_id: str, kind: str) -> str:
    return f"{request_id}.{kind}@foitrack"


def test_calendar_has_an_all_day_event_for_each_requests_next_deadline(tracker):
    for name, text in [
        ("hackney", OPEN), ("drones", REFUSED), ("hotels", GRANTED), ("diaries", IN_REVIEW),
        ("visas", PAUSED), ("old", WITHDRAWN),
    ]:
        tracker.write(name, text)
    result = tracker.ok("calendar", as_of="2023-07-05")
    calendar = Calendar.from_ical(result.stdout)
    assert str(calendar["VERSION"]) == "2.0" and "foitrack" in str(calendar["PRODID"])
    events = events_of(result.stdout)
    assert {key: value["start"] for key, value in events.items()} == {
        uid("hackney", "response"): D("2023-06-29"),  # overdue, still shown on the day it was due
        uid("diaries", "review"): D("2023-08-01"),
        uid("drones", "review-request"): D("2023-08-17"),  # the review first, not the complaint
        # hotels: granted, nothing to chase; visas: clock stopped; old: withdrawn
    }
    for event in events.values():
        assert type(event["start"]) is dt.date  # all-day, not a time
        assert event["end"] == event["start"] + dt.timedelta(days=1)
    hackney = events[uid("hackney", "response")]
    assert hackney["summary"] == "FOI response due: London Borough of Hackney – Contacts with Fusus"
    assert "Request id: hackney" in hackney["description"]
    assert events[uid("diaries", "review")]["summary"] == (
        "FOI internal review due: Cabinet Office – Ministerial diaries"
    )
    drones = events[uid("drones", "review-request")]
    assert drones["summary"] == "Last day to ask for an internal review: Merseyside Police – Drone flights"
    assert "Their reference: MP/FOI/2023/0456" in drones["description"]


RE_ACKNOWLEDGED = """
authority = "Merseyside Police"
subject = "Drone flights"
sent = 2023-05-22

[[events]]
type = "acknowledged"
date = 2023-05-23
ref = "MP/FOI/2023/0456"

[[events]]
type = "acknowledged"
date = 2023-05-30
ref = "MP/FOI/2023/0501"

[[events]]
type = "responded"
date = 2023-06-20
outcome = "refused"
exemptions = ["s31"]
ref = "MP-RESP-77"
"""


def test_calendar_export_and_chasers_quote_the_same_reference(tracker):
    # Acknowledged again under a new reference (after a transfer, say), then refused quoting a
    # third: a chaser quotes the latest acknowledgement's (letters.authority_ref), and so do
    # the calendar's description and the export's ref column.
    from foitrack.store.model import authority_ref
    from foitrack.tracker import Tracker

    tracker.write("drones", RE_ACKNOWLEDGED)
    [request], _ = Tracker(tracker.root, use_git=False).load_all()
    assert authority_ref(request) == "MP/FOI/2023/0501"
    events = events_of(tracker.ok("calendar", as_of="2023-07-05").stdout)
    description = events[uid("drones", "review-request")]["description"].splitlines()
    assert "Their reference: MP/FOI/2023/0501" in description
    assert not any("0456" in line or "MP-RESP-77" in line for line in description)
    [row] = tracker.ok("export", "--format", "json", as_of="2023-07-05").json()
    assert row["ref"] == "MP/FOI/2023/0501"


REVIEWED = REFUSED + """
[[events]]
type = "review-requested"
date = 2023-07-06

[[events]]
type = "review-responded"
date = 2023-07-20
outcome = "upheld"
"""

SCOTTISH_REVIEWED = """
authority = "Glasgow City Council"
subject = "CCTV"
sent = 2023-05-22
regime = "foisa"

[[events]]
type = "responded"
date = 2023-06-12
outcome = "refused"

[[events]]
type = "review-requested"
date = 2023-06-14

[[events]]
type = "review-responded"
date = 2023-07-04
outcome = "upheld"
"""


def test_one_next_action_per_request_in_the_order_the_law_takes_it(tracker):
    # respond -> ask for a review -> the review's result -> complain: each request shows the one
    # step it has reached, never a later step beside (or before) an earlier one.
    for name, text in [
        ("hackney", OPEN), ("drones", REFUSED), ("hotels", GRANTED), ("diaries", IN_REVIEW),
        ("visas", PAUSED), ("old", WITHDRAWN), ("reviewed", REVIEWED), ("glasgow", SCOTTISH_REVIEWED),
    ]:
        tracker.write(name, text)
    listed = tracker.ok("calendar", "--json", as_of="2023-07-21").json()
    ids = [row["id"] for row in listed]
    assert len(ids) == len(set(ids))  # one event per request at most
    assert {row["id"]: (row["kind"], row["date"]) for row in listed} == {
        "hackney": ("response", "2023-06-29"),
        "drones": ("review-request", "2023-08-17"),
        "diaries": ("review", "2023-08-01"),
        "reviewed": ("complaint", "2023-08-31"),  # six weeks from the review's result, 20 Jul
        # FOISA s.47(4)(a): six months from the review's result, 4 Jul 2023.
        "glasgow": ("complaint", "2024-01-04"),
    }
    ics = events_of(tracker.ok("calendar", as_of="2023-07-21").stdout)
    assert len(ics) == len(listed)
    assert ics[uid("glasgow", "complaint")]["summary"] == (
        "Last day to complain to the Scottish Information Commissioner: Glasgow City Council – CCTV"
    )


def test_a_request_moves_through_the_steps_one_event_at_a_time(tracker):
    tracker.write("drones", REFUSED)

    def steps(as_of):
        return [(row["kind"], row["date"]) for row in tracker.ok("calendar", "--json", as_of=as_of).json()]

    # Sent Mon 22 May 2023: May 23-26 (4), Mon 29 May off, May 30-Jun 2 (8), Jun 5-16 (18), 19-20.
    assert steps("2023-06-01") == [("response", "2023-06-20")]
    assert steps("2023-06-21") == [("review-request", "2023-08-17")]
    tracker.ok("record", "drones", "review-requested", "--on", "2023-07-06")
    assert steps("2023-07-06") == [("review", "2023-08-04")]
    tracker.ok("record", "drones", "review-responded", "--outcome", "upheld", "--on", "2023-07-20")
    assert steps("2023-07-20") == [("complaint", "2023-08-31")]
    tracker.ok("record", "drones", "complained", "--on", "2023-08-10")
    assert steps("2023-08-10") == []  # with the ICO: nothing of the requester's is due


def test_windows_that_have_closed_are_left_out(tracker):
    tracker.write("drones", REFUSED)
    # 2 Aug 2023: the six weeks to complain ended on 1 Aug; the review window runs to 17 Aug.
    events = events_of(tracker.ok("calendar", as_of="2023-08-02").stdout)
    assert list(events) == [uid("drones", "review-request")]
    assert events_of(tracker.ok("calendar", as_of="2023-08-18").stdout) == {}


def test_uids_are_stable_when_a_deadline_moves_and_answered_requests_drop_out(tracker):
    tracker.write("hackney", OPEN)
    tracker.write("drones", REFUSED)
    first = events_of(tracker.ok("calendar", as_of="2023-06-26").stdout)
    again = events_of(tracker.ok("calendar", as_of="2023-06-26").stdout)
    assert first == again
    assert first[uid("hackney", "response")]["start"] == D("2023-06-29")

    tracker.ok("record", "hackney", "extended", "--days", "10", "--on", "2023-06-28")
    moved = events_of(tracker.ok("calendar", as_of="2023-06-28").stdout)
    assert set(moved) == set(first)  # the same events, updated in place
    assert moved[uid("hackney", "response")]["start"] == D("2023-07-14")
    assert moved[uid("hackney", "response")]["sequence"] > first[uid("hackney", "response")]["sequence"]

    tracker.ok("respond", "hackney", "--outcome", "granted", "--on", "2023-07-10")
    answered = events_of(tracker.ok("calendar", as_of="2023-07-10").stdout)
    assert uid("hackney", "response") not in answered
    assert not any(key.startswith("hackney.") for key in answered)  # granted: nothing to appeal


def test_calendar_out_writes_the_file_and_json_lists_the_deadlines(tracker):
    tracker.write("hackney", OPEN)
    out = tracker.root / "deadlines.ics"
    result = tracker.ok("calendar", "--out", str(out), as_of="2023-06-05")
    assert result.stdout.strip() == f"Wrote 1 deadline to {out}."
    assert list(events_of(out.read_text())) == [uid("hackney", "response")]
    assert out.read_bytes().count(b"\r\n") > 5  # RFC 5545 lines end in CRLF
    listed = tracker.ok("calendar", "--json", as_of="2023-06-05").json()
    assert listed == [
        {
            "uid": uid("hackney", "response"),
            "kind": "response",
            "date": "2023-06-29",
            "id": "hackney",
            "authority": "London Borough of Hackney",
            "subject": "Contacts with Fusus",
            "summary": "FOI response due: London Borough of Hackney – Contacts with Fusus",
        }
    ]


def test_a_broken_request_file_is_named_and_the_rest_exported(tracker):
    tracker.write("hackney", OPEN)
    tracker.write("broken", 'authority = "Home Office"\nsubject = "x\n')
    result = tracker.run("calendar", as_of="2023-06-05")
    assert result.exit_code == 0
    assert "broken.toml:2" in result.stderr
    assert list(events_of(result.stdout)) == [uid("hackney", "response")]


def test_calendar_out_to_a_missing_folder_is_a_usage_error(tracker, tmp_path):
    tracker.write("hackney", OPEN)
    result = tracker.run("calendar", "--out", str(tmp_path / "nowhere" / "x.ics"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_the_review_window_is_open_as_at_a_date_before_the_review_was_asked_for(tracker):
    import icalendar

    tracker.write("hackney", """
        authority = "London Borough of Hackney"
        subject = "Fusus"
        sent = 2023-06-01

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "refused"
        exemptions = ["s43"]

        [[events]]
        type = "review-requested"
        date = 2023-07-20
    """)
    def kinds(as_of):
        result = tracker.ok("calendar", as_of=as_of)
        return {str(e.get("SUMMARY")) for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")}

    # 1 July: the review had not been asked for yet, so its window is still open.
    assert any("internal review" in s for s in kinds("2023-07-01"))
    # 25 July: the review is pending; only its own due date shows.
    [pending] = kinds("2023-07-25")
    assert "internal review due" in pending
