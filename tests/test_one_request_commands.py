"""Commands about one request do not read the whole tracker (issue 16): `new` looks for a
duplicate among the requests sent on the same day only, found by file name and the listing
cache's list of the requests named for another day."""

from __future__ import annotations

import pytest

from foitrack.store import parsing


def request(authority: str, subject: str, sent: str) -> str:
    return f'authority = "{authority}"\nsubject = "{subject}"\nsent = {sent}\n'


@pytest.fixture
def busy(tracker):
    """Forty requests over forty days, one of them a draft sent later than its name says, and
    one in a file named by hand."""
    for day in range(1, 31):
        tracker.write(f"2023-05-{day:02d}-camden-topic-{day:02d}ab", request("London Borough of Camden", f"Topic {day}", f"2023-05-{day:02d}"))
    for day in range(1, 11):
        tracker.write(f"2023-06-{day:02d}-barnet-topic-{day:02d}cd", request("London Borough of Barnet", f"Topic {day}", f"2023-06-{day:02d}"))
    # Drafted on 1 May, sent on 20 June: its name keeps the day it was drafted.
    tracker.write("2023-05-01-hackney-cctv-zz99", 'authority = "London Borough of Hackney"\nsubject = "CCTV"\n'
                  "drafted = 2023-05-01\nsent = 2023-06-20\n")
    tracker.write("merton-by-hand", request("London Borough of Merton", "Parking", "2023-06-21"))
    return tracker


def parses(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = parsing.parse_request_text
    monkeypatch.setattr(parsing, "parse_request_text", lambda path, text, rid: seen.append(path.name) or real(path, text, rid))
    return seen


def test_new_reads_only_the_requests_sent_that_day(busy, monkeypatch):
    busy.ok("list")  # the listing cache knows the tracker
    seen = parses(monkeypatch)
    busy.ok("new", "-a", "London Borough of Camden", "-s", "Something else", "--sent", "2023-05-07")
    # The one request named for 7 May; none of the rest (the listing cache knows the file named
    # by hand was sent on 21 June).
    assert seen == ["2023-05-07-camden-topic-07ab.toml"]


def test_new_still_refuses_an_exact_duplicate(busy):
    busy.ok("list")
    result = busy.run("new", "-a", "Camden", "-s", "topic  7", "--sent", "2023-05-07")
    assert result.exit_code == 2
    assert "already has this request: 2023-05-07-camden-topic-07ab" in result.stderr


def test_a_draft_sent_later_is_found_on_the_day_it_was_sent(busy, monkeypatch):
    busy.ok("list")  # learns that the file named for 1 May was sent on 20 June
    seen = parses(monkeypatch)
    result = busy.run("new", "-a", "Hackney", "-s", "CCTV", "--sent", "2023-06-20")
    assert result.exit_code == 2 and "2023-05-01-hackney-cctv-zz99" in result.stderr
    assert "2023-05-01-camden-topic-01ab.toml" not in seen  # the other file named for 1 May is not read


def test_a_file_named_by_hand_is_always_looked_at(busy):
    result = busy.run("new", "-a", "Merton", "-s", "Parking", "--sent", "2023-06-21")  # no listing first
    assert result.exit_code == 2 and "merton-by-hand" in result.stderr


def test_check_shows_how_far_it_has_got_on_a_terminal_and_nothing_when_piped(tracker, monkeypatch):
    for number in range(450):
        tracker.write(f"2023-05-01-camden-topic-{number:04d}", request("London Borough of Camden", f"Topic {number}", "2023-05-01"))
    piped = tracker.run("check")
    assert piped.exit_code == 0 and "Checked" not in piped.stderr
    import foitrack.cli.checking as requests_cli

    monkeypatch.setattr(requests_cli, "stderr_is_terminal", lambda: True)
    shown = tracker.run("check")
    assert shown.exit_code == 0
    assert "\rChecked 200 of 450 request files\rChecked 400 of 450 request files\rChecked 450 of 450 request files" in shown.stderr
    assert shown.stderr.endswith("\r")  # the line is wiped once done, before the verdict on stdout
    assert shown.stdout == "All 450 request files are valid.\n"


def test_help_is_plain_text_with_words_whole(tracker):
    """--help is Click's plain help (fast to start): no markup escapes left in it, and no word
    broken at a hyphen when it wraps."""
    send = tracker.run("send", "--help", env={"COLUMNS": "60"}).stdout
    assert "[smtp]" in send and "\\[" not in send
    words = tracker.run("due", "--help", env={"COLUMNS": "40"}).stdout
    assert not any(line.rstrip().endswith("-") and not line.rstrip().endswith(" -") for line in words.splitlines())


def test_check_shared_among_processes_finds_exactly_what_one_process_finds(tracker, monkeypatch):
    import foitrack.tracker.finding as tracker_module

    for number in range(40):
        tracker.write(f"2023-05-01-camden-topic-{number:04d}", request("London Borough of Camden", f"Topic {number}", "2023-05-01"))
    tracker.write("2023-05-02-broken-aaaa", 'authority = "Camden"\nsubject = "Broken\nsent = 2023-05-02\n')
    tracker.write("2023-05-03-late-bbbb", request("Camden", "Late", "2023-05-03") + '\n[[events]]\ntype = "responded"\ndate = 2023-05-01\noutcome = "granted"\n')
    tracker.write("2023-05-04-address-cccc", request("Camden", "Address", "2023-05-04") + 'email = "not an address"\n')
    alone = tracker.run("check", "--json")
    monkeypatch.setattr(tracker_module, "CHECK_IN_PARALLEL_FROM", 10)
    monkeypatch.setattr(tracker_module, "CHECK_BATCH", 3)
    shared = tracker.run("check", "--json")
    assert shared.exit_code == alone.exit_code == 1
    assert shared.stdout == alone.stdout
    assert len(shared.json()["problems"]) == 3
