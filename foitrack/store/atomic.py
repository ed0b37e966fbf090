"""Writing a file so that a reader, or a crash, never sees half of it.

Every write goes to a temporary file in the same folder, is fsynced, then renamed over the target,
so a killed process leaves the old file or the new one, never a torn one; a new file's name is
claimed with O_EXCL first, so two processes can never claim the same name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that readers see the old file or the new, never half."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
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


def create_exclusive(path: Path, text: str) -> bool:
    """Create `path` holding `text` only if no file has that name; False if one does.

    The name is claimed with O_EXCL first, then the content arrives by atomic rename, so the
    file is never seen half-written.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    os.close(fd)
    try:
        atomic_write(path, text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True
