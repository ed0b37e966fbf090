"""Sync without needless conflicts (issue 18): two people adding events to one request on
different machines merge cleanly, through the merge driver foitrack registers; the same header
field changed two ways is still a conflict, reported clearly.

The end-to-end tests use real git: a bare repository as the shared remote and two clones
(the `team` fixture of tests/test_teamwork_git.py). The merge itself is also tested as a pure
function on literal file texts."""

from __future__ import annotations

import subprocess
import tomllib

import pytest

from foitrack.teamwork.merge import merge_request
from tests.test_teamwork_git import git, isolated_git, team  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="needs git"
)


def events_of(path) -> list[tuple[str, str]]:
    return [(e["type"], str(e["date"])) for e in tomllib.loads(path.read_text()).get("events", [])]


# -- end to end: two clones and a shared remote -------------------------------------------------


def test_events_added_on_two_machines_merge_cleanly(team):  # noqa: F811
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    amira.ok("sync")
    ben.ok("sync")
    amira.ok("record", hackney, "acknowledged", "--ref", "FOI-118", "--on", "2023-06-02")
    ben.ok("record", hackney, "chased", "--on", "2023-07-03")
    ben.ok("record", hackney, "note", "--text", "Rang their FOI team", "--on", "2023-07-04")
    amira.ok("sync")

    result = ben.ok("sync")
    assert "Pulled 1 change" in result.stdout and "Pushed 2 changes" in result.stdout
    amira.ok("sync")
    for clone in (amira, ben):
        path = clone.root / "requests" / f"{hackney}.toml"
        assert events_of(path) == [("acknowledged", "2023-06-02"), ("chased", "2023-07-03"), ("note", "2023-07-04")]
        assert "<<<<<<<" not in path.read_text()
        clone.ok("check")
        assert clone.git("status", "--porcelain") == ""
    assert amira.head() == ben.head() == git(shared, "rev-parse", "main").strip()
    # The request reads as both reporters left it: acknowledged with its reference, and chased.
    shown = ben.ok("show", hackney, "--json").json()
    assert [e.get("ref") for e in shown["events"]][0] == "FOI-118"


def test_different_header_fields_and_events_merge_together(team):  # noqa: F811
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    amira.ok("sync")
    ben.ok("sync")
    # Amira fixes the subject; Ben, at the same time, adds a tag and an address, and an event.
    amira.ok("edit", hackney, "--subject", "Contacts with Fusus (2023)", as_of="2023-06-05")
    ben.ok("edit", hackney, "--tag", "cctv", "--email", "foi@hackney.gov.uk", as_of="2023-06-05")
    ben.ok("record", hackney, "acknowledged", "--on", "2023-06-05")
    amira.ok("sync")
    ben.ok("sync")
    amira.ok("sync")
    for clone in (amira, ben):
        data = tomllib.loads((clone.root / "requests" / f"{hackney}.toml").read_text())
        assert (data["subject"], data["tags"], data["email"]) == ("Contacts with Fusus (2023)", ["cctv"], "foi@hackney.gov.uk")
        # Both edits' notes and Ben's acknowledgement.
        assert [e["type"] for e in data["events"]] == ["note", "note", "acknowledged"]


def test_a_plain_git_pull_uses_the_driver_too(team):  # noqa: F811
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    amira.ok("sync")
    ben.ok("sync")
    amira.ok("record", hackney, "acknowledged", "--on", "2023-06-02")
    amira.ok("sync")
    ben.ok("record", hackney, "chased", "--on", "2023-07-03")  # foitrack set the driver up in this clone
    pulled = subprocess.run(["git", "pull", "--no-rebase", "--no-edit", "--quiet"], cwd=ben.root, capture_output=True, text=True)
    assert pulled.returncode == 0, pulled.stderr
    assert events_of(ben.root / "requests" / f"{hackney}.toml") == [("acknowledged", "2023-06-02"), ("chased", "2023-07-03")]


def test_the_driver_is_registered_in_gitattributes_and_config(team):  # noqa: F811
    shared, amira, ben = team
    assert "requests/*.toml merge=foitrack" in (amira.root / ".gitattributes").read_text()
    assert ".gitattributes" in git(shared, "ls-tree", "--name-only", "main")
    ben.ok("sync")
    driver = ben.git("config", "--get", "merge.foitrack.driver").strip()
    assert driver.endswith("-m foitrack merge-driver %O %A %B %P")


def test_a_tracker_from_before_gets_the_attributes_in_a_commit_of_their_own(team):  # noqa: F811
    shared, amira, ben = team
    (amira.root / ".gitattributes").unlink()
    amira.git("commit", "-q", "-am", "A tracker made before the merge driver")
    amira.new("Merseyside Police", "Drone flights", "2023-06-05")
    subjects = amira.subjects()
    assert subjects[:2] == [
        "New FOI request to Merseyside Police: Drone flights",
        "Merge request files with foitrack's merge driver",
    ]
    assert "merge=foitrack" in (amira.root / ".gitattributes").read_text()


