"""A cache of parsed, validated request files, so that a tracker of 100,000 requests loads fast.

Reading a request means parsing TOML and validating it, and TOML parsing in Python is slow: at
10,000 files it is most of what `list`, `due` and `report` cost. So `Store.load_all` keeps what it
validated in `.foitrack/cache/` (never in `requests/`; the state folder ignores itself for git) and
next time re-parses only the files that changed.

The rules, because a stale cache would show a journalist the wrong deadline:

- An entry is used only if the file's size, mtime_ns, ctime_ns and inode are all as they were.
  A hand edit changes mtime (or, if someone resets mtime, ctime, which cannot be set back).
- Timestamps have a granularity, so an edit made within the same tick as the cached read would
  look unchanged. An entry whose file changed less than `RACY_SECONDS` before it was read is
  "racy": it is used only after reading the file again and comparing a BLAKE2 digest of its bytes.
  Once the file has been quiet for longer than that, the entry is trusted on its stat alone.
- The cache is JSON (safe to load from a folder someone sent you; pickle would run code). Any
  fault in it (missing, truncated, from another foitrack version, not JSON, wrong shape) makes the
  affected entries misses: the files are parsed again and the cache rewritten. Never an error.
- Deleting `.foitrack/cache/` is always safe. Set FOITRACK_NO_CACHE=1 to bypass it entirely.
- It is only ever used to read many requests. Writes (`record`) re-read the file under the lock.

Entries are spread over SHARDS files by a hash of the file name, so a change to one request
rewrites a sixteenth of the cache, not all of it. Each is written to a temporary file and renamed
into place, so readers see a whole shard or none.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

FORMAT = 1
SHARDS = 16
RACY_SECONDS = 3  # > any filesystem's timestamp granularity (FAT: 2s) plus a little clock skew
_PLAIN = (str, int, float, bool, type(None))


def _now_ns() -> int:
    return time.time_ns()


def enabled() -> bool:
    return os.environ.get("FOITRACK_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def digest(raw: bytes) -> str:
    return digest_bytes(raw).hex()


def digest_bytes(raw: bytes) -> bytes:
    """What tells a file's bytes apart when its stat cannot (a racy entry): BLAKE2b, 16 bytes."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).digest()


def _fingerprint() -> str:
    """Changes whenever the code that validates requests (or its schema) might have changed."""
    import pydantic

    import sys

    from foitrack import __version__, dates, vocab
    from foitrack.store import model, parsing
    from foitrack.store.model import Event, Request

    parts: list[Any] = [FORMAT, __version__, pydantic.VERSION]
    parts += module_stamps((model, dates, vocab, parsing, sys.modules[__name__]))
    for cls in (Request, Event):
        parts.append((cls.__name__, list(cls.model_fields), sorted(cls.__private_attributes__)))
    return key_of(json.dumps(parts, default=str))


def key_of(text: str) -> str:
    """The key a cache keeps its entries under for `text` (what they were worked out from: the
    code, the settings). 96 bits: two different contexts never share a key, which a 32-bit
    checksum could not promise, and a wrong key would hand back another context's answer."""
    import hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def module_stamps(modules) -> list:
    """What tells one version of these modules' code from another: each file's name, size and
    modification time (its name alone when it has no file). Part of every cache key that
    depends on the code."""
    stamps: list[Any] = []
    for module in modules:
        try:
            stat = os.stat(module.__file__)
            stamps.append((os.path.basename(module.__file__), stat.st_size, stat.st_mtime_ns))
        except (OSError, TypeError):
            stamps.append(module.__name__)
    return stamps


# -- turning validated models into JSON and back -------------------------------------------------


def _is_plain(value: Any) -> bool:
    if isinstance(value, _PLAIN):
        return not isinstance(value, float) or value == value  # NaN != NaN would break equality checks
    if isinstance(value, list):
        return all(_is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_plain(item) for key, item in value.items())
    return False


def _pack_values(values: dict[str, Any], skip: str | None = None, drop_none: bool = True):
    """{key: JSON value} with dates as ISO strings (their keys listed), or None if impossible."""
    out: dict[str, Any] = {}
    date_keys: list[str] = []
    for key, value in values.items():
        if key == skip or (drop_none and value is None):
            continue
        if type(value) is dt.date:
            out[key] = value.isoformat()
            date_keys.append(key)
        elif _is_plain(value):
            out[key] = value
        else:
            return None  # a datetime, time or nested date somewhere: not worth caching
    return out, date_keys


