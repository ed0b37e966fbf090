"""Errors are data: a user-facing message plus the exit code the contract gives it.

`Problem` is the bean-check style record of something wrong in a file: where, and what.
Commands collect problems and report them together instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class FoitrackError(Exception):
    """An error a user can act on. The message is one line saying what is wrong and what to do."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class AlreadyRecorded(FoitrackError):
    """An event for this email (its Message-ID) is already on the request: nothing was written."""


class UsageError(FoitrackError):
    """Bad input on the command line: a value that is not a date, an unknown id, a bad option."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str
    # The file could not be read at all (permissions, a disk error): not a mistake in it, and
    # not something a command may pass over quietly, since what it shows would be incomplete.
    unreadable: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def to_json(self) -> dict:
        return {"path": str(self.path), "line": self.line, "message": self.message}


# What to do about the faults a computer, not a user, causes: a full disk, a read-only folder.
_OS_ADVICE = {
    "ENOSPC": "free some space, then run the command again",
    "EDQUOT": "you are over your disk quota: free some space, then run the command again",
    "EROFS": "it is on a read-only file system: work on a copy that can be written to",
    "EACCES": "you do not have permission there: fix the permissions, or work on a copy",
    "EPERM": "you do not have permission there: fix the permissions, or work on a copy",
    "EFBIG": "the file system (or a limit on file sizes) takes no more: make room, then run the command again",
    "EIO": "the disk reported an input/output error: check the disk, then run the command again",
    "ENAMETOOLONG": "the name is too long for this file system",
    "ELOOP": "it is a symbolic link that leads round in a circle: replace it",
    "ENOTDIR": "part of the path is a file, not a folder",
    "EISDIR": "it is a folder, not a file",
}


def os_error_text(error: OSError, path: object = None) -> str:
    """An operating system's error as one line a person can act on: what failed, on what, and
    what to do ('/x/foitrack.toml: No space left on device; free some space, then run the
    command again'). `path` names the file instead of the one the error names (a temporary
    file's name means nothing to a user)."""
    path = path if path is not None else error.filename
    return (f"{path}: " if path is not None else "") + os_error_reason(error)


def os_error_reason(error: OSError) -> str:
    """`os_error_text` without the file's name: 'Permission denied; you do not have ...'."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    reason = error.strerror or str(error) or type(error).__name__
    advice = _OS_ADVICE.get(name)
    return reason + (f"; {advice}" if advice else "")
