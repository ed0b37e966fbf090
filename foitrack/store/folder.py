"""The tracker's folder of request files: finding, naming, reading, creating, appending and editing.

Safety rules, because a tracker holds months of a journalist's work:
- every write is atomic (`foitrack.store.atomic`): a killed process leaves the old file or the
  new one, never a torn one, and a new file's name is claimed with O_EXCL;
- appends happen under a tracker-wide lock, re-reading the file inside it, so two commands run
  at once never overwrite each other's events;
- a file that does not parse is never rewritten.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from foitrack.errors import FoitrackError, Problem, UsageError
from foitrack.store import parsecache, tomltext
from foitrack.store.atomic import atomic_write, create_exclusive
from foitrack.store.model import Event, Request
from foitrack.store.parsing import LoadedFile, is_request_name, parse_bytes

REQUESTS_DIR = "requests"
STATE_DIR = ".foitrack"  # local cache and lock; ignored by git (it holds its own .gitignore)
CACHE_DIR = "cache"  # under STATE_DIR: parsed requests (foitrack.store.parsecache); safe to delete
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: ids get read aloud and retyped
_TAIL = "xxxx"  # an id ends with a random tail this long (request_stem)
_LOCK_TIMEOUT_SECONDS = 60


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
    date sent (for a draft, the day it was drafted: the name stays when it is sent), authority,
    subject, and a random suffix."""
    authority = _AUTHORITY_NOISE.sub("", request.authority.strip()) or request.authority
    return "-".join(
        [
            request.logged_on.isoformat(),
            slugify(authority, 24),
            slugify(request.subject, 28),
            "".join(secrets.choice(_ID_ALPHABET) for _ in _TAIL),
        ]
    )


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

    def request_ids(self) -> list[str]:
        """The ids of the request files, by name: `request_paths` without a stat per file (the
        folder listing says what is a file), for looking up an id among 100,000."""
        try:
            with os.scandir(self.requests_dir) as entries:
                return sorted(
                    entry.name[: -len(".toml")]
                    for entry in entries
                    if is_request_name(entry.name) and entry.is_file()
                )
        except OSError:
            return []

    def read(self, path: Path) -> LoadedFile:
        """Parse one file from disk, always (never from the cache: writers rely on this)."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            return LoadedFile(path, problems=[Problem(path, 1, f"cannot read: {error.strerror}")])
        return parse_bytes(path, raw, path.stem)

    def load_all(self) -> tuple[list[Request], list[Problem]]:
        """Every request that parses, and every problem in those that do not.

        Goes through the parse cache in .foitrack/cache/ (see foitrack.store.parsecache), which gives
        exactly what parsing every file gives, only faster; `use_cache=False` (or the environment
        variable FOITRACK_NO_CACHE=1) parses every file."""
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

    def id_text(self, fragment: str) -> str:
        """What a user typed for a request, as an id to look for: '.toml' and a leading
        'requests/' dropped. Refuses anything that could name a file outside requests/."""
        value = fragment.strip()
        if value.endswith(".toml"):
            value = value[: -len(".toml")]
        if value.startswith(f"{REQUESTS_DIR}/"):
            value = value[len(REQUESTS_DIR) + 1 :]
        if not value or "/" in value or "\\" in value or value.startswith(".") or "\0" in value:
            raise UsageError(f"{fragment!r} is not a request id: ids are file names in requests/")
        return value

    def ids_matching(self, fragment: str) -> tuple[list[str], list[str]]:
        """The ids (file names) a fragment names, from the names alone, reading no file: the id
        itself, else every id holding it, ignoring case; words typed with spaces match the
        hyphens of a name ('contacts with fusus'). Two lists: the ids it names, and those it
        only names by a piece of their random tail ('bbc' in '...-bbcq'), which is a weaker
        reading than an authority's name ('BBC') and is left to the caller to weigh."""
        value = self.id_text(fragment)
        stems = self.request_ids()
        if value in stems:
            return [value], []
        lowered = value.lower()
        hyphened = "-".join(re.findall(r"[a-z0-9]+", lowered))
        strong: list[str] = []
        weak: list[str] = []
        for stem in stems:
            folded = stem.lower()
            found = [text for text in dict.fromkeys((lowered, hyphened)) if text and text in folded]
            if not found:
                continue
            head, _, tail = folded.rpartition("-")
            random_tail = len(tail) == len(_TAIL) and all(ch in _ID_ALPHABET for ch in tail)
            if random_tail and all(text != tail and text in tail and text not in head for text in found):
                weak.append(stem)
            else:
                strong.append(stem)
        return strong, weak

    def path_of(self, request_id: str) -> Path:
        return self.requests_dir / f"{request_id}.toml"

    def load_file(self, path: Path) -> Request:
        """Read one request file; a broken file is an error naming its problems."""
        loaded = self.read(path)
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
        return self._rewrite(path, expected_text, lambda text: tomltext.append_event(text, event.to_toml_dict()))

    def edit_header(self, path: Path, expected_text: str, changes: dict, event: Event | None) -> str:
        """Change header keys (`tomltext.edit_header`) and append `event` saying so (if any), in
        one atomic write; the file must still hold `expected_text`, as for `append_event`."""

        def edited(text: str) -> str:
            text = tomltext.edit_header(text, changes)
            return tomltext.append_event(text, event.to_toml_dict()) if event is not None else text

        return self._rewrite(path, expected_text, edited)

    def _rewrite(self, path: Path, expected_text: str, change) -> str:
        if path.is_symlink():
            raise FoitrackError(
                f"{path} is a symbolic link; foitrack only updates request files that live in requests/"
            )
        # Bytes decoded as they are, as `read` decodes them: a file with CRLF line ends keeps them.
        current = path.read_bytes().decode("utf-8")
        if current != expected_text:
            raise FoitrackError(f"{path} changed while foitrack was updating it; run the command again")
        try:
            new_text = change(current)
        except ValueError as error:
            raise FoitrackError(f"{path}: {error}") from None
        atomic_write(path, new_text)
        return new_text
