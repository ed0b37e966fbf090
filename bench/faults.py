"""Fault injection: kill foitrack mid-write, run it many times at once, and count what went wrong.

    python bench/faults.py                          # the default rounds
    python bench/faults.py --kills 200 --slow-fsync 0.05 --concurrent 16 --chasers 8

Three kinds of run, each against a fresh tracker in a temporary folder, with foitrack started as
a user starts it (a new process each time):

- kills: `foitrack new` logging a batch of three requests is killed with SIGKILL, --kills times
  at a random moment while it runs, and once at each step of writing a file (just before the
  temporary file is made, flushed, linked to its name, and removed; found through Python's
  audit hooks, so the kill lands exactly there). After each kill it counts request files that
  are empty or do not parse (torn), runs the same batch again and counts requests logged twice
  (duplicated), then runs `check --clean` and counts what is still left behind (leftovers).
  `record` is killed the same way, counting torn files. --slow-fsync makes every fsync that
  much slower, widening the window a kill can land in.
- concurrent: --concurrent processes at once, half logging new requests and half recording
  events on the same few requests, then the same batch run by all of them at once; counts
  requests or events lost, requests duplicated and files torn.
- chasers: --chasers processes run `chase --send` at once against a local SMTP server (aiosmtpd)
  for five overdue requests; counts the chasers sent twice (a second email to the same
  authority about the same request) and the chased events recorded twice.

Every count should be 0; the script exits 1 if any is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNNER = r"""
import os, signal, sys, time
event, needle, nth, slow = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
if slow:
    fsync = os.fsync
    def slow_fsync(fd):
        time.sleep(slow)
        fsync(fd)
    os.fsync = slow_fsync
if event:
    seen = [0]
    def hook(name, args):
        if name == event and any(needle in str(arg) for arg in args):
            seen[0] += 1
            if seen[0] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
    sys.addaudithook(hook)
