"""Writes that are cut off: a process killed with SIGKILL at every step of `new` and `record`
(a real process, killed exactly there: see processes.py), the leftovers `check` explains and
`check --clean` clears, a batch run again after it was cut off, and temporary files cleaned up."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import pytest

from processes import foitrack, was_killed

BATCH = ["new", "-a", "Camden Council", "-a", "Hackney Council", "-s", "Parking fines", "--sent", "2023-10-03"]


def request_files(root: Path) -> dict[str, dict]:
    """Every request file, parsed: a torn or empty one fails the test here."""
    files = {}
    for path in sorted((root / "requests").glob("*.toml")):
        raw = path.read_bytes()
        assert raw, f"{path.name} is empty"
        files[path.name] = tomllib.loads(raw.decode("utf-8"))
    return files


def hidden(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "requests").glob(".*.tmp"))


@pytest.fixture
def root(tracker) -> Path:
    return tracker.root


@pytest.fixture
def run(tracker):
    """foitrack in this process (quicker), for the steps no one kills."""

    def run(*args: str):
        result = tracker.run(*args)
        result.returncode = result.exit_code
        return result

    return run


# Each step of writing a batch of two new request files, in order; the kill comes just before it.
NEW_STEPS = [
    ("tempfile.mkstemp", "requests", 1),  # the first file's temporary copy is about to be made
    ("os.chmod", "requests", 1),  # written and flushed, not yet given its name
    ("os.link", "requests", 1),  # about to be given its name
    ("os.remove", "requests", 1),  # named; the temporary name not yet removed
    ("tempfile.mkstemp", "requests", 2),  # the first file done, the second not begun
    ("os.link", "requests", 2),  # the second about to be named
]


@pytest.mark.parametrize("step", NEW_STEPS, ids=lambda step: f"{step[0]}#{step[2]}")
def test_new_killed_at_any_step_leaves_whole_files_and_a_rerun_logs_only_what_is_missing(root, step, run):
    killed = foitrack(root, *BATCH, killed_at=step)
    assert was_killed(killed), killed.stderr
    before = request_files(root)  # whole files or none: never an empty or torn one
    assert len(before) <= 2

    again = run(*BATCH)
    assert again.returncode == 0, again.stderr
    after = request_files(root)
    assert sorted(data["authority"] for data in after.values()) == [
        "London Borough of Camden",
        "London Borough of Hackney",
    ]
    assert {name: data for name, data in after.items() if name in before} == before
    if len(before) == 1:
        assert "1 of the 2 requests of batch 2023-10-03-parking-fines were already logged" in again.stderr
        assert "logged only the 1 missing" in again.stderr

    cleaned = run("check", "--clean")
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    assert hidden(root) == []
    assert request_files(root) == after


def test_a_batch_run_again_when_all_of_it_is_logged_logs_nothing_and_says_so(root, run):
    assert run(*BATCH).returncode == 0
    again = run(*BATCH)
    assert again.returncode == 0
    assert "2 of the 2 requests of batch 2023-10-03-parking-fines were already logged" in again.stderr
    assert "nothing new to log" in again.stderr
    assert len(request_files(root)) == 2


def test_a_single_duplicate_is_still_refused(root, run):
    single = ["new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03"]
    assert run(*single).returncode == 0
    again = run(*single)
    assert again.returncode == 2 and "--allow-duplicate" in again.stderr
    assert len(request_files(root)) == 1


@pytest.mark.parametrize("step", [("tempfile.mkstemp", "requests", 1), ("os.rename", "requests", 1)])
def test_record_killed_mid_write_leaves_the_file_as_it_was(root, step, run):
    assert run("new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03").returncode == 0
    [path] = (root / "requests").glob("*.toml")
    before = path.read_bytes()
    killed = foitrack(root, "record", "camden", "acknowledged", "--on", "2023-10-04", killed_at=step)
    assert was_killed(killed)
    assert path.read_bytes() == before
    assert run("record", "camden", "acknowledged", "--on", "2023-10-04").returncode == 0
    assert [event["type"] for event in tomllib.loads(path.read_text())["events"]] == ["acknowledged"]


def test_check_explains_each_leftover_and_clean_clears_them(root, run):
    # An update cut off after its temporary file was written, and a new request cut off
    # before it was named: both by real kills.
    assert run("new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03").returncode == 0
    [path] = (root / "requests").glob("*.toml")
    before = path.read_bytes()
    assert was_killed(foitrack(root, "record", "camden", "acknowledged", "--on", "2023-10-04", killed_at=("os.rename", "requests", 1)))
    assert was_killed(foitrack(root, "new", "-a", "Hackney Council", "-s", "Rats", "--sent", "2023-10-03", killed_at=("os.link", "requests", 1)))
    assert len(hidden(root)) == 2

    check = run("check")
    assert check.returncode == 1
    lines = check.stdout.strip().splitlines()
    assert len(lines) == 2
    update = next(line for line in lines if path.name in line.split(":", 1)[0])
    assert f"left by an update to {path.name} that was cut off before it was saved" in update
    assert "'foitrack check --clean' deletes it" in update
    create = next(line for line in lines if line is not update)
    assert "left by a new file (London Borough of Hackney: Rats) cut off before it was saved" in create

    clean = run("check", "--clean")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stderr.count(f"foitrack: deleted {root / 'requests'}/.") == 2
    assert "The request file is valid." in clean.stdout
    assert hidden(root) == [] and path.read_bytes() == before


EMPTY_BESIDE_ITS_CONTENT = """\
authority = "London Borough of Camden"
subject = "Parking fines"
sent = 2023-10-03
"""


def test_an_empty_file_beside_a_copy_of_its_content_is_explained_and_put_back(root, run):
    # What a create cut off between claiming the name and renaming the content over it left
    # (foitrack's old way of creating files): an empty request file and its content, hidden.
    empty = root / "requests" / "2023-10-03-camden-parking-fines-ab12.toml"
    empty.write_bytes(b"")
    (root / "requests" / ".2023-10-03-camden-parking-fines-ab12.toml.k2_9xq3z.tmp").write_text(EMPTY_BESIDE_ITS_CONTENT)
    check = run("check")
    assert check.returncode == 1
    assert (
        "holds the content of 2023-10-03-camden-parking-fines-ab12.toml (London Borough of Camden: "
        "Parking fines), which a cut-off write left empty; 'foitrack check --clean' puts it back"
    ) in check.stdout
    assert f"{empty}:1: the file is empty (0 bytes)" in check.stdout
    assert "missing required key" not in check.stdout

    clean = run("check", "--clean")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert f"put back {empty} (London Borough of Camden: Parking fines)" in clean.stderr
    assert empty.read_text() == EMPTY_BESIDE_ITS_CONTENT and hidden(root) == []


def test_an_empty_request_file_alone_is_named_and_removed_by_clean(root, run):
    empty = root / "requests" / "emptied.toml"
    empty.write_bytes(b"")
    listed = run("list")
    assert f"skipped {empty}:1: the file is empty (0 bytes)" in listed.stderr
    clean = run("check", "--clean")
    assert clean.returncode == 0 and f"removed empty file {empty}" in clean.stderr
    assert not empty.exists()


def test_a_write_command_clears_temporary_files_left_long_ago_but_never_a_fresh_one(root, run):
    assert run("new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03").returncode == 0
    old = root / "requests" / ".old.toml.abcd1234.tmp"
    fresh = root / "requests" / ".fresh.toml.efgh5678.tmp"
    settings_copy = root / ".foitrack.toml.ijkl9012.tmp"
    for path in (old, fresh, settings_copy):
        path.write_text("half of some\n")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(settings_copy, (hour_ago, hour_ago))
    assert run("record", "camden", "note", "--text", "called them").returncode == 0
    assert not old.exists() and not settings_copy.exists()
    assert fresh.exists()  # it could belong to a write still going on


def test_temporary_files_of_other_programs_in_the_tracker_folder_are_left_alone(root, run):
    assert run("new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03").returncode == 0
    theirs = [root / ".notes.txt.abcd1234.tmp", root / "requests" / ".photo.jpg.efgh5678.tmp"]
    for path in theirs:
        path.write_text("someone else's\n")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    assert run("record", "camden", "note", "--text", "called them").returncode == 0
    assert run("check", "--clean").returncode == 0
    assert all(path.read_text() == "someone else's\n" for path in theirs)


def test_clearing_leftovers_while_others_write_loses_nothing(root, run):
    """Real processes at once: writers recording on one request, and `check --clean` clearing
    leftovers beside them. Every note is kept, no file is torn, nothing is left behind."""
    import subprocess

    from processes import _bench

    assert run("new", "-a", "Camden Council", "-s", "Parking fines", "--sent", "2023-10-03").returncode == 0
    (root / "requests" / ".old.toml.abcd1234.tmp").write_text("half of some\n")
    argvs = [_bench.command(root, ["record", "camden", "note", "--text", f"note {n}", "--on", "2023-10-04"]) for n in range(6)]
    argvs += [_bench.command(root, ["check", "--clean"]) for _ in range(3)]
    processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_bench.environment()) for argv in argvs]
    results = [(process.wait(timeout=120), process.stderr.read().decode()) for process in processes]
    assert all(code == 0 for code, _ in results), [result for result in results if result[0]]
    [data] = request_files(root).values()
    assert sorted(event["text"] for event in data["events"]) == [f"note {n}" for n in range(6)]
    assert hidden(root) == []
