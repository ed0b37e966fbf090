"""Errors are data: a user-facing message plus the exit code the contract gives it.

`Problem` is the bean-check style record of something wrong in a file: where, and what.
Commands collect problems and report them together instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def to_json(self) -> dict:
        return {"path": str(self.path), "line": self.line, "message": self.message}
