"""The listing cache: every request file as a `Row`, with what the tracker settled from it.

`list`, `due`, `report` and `export` read every request, and parsing TOML and validating it is
what costs at 10,000 of them. So `Index.rows` keeps, in `.foitrack/cache/index/`, each file's
`Row` (its header and events as plain data, `foitrack.store.rows`) and whatever its caller
derives from that content (the tracker's settled deadlines, foitrack.law.standing), and next
time parses only the files that changed. The files are msgpack, decoded by msgspec into typed
structs: a wrong type anywhere is a miss, never a wrong answer.

The rules are the parse cache's (foitrack.store.parsecache), because a stale entry would show a
journalist the wrong deadline:

- An entry is used only if the file's size, mtime_ns, ctime_ns and inode are all as they were;
  one whose file changed less than `RACY_SECONDS` before it was read is used only once a BLAKE2
  digest of the bytes read again agrees.
- What the caller derived is kept with the `context` it was derived under (the caller's key for
  its settings, calendar and code), and handed back with it, for the caller to compare.
- Any fault in a file (missing, truncated, another format, another version of the code) makes
  its entries misses: the files are parsed again and the cache rewritten. Never an error.
  `FOITRACK_NO_CACHE=1` bypasses it (`parsecache.enabled`); deleting it is always safe.

One file per month of file names (`2023-05.msgpack` holds `2023-05-*.toml`; `other.msgpack`
the rest), read and written one at a time: a listing holds one month's entries at once besides
the rows it keeps, and a change to this month's requests rewrites this month's file alone.

An entry is two-level: each request's name, date, authority and subject at the top, and the rest
(stat, digest, row, what was derived) after it, which `summaries` leaves undecoded. So a
request sent on a day, or to an authority, is found among 100,000 without decoding them all
(`new`'s duplicate check, ids by authority name), even from a cache not brought up to date.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any, Callable, Optional

import msgspec

from foitrack.errors import Problem
from foitrack.store import parsecache
from foitrack.store.rows import Row, row_of

FORMAT = 2
FOLDER = "index"
_MONTH = re.compile(r"\d{4}-\d{2}")


def shard_of(name: str) -> str:
    """The file a request file's entry is kept in: its name's month ('2023-05'), or 'other'."""
    return name[:7] if _MONTH.match(name) else "other"


class Summary(msgspec.Struct, array_like=True, gc=False):
    """The top level of an entry: enough to find a request without decoding the rest."""

    name: str
    logged_on: str | None  # ISO date: sent, or drafted for a draft
    authority: str
    subject: str
    detail: msgspec.Raw


class _Stamp(msgspec.Struct, array_like=True, gc=False):
    """An entry's detail as far as checking it against its file (the rest left undecoded)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    digest: bytes
    racy: bool
    row: msgspec.Raw
    context: str
    derived: msgspec.Raw


class _Summaries(msgspec.Struct, array_like=True, gc=False):
    format: int
    fingerprint: str
    entries: list[Summary]


_SUMMARIES = msgspec.msgpack.Decoder(_Summaries)
_STRAYS = msgspec.msgpack.Decoder(tuple[int, str, dict[str, Optional[str]]])
STRAYS = "strays.bin"  # not .msgpack: it is no month's file
_STAMP = msgspec.msgpack.Decoder(_Stamp)
_ENCODER = msgspec.msgpack.Encoder()


@lru_cache(maxsize=8)
def _entry_types(derived: Any) -> tuple[type, type, msgspec.msgpack.Decoder]:
    """The structs of a whole entry, the caller's derived data typed as `derived` (so that one
    decode, in C, gives every Row and what was derived from it), and a decoder of a file."""
    detail = msgspec.defstruct(
        "Detail",
        [("size", int), ("mtime_ns", int), ("ctime_ns", int), ("ino", int), ("digest", bytes), ("racy", bool),
         ("row", Row), ("context", str), ("derived", Optional[derived])],
        array_like=True, gc=False,
    )
    entry = msgspec.defstruct(
        "Entry",
        [("name", str), ("logged_on", Optional[str]), ("authority", str), ("subject", str), ("detail", detail)],
        array_like=True, gc=False,
    )
    top = msgspec.defstruct("Top", [("format", int), ("fingerprint", str), ("entries", list[entry])],
                            array_like=True, gc=False)
    return entry, detail, msgspec.msgpack.Decoder(top)


