"""The folder of request files: reading, creating and appending, safely.

Safety rules, because a tracker holds months of a journalist's work:
- every write goes to a temporary file in the same folder, is fsynced, then renamed over the
  target, so a killed process leaves the old file or the new one, never a torn one;
- new files are created with O_EXCL, so two processes can never claim the same name;
- appends happen under a tracker-wide lock, re-reading the file inside it, so two commands run
  at once never overwrite each other's events;
- a file that does not parse is never rewritten.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import tomllib
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from foitrack import tomltext
from foitrack.errors import FoitrackError, Problem, UsageError
from foitrack.model import Event, Request

REQUESTS_DIR = "requests"
STATE_DIR = ".foitrack"  # local cache and lock; ignored by git (it holds its own .gitignore)
CACHE_DIR = "cache"  # under STATE_DIR: parsed requests (foitrack.parsecache); safe to delete
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: ids get read aloud and retyped
_LOCK_TIMEOUT_SECONDS = 60


@dataclass
class LoadedFile:
    """One request file as read: its text, and either a request or the problems found in it."""

    path: Path
    text: str | None = None
    request: Request | None = None
    problems: list[Problem] = field(default_factory=list)


def is_request_name(name: str) -> bool:
    """Is a file of this name in requests/ a request file? (`.toml`, not hidden: editors' and
    atomic writes' temporary files start with a dot.) Callers also check it is a regular file."""
    return name.endswith(".toml") and not name.startswith(".")


def slugify(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "request")


_AUTHORITY_NOISE = re.compile(
    r"^(the |london borough of |royal borough of |city and county of |city of |county of )|"
    r"( council| borough council| city council| county council| district council)$",
    re.I,
)


def request_stem(request: Request) -> str:
    """A readable, sortable file name that stays unique across clones without a shared counter:
    date sent, authority, subject, and a random suffix."""
    authority = _AUTHORITY_NOISE.sub("", request.authority.strip()) or request.authority
    return "-".join(
        [
            request.sent.isoformat(),
            slugify(authority, 24),
            slugify(request.subject, 28),
            "".join(secrets.choice(_ID_ALPHABET) for _ in range(4)),
        ]
    )


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


def parse_request_text(path: Path, text: str, request_id: str) -> LoadedFile:
    """Parse and validate one file's text, turning every fault into a Problem with a line."""
    loaded = LoadedFile(path=path, text=text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, message = tomltext.syntax_error_line(error)
        loaded.problems.append(Problem(path, line, f"TOML syntax error: {message}"))
        return loaded
    try:
        loaded.request = Request.model_validate(data).bind(request_id, path)
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail.get("loc", ()))
            loaded.problems.append(Problem(path, tomltext.line_of(text, loc), _describe(detail)))
    return loaded


def parse_bytes(path: Path, raw: bytes, request_id: str) -> LoadedFile:
    """Decode a file's bytes as UTF-8 and parse them (a file that is not UTF-8 is a Problem)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return LoadedFile(path, problems=[Problem(path, line, "not UTF-8 text")])
    return parse_request_text(path, text, request_id)


def _describe(detail: dict[str, Any]) -> str:
    loc = [str(part) for part in detail.get("loc", ())]
    message = detail.get("msg", "invalid")
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    if detail.get("type") == "missing":
        return f"missing required key '{loc[-1]}'" if loc else "missing required key"
    if detail.get("type") == "literal_error" and loc:
        return f"{_where(loc)}: {detail.get('input')!r} is not valid; {message.lower()}"
    return f"{_where(loc)}: {message}" if loc else message


def _where(loc: list[str]) -> str:
    if len(loc) >= 2 and loc[0] == "events" and loc[1].isdigit():
        rest = ".".join(loc[2:])
        name = f"event {int(loc[1]) + 1}"
        return f"{name} {rest}".strip()
    return ".".join(loc)


class Store:
    """A tracker folder: `foitrack.toml` plus `requests/*.toml`."""

    def __init__(self, root: Path, *, use_cache: bool = True):
        self.root = Path(root)
        self.requests_dir = self.root / REQUESTS_DIR
        self.state_dir = self.root / STATE_DIR
        self.cache_dir = self.state_dir / CACHE_DIR
        self.use_cache = use_cache
        self._file_lock = None

    # -- reading -------------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.requests_dir.is_dir()

    def require(self) -> None:
        if not self.exists():
            raise UsageError(
                f"{self.root} is not a foitrack tracker (no requests/ folder): "
                "run 'foitrack init' there, or pass --dir"
            )

    def request_paths(self) -> list[Path]:
        if not self.requests_dir.is_dir():
            return []
        return sorted(
            entry
            for entry in self.requests_dir.iterdir()
            if is_request_name(entry.name) and entry.is_file()
        )

    def read(self, path: Path) -> LoadedFile:
        """Parse one file from disk, always (never from the cache: writers rely on this)."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            return LoadedFile(path, problems=[Problem(path, 1, f"cannot read: {error.strerror}")])
        return parse_bytes(path, raw, path.stem)

    def load_all(self) -> tuple[list[Request], list[Problem]]:
        """Every request that parses, and every problem in those that do not.

        Goes through the parse cache in .foitrack/cache/ (see foitrack.parsecache), which gives
        exactly what parsing every file gives, only faster; `use_cache=False` (or the environment
        variable FOITRACK_NO_CACHE=1) parses every file."""
        from foitrack import parsecache

        with parsecache.collector_paused():
            if self.use_cache and parsecache.enabled():
                return parsecache.load_all(self)
            return self._parse_all()

    def _parse_all(self) -> tuple[list[Request], list[Problem]]:
        requests: list[Request] = []
        problems: list[Problem] = []
        for path in self.request_paths():
            loaded = self.read(path)
            problems.extend(loaded.problems)
            if loaded.request is not None:
                requests.append(loaded.request)
        return requests, problems

    def resolve(self, fragment: str) -> Path:
        """The file an id names: the full id or any unique part of it, never outside requests/."""
        value = fragment.strip()
        if value.endswith(".toml"):
            value = value[: -len(".toml")]
        if value.startswith(f"{REQUESTS_DIR}/"):
            value = value[len(REQUESTS_DIR) + 1 :]
        if not value or "/" in value or "\\" in value or value.startswith(".") or "\0" in value:
            raise UsageError(f"{fragment!r} is not a request id: ids are file names in requests/")
        stems = [path.stem for path in self.request_paths()]
        if value in stems:
            return self.requests_dir / f"{value}.toml"
        lowered = value.lower()
        matches = [stem for stem in stems if lowered in stem.lower()]
        if len(matches) == 1:
            return self.requests_dir / f"{matches[0]}.toml"
        if not matches:
            raise UsageError(f"no request id contains {fragment!r}: 'foitrack list' shows the ids")
        shown = ", ".join(matches[:8]) + (f" and {len(matches) - 8} more" if len(matches) > 8 else "")
        raise UsageError(f"{fragment!r} matches {len(matches)} requests: {shown}; give more of the id")

    def load_one(self, fragment: str) -> Request:
        """Resolve and read one request; a broken file is an error naming its problems."""
        loaded = self.read(self.resolve(fragment))
        if loaded.request is None:
            first = loaded.problems[0]
            more = f" (and {len(loaded.problems) - 1} more: run 'foitrack check')" if len(loaded.problems) > 1 else ""
            raise FoitrackError(f"{first}{more}")
        return loaded.request

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Serialise writers across processes. Readers never need it: writes are atomic."""
        from filelock import FileLock, Timeout

        self._ensure_state_dir()
        if self._file_lock is None:
            # One lock object per store: taking it again inside itself (a change hook committing
            # to git while a command holds the lock) nests instead of waiting on itself.
            self._file_lock = FileLock(str(self.state_dir / "write.lock"), timeout=_LOCK_TIMEOUT_SECONDS)
        try:
            with self._file_lock:
                yield
        except Timeout:
            raise FoitrackError(
                f"another foitrack command has held the tracker lock for {_LOCK_TIMEOUT_SECONDS}s; "
                f"if none is running, delete {self.state_dir / 'write.lock'}"
            ) from None

    def _ensure_state_dir(self) -> None:
        self.state_dir.mkdir(exist_ok=True)
        ignore = self.state_dir / ".gitignore"
        if not ignore.exists():
            # A self-ignoring folder: caches and locks never reach git, whatever the repo's rules.
            atomic_write(ignore, "# foitrack's local cache and lock: never commit these\n*\n")

    def create(self, request: Request) -> Request:
        """Write a new request file under a fresh, unique name; returns it bound to its id."""
        self.require()
        text = tomltext.render_request(
            request.header_toml_dict(), [event.to_toml_dict() for event in request.events]
        )
        for _ in range(50):
            stem = request_stem(request)
            path = self.requests_dir / f"{stem}.toml"
            if create_exclusive(path, text):
                return request.model_copy(deep=True).bind(stem, path)
        raise FoitrackError(f"could not find a free file name in {self.requests_dir}")

    def append_event(self, path: Path, expected_text: str, event: Event) -> str:
        """Append `event` to the file, which must still hold `expected_text` (checked under the
        caller's lock, so an edit made since it was read is never overwritten)."""
        if path.is_symlink():
            raise FoitrackError(
                f"{path} is a symbolic link; foitrack only updates request files that live in requests/"
            )
        current = path.read_text(encoding="utf-8")
        if current != expected_text:
            raise FoitrackError(f"{path} changed while foitrack was updating it; run the command again")
        try:
            new_text = tomltext.append_event(current, event.to_toml_dict())
        except ValueError as error:
            raise FoitrackError(f"{path}: {error}") from None
        atomic_write(path, new_text)
        return new_text