def _pack_model(model: Any, skip: str | None = None) -> list | None:
    state = model.__getstate__()
    fields = _pack_values(state["__dict__"], skip)
    extra = _pack_values(state["__pydantic_extra__"] or {}, drop_none=False)
    if fields is None or extra is None:
        return None
    return [fields[0], fields[1], extra[0], extra[1], sorted(state["__pydantic_fields_set__"])]


def freeze(request: Any) -> list | None:
    """A validated Request as plain JSON data, or None if it holds values JSON cannot keep."""
    packed = _pack_model(request, skip="events")
    if packed is None:
        return None
    events = []
    for event in request.events:
        packed_event = _pack_model(event)
        if packed_event is None:
            return None
        events.append(packed_event)
    return [packed, events]


_NO_CHECK = None


def _spec(annotation: Any, metadata: Any = ()) -> dict[type, Callable[[Any], bool] | None]:
    """What a field of this annotation holds after validation, as a cheap test for entries read
    back from the cache: value type -> None (any value of that type) or a test of the value (a
    Literal's choices, a length or bound, no NaN)."""
    import types
    import typing

    import annotated_types

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _spec(base, [*extra, *metadata])
    if origin in (typing.Union, types.UnionType):
        spec: dict[type, Callable[[Any], bool] | None] = {}
        for arg in typing.get_args(annotation):
            for kind, test in _spec(arg).items():
                spec[kind] = test if kind not in spec else _either(spec[kind], test)
    elif origin is typing.Literal:
        allowed = frozenset(typing.get_args(annotation))
        spec = {str: allowed.__contains__}
    elif origin is list:
        (item,) = typing.get_args(annotation)
        each = _spec(item)
        spec = {list: lambda value: all(_fits(each, x) for x in value)}
    elif annotation is type(None):
        spec = {type(None): _NO_CHECK}
    elif annotation is float:
        spec = {float: lambda value: value == value, int: _NO_CHECK}  # NaN is never cached
    elif isinstance(annotation, type):
        spec = {annotation: _NO_CHECK}
    else:
        raise TypeError(f"no cache check for {annotation!r}")
    bounds = []
    for item in metadata:
        if isinstance(item, annotated_types.MinLen):
            bounds.append(lambda value, n=item.min_length: len(value) >= n)
        elif isinstance(item, annotated_types.Ge):
            bounds.append(lambda value, n=item.ge: value >= n)
        elif isinstance(item, annotated_types.Le):
            bounds.append(lambda value, n=item.le: value <= n)
    # A field's bounds apply to its value, not to an absent one (`days: int | None = Field(ge=1)`).
    for bound in bounds:
        for kind in [kind for kind in spec if kind is not type(None)]:
            spec[kind] = _both(spec[kind], bound)
    return spec


def _either(first, second):
    if first is None or second is None:
        return None
    return lambda value: first(value) or second(value)


def _both(first, second):
    if first is None:
        return second
    return lambda value: first(value) and second(value)


def _fits(spec: dict, value: Any) -> bool:
    kind = type(value)
    if kind not in spec:
        return False
    test = spec[kind]
    return test is None or test(value)


def _checks(model: Any, skip: str | None = None) -> tuple[dict[str, dict], frozenset[str]]:
    """Each field's spec, and the fields that can never be None (so an entry must hold them)."""
    specs = {name: _spec(info.annotation, info.metadata) for name, info in model.model_fields.items() if name != skip}
    never_none = frozenset(name for name, spec in specs.items() if type(None) not in spec)
    return specs, never_none


