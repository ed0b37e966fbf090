"""Claims: how two foitrack commands run at once never send the same letter twice.

Sending is decide, send, record. The decision and the record are made under the tracker lock,
re-reading the request file; the sending is not (a batch of fifty over a slow server must not
stop every other command). So before a message goes out, the command claims it: a small file in
`.foitrack/claims/`, created with O_EXCL under the lock after checking the request still needs
the message. Another command that wants to send the same letter finds the claim and leaves it
alone. Once the message's fate is known and recorded, the claim is released.

A claim that outlives its command (the process was killed while sending) is stale: the message
may have gone. `Claims.take` reports it, and the caller records the letter as possibly sent
rather than sending it again, so a kill -9 never turns into a second letter.

Claims are local to this machine (`.foitrack/` is never committed), like the lock they extend.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foitrack.errors import FoitrackError, os_error_text

CLAIMS_DIR = "claims"
STALE_AFTER_SECONDS = 3600  # far longer than any send: a claim this old is left over


@dataclass(frozen=True)
class Claim:
    key: str
    path: Path
    info: dict[str, Any]

    @property
    def started(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.info["started"])
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def stale(self) -> bool:
        """Left by a command that is no longer running (or that has been at it for an hour)."""
        info = self.info
        if not info:
            return True  # cut off before it was written: its command died at once
        if info.get("host") != socket.gethostname():
            return False  # another machine's (a shared folder): never guess about it
        if time.time() - float(info.get("time", 0)) > STALE_AFTER_SECONDS:
            return True
        pid = info.get("pid")
        if not isinstance(pid, int) or pid <= 0:
            return True
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, someone else's
            return False
        return False


class Claims:
    """The claims of one tracker: `.foitrack/claims/<key>`."""

    def __init__(self, state_dir: Path, prepare=None):
        self.directory = Path(state_dir) / CLAIMS_DIR
        self.prepare = prepare  # creates the state folder (and its .gitignore) first

    def _path(self, key: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key).lstrip(".")
        return self.directory / safe

    def take(self, key: str, **info: Any) -> tuple[Claim | None, Claim | None]:
        """Claim `key` (call under the tracker lock). Returns (the new claim, None), or (None,
        the claim already there)."""
        if self.prepare is not None:
            self.prepare()
        try:
            self.directory.mkdir(exist_ok=True)
        except OSError as error:
            raise FoitrackError(f"cannot create {self.directory}: {error.strerror}") from None
        path = self._path(key)
        record = {
            **info,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "time": time.time(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return None, self.held(key)
        except OSError as error:
            raise FoitrackError(f"cannot write {path}: {error.strerror}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:  # a full disk: no claim, so nothing is sent
            path.unlink(missing_ok=True)
            raise FoitrackError(f"cannot write {os_error_text(error, path)}; nothing was sent") from None
        return Claim(key, path, record), None

    def held(self, key: str) -> Claim | None:
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            text = ""
        try:
            info = json.loads(text)
        except ValueError:
            info = {}  # cut off mid-write: its command died, so it is stale
        return Claim(key, path, info if isinstance(info, dict) else {})

    def release(self, claim: Claim) -> None:
        try:
            claim.path.unlink()
        except FileNotFoundError:
            pass