def fingerprint() -> str:
    """Changes whenever the code that reads request files (or the shape of a Row) might have."""
    import json
    import sys

    from foitrack import __version__, dates, vocab
    from foitrack.store import exemptions, model, parsing, rows

    parts: list = [FORMAT, __version__, msgspec.__version__]
    parts += parsecache.module_stamps((model, dates, vocab, parsing, exemptions, rows, sys.modules[__name__]))
    return parsecache.key_of(json.dumps(parts))


#: visit(row, context, derived) -> None, or (context, derived) to keep with the row instead.
Visit = Callable[[Any, Optional[str], Any], Optional[tuple[str, Any]]]


class Index:
    """One tracker's listing cache (see the module's docstring)."""

    def __init__(self, store):
        self.store = store
        self.folder = store.cache_dir / FOLDER
        self.enabled = store.use_cache and parsecache.enabled()
        self._fingerprint: str | None = None
        self._summaries: dict[str, Summary] | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint()
        return self._fingerprint

    def _path(self, shard: str):
        return self.folder / f"{shard}.msgpack"

    def _shards_on_disk(self) -> list[str]:
        try:
            return sorted(name[: -len(".msgpack")] for name in os.listdir(self.folder) if name.endswith(".msgpack"))
        except OSError:
            return []

    def _read(self, shard: str, decoder) -> list:
        """The entries of one file, decoded by `decoder`; none if it is missing or damaged."""
        try:
            with open(self._path(shard), "rb") as handle:
                top = decoder.decode(handle.read())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return []
        if top.format != FORMAT or top.fingerprint != self.fingerprint:
            return []
        return top.entries

    # -- finding requests without decoding every entry ------------------------------------------

    def summaries(self) -> dict[str, Summary]:
        """name -> Summary, as the files hold them (nothing checked against the request files)."""
        if self._summaries is None:
            self._summaries = {}
            if self.enabled:
                for shard in self._shards_on_disk():
                    for summary in self._read(shard, _SUMMARIES):
                        self._summaries[summary.name] = summary
        return self._summaries

    def headers(self, names: list[str]) -> list[tuple[str, str, str]]:
        """(name, authority, subject) of each of `names` as its file holds it now: from the index
        when the file's stat (and, for a racy entry, its digest) says it is unchanged, else by
        parsing the file (one that does not parse is left out)."""
        from foitrack.store.parsing import parse_bytes

        summaries = self.summaries()
        racy_before = parsecache._now_ns() - parsecache.RACY_SECONDS * 1_000_000_000
        found = []
        for name in names:
            path = self.store.requests_dir / name
            summary = summaries.get(name)
            try:
                stamp = _STAMP.decode(summary.detail) if summary is not None else None
            except (msgspec.DecodeError, msgspec.ValidationError):  # a damaged entry: read the file
                stamp = None
            raw = None
            if stamp is not None:
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                if (stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.ino) == (
                    stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino
                ):
                    if not stamp.racy and max(stat.st_mtime_ns, stat.st_ctime_ns) < racy_before:
                        found.append((name, summary.authority, summary.subject))
                        continue
                    raw = parsecache._read(path)
                    if raw is not None and parsecache.digest_bytes(raw) == stamp.digest:
                        found.append((name, summary.authority, summary.subject))
                        continue
            raw = parsecache._read(path) if raw is None else raw
            request = parse_bytes(path, raw, name[: -len(".toml")]).request if raw is not None else None
            if request is not None:
                found.append((name, request.authority, request.subject))
        return found

    def strays(self) -> dict[str, str | None]:
        """name -> logged_on (ISO) of the requests whose file name does not start with the day
        they were sent (a draft sent after the day it was drafted, a file named or edited by
        hand), as last indexed: a small file, so that `new` finds the requests sent on a day
        from file names and this alone (`Tracker._refuse_duplicates`)."""
        try:
            with open(self.folder / STRAYS, "rb") as handle:
                data = _STRAYS.decode(handle.read())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return {}
        return data[2] if data[0] == FORMAT and data[1] == self.fingerprint else {}

    def _write_strays(self, strays: dict[str, str | None]) -> None:
        try:
            self.store._ensure_state_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            parsecache.write_disposable(self.folder / STRAYS, _ENCODER.encode((FORMAT, self.fingerprint, strays)))
        except Exception:
            pass

    # -- every row --------------------------------------------------------------------------------

    def rows(self, derived: Any, visit: Visit) -> list[Problem]:
        """Call `visit(row, context, derived)` for every request file that parses, in name
        order: its Row and what was kept with it (`derived`, of that type, under `context`;
        None, None when nothing is), or, for a file the index cannot hold, its validated request
        and None, None. What `visit` returns, if not None, is kept instead. Files that changed
        are parsed again; each month's file of the index is rewritten when anything in it
        changed. Returns a problem for each request file that does not parse (or cannot be read)."""
        from foitrack.store.parsing import parse_bytes

        entry_type, detail_type, decoder = _entry_types(derived)
        entries, problems = self.store.scan()
        folder = str(self.store.requests_dir)
        racy_before = parsecache._now_ns() - parsecache.RACY_SECONDS * 1_000_000_000
        open_shards: dict[str, _Shard] = {}
        current: str | None = None
        strays: dict[str, str | None] = {}
        names = []
        for position, dir_entry in enumerate(entries):
            entries[position] = None  # let its cached stat go as soon as it is used
            name = dir_entry.name
            names.append(name)
            key = shard_of(name)
            if key != current:
                if current is not None and current != "other":  # names of a month are adjacent
                    self._close(open_shards.pop(current))
                current = key
                if key not in open_shards:
                    held = self._read(key, decoder) if self.enabled else []
                    open_shards[key] = _Shard(key, {entry.name: entry for entry in held})
            shard = open_shards[key]
            entry = shard.held.pop(name, None)
            try:
                stat = dir_entry.stat()
            except OSError:
                stat = None
            detail = entry.detail if entry is not None and stat is not None else None
            raw = None
            if detail is not None and (
                detail.size != stat.st_size or detail.mtime_ns != stat.st_mtime_ns
                or detail.ctime_ns != stat.st_ctime_ns or detail.ino != stat.st_ino
            ):
                detail = None
            if detail is not None and detail.racy:  # trusted only if the bytes are the same
                raw = parsecache._read(self.store.requests_dir / name)
                if raw is None or parsecache.digest_bytes(raw) != detail.digest:
                    detail = None
                elif max(stat.st_mtime_ns, stat.st_ctime_ns) < racy_before:
                    detail.racy = False
                    shard.changed = True
            if detail is None:
                shard.changed = True
                path = self.store.requests_dir / name
                if raw is None:
                    raw = parsecache._read(path)
                loaded = parse_bytes(path, raw, name[: -len(".toml")]) if raw is not None else self.store.read(path)
                problems.extend(loaded.problems)
                if loaded.request is None:
                    continue
                row = row_of(loaded.request, folder)
                if row is None or stat is None:  # nothing to check it against next time: not kept
                    visit(row or loaded.request, None, None)
                    continue
                logged_on = row.sent or row.drafted
                entry = entry_type(
                    name, logged_on.isoformat() if logged_on else None, row.authority, row.subject,
                    detail_type(
                        stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, parsecache.digest_bytes(raw),
                        max(stat.st_mtime_ns, stat.st_ctime_ns) >= racy_before, row, "", None,
                    ),
                )
                detail = entry.detail
            else:
                detail.row.folder = folder
            shard.kept.append(entry)
            if entry.logged_on is None or not name.startswith(entry.logged_on):
                strays[name] = entry.logged_on
            kept = visit(detail.row, detail.context or None, detail.derived if detail.context else None)
            if kept is not None:
                detail.context, detail.derived = kept
                shard.changed = True
        for shard in open_shards.values():
            self._close(shard)
        if self.enabled and strays != self.strays():
            self._write_strays(strays)
        if self.enabled:  # months with no request file left
            seen = {shard_of(name) for name in names}
            for key in self._shards_on_disk():
                if key not in seen:
                    try:
                        self._path(key).unlink()
                    except OSError:
                        pass
        return problems

    def _close(self, shard: _Shard) -> None:
        """Write a month's file if anything in it changed (or a request file of it is gone);
        a failure (a read-only folder, a full disk) is ignored: those files are parsed again."""
        if not self.enabled or not (shard.changed or shard.held):
            return
        folders = [entry.detail.row.folder for entry in shard.kept]
        for entry in shard.kept:
            entry.detail.row.folder = ""  # the folder is the tracker's, wherever it is
        try:
            payload = _ENCODER.encode((FORMAT, self.fingerprint, shard.kept))
        finally:
            for entry, folder in zip(shard.kept, folders):
                entry.detail.row.folder = folder
        try:
            self.store._ensure_state_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            if shard.kept:
                parsecache.write_disposable(self._path(shard.key), payload)
            else:
                self._path(shard.key).unlink(missing_ok=True)
        except Exception:
            pass


class _Shard:
    """One month's file while `rows` goes through it: the entries read from it and not yet
    matched (`held`), those matched or made (`kept`), and whether it must be written."""

    def __init__(self, key: str, held: dict):
        self.key = key
        self.held = held
        self.kept: list = []
        self.changed = False