class _Thawer:
    """Rebuilds models exactly as validation left them (the state pickle would restore), without
    running validation again, but checking each value's type: an entry that is well-formed JSON
    yet wrong (a date left as text, a law foitrack does not know) is refused, and the caller
    treats it as a miss and reads the file again."""

    def __init__(self) -> None:
        from foitrack.store.model import Event, Request

        self.Request, self.Event = Request, Event
        self.request_template = dict.fromkeys(Request.model_fields)
        self.event_template = dict.fromkeys(Event.model_fields)
        self.request_checks = _checks(Request, skip="events")
        self.event_checks = _checks(Event)
        self.private = {name: attr.get_default() for name, attr in Request.__private_attributes__.items()}
        self.fromiso = dt.date.fromisoformat

    def _state(self, template: dict, packed: list, private: Any, checks: tuple) -> dict:
        fields, date_keys, extra, extra_date_keys, fields_set = packed
        values = template.copy()
        values.update(fields)
        if len(values) != len(template):
            raise ValueError("cached entry has fields the model does not")
        for key in date_keys:
            values[key] = self.fromiso(values[key])
        specs, never_none = checks
        if not never_none <= fields.keys():
            raise ValueError("cached entry lacks a field")
        for key in fields:  # every key is a field: `len(values)` was checked above
            value = values[key]
            spec = specs[key]
            kind = type(value)
            if kind not in spec or (spec[kind] is not None and not spec[kind](value)):
                raise ValueError(f"cached entry has a wrong {key}")
        extra = dict(extra)  # never hand out (or convert in place) the cache's own dict
        for key in extra_date_keys:
            extra[key] = self.fromiso(extra[key])
        return {
            "__dict__": values,
            "__pydantic_extra__": extra,
            "__pydantic_fields_set__": set(fields_set),
            "__pydantic_private__": private,
        }

    def thaw(self, data: list, request_id: str, path: Path) -> Any:
        packed, packed_events = data
        events = []
        for packed_event in packed_events:
            event = self.Event.__new__(self.Event)
            event.__setstate__(self._state(self.event_template, packed_event, None, self.event_checks))
            events.append(event)
        private = self.private.copy()
        private["_id"], private["_path"] = request_id, path
        state = self._state(self.request_template, packed, private, self.request_checks)
        state["__dict__"]["events"] = events
        request = self.Request.__new__(self.Request)
        request.__setstate__(state)
        return request


# -- the cache files ---------------------------------------------------------------------------