sys.argv = ["foitrack", *sys.argv[5:]]
from foitrack.cli import main
main()
"""

BATCH = ["new", "-a", "Camden Council", "-a", "Hackney Council", "-a", "Islington Council",
         "-s", "Parking fines", "--sent", "2023-10-03"]
# Each step of writing a new file, in the order foitrack takes them: the kill comes just before.
STEPS = [("tempfile.mkstemp", "requests"), ("os.chmod", "requests"), ("os.link", "requests"), ("os.remove", "requests")]


def command(root: Path, args: list[str], *, kill: tuple[str, str, int] | None = None, slow: float = 0.0) -> list[str]:
    event, needle, nth = kill or ("", "", 0)
    return [sys.executable, "-c", RUNNER, event, needle, str(nth), str(slow), "--dir", str(root), *args]


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), GIT_CEILING_DIRECTORIES=tempfile.gettempdir())
    env.pop("FOITRACK_DIR", None)
    env.update(extra)
    return env


def run(root: Path, *args: str, kill=None, slow: float = 0.0, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(command(root, list(args), kill=kill, slow=slow), capture_output=True, text=True, env=env or environment())


def new_tracker(base: Path, name: str) -> Path:
    root = base / name
    result = run(root, "init")
    if result.returncode != 0:
        raise SystemExit(f"init failed: {result.stderr}")
    return root


def torn(root: Path) -> int:
    """Request files that are empty or do not parse."""
    count = 0
    for path in (root / "requests").glob("*.toml"):
        try:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            count += 1
            continue
        if path.stat().st_size == 0:
            count += 1
    return count


def requests_of(root: Path) -> list[dict]:
    found = []
    for path in (root / "requests").glob("*.toml"):
        try:
            found.append(tomllib.loads(path.read_text()))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            pass
    return found


def duplicated(root: Path) -> int:
    keys = Counter((data.get("authority"), data.get("subject"), str(data.get("sent"))) for data in requests_of(root))
    return sum(count - 1 for count in keys.values() if count > 1)


def leftovers(root: Path) -> int:
    return len(list((root / "requests").glob(".*.tmp"))) + len(list(root.glob(".*.tmp")))


# -- kills -------------------------------------------------------------------------------------


def killed(root: Path, args: list[str], kill, duration: float, slow: float) -> None:
    """Run the command and kill it: at the audit event `kill` names, or (None) at a random moment
    in the last 70% of the time it takes (the first part is Python starting up)."""
    if kill is not None:
        run(root, *args, kill=kill, slow=slow)
        return
    process = subprocess.Popen(command(root, args, slow=slow), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment())
    time.sleep(random.uniform(0.3, 1.0) * duration)
    process.send_signal(signal.SIGKILL)
    process.wait()


def timed(root: Path, args: list[str], slow: float) -> float:
    began = time.perf_counter()
    run(root, *args, slow=slow)
    return time.perf_counter() - began


def kills(base: Path, count: int, slow: float) -> Counter:
    counts: Counter = Counter()
    duration = timed(new_tracker(base, "probe"), BATCH, slow)
    plans = [None] * count + [(event, needle, nth) for event, needle in STEPS for nth in (1, 2, 3)]
    for number, kill in enumerate(plans):
        root = new_tracker(base, f"kill-new-{number}")
        killed(root, BATCH, kill, duration, slow)
        counts["new killed"] += 1
        counts["files torn"] += torn(root)
        again = run(root, *BATCH, slow=slow)
        if again.returncode != 0:
            counts["reruns refused"] += 1
        counts["requests duplicated"] += duplicated(root)
        counts["requests missing after a rerun"] += max(0, 3 - len(requests_of(root)))
        run(root, "check", "--clean")
        counts["leftovers after check --clean"] += leftovers(root)
    # record, killed the same ways
    root = new_tracker(base, "kill-record")
    run(root, "new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03")
    args = ["record", "camden", "note", "--text", "rang them", "--on", "2023-10-04"]
    duration = timed(root, args, slow)
    for kill in [None] * count + [(event, "requests", 1) for event in ("tempfile.mkstemp", "os.chmod", "os.rename")]:
        killed(root, args, kill, duration, slow)
        counts["record killed"] += 1
        counts["files torn"] += torn(root)
    run(root, "check", "--clean")
    counts["leftovers after check --clean"] += leftovers(root)
    return counts


# -- concurrent processes ----------------------------------------------------------------------------


def all_at_once(argvs: list[list[str]], env=None) -> list[subprocess.CompletedProcess]:
    processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or environment()) for argv in argvs]
    results = []
    for process, argv in zip(processes, argvs):
        out, err = process.communicate()
        results.append(subprocess.CompletedProcess(argv, process.returncode, out, err))
    return results


def concurrent(base: Path, processes: int) -> Counter:
    counts: Counter = Counter()
    root = new_tracker(base, "concurrent")
    for name in ("Camden Council", "Hackney Council"):
        run(root, "new", "-a", name, "-s", "Shared", "--sent", "2023-10-03")
    writers = max(1, processes // 2)
    argvs = [command(root, ["new", "-a", "Barnet Council", "-s", f"Subject {n}", "--sent", "2023-10-03"]) for n in range(writers)]
    argvs += [
        command(root, ["record", "camden" if n % 2 else "hackney", "note", "--text", f"note {n}", "--on", "2023-10-04"])
        for n in range(processes - writers)
    ]
    results = all_at_once(argvs)
    failed = [result for result in results if result.returncode != 0]
    counts["commands failed"] += len(failed)
    requests = requests_of(root)
    counts["requests lost"] += writers - sum(1 for data in requests if data.get("authority") == "London Borough of Barnet")
    notes = [event.get("text") for data in requests for event in data.get("events", []) if event.get("type") == "note"]
    counts["events lost"] += (processes - writers) - len(notes)
    counts["events duplicated"] += len(notes) - len(set(notes))
    counts["files torn"] += torn(root)
    # The same batch, run by every process at once.
    results = all_at_once([command(root, BATCH) for _ in range(processes)])
    counts["commands failed"] += sum(1 for result in results if result.returncode != 0)
    counts["requests duplicated"] += duplicated(root)
    counts["files torn"] += torn(root)
    return counts


# -- chasers sent at once -------------------------------------------------------------------------------


def chasers(base: Path, processes: int) -> Counter:
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.arrived: list[tuple[str, str]] = []

        async def handle_DATA(self, server, session, envelope):
            import email

            message = email.message_from_bytes(envelope.content)
            self.arrived.append((",".join(envelope.rcpt_tos), message.get("Subject", "")))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    counts: Counter = Counter()
    try:
        root = new_tracker(base, "chasers")
        (root / "foitrack.toml").write_text(
            '[requester]\nname = "A. Reporter"\nemail = "reporter@example.org"\n\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n\n[chase]\nevery = 5\n'
        )
        sent = (dt.date.today() - dt.timedelta(days=70)).isoformat()
        names = ["Camden Council", "Hackney Council", "Islington Council", "Barnet Council", "Brent Council"]
        for number, name in enumerate(names):
            address = f"foi{number}@example.org"
            run(root, "new", "-a", name, "-s", f"Subject {number}", "--sent", sent, "--email", address)
        all_at_once([command(root, ["chase", "--send"]) for _ in range(processes)])
        per_address = Counter(to for to, _ in inbox.arrived)
        counts["chasers sent"] += len(inbox.arrived)
        counts["chasers sent twice"] += sum(count - 1 for count in per_address.values() if count > 1)
        recorded = Counter()
        for data in requests_of(root):
            recorded[data["authority"]] = sum(1 for event in data.get("events", []) if event.get("type") == "chased")
        counts["chasers recorded twice"] += sum(count - 1 for count in recorded.values() if count > 1)
        counts["chasers sent but not recorded"] += max(0, len(per_address) - sum(1 for count in recorded.values() if count))
        counts["files torn"] += torn(root)
    finally:
        controller.stop()
    return counts


# ----------------------------------------------------------------------------------------------------


BAD = {
    "files torn", "requests duplicated", "requests missing after a rerun", "reruns refused",
    "leftovers after check --clean", "requests lost", "events lost", "events duplicated",
    "chasers sent twice", "chasers recorded twice", "chasers sent but not recorded", "commands failed",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="random kills of new and of record (plus one at each step)")
    parser.add_argument("--slow-fsync", type=float, default=0.0, metavar="SECONDS", help="make each fsync this much slower")
    parser.add_argument("--concurrent", type=int, default=8, help="processes run at once")
    parser.add_argument("--chasers", type=int, default=4, help="chase --send processes run at once")
    parser.add_argument("--seed", type=int, default=None, help="for the random kill times")
    options = parser.parse_args()
    random.seed(options.seed)
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="foitrack-faults-") as temp:
        base = Path(temp)
        for name, part in (
            ("kills", lambda: kills(base, options.kills, options.slow_fsync)),
            ("concurrent", lambda: concurrent(base, options.concurrent)),
            ("chasers", lambda: chasers(base, options.chasers)),
        ):
            began = time.perf_counter()
            counts = part()
            totals.update(counts)
            print(f"{name} ({time.perf_counter() - began:.0f}s):")
            for key, value in sorted(counts.items()):
                print(f"  {key:<34} {value:>5}")
    bad = {key: value for key, value in totals.items() if key in BAD and value}
    print(json.dumps({"problems": bad}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