def test_a_gitattributes_of_the_users_own_is_added_to_not_replaced(team):  # noqa: F811
    shared, amira, ben = team
    attributes = amira.root / ".gitattributes"
    attributes.write_text("*.pdf binary\n")
    amira.git("commit", "-q", "-am", "Mine")
    amira.new("Merseyside Police", "Drone flights", "2023-06-05")
    assert attributes.read_text().startswith("*.pdf binary\n")
    assert "requests/*.toml merge=foitrack" in attributes.read_text()


# -- the merge itself ---------------------------------------------------------------------------

BASE = """\
# Jo's request; she rang on 2 June.
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
tags = ["fusus"]

[[events]]
type = "acknowledged"
date = 2023-06-02
ref = "FOI-118"   # their reference
"""

CHASED = """
[[events]]
type = "chased"
date = 2023-07-03
"""

NOTED = """
[[events]]
type = "note"
date = 2023-07-04
text = "Rang them"
"""


def test_both_sides_events_are_kept_each_once():
    merged = merge_request(BASE, BASE + CHASED, BASE + NOTED + CHASED)
    assert merged.clean
    data = tomllib.loads(merged.text)
    assert [e["type"] for e in data["events"]] == ["acknowledged", "chased", "note"]
    # Every byte of the user's: the comments stay.
    assert merged.text.startswith("# Jo's request; she rang on 2 June.\n")
    assert 'ref = "FOI-118"   # their reference' in merged.text


def test_an_event_edited_on_one_side_stands_and_the_others_additions_follow():
    fixed = BASE.replace('ref = "FOI-118"', 'ref = "FOI-2023-118"')
    merged = merge_request(BASE, fixed, BASE + CHASED)
    assert merged.clean
    events = tomllib.loads(merged.text)["events"]
    assert [(e["type"], e.get("ref")) for e in events] == [("acknowledged", "FOI-2023-118"), ("chased", None)]


def test_the_same_event_edited_two_ways_is_a_conflict():
    one = BASE.replace('ref = "FOI-118"', 'ref = "A"')
    two = BASE.replace('ref = "FOI-118"', 'ref = "B"')
    merged = merge_request(BASE, one, two)
    assert not merged.clean and merged.problems
    assert "<<<<<<<" in merged.text


def test_adjacent_header_keys_changed_on_each_side_merge_key_by_key():
    # authority and subject are neighbouring lines: a line merge would call this a conflict.
    ours = BASE.replace('authority = "London Borough of Hackney"', 'authority = "Hackney Council"')
    theirs = BASE.replace('subject = "Contacts with Fusus"', 'subject = "Fusus contacts"') + CHASED
    merged = merge_request(BASE, ours, theirs)
    assert merged.clean, merged
    data = tomllib.loads(merged.text)
    assert (data["authority"], data["subject"]) == ("Hackney Council", "Fusus contacts")
    assert [e["type"] for e in data["events"]] == ["acknowledged", "chased"]


def test_the_same_key_changed_two_ways_is_a_conflict_named_with_both_values():
    ours = BASE.replace('subject = "Contacts with Fusus"', 'subject = "A"') + CHASED
    theirs = BASE.replace('subject = "Contacts with Fusus"', 'subject = "B"') + NOTED
    merged = merge_request(BASE, ours, theirs)
    assert [(c.key, c.base, c.ours, c.theirs) for c in merged.conflicts] == [("subject", "Contacts with Fusus", "A", "B")]
    # Only the header disagrees: the markers are there, and both sides' events are kept below them.
    header, _, events = merged.text.partition("[[events]]")
    assert "<<<<<<<" in header and 'subject = "A"' in header and 'subject = "B"' in header
    assert "<<<<<<<" not in events
    assert merged.text.count('type = "chased"') == 1 and merged.text.count('type = "note"') == 1


def test_crlf_files_keep_their_line_ends():
    crlf = BASE.replace("\n", "\r\n")
    merged = merge_request(crlf, crlf + CHASED.replace("\n", "\r\n"), crlf + NOTED.replace("\n", "\r\n"))
    assert merged.clean
    assert "\n" not in merged.text.replace("\r\n", "")
    assert [e["type"] for e in tomllib.loads(merged.text)["events"]] == ["acknowledged", "chased", "note"]


def test_a_body_holding_an_events_line_is_not_taken_for_a_table():
    base = BASE.replace('tags = ["fusus"]\n', 'tags = ["fusus"]\nbody = """\nDear officer,\n[[events]] is just words here\n"""\n')
    merged = merge_request(base, base + CHASED, base + NOTED)
    assert merged.clean
    data = tomllib.loads(merged.text)
    assert "[[events]] is just words here" in data["body"] and len(data["events"]) == 3
