"""Writing a file so that a reader, or a crash, never sees half of it.

Every write goes to a temporary file in the same folder, is fsynced, then renamed over the target,
so a killed process leaves the old file or the new one, never a torn one; a new file's name is
claimed with O_EXCL first, so two processes can never claim the same name.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from pathlib import Path
from typing import Callable


class Originals:
    """What each file under `root` held before this process first replaced it with
    `atomic_write` (None: there was no file), until `pop`ped.

    The git hook uses it to tell a user's uncommitted edits from foitrack's own change: whatever
    a file held before foitrack wrote to it is the user's, and is committed on its own first. It
    sees every writer that uses `atomic_write` or `create_exclusive`, so a new command that
    writes a request file or foitrack.toml is covered without doing anything."""

    def __init__(self, root: Path):
        self.root = os.path.abspath(root)
        self._held: dict[str, bytes | None] = {}
        _originals.add(self)

    def _covers(self, key: str) -> bool:
        return key.startswith(self.root + os.sep)

    def _note(self, key: str, read: Callable[[], bytes | None]) -> None:
        if key not in self._held and self._covers(key):
            self._held[key] = read()

    def pop(self, path: Path) -> tuple[bool, bytes | None]:
        """(known, content): whether foitrack replaced the file since the last pop, and what it
        held before (None if foitrack created it)."""
        key = os.path.abspath(path)
        if key in self._held:
            return True, self._held.pop(key)
        return False, None


_originals: weakref.WeakSet[Originals] = weakref.WeakSet()


def _note_original(path: Path, read: Callable[[], bytes | None]) -> None:
    if not _originals:
        return
    key = os.path.abspath(path)
    content: list[bytes | None] = []

    def once() -> bytes | None:  # read the file at most once however many are watching
        if not content:
            content.append(read())
        return content[0]

    for originals in list(_originals):
        originals._note(key, once)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (UTF-8, or bytes as they are) so that readers see the old file
    or the new, never half."""
    _note_original(path, lambda: _current(path))
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    binary = isinstance(text, bytes)
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def create_exclusive(path: Path, text: str | bytes) -> bool:
    """Create `path` holding `text` only if no file has that name; False if one does.

    The name is claimed with O_EXCL first, then the content arrives by atomic rename, so the
    file is never seen half-written.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    os.close(fd)
    _note_original(path, lambda: None)  # a new file: nothing of anyone's was there before
    try:
        atomic_write(path, text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True
