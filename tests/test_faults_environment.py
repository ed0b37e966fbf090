"""Faults of the machine rather than the user: folders and files that cannot be read or written,
a full disk, output to a full device, foitrack's own state folder in the wrong shape, file names
that are not UTF-8, and --out through a symbolic link. Each is one plain line saying what to do,
with nothing half-written; never an empty answer, never "internal error"."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from processes import CAMDEN, HACKNEY, environment, foitrack



def one_error_line(stderr: str) -> str:
    """The only line on stderr, which must be foitrack's own error line."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("foitrack: error: "), stderr
    assert "internal error" not in lines[0] and "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def root(tracker):
    tracker.write("camden", CAMDEN)
    tracker.write("hackney", HACKNEY)
    return tracker.root


@pytest.fixture
def restore_permissions(root):
    yield
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


# -- what cannot be read ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["due"], ["report"], ["export"], ["check"], ["list", "--json"]])
def test_an_unreadable_requests_folder_is_an_error_never_an_empty_tracker(root, restore_permissions, command):
    os.chmod(root / "requests", 0)
    result = foitrack(root, *command, unprivileged=True)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert f"cannot read the requests folder: {root / 'requests'}: Permission denied" in line
    assert result.stdout == ""


def test_an_unreadable_request_file_is_named_and_the_rest_still_shown_with_exit_1(root, restore_permissions):
    os.chmod(root / "requests" / "camden.toml", 0)
    result = foitrack(root, "list", unprivileged=True)
    assert result.returncode == 1
    assert "London Borough of Hackney" in result.stdout and "Camden" not in result.stdout
    line = one_error_line(result.stderr)
    assert f"{root / 'requests' / 'camden.toml'}:1: cannot read it: Permission denied" in line


# -- what cannot be written ------------------------------------------------------------------------


def test_a_read_only_tracker_is_read_and_a_change_refused_in_one_line(root, restore_permissions):
    assert foitrack(root, "list").returncode == 0  # the state folder exists, as in any used tracker
    before = {path: path.read_bytes() for path in (root / "requests").iterdir()}
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o555)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
    assert foitrack(root, "list", unprivileged=True).returncode == 0
    result = foitrack(root, "record", "camden", "acknowledged", "--on", "2023-06-02", unprivileged=True)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert "cannot take the tracker's lock" in line and "Permission denied" in line and "nothing was changed" in line
    assert {path: path.read_bytes() for path in (root / "requests").iterdir()} == before


def test_init_where_nothing_can_be_created_says_so(tmp_path, restore_permissions, root):
    locked = root / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    result = foitrack(locked / "tracker", "init", unprivileged=True)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert f"cannot create a tracker there: {locked / 'tracker'}: Permission denied" in line
    assert not (locked / "tracker").exists()


def test_a_full_disk_fails_a_record_in_one_line_and_leaves_the_file_as_it_was(root):
    path = root / "requests" / "camden.toml"
    before = path.read_bytes()
    # Files may not grow past their present size (RLIMIT_FSIZE): appending an event cannot be written.
    result = foitrack(root, "record", "camden", "acknowledged", "--on", "2023-06-02", max_file_size=len(before))
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert f"cannot write {path}: File too large" in line and "camden.toml was left as it was" in line
    assert path.read_bytes() == before
    assert not list((root / "requests").glob(".*.tmp"))


def test_a_full_disk_part_way_through_a_batch_logs_none_of_it(root):
    big = "x" * 200  # a subject long enough that the second file goes past the limit
    args = ["new", "-a", "Barnet", "-a", "Brent", "-s", "Fines", "--sent", "2023-06-05", "--body", big]
    probe = foitrack(root, *args[:-2], "--json")  # the size of a file without the body
    assert probe.returncode == 0
    written = [Path(row["path"]) for row in __import__("json").loads(probe.stdout)]
    limit = max(path.stat().st_size for path in written) + 100
    for path in written:
        path.unlink()
    result = foitrack(root, *args, max_file_size=limit)
    assert result.returncode == 1
    assert "File too large" in one_error_line(result.stderr) and "nothing was logged" in result.stderr
    assert sorted(path.name for path in (root / "requests").iterdir()) == ["camden.toml", "hackney.toml"]


