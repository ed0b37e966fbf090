"""Peers to time foitrack against: other tools that keep many items and list them.

Each is used only if it is installed (on PATH, or in a folder given to bench/run.py with --peers);
none is a dependency of foitrack. For each, `prepare(count, work)` writes `count` items the way
that tool keeps them and returns the command that lists them, or None when the tool is missing:

- todoman (`todo list`): a vdir of one .ics file (VTODO) per item, with todoman's SQLite cache;
- taskwarrior (`task list`): its own data files, filled by `task import`;
- khal (`khal list`): a vdir of one .ics file (VEVENT) per item, with khal's SQLite cache.

The items are spread over the same four years as bench/generate.py's requests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

START = dt.date(2020, 7, 1)
DAYS = 4 * 365


def _day(rng: random.Random) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(DAYS))


def _vdir(folder: Path, count: int, component) -> None:
    """A vdir: one .ics file per item, `component(n, day)` its VTODO or VEVENT."""
    folder.mkdir(parents=True)
    rng = random.Random(1)
    for n in range(count):
        (folder / f"item-{n:06d}.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n" + component(n, _day(rng)) + "END:VCALENDAR\r\n"
        )


def _find(name: str, extra: list[Path]) -> str | None:
    for folder in extra:
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def todoman(count: int, work: Path, extra: list[Path]) -> tuple[list[str], dict] | None:
    todo = _find("todo", extra)
    if todo is None:
        return None
    root = work / f"todoman-{count}"
    vdir = root / "lists" / "foi"
    if not (root / ".generated").exists():
        shutil.rmtree(root, ignore_errors=True)
        _vdir(vdir, count, lambda n, day: (
            f"BEGIN:VTODO\r\nUID:item-{n:06d}@bench\r\nSUMMARY:Request {n} to authority {n % 400}\r\n"
            f"DUE;VALUE=DATE:{day:%Y%m%d}\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\n"
        ))
        (root / "config.py").write_text(
            f'path = "{root / "lists"}/*"\ndate_format = "%Y-%m-%d"\ncache_path = "{root / "cache.sqlite3"}"\n'
        )
        (root / ".generated").write_text("ok\n")
    return [todo, "--config", str(root / "config.py"), "list"], {}


def taskwarrior(count: int, work: Path, extra: list[Path]) -> tuple[list[str], dict] | None:
    task = _find("task", extra)
    if task is None:
        return None
    root = work / f"taskwarrior-{count}"
    env = {"TASKRC": str(root / "taskrc"), "TASKDATA": str(root / "data")}
    if not (root / ".generated").exists():
        shutil.rmtree(root, ignore_errors=True)
        (root / "data").mkdir(parents=True)
        (root / "taskrc").write_text(f"data.location={root / 'data'}\nconfirmation=off\nverbose=nothing\ncolor=off\n")
        rng = random.Random(1)
        tasks = [
            {"description": f"Request {n} to authority {n % 400}", "status": "pending",
             "due": f"{_day(rng):%Y%m%d}T120000Z", "uuid": f"00000000-0000-4000-8000-{n:012d}"}
            for n in range(count)
        ]
        (root / "tasks.json").write_text(json.dumps(tasks))
        subprocess.run([task, "import", str(root / "tasks.json")], env={**os.environ, **env},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        (root / ".generated").write_text("ok\n")
    return [task, "rc.verbose=nothing", "list"], env


def khal(count: int, work: Path, extra: list[Path]) -> tuple[list[str], dict] | None:
    binary = _find("khal", extra)
    if binary is None:
        return None
    root = work / f"khal-{count}"
    vdir = root / "calendars" / "foi"
    if not (root / ".generated").exists():
        shutil.rmtree(root, ignore_errors=True)
        _vdir(vdir, count, lambda n, day: (
            f"BEGIN:VEVENT\r\nUID:item-{n:06d}@bench\r\nSUMMARY:Request {n} due from authority {n % 400}\r\n"
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\nDTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}\r\n"
            f"DTSTAMP:20240101T000000Z\r\nEND:VEVENT\r\n"
        ))
        (root / "config").write_text(
            "[calendars]\n[[foi]]\npath = " + str(vdir) + "\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "[sqlite]\npath = " + str(root / "khal.db") + "\n"
        )
        (root / ".generated").write_text("ok\n")
    end = START + dt.timedelta(days=DAYS + 1)
    return [binary, "-c", str(root / "config"), "list", START.isoformat(), end.isoformat()], {}


PEERS = {"todoman todo list": todoman, "taskwarrior task list": taskwarrior, "khal list": khal}
