"""What `foitrack inbox` has read, in `.foitrack/inbox/` (local to this machine, never committed).

- `state.json`: each message read, keyed by its Message-ID, with what became of it: `done`
  (recorded, or already recorded), `unmatched` (about no request: not listed again), `pending`
  (matched but not recorded yet: listed again until it is), `dismissed` (the user said to leave
  it); and for each IMAP folder its UIDVALIDITY and the highest UID read, so a later run fetches
  only new messages (a new UIDVALIDITY means the folder was rebuilt: it is read again, and the
  Message-IDs keep anything from being recorded twice).
- `held/`: the bytes of each pending message, so that `inbox --apply` after a look without it,
  or `record ID EVENT --message MSGID`, can file the message and its attachments without
  fetching it again.

The tracker's own record (events carrying the message's Message-ID) is what stops a message
being recorded twice; this state only saves reading and listing the same mail again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from foitrack.store.atomic import atomic_write

INBOX_DIR = "inbox"
FORMAT = 1
STATUSES = ("done", "unmatched", "pending", "dismissed")


class MailState:
    def __init__(self, state_dir: Path, prepare=None):
        self.directory = Path(state_dir) / INBOX_DIR
        self.path = self.directory / "state.json"
        self.held_dir = self.directory / "held"
        self.prepare = prepare
        self.messages: dict[str, dict[str, Any]] = {}
        self.folders: dict[str, dict[str, int]] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: everything is new again, which is safe
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return
        messages, folders = data.get("messages"), data.get("folders")
        if isinstance(messages, dict):
            self.messages = {k: v for k, v in messages.items() if isinstance(v, dict) and v.get("status") in STATUSES}
        if isinstance(folders, dict):
            self.folders = {
                k: v for k, v in folders.items()
                if isinstance(v, dict) and isinstance(v.get("uidvalidity"), int) and isinstance(v.get("seen"), int)
            }

    def save(self) -> None:
        if self.prepare is not None:
            self.prepare()
        self.directory.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "messages": self.messages, "folders": self.folders}
        atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True))

    # -- messages ------------------------------------------------------------------------------

    def status(self, key: str) -> str | None:
        entry = self.messages.get(key)
        return entry.get("status") if entry else None

    def mark(self, key: str, status: str, **info: Any) -> None:
        self.messages[key] = {**self.messages.get(key, {}), **info, "status": status}
        if status != "pending":
            self.release(key)

    def _held_path(self, key: str) -> Path:
        return self.held_dir / (hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:40] + ".eml")

    def hold(self, key: str, raw: bytes) -> None:
        if self.prepare is not None:
            self.prepare()
        self.held_dir.mkdir(parents=True, exist_ok=True)
        path = self._held_path(key)
        if not path.exists():
            # A copy of what is still in the mailbox: renamed into place whole, but not fsynced
            # (hundreds of messages are held at once; losing one in a crash costs a re-read).
            temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temp.write_bytes(raw)
            os.replace(temp, path)

    def held(self, key: str) -> bytes | None:
        try:
            return self._held_path(key).read_bytes()
        except OSError:
            return None

    def pending(self) -> list[str]:
        return [key for key, entry in self.messages.items() if entry.get("status") == "pending"]

    def release(self, key: str) -> None:
        try:
            self._held_path(key).unlink()
        except OSError:
            pass

    # -- IMAP folders ------------------------------------------------------------------------

    def seen_uid(self, folder: str, uidvalidity: int) -> int:
        entry = self.folders.get(folder)
        if entry is None or entry["uidvalidity"] != uidvalidity:
            return 0
        return entry["seen"]

    def set_seen_uid(self, folder: str, uidvalidity: int, uid: int) -> None:
        self.folders[folder] = {"uidvalidity": uidvalidity, "seen": uid}