def shard_of(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogateescape")) % SHARDS


class ParseCache:
    """The entries of one tracker's cache: file name -> [size, mtime_ns, ctime_ns, ino, digest,
    racy, data]. Loaded whole, written back shard by shard when something changed."""

    def __init__(self, directory: Path, prepare: Callable[[], None] | None = None):
        self.directory = Path(directory)
        self.prepare = prepare  # creates the state folder (and its .gitignore) before a write
        self.fingerprint = _fingerprint()
        self.shards: list[dict[str, list]] = [{} for _ in range(SHARDS)]
        self.dirty: set[int] = set()
        self._thawer: _Thawer | None = None
        self._load()

    def _path(self, shard: int) -> Path:
        return self.directory / f"requests-{shard:02d}.json"

    def _load(self) -> None:
        for shard in range(SHARDS):
            path = self._path(shard)
            try:
                with open(path, "rb") as handle:
                    data = json.loads(handle.read())
            except FileNotFoundError:
                continue
            except Exception:  # unreadable or not JSON: rebuild this shard
                self.dirty.add(shard)
                continue
            if (
                isinstance(data, dict)
                and data.get("format") == FORMAT
                and data.get("fingerprint") == self.fingerprint
                and isinstance(data.get("entries"), dict)
            ):
                self.shards[shard] = data["entries"]
            else:
                self.dirty.add(shard)

    # -- entries ---------------------------------------------------------------------------------

    def lookup(self, name: str, key: tuple[int, int, int, int]) -> list | None:
        entry = self.shards[shard_of(name)].get(name)
        if type(entry) is not list or len(entry) != 7 or tuple(entry[:4]) != key:
            return None
        return entry

    def thaw(self, entry: list, request_id: str, path: Path) -> Any | None:
        if self._thawer is None:
            self._thawer = _Thawer()
        try:
            return self._thawer.thaw(entry[6], request_id, path)
        except Exception:  # a damaged entry is a miss, never an error
            return None

    def store(self, name: str, key: tuple[int, int, int, int], file_digest: str, racy: bool, data: list) -> None:
        shard = shard_of(name)
        self.shards[shard][name] = [*key, file_digest, racy, data]
        self.dirty.add(shard)

    def mark_settled(self, name: str, entry: list) -> None:
        entry[5] = False
        self.dirty.add(shard_of(name))

    def discard(self, name: str) -> None:
        shard = shard_of(name)
        if self.shards[shard].pop(name, None) is not None:
            self.dirty.add(shard)

    def retain(self, names: set[str]) -> None:
        """Forget files that are no longer there."""
        for shard, entries in enumerate(self.shards):
            gone = [name for name in entries if name not in names]
            for name in gone:
                del entries[name]
            if gone:
                self.dirty.add(shard)

    # -- writing ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Write the shards that changed; any failure (read-only folder, full disk) is ignored:
        the next command simply parses the files again."""
        if not self.dirty:
            return
        try:
            if self.prepare is not None:
                self.prepare()
            self.directory.mkdir(parents=True, exist_ok=True)
            for shard in sorted(self.dirty):
                self._write(shard)
        except Exception:
            return
        self.dirty.clear()

    def _write(self, shard: int) -> None:
        path = self._path(shard)
        entries = self.shards[shard]
        if not entries:
            path.unlink(missing_ok=True)
            return
        _write_atomic(path, {"format": FORMAT, "fingerprint": self.fingerprint, "entries": entries})


#: Set by the command-line entry point, whose process runs one command and exits: what is alive
#: after a bulk load (the requests) stays alive to the end, so the collector can stop walking it.
freeze_after_load = False


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while loading many requests.

    Loading builds hundreds of thousands of small objects and no reference cycles; left running,
    the collector walks them again and again as they pile up, which nearly doubles the time of
    `list` at 10,000 requests. In the CLI the loaded objects are then frozen (gc.freeze) so that
    later collections skip them too; a library caller's objects are left to the collector."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if freeze_after_load:
            gc.freeze()


class DerivedStore:
    """Small derived data kept beside the parsed requests, such as the bank-holiday table
    (`foitrack.calendar.table_store`). One JSON file per name, holding the key it was built for;
    a missing, damaged or out-of-date file is None, and a failed write is ignored."""

    def __init__(self, directory: Path, prepare: Callable[[], None] | None = None):
        self.directory = Path(directory)
        self.prepare = prepare

    def load(self, name: str, key: str) -> Any | None:
        try:
            with open(self.directory / f"{name}.json", "rb") as handle:
                data = json.loads(handle.read())
            if isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == key:
                return data.get("data")
        except Exception:
            pass
        return None

    def save(self, name: str, key: str, data: Any) -> None:
        try:
            if self.prepare is not None:
                self.prepare()
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.directory / f"{name}.json", {"format": FORMAT, "key": key, "data": data})
        except Exception:
            pass


def _write_atomic(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    write_disposable(path, text.encode("utf-8", "surrogatepass"))


def write_disposable(path: Path, payload: bytes) -> None:
    """Like foitrack.store.atomic.atomic_write (temporary file, then rename) but without fsync: a cache file is
    disposable, and one torn by a crash is read as a miss and rebuilt, so it is not worth a disk
    flush on every run that changed a request."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def load_all(store: Any) -> tuple[list, list]:
    """`Store.load_all` through the cache: every request that parses, every problem in the rest.

    Returns exactly what parsing every file would: the same requests (equal, field for field,
    with the same ids and paths) in the same order, and the same problems.
    """
    from foitrack.store.parsing import parse_bytes  # here: `--help` loads no pydantic

    requests: list = []
    directory = store.requests_dir
    entries, problems = store.scan()  # an unreadable folder is an error, never an empty tracker
    found = [(entry.name, entry) for entry in entries]
    cache = ParseCache(store.cache_dir, prepare=store._ensure_state_dir)
    racy_before = _now_ns() - RACY_SECONDS * 1_000_000_000
    for name, entry in found:
        path = directory / name
        request_id = name[: -len(".toml")]
        raw: bytes | None = None
        try:
            stat = entry.stat()
            key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        except OSError:
            key = None
        cached = cache.lookup(name, key) if key is not None else None
        if cached is not None:
            if cached[5]:  # racy: trust it only if the bytes are the same
                raw = _read(path)
                if raw is None or digest(raw) != cached[4]:
                    cached = None
                elif max(key[1], key[2]) < racy_before:
                    cache.mark_settled(name, cached)
            if cached is not None:
                request = cache.thaw(cached, request_id, path)
                if request is not None:
                    requests.append(request)
                    continue
        # A miss: parse the file as Store.read would, and remember what validated.
        if raw is None:
            raw = _read(path)
        loaded = parse_bytes(path, raw, request_id) if raw is not None else store.read(path)
        problems.extend(loaded.problems)
        if loaded.request is None:
            cache.discard(name)
            continue
        requests.append(loaded.request)
        data = freeze(loaded.request) if key is not None else None
        if data is None:
            cache.discard(name)
        else:
            racy = max(key[1], key[2]) >= racy_before
            cache.store(name, key, digest(raw), racy, data)
    cache.retain({name for name, _ in found})
    cache.save()
    return requests, problems


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
