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
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import msgspec

from foitrack.errors import FoitrackError, Problem, UsageError, os_error_text
from foitrack.store import parsecache, tomltext
from foitrack.store.atomic import atomic_write, create_exclusive
from foitrack.store.leftovers import Sweeping
from foitrack.store.model import Event, Request
from foitrack.store.parsing import REQUESTS_DIR, LoadedFile, is_request_name, parse_bytes, unreadable

STATE_DIR = ".foitrack"  # local cache and lock; ignored by git (it holds its own .gitignore)
CACHE_DIR = "cache"  # under STATE_DIR: parsed requests (foitrack.store.parsecache); safe to delete
_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: ids get read aloud and retyped
_TAIL = "xxxx"  # an id ends with a random tail this long (request_stem)
_LOCK_TIMEOUT_SECONDS = 60
_BOM = "\ufeff"  # a byte-order mark, which Windows editors put at the start of UTF-8 files


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


class Store(Sweeping):
    """A tracker folder: `foitrack.toml` plus `requests/*.toml`."""

    def __init__(self, root: Path, *, use_cache: bool = True):
        self.root = Path(root)
        self.requests_dir = self.root / REQUESTS_DIR
        self.state_dir = self.root / STATE_DIR
        self.cache_dir = self.state_dir / CACHE_DIR
        self.use_cache = use_cache
        self._file_lock = None
        self._lock_depth = 0
        self._names: list[str] | None = None  # requests/'s listing while the lock is held
        # The temporary files of foitrack's in requests/ that this lock's sweep left (too young
        # to be stale), or None when it did not sweep requests/: see `_take_swept`.
        self._young: list[str] | None = None

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
        """The request files in requests/, in name order (FoitrackError if it cannot be read)."""
        return [self.requests_dir / entry.name for entry in self.scan()[0]]

    def scan(self) -> tuple[list[os.DirEntry], list[Problem]]:
        """The request files in requests/ (regular files, or links to them), in name order, and
        a problem for each other entry with a request file's name: a folder, a link to nothing.

        A folder that cannot be read is a FoitrackError naming it: an unreadable tracker must
        never look like an empty one."""
        if not self.requests_dir.is_dir():
            return [], []
        try:
            with os.scandir(self.requests_dir) as entries:
                named = sorted((entry for entry in entries if is_request_name(entry.name)), key=lambda e: e.name)
        except OSError as error:
            raise FoitrackError(
                f"cannot read the requests folder: {os_error_text(error, self.requests_dir)}"
            ) from None
        files: list[os.DirEntry] = []
        problems: list[Problem] = []
        for entry in named:
            if not _utf8(entry.name):
                problems.append(Problem(
                    self.requests_dir / entry.name, 1,
                    "its name is not UTF-8 text, so it cannot serve as an id (a request's id is its "
                    "file name): rename it",
                ))
                continue
            try:
                if entry.is_file():
                    files.append(entry)
                    continue
                path = self.requests_dir / entry.name
                if entry.is_dir():
                    what = "a folder, not a request file: move it out of requests/ (or rename it)"
                elif entry.is_symlink():
                    what = (
                        f"a symbolic link to {os.readlink(path)}, which does not exist: "
                        "delete the link, or put the file back"
                    )
                else:
                    what = "not a regular file (a device or a pipe): move it out of requests/"
            except OSError as error:
                problems.extend(unreadable(self.requests_dir / entry.name, error).problems)
                continue
            problems.append(Problem(path, 1, what))
        return files, problems

    def names(self) -> list[str]:
        """Every name in requests/, as the folder lists them (no stat of each, no order), or as
        the cache kept them under the folder's stat now (see `_kept_names`). An unreadable folder
        is an error, as for `scan`. Under the lock, the listing taken when it was taken (no other
        writer can change the folder then; this one's `create` forgets it)."""
        if self._lock_depth and self._names is not None:
            return self._names
        if not self.requests_dir.is_dir():
            return []
        names = self._kept_names()
        if names is None:
            before = self._folder_key()
            try:
                names = os.listdir(self.requests_dir)
            except OSError as error:
                raise FoitrackError(
                    f"cannot read the requests folder: {os_error_text(error, self.requests_dir)}"
                ) from None
            self._keep_names(before, names)
        if self._lock_depth:
            self._names = names
        return names

    # The listing of requests/, kept in the cache folder under the folder's stat: at 100,000
    # requests a listing costs more than the rest of `show`. A folder's modification and change
    # times move whenever an entry is added, removed or renamed, so a listing kept under the
    # same stat is the folder's listing now; it is kept only when the folder had not been modified
    # for parsecache.RACY_SECONDS (longer than any file system's timestamp granularity), so that
    # a change in the same tick as the listing cannot go unseen.

    @property
    def _names_path(self) -> Path:
        return self.cache_dir / "names.msgpack"

    def _kept_names(self) -> list[str] | None:
        """The kept listing, if it was taken under the folder's stat now. The stat is the file's
        first line, so a listing kept for another state of the folder is never decoded."""
        if not parsecache.enabled():
            return None
        key = self._folder_key()
        if key is None:
            return None
        try:
            with open(self._names_path, "rb") as handle:
                if handle.readline(200) != _names_header(key):
                    return None
                raw = handle.read()
        except OSError:
            return None
        try:
            return msgspec.msgpack.decode(raw, type=list[str])
        except msgspec.DecodeError:
            return None

    def _keep_names(self, before: list[int] | None, names: list[str]) -> None:
        """Keep `names`, listed between two stats of the folder (`before`, and now), if they
        agree and the folder has not changed for RACY_SECONDS."""
        if not parsecache.enabled() or before is None or before != self._folder_key():
            return
        # An entry added or removed after this moment sets the modification time to its own
        # moment, which differs from one this old whatever the timestamps' granularity.
        if before[2] >= time.time_ns() - parsecache.RACY_SECONDS * 1_000_000_000:
            return
        try:
            payload = _names_header(before) + msgspec.msgpack.encode(names)
        except (UnicodeError, msgspec.EncodeError):  # a name that is not UTF-8: list it every time
            return
        try:
            self._ensure_state_dir()
            self.cache_dir.mkdir(exist_ok=True)
            parsecache.write_disposable(self._names_path, payload)
        except (OSError, FoitrackError):  # a read-only tracker: it is listed every time
            pass

    def request_ids(self) -> list[str]:
        """The ids of what is named like a request file, from the folder's listing alone (no
        stat, no check that each is a file: a caller reads the few it picks), in order."""
        return sorted(name[:-5] for name in self.names() if is_request_name(name) and _utf8(name))

    def read(self, path: Path) -> LoadedFile:
        """Parse one file from disk, always (never from the cache: writers rely on this)."""
        try:
            raw = path.read_bytes()
        except OSError as error:
            return unreadable(path, error)
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
        entries, problems = self.scan()
        for entry in entries:
            loaded = self.read(self.requests_dir / entry.name)
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
        if os.path.isfile(self.path_of(value)):  # the whole id: no listing needed
            return [value], []
        names = self.names()
        lowered = value.lower()
        hyphened = "-".join(re.findall(r"[a-z0-9]+", lowered))
        strong: list[str] = []
        weak: list[str] = []
        texts = [text for text in dict.fromkeys((lowered, hyphened)) if text]
        # One pass over the names joined and folded together finds the few that hold a text
        # (100,000 names in milliseconds); only those are looked at one by one.
        joined = "\n".join(names).lower()  # lower() never makes a line break: lines stay names
        pattern = re.compile("|".join(re.escape(text) for text in texts if "\n" not in text) or "(?!)")
        candidates: list[int] = []
        line = last = 0
        for match in pattern.finditer(joined):
            line += joined.count("\n", last, match.start())
            last = match.start()
            if not candidates or candidates[-1] != line:
                candidates.append(line)
        stems = sorted(names[i][:-5] for i in candidates if is_request_name(names[i]) and _utf8(names[i]))
        for stem in stems:
            folded = stem.lower()
            found = [text for text in texts if text in folded]
            if not found:
                continue
            head, _, tail = folded.rpartition("-")
            random_tail = len(tail) == len(_TAIL) and all(ch in _ID_ALPHABET for ch in tail)
            if random_tail and all(text != tail and text in tail and text not in head for text in found):
                weak.append(stem)
            else:
                strong.append(stem)
        # Only what is a request file (a folder named like one is reported by `scan`, not named).
        return [s for s in strong if os.path.isfile(self.path_of(s))], [s for s in weak if os.path.isfile(self.path_of(s))]

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
    def lock(self, *, clean: bool = True) -> Iterator[None]:
        """Serialise writers across processes. Readers never need it: writes are atomic.

        Taking it also clears away (unless not `clean`) what writes cut off long ago left behind
        (`clean_leftovers`): no writer can be at work while it is held."""
        from filelock import FileLock, Timeout

        self._ensure_state_dir()
        if self._file_lock is None:
            # One lock object per store: taking it again inside itself (a change hook committing
            # to git while a command holds the lock) nests instead of waiting on itself.
            self._file_lock = FileLock(str(self.lock_path), timeout=_LOCK_TIMEOUT_SECONDS)
        try:
            self._file_lock.acquire()
        except Timeout:
            raise FoitrackError(
                f"another foitrack command has held the tracker lock for {_LOCK_TIMEOUT_SECONDS}s; "
                f"if none is running, delete {self.lock_path}"
            ) from None
        except OSError as error:
            raise self._lock_error(error) from None
        self._lock_depth += 1
        finished = False
        try:
            if self._lock_depth == 1:
                swept = self._take_swept()
                if clean:
                    self._sweep_stale(swept)
            yield
            finished = True
        finally:
            self._lock_depth -= 1
            if not self._lock_depth:
                self._names = None
                if finished:
                    self._keep_swept()
                self._young = None
            self._file_lock.release()

    @property
    def lock_path(self) -> Path:
        return self.state_dir / "write.lock"

    def _lock_error(self, error: OSError) -> FoitrackError:
        path = self.lock_path
        if os.path.islink(path):
            return FoitrackError(
                f"{path} is a symbolic link, but it should be foitrack's lock file: delete the link, "
                "then run the command again"
            )
        if path.is_dir():
            return FoitrackError(
                f"{path} is a folder, but it should be foitrack's lock file: remove it "
                "(it holds nothing of yours), then run the command again"
            )
        return FoitrackError(f"cannot take the tracker's lock: {os_error_text(error, path)}; nothing was changed")

    def _ensure_state_dir(self) -> None:
        try:
            self.state_dir.mkdir(exist_ok=True)
        except FileExistsError:
            raise FoitrackError(
                f"{self.state_dir} is a file, but foitrack keeps its lock and cache in a folder of that "
                "name: move the file aside, then run the command again"
            ) from None
        except OSError as error:
            raise FoitrackError(
                f"cannot create foitrack's folder for its lock and cache: {os_error_text(error, self.state_dir)}; "
                "nothing was changed"
            ) from None
        ignore = self.state_dir / ".gitignore"
        if not ignore.exists():
            # A self-ignoring folder: caches and locks never reach git, whatever the repo's rules.
            atomic_write(ignore, "# foitrack's local cache and lock: never commit these\n*\n")

    # -- what cut-off writes leave behind ------------------------------------------------------


    # Taking the lock clears away stale temporary files, and in requests/ that means looking at
    # every name: at 100,000 requests a listing costs more than the rest of `record`. So the
    # holder that swept requests/ leaves a note as it lets go of the lock (`_keep_swept`): the
    # folder's stat then, and the temporary files too young to clear. The next holder whose
    # folder still has that stat (no entry added, removed or renamed since: a folder's times
    # change with every one) looks at only those files. It is sound because every writer of
    # requests/ holds the lock while it writes (so while a holder works, only its own temporary
    # files come and go, and a finished write leaves none), and because the note is taken away
    # as the lock is taken (`_take_swept`): a holder killed before it let go leaves no note, so
    # whatever it left behind is found by the next full sweep. FOITRACK_NO_CACHE=1 sweeps fully.


    def _folder_key(self) -> list[int] | None:
        try:
            found = os.stat(self.requests_dir)
        except OSError:
            return None
        return [found.st_dev, found.st_ino, found.st_mtime_ns, found.st_ctime_ns]






    def create(self, request: Request) -> Request:
        """Write a new request file under a fresh, unique name; returns it bound to its id."""
        self.require()
        text = tomltext.render_request(
            request.header_toml_dict(), [event.to_toml_dict() for event in request.events]
        )
        self._names = None  # the folder is changing
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
        try:
            current = path.read_bytes().decode("utf-8")
        except OSError as error:
            raise FoitrackError(f"cannot read {os_error_text(error, path)}") from None
        if current != expected_text:
            raise FoitrackError(f"{path} changed while foitrack was updating it; run the command again")
        bom = _BOM if current.startswith(_BOM) else ""  # kept where it was, out of the parser's way
        try:
            new_text = bom + change(current[len(bom):])
        except ValueError as error:
            raise FoitrackError(f"{path}: {error}") from None
        atomic_write(path, new_text)
        return new_text


def _names_header(key: list[int]) -> bytes:
    """The first line of the kept listing of requests/: its format, and the folder's stat."""
    return ("foitrack-names 1 " + " ".join(str(part) for part in key) + "\n").encode()


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, which Python keeps as lone surrogates
        return False
    return True






