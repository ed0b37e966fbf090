"""The example tracker in seeds/fusus: valid, and telling the story it was designed to tell.

Run on a copy, so that the tests never write foitrack's cache into the repository.
Dates worked out by hand below use the UK union calendar (FOIA counts a bank holiday in any nation).
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foitrack.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "fusus"
AS_OF = "2023-09-25"  # the day the reporting appeared

# id tail -> (authority, status as at 25 Sep 2023, due, working days overdue)
EXPECTED = {
    "xyn8": ("London Borough of Tower Hamlets", "answered", None, 0),
    "5m26": ("London Borough of Hackney", "answered", None, 0),
    # Extended by 20 working days from 13 June to 11 July, answered 2 Aug, review asked for Thu 10 Aug:
    # 20 working days skipping Mon 28 Aug (England's summer bank holiday) -> Fri 8 Sep; late by
    # 11-15, 18-22 and 25 Sep = 11 working days.
    "b2qt": ("Metropolitan Police Service", "review-overdue", "2023-09-08", 11),
    "auen": ("City of London Police", "answered", None, 0),
    "ktp3": ("Merseyside Police", "answered", None, 0),
    # Due Tue 13 Jun (20 working days from Mon 15 May, skipping Mon 29 May). Weekdays 14 Jun to
    # 25 Sep are 74 (13 + 21 + 23 + 17), less 12 Jul (Northern Ireland), 7 Aug (Scotland) and
    # 28 Aug (England and Wales): 71; unanswered past 40 working days (11 Jul), so very overdue.
    "3pcf": ("Royal Borough of Kensington and Chelsea", "very-overdue", "2023-06-13", 71),
    "2run": ("London Borough of Merton", "answered", None, 0),
    # Sent Mon 21 Aug: 20 working days skipping Mon 28 Aug -> Tue 19 Sep; late 20-22 and 25 Sep = 4.
    "52uu": ("London Borough of Merton", "overdue", "2023-09-19", 4),
}


@pytest.fixture
def fusus(tmp_path) -> Path:
    root = tmp_path / "fusus"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns(".foitrack"))
    return root


def run(root: Path, *args: str):
    result = CliRunner().invoke(app, ["--dir", str(root), "--as-of", AS_OF, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def tail(row) -> str:
    return row["id"].rsplit("-", 1)[-1]


def test_seed_tracker_checks_clean(fusus):
    result = run(fusus, "check", "--json")
    assert json.loads(result.stdout) == {"problems": []}
    assert "All 8 request files are valid." in run(fusus, "check").stdout


def test_list_gives_the_designed_statuses(fusus):
    rows = json.loads(run(fusus, "list", "--json").stdout)
    got = {tail(r): (r["authority"], r["status"], r["due"], r["working_days_overdue"]) for r in rows}
    assert got == EXPECTED
    # Soonest deadline first; answered requests (no deadline running) last.
    assert [tail(r) for r in rows][:3] == ["3pcf", "b2qt", "52uu"]
    batch = [r for r in rows if r["batch"] == "fusus-2023-05"]
    assert len(batch) == 7 and {r["sent"] for r in batch} == {"2023-05-15"}


def test_due_lists_the_three_overdue_most_overdue_first(fusus):
    rows = json.loads(run(fusus, "due", "--json").stdout)
    assert [(tail(r), r["status"], r["working_days_overdue"]) for r in rows] == [
        ("3pcf", "very-overdue", 71),
        ("b2qt", "review-overdue", 11),
        ("52uu", "overdue", 4),
    ]


def show(root, fragment):
    return json.loads(run(root, "show", fragment, "--json").stdout)


def test_responses_on_time_and_late_with_their_exemptions(fusus):
    # All due Tue 13 Jun 2023 unless moved: Tower Hamlets (8 Jun), City of London Police (9 Jun)
    # and Merton (12 Jun) answered in time; Merseyside (14 Jul) did not.
    for fragment in ("xyn8", "auen", "2run"):
        assert show(fusus, fragment)["responded_on_time"] is True
    assert show(fusus, "ktp3")["responded_on_time"] is False
    # Hackney's clarification (Fri 26 May) restarted the clock: due Mon 26 Jun; answered 7 Jul.
    hackney = show(fusus, "5m26")
    assert hackney["deadlines"]["response_due"] == "2023-06-26"
    assert hackney["responded_on_time"] is False
    assert [e["type"] for e in hackney["events"]][-2:] == ["review-requested", "review-responded"]
    met = show(fusus, "b2qt")
    assert met["deadlines"]["response_due"] == "2023-07-11" and met["responded_on_time"] is False
    refused = [e for e in met["events"] if e["type"] == "responded"][0]
    assert refused["outcome"] == "refused"
    assert refused["exemptions"] == ["s24(1)", "s31(1)(a)", "s40(2)"]
    tower = [e for e in show(fusus, "xyn8")["events"] if e["type"] == "responded"][0]
    assert tower["exemptions"] == ["s43(2)", "s40(2)"]


def test_settings_use_placeholder_addresses_only(fusus):
    settings = tomllib.loads((fusus / "foitrack.toml").read_text())
    addresses = [settings["requester"]["email"]] + [a["email"] for a in settings["authorities"].values()]
    assert addresses and all(a.endswith("example.org") for a in addresses)
    for path in (fusus / "requests").glob("*.toml"):
        assert "@" not in path.read_text().replace("example.org", "")


def test_hand_edits_in_the_seed_files_survive_an_update(fusus):
    path = next((fusus / "requests").glob("*kensington*"))
    before = path.read_text()
    assert "# Two chasers and still no answer" in before and 'following_up = "A. Reporter"' in before
    run(fusus, "record", "3pcf", "chased", "--on", "2023-09-25", "--note", "Third chaser")
    after = path.read_text()
    assert after.startswith(before) and after.count("[[events]]") == before.count("[[events]]") + 1
