"""Sending faults (issue 19, items 2 and 3): concurrent `chase --send` and `send` never mail the
same authority twice, and a server that hangs up after taking the message is reported as
possibly sent and never sent again unless asked. Real processes, real servers on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from mailservers import settings_text


def events(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text()).get("events", [])


def header(path: Path) -> dict:
    return {k: v for k, v in tomllib.loads(path.read_text()).items() if k != "events"}


def foitrack(tracker, *args: str) -> subprocess.Popen:
    """foitrack as its own process, as a user (or a cron job) would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "foitrack", "--dir", str(tracker.root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"},
    )


def overdue(tracker, names: list[str]) -> list[Path]:
    """Requests sent ten weeks ago, so overdue whatever today is; each with its own address."""
    sent = dt.date.today() - dt.timedelta(days=70)
    return [
        tracker.write(name, f'authority = "{authority}"\nsubject = "CCTV contracts"\nsent = {sent.isoformat()}\nemail = "foi@{name}.gov.uk"\n')
        for name, authority in names
    ]


THREE = [("hackney", "London Borough of Hackney"), ("camden", "London Borough of Camden"), ("merton", "London Borough of Merton")]


# -- item 2: exclusive ---------------------------------------------------------------------------


def test_four_concurrent_chase_sends_mail_each_overdue_request_once(tracker, smtp_server):
    server = smtp_server()
    server.delay = 0.3  # each message takes a while, so the four runs overlap
    tracker.settings(settings_text(server.port))
    paths = overdue(tracker, THREE)
    runs = [foitrack(tracker, "chase", "--send") for _ in range(4)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], results
    assert sorted(arrived.rcpt_tos[0] for arrived in server.arrived) == sorted(f"foi@{name}.gov.uk" for name, _ in THREE)
    for path in paths:
        assert len([e for e in events(path) if e["type"] == "chased"]) == 1
    assert not list((tracker.root / ".foitrack" / "claims").iterdir())


def test_four_concurrent_sends_send_each_draft_once(tracker, smtp_server, tmp_path):
    server = smtp_server()
    server.delay = 0.3
    tracker.settings(settings_text(server.port))
    tracker.ok(
        "new", *[arg for _, authority in THREE for arg in ("-a", authority)], "-s", "CCTV contracts", "--draft",
        "--body", "Dear $authority,", "--batch", "cctv",
        *[f"--email={authority}=foi@{name}.gov.uk" for name, authority in THREE],
    )
    runs = [foitrack(tracker, "send", "--batch", "cctv") for _ in range(4)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], results
    assert len(server.arrived) == 3
    assert len({arrived.message["Message-ID"] for arrived in server.arrived}) == 3
    recorded = {header(path)["message_id"] for path in tracker.requests.glob("*.toml")}
    assert recorded == {arrived.message["Message-ID"] for arrived in server.arrived}


# -- item 3: a server that hangs up after the data ------------------------------------------------


def test_a_request_the_server_hung_up_on_is_possibly_sent_and_not_sent_again(tracker, rude_smtp_server):
    server = rude_smtp_server(["hang-up"])
    tracker.settings(settings_text(server.port))
    result = tracker.run("new", "-a", "Hackney", "-s", "CCTV contracts", "--email", "foi@hackney.gov.uk",
                         "--body", "Dear $authority,", "--send", "--json", today="2023-06-01")
    assert result.exit_code == 1
    [row] = result.json()
    assert row["status"] == "uncertain" and row["message_id"]
    assert "hung up after taking the whole message" in result.stderr and "may have been delivered" in result.stderr
    assert "1 possibly sent" in result.stderr
    [path] = tracker.requests.glob("*.toml")
    data = header(path)
    assert data["sent"] == dt.date(2023, 6, 1) and data["delivery"] == "uncertain"
    assert data["message_id"] == row["message_id"]
    [note] = events(path)
    assert note["type"] == "note" and "may or may not have arrived" in note["text"]
    assert "Possibly not delivered" in tracker.ok("show", path.stem, today="2023-06-01").stdout

    # Reruns never send it again on their own ...
    tracker.run("send", today="2023-06-01")
    again = tracker.run("send", path.stem, today="2023-06-02")
    assert again.exit_code == 2 and "--resend" in again.stderr
    assert len(server.received) == 1
    # ... and --resend sends it again, and the record says it went.
    tracker.ok("send", path.stem, "--resend", today="2023-06-02")
    assert len(server.received) == 2
    data = header(path)
    assert "delivery" not in data and data["received"] == dt.date(2023, 6, 2)


def test_a_chaser_the_server_hung_up_on_is_possibly_sent_and_not_sent_again(tracker, rude_smtp_server):
    server = rude_smtp_server(["hang-up"])
    tracker.settings(settings_text(server.port))
    path = tracker.write("hackney", 'authority = "London Borough of Hackney"\nsubject = "X"\nsent = 2023-06-01\nemail = "foi@hackney.gov.uk"\n')
    result = tracker.run("chase", "--send", today="2023-07-20")
    assert result.exit_code == 1
    assert "may have been delivered" in result.stderr and "--send --resend" in result.stderr
    assert "1 possibly sent" in result.stderr
    [chased] = events(path)
    assert chased["type"] == "chased" and chased["delivery"] == "uncertain" and chased["message_id"]
    again = tracker.run("chase", "--send", today="2023-07-20")
    assert again.exit_code == 0 and len(server.received) == 1
    tracker.ok("chase", "hackney", "--send", "--resend", today="2023-07-20")
    assert len(server.received) == 2
    assert [e.get("delivery") for e in events(path)] == ["uncertain", None]


def test_a_send_killed_mid_message_is_possibly_sent_on_the_next_run_not_sent_twice(tracker, rude_smtp_server):
    server = rude_smtp_server(["slow-ok"], delay=30)
    tracker.settings(settings_text(server.port))
    tracker.ok("new", "-a", "Hackney", "-s", "CCTV contracts", "--email", "foi@hackney.gov.uk",
               "--body", "Dear $authority,", "--draft")
    run = foitrack(tracker, "send")
    deadline = time.monotonic() + 60
    while not server.received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.received, "the message never reached the server"
    os.kill(run.pid, signal.SIGKILL)  # killed after handing the message over, before the reply
    run.wait(10)
    [path] = tracker.requests.glob("*.toml")
    assert "sent" not in header(path)

    result = tracker.run("send")
    assert result.exit_code == 1
    assert "stopped while sending it" in result.stderr and "may have gone" in result.stderr
    data = header(path)
    assert data["delivery"] == "uncertain" and data["message_id"]
    assert len(server.received) == 1
    assert tracker.run("send").exit_code == 0 and len(server.received) == 1