def test_the_record_of_a_full_disk_keeps_the_file_parseable(root):
    # However little room there is, what is on disk stays a whole request file.
    path = root / "requests" / "camden.toml"
    for limit in range(0, path.stat().st_size + 200, 80):
        foitrack(root, "record", "camden", "note", "--text", "n", max_file_size=limit)
        tomllib.loads(path.read_text())
        assert not list((root / "requests").glob(".*.tmp"))


def test_output_to_a_full_device_is_an_error_not_a_success(root):
    for command in (["export"], ["list", "--json"], ["calendar"]):
        with open("/dev/full", "w") as full:
            result = foitrack(root, *command, stdout=full)
        assert result.returncode == 1, command
        assert one_error_line(result.stderr) == (
            "foitrack: error: cannot write the output: No space left on device; free some space, then run "
            "the command again"
        )


def test_out_through_a_link_to_a_full_device_is_an_error_and_the_link_stays(root, tmp_path):
    link = tmp_path / "export.csv"
    link.symlink_to("/dev/full")
    result = foitrack(root, "export", "--out", str(link))
    assert result.returncode == 1
    assert "No space left on device" in one_error_line(result.stderr)
    assert "Wrote" not in result.stdout
    assert link.is_symlink() and os.readlink(link) == "/dev/full"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--out"],
        ["calendar", "--out"],
        ["letter", "camden", "complaint", "--out"],
    ],
)
def test_out_writes_through_a_symbolic_link_to_its_target(tracker, root, tmp_path, command):
    target = tmp_path / "shared" / "latest.txt"
    target.parent.mkdir()
    target.write_text("last week's\n")
    link = tmp_path / "latest.txt"
    link.symlink_to(target)
    result = tracker.run(*command, str(link), as_of="2023-09-01")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() != "last week's\n" and target.read_text().strip()
    assert not list(target.parent.glob(".*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_sqlite_export_through_a_symbolic_link_updates_the_database_it_points_at(tracker, root, tmp_path):
    import sqlite3

    target = tmp_path / "shared" / "foi.db"
    target.parent.mkdir()
    # (with an event and an exemption: a database without them cannot be built yet)
    tracker.ok("respond", "camden", "--outcome", "refused", "-x", "43", "--on", "2023-06-20")
    assert tracker.run("export", "--format", "sqlite", str(target)).exit_code == 0
    tracker.write("barnet", HACKNEY.replace("Hackney", "Barnet").replace("Rats", "Bins"))
    link = tmp_path / "foi.db"
    link.symlink_to(target)
    result = tracker.run("export", "--format", "sqlite", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    with sqlite3.connect(target) as db:
        assert db.execute("select count(*) from requests").fetchone() == (3,)
    assert not list(target.parent.glob(".*.tmp")) and not list(tmp_path.glob(".*.tmp"))


# -- foitrack's own folder in the wrong shape ----------------------------------------------------------


@pytest.mark.parametrize(
    "damage, words",
    [
        ("state file", ".foitrack is a file, but foitrack keeps its lock and cache in a folder of that name"),
        ("lock folder", "write.lock is a folder, but it should be foitrack's lock file"),
        ("lock link", "write.lock is a symbolic link, but it should be foitrack's lock file"),
    ],
)
def test_a_state_folder_in_the_wrong_shape_is_one_line_saying_what_to_do(tracker, root, damage, words):
    state = root / ".foitrack"
    if damage == "state file":
        state.write_text("")
    else:
        state.mkdir()
        if damage == "lock folder":
            (state / "write.lock").mkdir()
        else:
            (state / "write.lock").symlink_to(root / "nowhere" / "write.lock")
    before = (root / "requests" / "camden.toml").read_bytes()
    result = tracker.run("record", "camden", "acknowledged", "--on", "2023-06-02")
    assert result.exit_code == 1
    assert words in one_error_line(result.stderr)
    assert (root / "requests" / "camden.toml").read_bytes() == before
    assert tracker.run("list").exit_code == 0  # reading needs no lock


# -- entries in requests/ that are not request files ---------------------------------------------------


def test_folders_and_dead_links_named_like_request_files_are_named_not_passed_over(tracker, root):
    (root / "requests" / "archive.toml").mkdir()
    (root / "requests" / "moved.toml").symlink_to(root / "elsewhere" / "moved.toml")
    listed = tracker.run("list")
    assert listed.exit_code == 0 and "Camden" in listed.stdout
    assert f"skipped {root / 'requests' / 'archive.toml'}:1: a folder, not a request file" in listed.stderr
    assert (
        f"skipped {root / 'requests' / 'moved.toml'}:1: a symbolic link to {root / 'elsewhere' / 'moved.toml'}, "
        "which does not exist"
    ) in listed.stderr
    check = tracker.run("check")
    assert check.exit_code == 1
    assert "archive.toml:1: a folder" in check.stdout and "moved.toml:1: a symbolic link" in check.stdout


def test_a_file_name_that_is_not_utf8_is_named_and_the_rest_carry_on(root):
    os.rename(root / "requests" / "hackney.toml", os.fsencode(root / "requests") + b"/hackn\xffey.toml")
    # A locale whose standard output refuses what is not UTF-8 (PYTHONIOENCODING=utf-8 is strict).
    env = environment(PYTHONIOENCODING="utf-8")
    named = f"{root / 'requests'}/hackn\\udcffey.toml:1: its name is not UTF-8 text, so it cannot serve as an id"
    for command in (["list"], ["list", "--json"], ["export"], ["due"]):
        result = foitrack(root, *command, env=env)
        assert result.returncode == 0, result.stderr
        assert "London Borough of Camden" in result.stdout
        assert one_line(result.stderr) == f"foitrack: skipped {named} (a request's id is its file name): rename it"
    check = foitrack(root, "check", env=env)
    assert check.returncode == 1 and named in check.stdout
    assert foitrack(root, "record", "camden", "note", "--text", "ok", env=env).returncode == 0


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# -- settings that cannot work -------------------------------------------------------------------------


def test_a_chase_interval_past_the_calendar_is_a_settings_error(tracker, root):
    tracker.settings("[chase]\nevery = 99999999999\n")
    for command in (["chase"], ["due"], ["list"]):
        result = tracker.run(*command)
        assert result.exit_code == 1
        assert "chase.every must be a whole number of working days from 0 to 250" in one_error_line(result.stderr)


def test_a_cafile_that_holds_no_certificate_stops_sending_before_anything_is_done(tracker, root):
    (root / "ca.pem").write_text("not a certificate\n")
    tracker.settings(
        '[requester]\nname = "A"\nemail = "a@example.org"\n\n'
        '[smtp]\nhost = "127.0.0.1"\nport = 2525\ncafile = "ca.pem"\n'
    )
    before = (root / "requests" / "camden.toml").read_bytes()
    result = tracker.run("chase", "--send", "--record", today="2023-09-01")
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "[smtp] cafile" in line and "holds no certificate foitrack can use" in line
    assert (root / "requests" / "camden.toml").read_bytes() == before


def test_a_misspelt_settings_section_is_an_error_naming_its_line_not_silently_ignored(tracker, root):
    # [chse] would have left chase.every at 5 while the user believed it was 3.
    tracker.settings('[requester]\nname = "Sam"\n\n[chse]\nevery = 3\n')
    result = tracker.run("list")
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert "foitrack.toml:4: [chse] is not a setting foitrack knows; did you mean [chase]?" in line
    checked = tracker.run("check")
    assert checked.exit_code == 1 and "foitrack.toml:4: [chse] is not a setting" in checked.stdout
    tracker.settings('chase_every = 3\n')
    assert "chase_every = is not a setting foitrack knows" in one_error_line(tracker.run("list").stderr)
