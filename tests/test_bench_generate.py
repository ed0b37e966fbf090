"""bench/generate.py writes valid, varied, reproducible trackers (speed itself is measured in bench/run.py)."""

from __future__ import annotations

import collections
import importlib.util
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from foitrack.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_tracker_is_valid_varied_and_reproducible(tmp_path):
    generate = _generator().generate
    assert generate(50, tmp_path / "a", seed=7) == 50
    runner = CliRunner()
    check = runner.invoke(app, ["--dir", str(tmp_path / "a"), "check"])
    assert check.exit_code == 0, check.stdout + check.stderr
    assert "All 50 request files are valid." in check.stdout

    files = sorted((tmp_path / "a" / "requests").glob("*.toml"))
    assert len(files) == 50
    data = [tomllib.loads(path.read_text()) for path in files]
    assert len({d["authority"] for d in data}) >= 20  # many authorities
    assert any(d.get("batch") for d in data) and any(not d.get("batch") for d in data)
    words = sorted(len(d["body"].split()) for d in data)
    assert words[0] >= 100 and words[len(words) // 2] >= 150  # a few hundred words
    events = collections.Counter(e["type"] for d in data for e in d.get("events", []))
    for kind in ("acknowledged", "responded"):
        assert events[kind] >= 10, events
    assert any("exemptions" in e for d in data for e in d.get("events", []))
    assert all(e["date"] <= _generator().dt.date(2024, 6, 28) for d in data for e in d.get("events", []))

    # The same seed gives the same files, byte for byte; another seed does not.
    generate(50, tmp_path / "b", seed=7)
    again = sorted((tmp_path / "b" / "requests").glob("*.toml"))
    assert [p.name for p in again] == [p.name for p in files]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(files, again))
    generate(50, tmp_path / "c", seed=8)
    assert sorted(p.name for p in (tmp_path / "c" / "requests").glob("*.toml")) != [p.name for p in files]


def test_statuses_cover_the_range_at_scale(tmp_path):
    """At 400 requests as at the cut-off date, the usual statuses all turn up."""
    _generator().generate(400, tmp_path / "t", seed=1)
    result = CliRunner().invoke(app, ["--dir", str(tmp_path / "t"), "--as-of", "2024-06-28", "list", "--json"])
    assert result.exit_code == 0, result.stderr
    import json

    statuses = collections.Counter(row["status"] for row in json.loads(result.stdout))
    for status in ("answered", "very-overdue", "review-requested", "withdrawn"):
        assert statuses[status] >= 1, statuses
    assert statuses["answered"] > sum(statuses.values()) / 2
