"""Writing a file so that a reader, or a crash, never sees half of it.

Every write goes to a temporary file in the same folder (`.NAME.XXXXXXXX.tmp`), is fsynced, then
renamed over the target, so a killed process leaves the old file or the new one, never a torn
one. A new file is written whole under a temporary name first and then hard-linked to its name,
which is atomic and exclusive: the name appears with all its content or not at all, and two
processes can never claim the same name. A process killed at the wrong moment can leave its
temporary file behind; `leftover_target` recognises one, and `foitrack check` explains it.

A write to a symbolic link goes to the file it points at (atomically, in that file's folder), and
a write to a device or pipe (`--out /dev/stdout`) goes straight to it: there is nothing to rename
over. Any failure (a full disk, a read-only folder) is a FoitrackError saying so, with the
target left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import weakref
from pathlib import Path
from typing import Callable

from foitrack.errors import FoitrackError, os_error_text


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
    """What a file holds now; None if there is none, or it is not a regular file (a device such
    as /dev/zero never ends) or cannot be read (then it cannot be written either)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return path.read_bytes()
    except OSError:
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


#: The temporary files `atomic_write` and `create_exclusive` use: `.NAME.XXXXXXXX.tmp` beside
#: NAME, where XXXXXXXX is tempfile's random part.
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def leftover_target(name: str) -> str | None:
    """The name of the file a temporary file of this name was being written to, or None if it
    is not one of foitrack's temporary files."""
    match = TEMP_NAME.match(name)
    return match.group("name") if match else None


def write_failed(path: Path, error: OSError) -> FoitrackError:
    """The error for a write to `path` that did not happen, which leaves it as it was."""
    return FoitrackError(f"cannot write {os_error_text(error, path)}; {path.name} was left as it was")


def write_target(path: Path) -> Path:
    """Where a write to `path` lands: through a symbolic link, the file it points at (so an
    output file kept as a link in a synced folder is updated, not replaced by a copy)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def _write_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """`write_target`, and what is there now (None: nothing yet)."""
    target = write_target(path)
    try:
        return target, os.stat(target)
    except FileNotFoundError:
        return target, None


def _opened(fd_or_path, text: str | bytes):
    """An open file to write `text` to: bytes as they are, text as UTF-8 with no newline
    translation."""
    if isinstance(text, bytes):
        return open(fd_or_path, "wb")
    return open(fd_or_path, "w", encoding="utf-8", newline="")


def _temp_file(target: Path, text: str | bytes) -> str:
    """A temporary file beside `target` holding `text`, flushed to disk; its name."""
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with _opened(fd, text) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove(temp_name)
        raise
    return temp_name


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def atomic_write(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (UTF-8, or bytes as they are) so that readers see the old file
    or the new, never half.

    Through a symbolic link the file it points at is replaced, and the link kept; a device or
    pipe is written to directly. FoitrackError, with nothing changed, if it cannot be done."""
    path = Path(path)
    _note_original(path, lambda: _current(path))
    try:
        target, current = _write_target(path)
        if current is not None and stat.S_ISDIR(current.st_mode):
            raise FoitrackError(f"cannot write {path}: it is a folder, not a file")
        if current is not None and not stat.S_ISREG(current.st_mode):
            _write_stream(path, target, text)
            return
        temp_name = _temp_file(target, text)
        try:
            os.chmod(temp_name, stat.S_IMODE(current.st_mode) if current is not None else 0o644)
            os.replace(temp_name, target)
        except BaseException:
            _remove(temp_name)
            raise
    except OSError as error:
        raise write_failed(path, error) from None
    _fsync_dir(target.parent)


def _write_stream(path: Path, target: Path, text: str | bytes) -> None:
    try:
        with _opened(target, text) as handle:
            handle.write(text)
    except OSError as error:
        raise FoitrackError(f"cannot write {os_error_text(error, path)}") from None


# Errors os.link gives on a file system without hard links (FAT, exFAT, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}


def create_exclusive(path: Path, text: str | bytes) -> bool:
    """Create `path` holding `text` only if no file has that name; False if one does.

    The content is written whole to a temporary file and fsynced, then hard-linked to `path`:
    the link is atomic and fails if the name is taken, so the file appears complete or not at
    all, even if the process is killed at any point. (On a file system without hard links the
    name is claimed with O_EXCL and the content renamed over it.) FoitrackError, with nothing
    created, if it cannot be done."""
    path = Path(path)
    if os.path.lexists(path):
        return False
    try:
        temp_name = _temp_file(path, text)
        try:
            os.chmod(temp_name, 0o644)
            try:
                os.link(temp_name, path)
            except FileExistsError:
                return False
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                if not _claim_and_rename(temp_name, path):
                    return False
        finally:
            _remove(temp_name)
    except OSError as error:
        raise write_failed(path, error) from None
    _note_original(path, lambda: None)  # a new file: nothing of anyone's was there before
    _fsync_dir(path.parent)
    return True


def _claim_and_rename(temp_name: str, path: Path) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    os.close(fd)
    try:
        os.replace(temp_name, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True
