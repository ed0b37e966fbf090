"""What a cut-off write leaves in `requests/`, and sweeping it up: `Leftover` (a temp file a killed
command left, or a request file emptied), found by `Store.leftovers`, explained by `check` and
removed (or put back) by `check --clean`; taking the lock clears the stale ones, and lists the
folder for them only when it changed since the last holder let go.

`Sweeping` is mixed into `foitrack.store.folder.Store`, whose folder and lock it works in.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from foitrack.errors import FoitrackError, Problem, os_error_text
from foitrack.store import parsecache
from foitrack.store.atomic import leftover_target
from foitrack.store.parsing import REQUESTS_DIR, is_request_name, parse_bytes

#: What foitrack writes in the tracker folder itself (settings.SETTINGS_FILE, and the git
#: attributes that name its merge driver): the only temporary files there that are its own.
OWN_ROOT_FILES = ("foitrack.toml", ".gitattributes")

# A temporary file this old, found while holding the lock, belongs to no running write: every
# writer of requests/ holds the lock while it writes (and none takes this long).
STALE_SECONDS = 60


@dataclass(frozen=True)
class Leftover:
    """Something a cut-off write left behind, and what to do about it. Kinds:

    - "copy": a temporary file holding exactly what its target holds (the write finished; only
      the clearing up did not): delete it.
    - "update": a temporary file beside a target it differs from: an update cut off before it was
      saved, so the target is as it was before the command ran: delete it.
    - "create": a temporary file with no target: a new file cut off before it was saved (the
      request was never logged): delete it.
    - "restore": a temporary file holding a whole request beside an empty target (the mark of a
      create cut off by an older foitrack): put it in place.
    - "empty": an empty request file with nothing to restore it from: remove it.
    - "cache": a temporary file of foitrack's own cache or state folder: delete it.
    """

    path: Path
    target: Path
    kind: str
    what: str = ""  # for a request: ' (Authority: subject)'

    def explain(self) -> str:
        name = self.target.name
        clean = "'foitrack check --clean'"
        return {
            "copy": f"left by an interrupted write: a copy of {name}, which holds the same; {clean} deletes it",
            "update": (
                f"left by an update to {name} that was cut off before it was saved ({name} is as it was "
                f"before that command); {clean} deletes it"
            ),
            "create": (
                f"left by a new file{self.what} cut off before it was saved, so it was never logged; "
                f"{clean} deletes it (log the request again if you still need it)"
            ),
            "restore": (
                f"holds the content of {name}{self.what}, which a cut-off write left empty; {clean} puts it back"
            ),
            "empty": f"the file is empty (0 bytes): a write that was cut off, or an emptied file; {clean} removes it",
            "cache": f"left by an interrupted write of foitrack's cache; {clean} deletes it",
        }[self.kind]

    def problem(self) -> Problem:
        return Problem(self.path, 1, self.explain())


def _classify(path: Path, target: Path, kind: str | None) -> Leftover:
    if kind is not None:
        return Leftover(path, target, kind)
    try:
        held = target.read_bytes()
    except FileNotFoundError:
        held = None
    except OSError:
        held = b"?"  # unreadable: certainly not empty, and never to be replaced
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    what = _what(path, target, raw)
    if held is None:
        return Leftover(path, target, "create", what)
    if raw is not None and raw == held:
        return Leftover(path, target, "copy")
    if not held and what:
        return Leftover(path, target, "restore", what)
    return Leftover(path, target, "create" if not held else "update", what)


def _what(path: Path, target: Path, raw: bytes | None) -> str:
    """' (Authority: subject)' when `raw` is a whole request file for `target`, else ''."""
    if raw is None or not is_request_name(target.name) or target.parent.name != REQUESTS_DIR:
        return ""
    loaded = parse_bytes(path, raw, target.stem)
    if loaded.request is None:
        return ""
    return f" ({loaded.request.authority}: {loaded.request.subject})"


class Sweeping:
    """The leftover-finding and sweeping part of `Store` (see the module's docstring)."""

    def leftovers(self, *, empty_files: bool = True, requests_names: list[str] | None = None) -> list[Leftover]:
        """What writes that were cut off (a killed process, a crash, a full disk) left behind:
        foitrack's temporary files in requests/, beside foitrack.toml and in its state folder,
        and (unless not `empty_files`, which saves a stat of every request file) request files
        that are empty. See `Leftover` for what each kind is. `requests_names`: look only at
        these names in requests/ (those still there), not at its listing."""
        found: list[Leftover] = []
        # Only temporary files of what foitrack itself writes there: the tracker folder may hold
        # other programs' files, and a temporary file of theirs is never ours to delete.
        places = (
            (None, None, lambda target: is_request_name(target) or target == "README.md"),  # requests/
            (self.root, None, lambda target: target in OWN_ROOT_FILES),
            (self.state_dir, "cache", lambda target: True),
            (self.cache_dir, "cache", lambda target: True),
        )
        for folder, kind, ours in places:
            try:  # a listing, not a scan: no object per file of 100,000
                if folder is None and requests_names is not None:
                    listed = [name for name in requests_names if os.path.lexists(self.requests_dir / name)]
                else:
                    listed = self.names() if folder is None else os.listdir(folder)
            except (OSError, FoitrackError):
                continue
            folder = folder or self.requests_dir
            names = sorted(name for name in listed if name.startswith("."))
            for name in names:
                target = leftover_target(name)
                if target is not None and ours(target):
                    found.append(_classify(folder / name, folder / target, kind))
        if not empty_files:
            return found
        restoring = {leftover.target for leftover in found if leftover.kind == "restore"}
        try:
            entries = self.scan()[0]
        except FoitrackError:
            entries = []
        for entry in entries:
            path = self.requests_dir / entry.name
            try:
                empty = entry.stat().st_size == 0
            except OSError:
                continue
            if empty and path not in restoring:
                found.append(Leftover(path, path, "empty"))
        return found

    @property
    def _swept_path(self) -> Path:
        return self.cache_dir / "swept.json"

    def _take_swept(self) -> list[str] | None:
        """The temporary files in requests/ the last holder's sweep left, if requests/ has not
        changed since it let go of the lock (else None: sweep it all); the note is removed."""
        if not parsecache.enabled():
            return None
        try:
            raw = self._swept_path.read_bytes()
            self._swept_path.unlink()
        except OSError:
            return None
        import json

        try:
            note = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(note, dict) or note.get("version") != 1:
            return None
        key, young = note.get("folder"), note.get("young")
        if not isinstance(young, list) or not all(isinstance(name, str) for name in young):
            return None
        return young if key is not None and key == self._folder_key() else None

    def _keep_swept(self) -> None:
        """Leave the note `_take_swept` reads (the holder swept requests/ and ends normally)."""
        if self._young is None or not parsecache.enabled():
            return
        key = self._folder_key()
        if key is None:
            return
        import json

        note = {"version": 1, "folder": key, "young": sorted(self._young)}
        try:
            self.cache_dir.mkdir(exist_ok=True)
            parsecache.write_disposable(self._swept_path, json.dumps(note).encode())
        except OSError:  # a note saves time only: without one, the next holder sweeps it all
            pass

    def _sweep_stale(self, swept: list[str] | None) -> None:
        """Clear stale temporary files (taking the lock): in requests/, only the names `swept`
        holds when the last holder's note says nothing else can be there, else every name."""
        found = self.leftovers(empty_files=False, requests_names=swept)
        cleared = {leftover.path for leftover in self._clean(found, stale_only=True)}
        self._young = [
            leftover.path.name for leftover in found
            if leftover.path.parent == self.requests_dir and leftover.path not in cleared
        ]

    def clean_leftovers(self, *, stale_only: bool = False) -> list[Leftover]:
        """Clear away leftovers (the caller holds the lock): temporary files are deleted, an
        empty request file whose content a temporary file holds gets it back, and an empty
        request file with nothing to restore is removed. `stale_only`: only temporary files
        older than STALE_SECONDS that hold nothing a request file lacks (what taking the lock
        does, quietly). Returns what was done."""
        return self._clean(self.leftovers(empty_files=not stale_only), stale_only=stale_only)

    def _clean(self, leftovers: list[Leftover], *, stale_only: bool) -> list[Leftover]:
        done: list[Leftover] = []
        now = time.time()
        for leftover in leftovers:
            if stale_only:
                if leftover.kind in ("restore", "empty"):
                    continue
                try:
                    if now - leftover.path.stat().st_mtime < STALE_SECONDS:
                        continue
                except OSError:
                    continue
            try:
                if leftover.kind == "restore":
                    held = leftover.target.stat()
                    if held.st_size != 0:
                        continue  # filled in since: nothing to restore
                    os.chmod(leftover.path, held.st_mode & 0o777)
                    os.replace(leftover.path, leftover.target)
                elif leftover.kind == "empty":
                    if leftover.path.stat().st_size != 0:
                        continue
                    leftover.path.unlink()
                else:
                    leftover.path.unlink()
            except FileNotFoundError:
                continue
            except OSError as error:
                if stale_only:
                    continue
                raise FoitrackError(f"cannot clean up: {os_error_text(error, leftover.path)}") from None
            done.append(leftover)
        if done:
            self._names = None  # the folder changed
        return done
