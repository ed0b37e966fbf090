"""The listing cache: every request file as a `Row`, in one file read in one go.

`list`, `due`, `report` and `export` read every request, and parsing TOML and validating it is
what costs at 10,000 of them. So `Index.rows` keeps, in `.foitrack/cache/index.msgpack`, each
file's `Row` (its header and events as plain data, `foitrack.store.rows`) and whatever its caller
derives from that content (`keep`: the tracker's settled deadlines, foitrack.law.standing), and
next time parses only the files that changed. One msgpack file, decoded by msgspec into typed
structs: a wrong type anywhere is a miss, never a wrong answer.

The rules are the parse cache's (foitrack.store.parsecache), because a stale entry would show a
journalist the wrong deadline:

- An entry is used only if the file's size, mtime_ns, ctime_ns and inode are all as they were;
  one whose file changed less than `RACY_SECONDS` before it was read is used only once a BLAKE2
  digest of the bytes read again agrees.
- What the caller derived is kept with the `context` it was derived under (the caller's key for
  its settings, calendar and code), and handed back only under the same context.
- Any fault in the file (missing, truncated, another format, another version of the code) makes
  the entries misses: the files are parsed again and the cache rewritten. Never an error.
  `FOITRACK_NO_CACHE=1` bypasses it (`parsecache.enabled`); deleting it is always safe.

The file is two-level: each request's name, date, authority and subject at the top, and the
rest (stat, digest, row, what was derived) as raw bytes decoded only when read. So `names`
finds the requests sent on a day, or to an authority, among 100,000 without decoding them all
(`new`'s duplicate check, ids by authority name), even from a cache not brought up to date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import msgspec

from foitrack.errors import Problem
from foitrack.store import parsecache
from foitrack.store.rows import Row, row_of

FORMAT = 1
FILE_NAME = "index.msgpack"
_NOTHING = msgspec.msgpack.encode(None)


class Summary(msgspec.Struct, array_like=True, gc=False):
    """The top level of an entry: enough to find a request without decoding the rest."""

    name: str
    logged_on: str | None  # ISO date: sent, or drafted for a draft
    authority: str
    subject: str
    detail: msgspec.Raw


class Detail(msgspec.Struct, array_like=True, gc=False):
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    digest: bytes
    racy: bool
    row: Row
    context: str  # what `derived` was derived under ("": nothing yet)
    derived: msgspec.Raw  # the caller's, opaque here


class _Top(msgspec.Struct, array_like=True, gc=False):
    format: int
    fingerprint: str
    entries: list[Summary]


_TOP = msgspec.msgpack.Decoder(_Top)
_DETAIL = msgspec.msgpack.Decoder(Detail)
_ENCODER = msgspec.msgpack.Encoder()


def fingerprint() -> str:
    """Changes whenever the code that reads request files (or the shape of a Row) might have."""
    import json
    import sys
    import zlib

    from foitrack import __version__, dates, vocab
    from foitrack.store import exemptions, model, parsing, rows

    parts: list = [FORMAT, __version__, msgspec.__version__]
    parts += parsecache.module_stamps((model, dates, vocab, parsing, exemptions, rows, sys.modules[__name__]))
    return f"{zlib.crc32(json.dumps(parts).encode()):08x}"


@dataclass
class Indexed:
    """One request file as the index gives it: its row, and what the caller derived from it
    under `context` (raw bytes, None when nothing is kept under that context)."""

    row: Row
    context: str
    derived: msgspec.Raw | None


class Index:
    """One tracker's listing cache (see the module's docstring)."""

    def __init__(self, store):
        self.store = store
        self.path = store.cache_dir / FILE_NAME
        self.enabled = store.use_cache and parsecache.enabled()
        self._fingerprint: str | None = None
        self._summaries: dict[str, Summary] | None = None
        self._details: dict[str, Detail] = {}
        self._pending: dict[str, Summary] = {}  # new or changed entries, to be encoded by `save`
        self.changed = False

    # -- reading the file ----------------------------------------------------------------------

    def summaries(self) -> dict[str, Summary]:
        """name -> Summary, as the file holds them (nothing checked against the files)."""
        if self._summaries is None:
            self._summaries = {}
            if self.enabled:
                try:
                    with open(self.path, "rb") as handle:
                        top = _TOP.decode(handle.read())
                except (OSError, msgspec.DecodeError, msgspec.ValidationError):
                    top = None
                if top is not None and top.format == FORMAT and top.fingerprint == self.fingerprint:
                    self._summaries = {summary.name: summary for summary in top.entries}
        return self._summaries

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint()
        return self._fingerprint

    def names(self, *, logged_on: str | None = None, authorities: set[str] | None = None) -> list[str]:
        """The names of the files the index says were sent (or drafted) on `logged_on`, or are to
        one of `authorities`. As last indexed: the caller reads the files to be sure, and also
        reads those the index does not hold (`unindexed`)."""
        found = []
        for summary in self.summaries().values():
            if logged_on is not None and summary.logged_on == logged_on:
                found.append(summary.name)
            elif authorities is not None and summary.authority in authorities:
                found.append(summary.name)
        return found

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
            detail = self._detail(summary) if summary is not None else None
            raw = None
            if detail is not None:
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                if (detail.size, detail.mtime_ns, detail.ctime_ns, detail.ino) == (
                    stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino
                ):
                    if not detail.racy and max(stat.st_mtime_ns, stat.st_ctime_ns) < racy_before:
                        found.append((name, summary.authority, summary.subject))
                        continue
                    raw = parsecache._read(path)
                    if raw is not None and parsecache.digest_bytes(raw) == detail.digest:
                        found.append((name, summary.authority, summary.subject))
                        continue
            raw = parsecache._read(path) if raw is None else raw
            request = parse_bytes(path, raw, name[: -len(".toml")]).request if raw is not None else None
            if request is not None:
                found.append((name, request.authority, request.subject))
        return found

    # -- rows ----------------------------------------------------------------------------------

    def rows(self) -> tuple[list[Indexed], list[Problem]]:
        """Every request file that parses, as a Row with what was derived from it, in name
        order, and a problem for each file that does not (or cannot be read). Files that changed
        are parsed again, and the index brought up to date (`save`)."""
        from foitrack.store.parsing import parse_bytes

        entries, problems = self.store.scan()
        summaries = self.summaries() if self.enabled else {}
        folder = str(self.store.requests_dir)
        racy_before = parsecache._now_ns() - parsecache.RACY_SECONDS * 1_000_000_000
        found: list[Indexed] = []
        fresh: dict[str, Summary] = {}
        for entry in entries:
            name = entry.name
            try:
                stat = entry.stat()
            except OSError:
                stat = None
            summary = summaries.get(name)
            detail = self._detail(summary) if summary is not None and stat is not None else None
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
                    self._touch(name, detail, summary)
            if detail is None:
                path = self.store.requests_dir / name
                if raw is None:
                    raw = parsecache._read(path)
                loaded = parse_bytes(path, raw, name[: -len(".toml")]) if raw is not None else self.store.read(path)
                problems.extend(loaded.problems)
                if loaded.request is None:
                    if summary is not None:
                        self.changed = True
                    continue
                row = row_of(loaded.request, folder)
                if stat is None:  # no stat to check it against next time: not kept
                    found.append(Indexed(row, "", None))
                    continue
                detail = Detail(
                    stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino,
                    parsecache.digest_bytes(raw), max(stat.st_mtime_ns, stat.st_ctime_ns) >= racy_before,
                    row, "", msgspec.Raw(_NOTHING),
                )
                summary = self._touch(name, detail, None)
            else:
                detail.row.folder = folder
            fresh[name] = summary
            found.append(Indexed(detail.row, detail.context, detail.derived if detail.context else None))
        if fresh.keys() != summaries.keys():
            self.changed = True
        self._summaries = fresh
        return found, problems

    def _detail(self, summary: Summary) -> Detail | None:
        detail = self._details.get(summary.name)
        if detail is None:
            try:
                detail = self._details[summary.name] = _DETAIL.decode(summary.detail)
            except (msgspec.DecodeError, msgspec.ValidationError):  # a damaged entry is a miss
                return None
        return detail

    def _touch(self, name: str, detail: Detail, summary: Summary | None) -> Summary:
        """Remember a new or changed entry, to be written by `save`."""
        row = detail.row
        logged_on = row.sent or row.drafted
        summary = Summary(
            name, logged_on.isoformat() if logged_on else None, row.authority, row.subject, msgspec.Raw(b"")
        )
        self._details[name] = detail
        self._pending[name] = summary
        self.changed = True
        return summary

    def keep(self, row: Row, context: str, derived: bytes) -> None:
        """Keep what the caller derived from a row's content under `context`, until the file
        changes (written by `save`)."""
        summary = (self._summaries or {}).get(row.name)
        detail = self._details.get(row.name)
        if summary is None or detail is None:
            return
        detail.context = context
        detail.derived = msgspec.Raw(derived)
        self._pending[row.name] = summary
        self.changed = True

    def save(self) -> None:
        """Write the index if anything changed; any failure (a read-only folder, a full disk) is
        ignored: the next command parses those files again."""
        if not (self.enabled and self.changed) or self._summaries is None:
            return
        folder_free: list[Summary] = []
        for name in sorted(self._summaries):
            summary = self._summaries[name]
            if name in self._pending:
                detail = self._details[name]
                folder, detail.row.folder = detail.row.folder, ""
                summary = Summary(summary.name, summary.logged_on, summary.authority, summary.subject,
                                  msgspec.Raw(_ENCODER.encode(detail)))
                detail.row.folder = folder
            folder_free.append(summary)
        try:
            self.store._ensure_state_dir()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            parsecache.write_disposable(self.path, _ENCODER.encode(_Top(FORMAT, self.fingerprint, folder_free)))
        except Exception:
            return
        self.changed = False
        self._pending.clear()
