"""The foundation commands driven through the CLI: init, new, list, show, record, respond, check."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HACKNEY = """
# Sent from the newsroom account; Jo is following up.
authority = "London Borough of Hackney"
subject = "Contacts with Fusus"
sent = 2023-06-01
regime = "foia"
batch = "fusus-round-1"
tags = ["fusus"]
desk = "investigations"   # a key of the user's own

[[events]]
type = "acknowledged"
date = 2023-06-02
ref = "FOI-2023-118"
"""

MET = """
authority = "Metropolitan Police Service"
subject = "Contacts with Fusus"
sent = 2023-06-05
batch = "fusus-round-1"
tags = ["fusus", "police"]
"""

BROKEN_SYNTAX = """
authority = "City of London Police"
subject = "Contacts with Fusus
sent = 2023-06-01
"""


def test_init_creates_tracker_and_never_overwrites(tmp_path):
    from tests.conftest import TrackerFolder

    root = tmp_path / "t"
    folder = TrackerFolder.__new__(TrackerFolder)
    folder.root, folder.runner = root, __import__("typer.testing").testing.CliRunner()
    result = folder.run("init")
    assert result.exit_code == 0
    assert (root / "requests").is_dir() and (root / "foitrack.toml").is_file()
    (root / "foitrack.toml").write_text("[requester]\nname = 'Mine'\n")
    again = folder.run("init")
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    assert (root / "foitrack.toml").read_text() == "[requester]\nname = 'Mine'\n"


def test_commands_outside_a_tracker_say_so(tmp_path):
    from typer.testing import CliRunner

    from foitrack.cli import app

    result = CliRunner().invoke(app, ["--dir", str(tmp_path / "nowhere"), "list"])
    assert result.exit_code == 2
    assert "not a foitrack tracker" in result.stderr and "foitrack init" in result.stderr


def test_new_logs_one_request_with_json_keys_and_a_due_date(tracker):
    result = tracker.ok(
        "new", "-a", "London Borough of Hackney", "-s", "Contacts with Fusus",
        "--sent", "01/06/2023", "-t", "fusus", "--via", "email", "--email", "foi@hackney.gov.uk", "--json",
    )
    [created] = result.json()
    assert set(created) >= {"id", "authority", "subject", "sent", "regime", "due", "path"}
    assert created["sent"] == "2023-06-01" and created["regime"] == "foia"
    # 20 working days after Thu 1 June 2023 (no bank holidays in June 2023): Thu 29 June.
    assert created["due"] == "2023-06-29"
    data = tomllib.loads(Path(created["path"]).read_text())
    assert data["authority"] == "London Borough of Hackney"
    assert data["email"] == "foi@hackney.gov.uk" and data["via"] == "email"
    assert "status" not in data and "due" not in data  # derived, never stored
    assert Path(created["path"]).stem == created["id"]


def test_new_batch_logs_one_file_per_authority_in_one_batch(tracker):
    result = tracker.ok(
        "new", "-a", "London Borough of Hackney", "-a", "London Borough of Tower Hamlets",
        "-a", "Merseyside Police", "-s", "Contacts with Fusus", "--sent", "2023-06-01", "--json",
    )
    created = result.json()
    assert [row["authority"] for row in created] == [
        "London Borough of Hackney", "London Borough of Tower Hamlets", "Merseyside Police",
    ]
    assert len({row["id"] for row in created}) == 3
    batches = {tomllib.loads(Path(row["path"]).read_text())["batch"] for row in created}
    assert len(batches) == 1
    listed = tracker.ok("list", "--batch", batches.pop(), "--json").json()
    assert len(listed) == 3


def test_new_reads_the_body_from_a_file_and_keeps_it_verbatim(tracker, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("Please provide:\n1. All emails with \"Fusus\".\n2. Contracts.\n")
    [created] = tracker.ok("new", "-a", "Merseyside Police", "-s", "Fusus", "--body-file", str(body), "--json").json()
    assert tomllib.loads(Path(created["path"]).read_text())["body"] == body.read_text()


def test_new_sent_defaults_to_the_as_of_date(tracker):
    [created] = tracker.ok("new", "-a", "Merseyside Police", "-s", "Fusus", "--json", as_of="2023-09-25").json()
    assert created["sent"] == "2023-09-25"


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--sent", "31/02/2023"], "'31/02/2023'"),
        (["--sent", "next week"], "'next week'"),
        (["--received", "2023-13-01"], "'2023-13-01'"),
        (["--regime", "gdpr"], "'gdpr'"),
        (["--via", "pigeon"], "'pigeon'"),
        (["--body-file", "/no/such/file"], "/no/such/file"),
        (["--sent", "2023-06-10", "--received", "2023-06-01"], "before"),
    ],
)
def test_new_rejects_bad_input_writing_nothing(tracker, args, needle):
    result = tracker.run("new", "-a", "Merseyside Police", "-s", "Fusus", *args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert list(tracker.requests.glob("*.toml")) == []


def test_list_orders_soonest_deadline_first_and_filters(tracker):
    tracker.write("met", MET)
    tracker.write("hackney", HACKNEY)
    tracker.write("answered", """
        authority = "Merseyside Police"
        subject = "Fusus"
        sent = 2023-05-01

        [[events]]
        type = "responded"
        date = 2023-05-20
        outcome = "granted"
    """)
    rows = tracker.ok("list", "--json", as_of="2023-06-15").json()
    assert [row["id"] for row in rows] == ["hackney", "met", "answered"]
    assert rows[0]["status"] == "awaiting-response" and rows[0]["working_days_overdue"] == 0
    assert rows[2]["status"] == "answered" and rows[2]["due"] is None
    for row in rows:
        assert set(row) >= {"id", "authority", "subject", "sent", "regime", "status", "due", "working_days_overdue", "path"}
    assert [r["id"] for r in tracker.ok("list", "--tag", "police", "--json").json()] == ["met"]
    assert [r["id"] for r in tracker.ok("list", "--authority", "hackney", "--json").json()] == ["hackney"]
    assert [r["id"] for r in tracker.ok("list", "--status", "answered", "--json").json()] == ["answered"]
    bad = tracker.run("list", "--status", "tardy")
    assert bad.exit_code == 2 and "'tardy'" in bad.stderr


def test_list_table_shows_status_and_lateness(tracker):
    tracker.write("hackney", HACKNEY)
    result = tracker.ok("list", as_of="2023-07-20")
    assert "overdue" in result.stdout and "London Borough of Hackney" in result.stdout
    # Due Thu 29 June; as at Thu 20 July: 15 weekdays later, less Wed 12 July (Battle of the
    # Boyne, a Northern Ireland bank holiday, which counts for every FOIA authority): 14.
    assert "14" in result.stdout


def test_a_broken_file_does_not_stop_list_show_or_due(tracker):
    tracker.write("hackney", HACKNEY)
    broken = tracker.write("city-of-london", BROKEN_SYNTAX)
    before = broken.read_bytes()
    for command in (["list", "--json"], ["due", "--json"]):
        result = tracker.run(*command, as_of="2023-07-20")
        assert result.exit_code == 0
        assert [row["id"] for row in result.json()] == ["hackney"]
        assert f"{broken}:2:" in result.stderr
    shown = tracker.run("show", "hackney")
    assert shown.exit_code == 0 and "Contacts with Fusus" in shown.stdout
    refused = tracker.run("show", "city-of-london")
    assert refused.exit_code == 1 and f"{broken}:2:" in refused.stderr
    assert broken.read_bytes() == before


def test_show_gives_details_timeline_and_deadlines(tracker):
    tracker.write("hackney", HACKNEY)
    result = tracker.ok("show", "hackney", as_of="2023-06-15")
    out = result.stdout
    assert "London Borough of Hackney" in out and "FOI-2023-118" in out
    assert "acknowledged" in out and "29 Jun 2023" in out and "20 working days" in out
    data = tracker.ok("show", "hack", "--json", as_of="2023-06-15").json()
    assert set(data) >= {"id", "authority", "subject", "sent", "received", "regime", "status", "due", "events"}
    assert data["received"] == "2023-06-01" and data["due"] == "2023-06-29"
    assert data["events"] == [{"type": "acknowledged", "date": "2023-06-02", "ref": "FOI-2023-118"}]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["acknowledged", "--ref", "R1"], {"type": "acknowledged", "ref": "R1"}),
        (["clarification-requested", "--note", "which years?"], {"type": "clarification-requested"}),
        (["fee-notice", "--amount", "£450"], {"type": "fee-notice", "amount": 450.0}),
        (["extended", "--until", "20/07/2023", "--reason", "public interest"], {"type": "extended", "until": dt.date(2023, 7, 20)}),
        (["extended", "--days", "20"], {"type": "extended", "days": 20}),
        (["chased"], {"type": "chased"}),
        (["responded", "--outcome", "partial", "-x", "s.40(2)"], {"type": "responded", "outcome": "partial", "exemptions": ["s40(2)"]}),
        (["complained", "--ref", "IC-1234"], {"type": "complained", "ref": "IC-1234"}),
        (["withdrawn"], {"type": "withdrawn"}),
        (["note", "--text", "Spoke to the FOI officer"], {"type": "note", "text": "Spoke to the FOI officer"}),
    ],
)
def test_record_appends_each_event_type(tracker, args, expected):
    path = tracker.write("hackney", HACKNEY)
    result = tracker.run("record", "hackney", args[0], "--on", "2023-06-20", *args[1:])
    assert result.exit_code == 0, result.stderr
    events = tomllib.loads(path.read_text())["events"]
    assert len(events) == 2
    assert events[-1]["date"] == dt.date(2023, 6, 20)
    for key, value in expected.items():
        assert events[-1][key] == value


def test_record_follows_review_complaint_and_decision_chain(tracker):
    path = tracker.write("hackney", HACKNEY)
    for args in (
        ["respond", "hackney", "-o", "refused", "-x", "43", "--on", "2023-06-20"],
        ["record", "hackney", "review-requested", "--on", "2023-06-25"],
        ["record", "hackney", "review-responded", "--outcome", "upheld", "--on", "2023-07-10"],
        ["record", "hackney", "complained", "--ref", "IC-1", "--on", "2023-07-20"],
        ["record", "hackney", "decision", "--ref", "IC-1", "--outcome", "not-upheld", "--on", "2023-12-01"],
    ):
        result = tracker.run(*args)
        assert result.exit_code == 0, result.stderr
    types = [event["type"] for event in tomllib.loads(path.read_text())["events"]]
    assert types == ["acknowledged", "responded", "review-requested", "review-responded", "complained", "decision"]


def test_record_keeps_comments_unknown_keys_and_layout(tracker):
    path = tracker.write("hackney", HACKNEY)
    original = path.read_text()
    tracker.ok("record", "hackney", "chased", "--on", "2023-07-01")
    tracker.ok("respond", "hackney", "--outcome", "granted", "--on", "2023-07-05")
    updated = path.read_text()
    assert updated.startswith(original.rstrip("\n"))
    assert "# Sent from the newsroom account" in updated and 'desk = "investigations"   # a key' in updated
    assert tomllib.loads(updated)["desk"] == "investigations"


@pytest.mark.parametrize(
    "args, needle",
    [
        (["hackney", "teleported"], "'teleported' is not an event"),
        (["hackney", "acknowledged", "--amount", "5"], "--amount does not apply"),
        (["hackney", "responded"], "needs an outcome"),
        (["hackney", "responded", "--outcome", "maybe"], "'maybe' is not one of granted"),
        (["hackney", "responded", "--outcome", "refused", "-x", "commercial"], "'commercial' is not an exemption"),
        (["hackney", "extended"], "until"),
        (["hackney", "note"], "needs its text"),
        (["hackney", "chased", "--on", "30/02/2023"], "'30/02/2023'"),
        (["hackney", "fee-paid", "--on", "2023-06-10"], "no 'fee-notice' before it"),
        (["hackney", "clarified", "--on", "2023-06-10"], "no 'clarification-requested'"),
        (["hackney", "review-responded", "--outcome", "upheld", "--on", "2023-06-10"], "no 'review-requested'"),
        (["hackney", "chased", "--on", "2023-05-01"], "before the request was sent"),
        (["nosuch", "chased"], "no request id contains 'nosuch'"),
        (["../hackney", "chased"], "not a request id"),
        (["requests/../../etc/passwd", "chased"], "not a request id"),
    ],
)
def test_record_refuses_bad_input_and_leaves_the_file_alone(tracker, args, needle):
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    result = tracker.run("record", *args)
    assert result.exit_code == 2, result.stderr
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_ids_accept_any_unique_part_and_list_candidates_when_ambiguous(tracker):
    tracker.write("2023-06-01-hackney-fusus-ab12", HACKNEY)
    tracker.write("2023-06-05-met-fusus-cd34", MET)
    assert tracker.ok("show", "ab12", "--json").json()["id"] == "2023-06-01-hackney-fusus-ab12"
    assert tracker.ok("show", "2023-06-05-met-fusus-cd34.toml", "--json").json()["authority"] == "Metropolitan Police Service"
    ambiguous = tracker.run("show", "fusus")
    assert ambiguous.exit_code == 2
    assert "2023-06-01-hackney-fusus-ab12" in ambiguous.stderr and "2023-06-05-met-fusus-cd34" in ambiguous.stderr
    outside = tracker.run("show", "../foitrack")
    assert outside.exit_code == 2 and "not a request id" in outside.stderr


def test_record_refuses_a_file_that_does_not_parse_and_never_rewrites_it(tracker):
    broken = tracker.write("city", BROKEN_SYNTAX)
    before = broken.read_bytes()
    result = tracker.run("record", "city", "chased")
    assert result.exit_code == 1 and f"{broken}:2:" in result.stderr
    assert "fix the file (see 'foitrack check') before recording on it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert broken.read_bytes() == before


def test_record_refuses_inline_event_arrays_without_touching_them(tracker):
    path = tracker.write("inline", """
        authority = "Merseyside Police"
        subject = "Fusus"
        sent = 2023-06-01
        events = [{ type = "acknowledged", date = 2023-06-02 }]
    """)
    before = path.read_bytes()
    result = tracker.run("record", "inline", "chased", "--on", "2023-07-01")
    assert result.exit_code == 1 and "[[events]]" in result.stderr
    assert path.read_bytes() == before


def test_check_reports_every_problem_with_file_and_line(tracker):
    tracker.write("hackney", HACKNEY)
    syntax = tracker.write("city", BROKEN_SYNTAX)
    schema = tracker.write("met", """
        authority = "Metropolitan Police Service"
        sent = "2023-02-30"
        regime = "gdpr"

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "maybe"
        exemptions = ["s43", "banana"]

        [[events]]
        type = "teleported"
        date = 2023-06-21
    """)
    order = tracker.write("merseyside", """
        authority = "Merseyside Police"
        subject = "Fusus"
        sent = 2023-06-01

        [[events]]
        type = "acknowledged"
        date = 2023-05-30

        [[events]]
        type = "clarified"
        date = 2023-06-10
    """)
    before = {path: path.read_bytes() for path in (syntax, schema, order)}
    result = tracker.run("check")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert f"{syntax}:2: TOML syntax error" in result.stdout
    assert any(line.startswith(f"{schema}:1: missing required key 'subject'") for line in lines)
    assert any(line.startswith(f"{schema}:2: sent") for line in lines)
    assert any(line.startswith(f"{schema}:3: regime") and "'gdpr'" in line for line in lines)
    # Each problem at its own key, all of them reported, even two in one event.
    assert any(line.startswith(f"{schema}:8: event 1 outcome") and "maybe" in line for line in lines)
    assert any(line.startswith(f"{schema}:9: event 1 exemptions") and "banana" in line for line in lines)
    assert any(line.startswith(f"{schema}:12: event 2 type") for line in lines)
    assert any(line.startswith(f"{order}:5:") and "before the request was sent" in line for line in lines)
    assert any(line.startswith(f"{order}:9:") and "no 'clarification-requested'" in line for line in lines)
    assert not any("hackney" in line for line in lines)
    problems = tracker.run("check", "--json").json()["problems"]
    assert {(p["path"], p["line"]) for p in problems} >= {(str(syntax), 2), (str(order), 9)}
    assert all(set(p) == {"path", "line", "message"} for p in problems)
    assert {path: path.read_bytes() for path in before} == before


def test_check_on_a_clean_tracker_exits_zero(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.write("met", MET)
    result = tracker.run("check")
    assert result.exit_code == 0 and "All 2 request files are valid" in result.stdout
    assert tracker.run("check", "--json").json() == {"problems": []}


def test_global_options_dir_env_and_as_of(tracker):
    from typer.testing import CliRunner

    from foitrack.cli import app

    tracker.write("hackney", HACKNEY)
    result = CliRunner().invoke(app, ["--as-of", "25 Jul 2023", "list", "--json"], env={"FOITRACK_DIR": str(tracker.root)})
    assert result.exit_code == 0
    [row] = __import__("json").loads(result.stdout)
    # Due 29 June 2023; 25 July is 18 weekdays later, less 12 July (NI bank holiday): 17.
    assert row["status"] == "overdue" and row["working_days_overdue"] == 17
    bad = tracker.run("list", as_of="someday")
    assert bad.exit_code == 2 and "'someday'" in bad.stderr


def test_unknown_options_and_commands_are_one_line_usage_errors(tracker):
    for args in (["list", "--colour"], ["frobnicate"], ["new", "-a", "X"]):
        result = tracker.run(*args)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("foitrack: error:")


def test_an_unexpected_failure_is_one_line_not_a_traceback(tracker, monkeypatch):
    from foitrack.tracker import Tracker

    def explode(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Tracker, "listing", explode)
    result = tracker.run("list")
    assert result.exit_code == 1
    assert "internal error" in result.stderr and "disk on fire" in result.stderr
    assert "Traceback" not in result.stderr


def _foitrack(root: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return subprocess.Popen(
        [sys.executable, "-m", "foitrack", "--dir", str(root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )


def test_sixteen_concurrent_new_commands_create_sixteen_files(tracker):
    processes = [
        _foitrack(
            tracker.root, "new", "-a", "Merseyside Police", "-s", "Contacts with Fusus", "--sent", "2023-06-01",
            "--allow-duplicate", "--json",
        )
        for _ in range(16)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert all(process.returncode == 0 for process in processes), [err for _, err in outputs]
    files = sorted(tracker.requests.glob("*.toml"))
    assert len(files) == 16
    for path in files:
        assert tomllib.loads(path.read_text())["authority"] == "Merseyside Police"
    assert not list(tracker.requests.glob(".*tmp"))


def test_the_same_request_logged_eight_times_at_once_is_logged_once(tracker):
    processes = [
        _foitrack(tracker.root, "new", "-a", "Merseyside Police", "-s", "Contacts with Fusus", "--sent", "2023-06-01")
        for _ in range(8)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    codes = sorted(process.returncode for process in processes)
    assert codes == [0] + [2] * 7, [err for _, err in outputs]
    assert len(list(tracker.requests.glob("*.toml"))) == 1
    refused = [err for process, (_, err) in zip(processes, outputs) if process.returncode == 2]
    assert all("already has this request" in err for err in refused)


def test_concurrent_records_on_one_request_lose_no_event(tracker):
    path = tracker.write("hackney", HACKNEY)
    processes = [
        _foitrack(tracker.root, "record", "hackney", "note", "--text", f"note {n}", "--on", "2023-06-10")
        for n in range(12)
    ]
    for process in processes:
        process.communicate(timeout=120)
    assert all(process.returncode == 0 for process in processes)
    notes = [e["text"] for e in tomllib.loads(path.read_text())["events"] if e["type"] == "note"]
    assert sorted(notes) == sorted(f"note {n}" for n in range(12))
    assert path.read_text().startswith(HACKNEY.lstrip("\n").rstrip("\n"))


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    from foitrack.store import atomic as store

    target = tmp_path / "request.toml"
    target.write_text("old = true\n")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.atomic_write(target, "new = true\n")
    assert target.read_text() == "old = true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["request.toml"]


def test_help_for_every_contract_command(tracker):
    for command in ("init", "new", "list", "show", "record", "respond", "check", "due", "deadline", "holidays"):
        result = tracker.run(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout
    assert "--authority" in tracker.run("new", "--help").stdout
    assert "--outcome" in tracker.run("respond", "--help").stdout


def test_record_refuses_a_file_that_check_rejects_and_leaves_it_alone(tracker):
    # Parses, but its events cannot have happened in this order: check reports it, so record
    # must not build on it.
    path = tracker.write("camden", """
        authority = "London Borough of Camden"
        subject = "Fusus"
        sent = 2023-06-02

        [[events]]
        type = "clarified"
        date = 2023-06-10
    """)
    before = path.read_bytes()
    result = tracker.run("record", "camden", "note", "--text", "x")
    assert result.exit_code == 1
    assert f"{path}:5:" in result.stderr and "foitrack check" in result.stderr
    assert path.read_bytes() == before


def test_events_and_requests_in_the_future_are_refused(tracker):
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    future = tracker.run("respond", "hackney", "--outcome", "granted", "--on", "2999-01-01")
    assert future.exit_code == 2 and path.read_bytes() == before
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    late = tracker.run("record", "hackney", "chased", "--on", tomorrow)
    assert late.exit_code == 2 and "in the future" in late.stderr
    sent = tracker.run("new", "-a", "Merseyside Police", "-s", "Fusus", "--sent", tomorrow)
    assert sent.exit_code == 2 and "in the future" in sent.stderr
    assert path.read_bytes() == before and len(list(tracker.requests.glob("*.toml"))) == 1


def test_an_empty_tag_is_refused(tracker):
    result = tracker.run("new", "-a", "Merseyside Police", "-s", "Fusus", "-t", " ")
    assert result.exit_code == 2 and "tag" in result.stderr
    assert list(tracker.requests.glob("*.toml")) == []


def test_init_on_a_file_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from foitrack.cli import app

    plain = tmp_path / "notes.txt"
    plain.write_text("mine")
    result = CliRunner().invoke(app, ["--dir", str(plain), "init"])
    assert result.exit_code == 1 and "is a file, not a folder" in result.stderr
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "requests").write_text("mine too")
    result = CliRunner().invoke(app, ["--dir", str(odd), "init"])
    assert result.exit_code == 1 and "not a folder" in result.stderr
    assert plain.read_text() == "mine" and (odd / "requests").read_text() == "mine too"


def test_record_will_not_replace_a_symlinked_request(tracker, tmp_path):
    outside = tmp_path / "shared-hackney.toml"
    outside.write_text(HACKNEY.lstrip("\n"))
    link = tracker.requests / "hackney.toml"
    link.symlink_to(outside)
    result = tracker.run("record", "hackney", "chased", "--on", "2023-07-01")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert link.is_symlink() and outside.read_text() == HACKNEY.lstrip("\n")


def test_a_near_miss_authority_filter_is_an_error_not_an_empty_list(tracker):
    tracker.write("hackney", HACKNEY)
    for command in (["list"], ["due"], ["report"]):
        result = tracker.run(*command, "--authority", "Hackny")
        assert result.exit_code == 2, command
        assert "London Borough of Hackney" in result.stderr and "'Hackny'" in result.stderr
    # A part of a name that matches requests is a filter, not a typo.
    assert [r["id"] for r in tracker.ok("list", "--authority", "hack", "--json").json()] == ["hackney"]


def test_as_of_leaves_out_requests_not_yet_sent_and_marks_later_events(tracker):
    tracker.write("hackney", HACKNEY)
    tracker.write("met", MET)  # sent 5 June 2023
    tracker.write("answered", """
        authority = "Merseyside Police"
        subject = "Fusus"
        sent = 2023-05-01

        [[events]]
        type = "responded"
        date = 2023-06-20
        outcome = "granted"
    """)
    for command in (["list", "--json"], ["export", "--format", "json"]):
        result = tracker.run(*command, as_of="2023-06-02")
        assert result.exit_code == 0
        assert sorted(row["id"] for row in result.json()) == ["answered", "hackney"]
        assert "1 request sent after 02 Jun 2023" in result.stderr
    shown = tracker.ok("show", "answered", as_of="2023-06-02")
    # Sent Mon 1 May 2023 (a bank holiday), due Wed 31 May: as at 2 June the response of
    # 20 June has not happened yet, so the request is overdue.
    assert "Status: overdue" in shown.stdout and "not counted" in shown.stdout


def test_an_event_dated_after_the_as_of_date_is_refused_and_nothing_is_written(tracker):
    # As at 1 October an event of 5 November has not happened: written, it would be ignored by
    # the very evaluation the user asked for. It is refused (exit 2) and the file is untouched.
    path = tracker.write("hackney", HACKNEY)
    before = path.read_bytes()
    for command in (
        ["record", "hackney", "acknowledged", "--on", "2023-11-05"],
        ["respond", "hackney", "--outcome", "granted", "--on", "05/11/2023"],
    ):
        result = tracker.run(*command, as_of="2023-10-01")
        assert result.exit_code == 2, command
        assert result.stderr.startswith("foitrack: error: ")
        assert "05 Nov 2023 is after the --as-of date (01 Oct 2023)" in result.stderr
        assert "Traceback" not in result.stderr
        assert path.read_bytes() == before
    # On the --as-of date itself (the default for --on) it is recorded and counted.
    done = tracker.ok("record", "hackney", "chased", as_of="2023-10-01")
    assert "Recorded chased on 01 Oct 2023" in done.stdout
    assert tomllib.loads(path.read_text())["events"][-1]["date"] == dt.date(2023, 10, 1)


def test_list_stays_readable_in_an_80_column_terminal(tracker):
    tracker.write("met", MET)
    tracker.write("hackney", HACKNEY)
    result = tracker.run("list", as_of="2023-07-20", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in result.stdout  # nothing truncated: long names wrap instead
    assert "very-overdue" not in result.stdout and "overdue" in result.stdout
    # The names they go by, whole: the Met and Hackney.
    for name in ("Met Police", "Hackney"):
        assert name in result.stdout


def test_record_says_at_once_when_the_law_does_not_allow_what_was_recorded(tracker):
    tracker.write("glasgow", """
        authority = "Glasgow City Council"
        subject = "CCTV"
        sent = 2023-06-01
        regime = "foisa"
    """)
    result = tracker.run("record", "glasgow", "extended", "--days", "10", "--on", "2023-06-20")
    assert result.exit_code == 0
    # The warning names the request it is about: in a 25-authority batch, which one.
    assert result.stderr.startswith("foitrack: warning: glasgow (Glasgow City Council): FOISA has no extension")
    # The 20-day date stands: Thu 1 June 2023 + 20 Scottish working days = Thu 29 June.
    assert "due 29 Jun 2023" in result.stdout


def test_every_warning_and_note_about_one_request_names_it(tracker):
    tracker.write("glasgow", """
        authority = "Glasgow City Council"
        subject = "CCTV"
        sent = 2023-06-01
        regime = "foisa"
    """)
    tracker.write("hackney", HACKNEY)
    lines = []
    for args in (
        ("record", "glasgow", "extended", "--days", "10", "--on", "2023-06-20"),
        ("respond", "hackney", "--outcome", "refused", "-x", "reg12(4)(b)", "--on", "2023-07-03"),
        ("letter", "glasgow", "review"),
        ("letter", "hackney", "complaint"),
        ("chase",),
    ):
        result = tracker.run(*args, as_of="2023-07-20")
        assert result.exit_code == 0, result.stderr
        lines += result.stderr.strip().splitlines()
    about = [line for line in lines if not line.startswith("foitrack: Drafted")]  # the summary counts
    assert len(about) >= 8
    for line in about:
        assert line.startswith("foitrack: "), line
        assert "glasgow" in line or "hackney" in line, line
    assert "foitrack: warning: hackney (London Borough of Hackney): reg12(4)(b) cited, but this request " \
        "is recorded under FOIA" in "\n".join(lines)
    assert "foitrack: glasgow (Glasgow City Council): deadline for making the review: 25 Aug 2023" in lines


def test_due_stays_readable_in_an_80_column_terminal(tracker):
    tracker.write("met", MET)
    tracker.write("hackney", HACKNEY)
    result = tracker.run("due", as_of="2023-07-20", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in result.stdout and "chased" in result.stdout
    # Hackney was due Thu 29 June: 14 working days late on 20 July (12 July, NI, not counted).
    assert "14 late" in result.stdout


def test_show_says_whether_the_first_response_was_on_time(tracker):
    tracker.write("hackney", HACKNEY + '''
[[events]]
type = "responded"
date = 2023-07-03
outcome = "granted"
''')
    # Due Thu 29 June; answered Mon 3 July: 30 June and 3 July are 2 working days late.
    assert "First response 03 Jul 2023: 2 working days late" in tracker.ok("show", "hackney").stdout


def test_help_paragraphs_flow_to_the_terminal_width(tracker):
    # A docstring wrapped at 100 columns in the source used to show its own line breaks inside
    # each paragraph at 80, leaving half-empty lines; list items and examples keep their lines.
    import os

    from foitrack.cli.app import reflow

    result = tracker.run("check", "--help", env={**os.environ, "COLUMNS": "80"})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    start = next(i for i, line in enumerate(lines) if "It also finds" in line)
    paragraph = lines[start : lines.index("", start)]
    assert len(paragraph) >= 3 and all(len(line) >= 60 for line in paragraph[:-1]), paragraph
    assert reflow("First line.\n\nA paragraph\nrunning on.\n- an item\n- another\n  indented example") == (
        "First line.\n\nA paragraph running on.\n- an item\n- another\n  indented example"
    )
