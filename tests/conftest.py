"""Shared test helpers: a temp tracker folder, literal request files, and a CLI runner."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

from foitrack.cli import app
from mailservers import dovecot, dropping_imap_server, rude_smtp_server, smtp_server  # noqa: F401  (fixtures: real mail servers)


# Property tests: no per-example time limit (the first example builds a calendar, which a busy
# machine may take a while over), and the same examples every run on CI so a red build is
# reproducible; locally they vary, to keep finding new cases.
hypothesis_settings.register_profile("foitrack", deadline=None, derandomize=bool(os.environ.get("CI")))
hypothesis_settings.load_profile("foitrack")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class TrackerFolder:
    """A tracker in a temp folder, driven through the real command line."""

    def __init__(self, root: Path):
        self.root = root
        self.requests = root / "requests"
        self.requests.mkdir(parents=True, exist_ok=True)
        self.runner = CliRunner()

    def write(self, name: str, text: str) -> Path:
        """Write a request file exactly as a user would type it."""
        path = self.requests / (name if name.endswith(".toml") else f"{name}.toml")
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def settings(self, text: str) -> Path:
        path = self.root / "foitrack.toml"
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def run(self, *args: str, as_of: str | None = None, today: str | None = None, env: dict | None = None) -> Run:
        """Run foitrack as a user would. `as_of` passes --as-of; `today` instead sets the clock
        (for commands that act now and so refuse --as-of, such as chase --send)."""
        argv = ["--dir", str(self.root)]
        if as_of:
            argv += ["--as-of", as_of]
        with on_day(today):
            result = self.runner.invoke(app, argv + list(args), env=env or {"COLUMNS": "200"})
        return Run(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, as_of: str | None = None, today: str | None = None) -> Run:
        result = self.run(*args, as_of=as_of, today=today)
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result


def on_day(day: str | None):
    """The clock moved to 10:00 London time on `day` (ISO), running on from there; no change for
    None. foitrack's today, and the Date: of the mail it writes, follow it."""
    if day is None:
        return contextlib.nullcontext()
    import time_machine

    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=ZoneInfo("Europe/London"))
    return time_machine.travel(moment, tick=True)


@pytest.fixture
def tracker(tmp_path: Path) -> TrackerFolder:
    return TrackerFolder(tmp_path / "tracker")


@pytest.fixture(autouse=True)
def _no_git_above_tmp(tmp_path, monkeypatch):
    """foitrack commits changes when a tracker is inside a git work tree. Stop git looking above
    each test's temp folder, so a test can never commit into a repository that happens to hold
    the temp folder (a TMPDIR inside a checkout)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
