"""What a command about one request does before and besides its own work (issue 16): it lists
requests/ only when what was typed needs the names, builds the directory's index only when a
name needs looking up, and loads no pydantic plugin. The speed itself is measured by
bench/run.py, never here: these tests pin the work left out, and that leaving it out changes
no answer."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foitrack import directory as directory_module
from foitrack.directory import Directory
from foitrack.store.folder import Store

ID = "2023-10-03-camden-parking-fines-ab2c"
CAMDEN = 'authority = "London Borough of Camden"\nsubject = "Parking fines"\nsent = 2023-10-03\n'


@pytest.fixture
def camden(tracker):
    tracker.write(ID, CAMDEN)
    return tracker


@pytest.fixture
def listings(monkeypatch, camden):
    """Every listing of requests/ a command takes (os.listdir and os.scandir of the folder)."""
    taken: list[str] = []
    folder = os.path.realpath(camden.requests)
    real_listdir, real_scandir = os.listdir, os.scandir

    def note(path) -> None:
        if isinstance(path, (str, os.PathLike)) and os.path.realpath(path) == folder:
            taken.append(str(path))

    monkeypatch.setattr(os, "listdir", lambda path=".": note(path) or real_listdir(path))
    monkeypatch.setattr(os, "scandir", lambda path=".": note(path) or real_scandir(path))
    return taken


def old(path: Path) -> None:
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))


def left_long_ago(tracker, random_part: str = "efgh5678") -> Path:
    """A temporary file a write cut off an hour ago left in requests/."""
    path = tracker.requests / f".2023-10-01-barnet-cctv-wx7y.toml.{random_part}.tmp"
    path.write_text("half of some\n")
    old(path)
    return path


# -- the lock's sweep of stale temporary files ---------------------------------------------------


def test_record_by_whole_id_after_a_write_lists_nothing(camden, listings):
    camden.ok("record", ID, "acknowledged", "--on", "2023-10-04")  # sweeps requests/ once, and notes it
    listings.clear()
    result = camden.ok("record", ID, "note", "--text", "called them", "--on", "2023-10-05")
    assert f"Recorded note on 05 Oct 2023 for {ID}" in result.stdout
    assert listings == []
    assert (camden.requests / f"{ID}.toml").read_text(encoding="utf-8").count("[[events]]") == 2


def test_edit_by_whole_id_after_a_write_lists_nothing(camden, listings):
    camden.ok("record", ID, "acknowledged", "--on", "2023-10-04")
    listings.clear()
    camden.ok("edit", ID, "--tag", "parking")
    assert listings == []


def test_a_temporary_file_that_grows_stale_while_the_folder_stands_still_is_cleared(camden):
    fresh = camden.requests / f".{ID}.toml.abcd1234.tmp"
    fresh.write_text("half of some\n")
    camden.ok("record", ID, "acknowledged", "--on", "2023-10-04")
    assert fresh.exists()  # it could belong to a write still going on
    old(fresh)  # an hour later, and nothing added to or taken from requests/ since
    camden.ok("record", ID, "note", "--text", "called them", "--on", "2023-10-05")
    assert not fresh.exists()


def test_a_stale_temporary_file_that_appears_after_the_last_write_is_cleared(camden):
    camden.ok("record", ID, "acknowledged", "--on", "2023-10-04")
    left = left_long_ago(camden)
    camden.ok("record", ID, "note", "--text", "called them", "--on", "2023-10-05")
    assert not left.exists()


def test_without_the_cache_every_lock_sweeps_the_whole_folder(camden, listings, monkeypatch):
    monkeypatch.setenv("FOITRACK_NO_CACHE", "1")
    camden.ok("record", ID, "acknowledged", "--on", "2023-10-04")
    left = left_long_ago(camden)
    listings.clear()
    camden.ok("record", ID, "note", "--text", "called them", "--on", "2023-10-05")
    assert listings  # swept in full
    assert not (camden.root / ".foitrack" / "cache" / "swept.json").exists()
    assert not left.exists()


def test_a_holder_that_fails_leaves_no_note_and_a_holder_takes_the_note_away(camden):
    store = Store(camden.root)
    note = store.cache_dir / "swept.json"
    with store.lock():
        pass
    assert note.exists()  # what the sweep found, for the next holder
    with store.lock():
        assert not note.exists()  # killed in here, it would leave none: the next holder sweeps it all
    with pytest.raises(RuntimeError):
        with store.lock():
            (camden.requests / f".{ID}.toml.ijkl9012.tmp").write_text("half\n")
            raise RuntimeError("cut off")
    assert not note.exists()


def test_a_note_for_another_state_of_the_folder_is_not_trusted(camden):
    store = Store(camden.root)
    with store.lock():
        pass
    left = left_long_ago(camden, "mnop3456")
    with store.lock():
        pass
    assert not left.exists()


def test_a_broken_note_means_a_full_sweep(camden):
    store = Store(camden.root)
    with store.lock():
        pass
    left = left_long_ago(camden, "qrst7890")
    for text in ("{not json", '{"version": 1, "folder": null, "young": []}', '{"version": 1, "young": "x"}', "[]"):
        (store.cache_dir / "swept.json").write_text(text)
        with store.lock():
            pass
    assert not left.exists()


# -- the directory's index ----------------------------------------------------------------------


def test_a_canonical_name_is_found_without_building_the_index(monkeypatch):
    directory_module._shipped_index.cache_clear()
    calls: list[str] = []
    real = directory_module.normalise_name
    monkeypatch.setattr(directory_module, "normalise_name", lambda text: calls.append(text) or real(text))
    directory = Directory.load({})
    assert directory.get("London Borough of Camden").name == "London Borough of Camden"
    assert calls == []
    # A lookup that needs the index builds it, with the same answers as ever.
    assert directory.resolve("the Met").authority.name == "Metropolitan Police Service"
    assert directory.resolve("WCC").ambiguous
    assert len(calls) > 1000
    directory_module._shipped_index.cache_clear()


def test_a_tracker_entry_still_claims_its_aliases_with_the_index_built_late():
    directory = Directory.load({"Camden Parking": {"aliases": ["CPZ office"], "email": "foi@camden.example"}})
    assert directory.resolve("cpz office").authority.name == "Camden Parking"
    assert directory.get("London Borough of Camden") is not None


def test_show_by_whole_id_lists_nothing(camden, listings):
    result = camden.ok("show", ID, "--json", as_of="2023-10-10")
    assert result.json()["id"] == ID
    assert listings == []


# -- pydantic plugins ----------------------------------------------------------------------------


def test_no_pydantic_plugin_is_loaded(camden, tmp_path):
    """A pydantic plugin installed beside foitrack (an entry point in the 'pydantic' group) is
    not imported when foitrack runs; the environment can still ask for plugins."""
    site = tmp_path / "site"
    info = site / "spyplugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spyplugin:plugin\n")
    marker = tmp_path / "loaded"
    (site / "spyplugin.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('yes')\n"
        "class _Plugin:\n    def new_schema_validator(self, *args, **kwargs):\n        return None, None, None\n"
        "plugin = _Plugin()\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    environment["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [environment.get("PYTHONPATH")])])
    argv = [sys.executable, "-m", "foitrack", "--dir", str(camden.root), "--as-of", "2023-10-10", "show", ID, "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    # PYDANTIC_DISABLE_PLUGINS set to something else is the user's to decide.
    done = subprocess.run(argv, capture_output=True, text=True, env={**environment, "PYDANTIC_DISABLE_PLUGINS": ""}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert marker.exists()


# -- requests/'s listing, kept under the folder's stat --------------------------------------------


def settled(tracker) -> None:
    """requests/ as it is when nothing has changed in it for an hour."""
    old(tracker.requests)


def test_a_piece_of_an_id_is_found_without_listing_a_folder_that_has_not_changed(camden, listings):
    settled(camden)
    assert camden.ok("show", "ab2c", "--json", as_of="2023-10-10").json()["id"] == ID
    assert len(listings) == 1
    listings.clear()
    assert camden.ok("show", "ab2c", "--json", as_of="2023-10-10").json()["id"] == ID
    assert camden.ok("show", "parking", "--json", as_of="2023-10-10").json()["id"] == ID
    assert listings == []


def test_a_request_added_since_is_seen_however_its_folder_times_look(camden):
    settled(camden)
    camden.ok("show", "ab2c", as_of="2023-10-10")  # the listing is kept
    camden.write("2023-10-03-barnet-parking-fines-ab2d", CAMDEN.replace("Camden", "Barnet"))
    settled(camden)  # even with the folder's modification time set back (its change time moves)
    result = camden.run("show", "parking", as_of="2023-10-10")
    assert result.exit_code == 2
    assert ID in result.stderr and "2023-10-03-barnet-parking-fines-ab2d" in result.stderr


def test_a_request_removed_since_is_not_named(camden):
    other = camden.write("2023-10-03-barnet-cctv-gh7k", CAMDEN.replace("Camden", "Barnet").replace("Parking fines", "CCTV"))
    settled(camden)
    camden.ok("show", "gh7k", as_of="2023-10-10")
    other.unlink()
    result = camden.run("show", "gh7k", as_of="2023-10-10")
    assert result.exit_code == 2 and "no request id contains 'gh7k'" in result.stderr


def test_a_folder_changed_moments_ago_is_listed_every_time(camden, listings):
    camden.ok("show", "ab2c", "--json", as_of="2023-10-10")
    camden.ok("show", "ab2c", "--json", as_of="2023-10-10")
    assert len(listings) == 2
    assert not (camden.root / ".foitrack" / "cache" / "names.msgpack").exists()


def test_a_broken_kept_listing_is_listed_again(camden, listings):
    settled(camden)
    camden.ok("show", "ab2c", as_of="2023-10-10")
    (camden.root / ".foitrack" / "cache" / "names.msgpack").write_bytes(b"\x93\x01garbage")
    listings.clear()
    assert camden.ok("show", "ab2c", "--json", as_of="2023-10-10").json()["id"] == ID
    assert len(listings) == 1


def test_a_kept_listing_for_this_folder_that_does_not_decode_is_listed_again(camden, listings):
    settled(camden)
    camden.ok("show", "ab2c", as_of="2023-10-10")
    kept = camden.root / ".foitrack" / "cache" / "names.msgpack"
    header = kept.read_bytes().split(b"\n", 1)[0]
    kept.write_bytes(header + b"\n\xc1 not msgpack")
    listings.clear()
    assert camden.ok("show", "ab2c", "--json", as_of="2023-10-10").json()["id"] == ID
    assert len(listings) == 1
