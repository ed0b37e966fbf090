"""Which request a user means, and whether the files are sound: an id, any unique part of it or
of its authority's name resolved to one file (or an error listing the candidates); `check` and
`check --clean` over the whole folder, shared among processes when it is large.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from foitrack.errors import FoitrackError, Problem, UsageError
from foitrack.settings import SETTINGS_FILE
from foitrack.store import tomltext
from foitrack.store.folder import Store
from foitrack.store.model import Request, email_address_problem
from foitrack.tracker.core import located_problems

_CANDIDATES_SHOWN = 10  # an ambiguous id lists this many candidates


def _ambiguous(fragment: str, candidates: list[tuple[str, str, str]], count: int) -> UsageError:
    """The error for a fragment that names several requests: one line saying so, then a line
    per candidate (id, authority, subject), so the user can pick one and type it."""
    width = max(len(request_id) for request_id, _, _ in candidates)
    named = max(len(authority) for _, authority, _ in candidates)
    lines = [f"{fragment!r} could be any of {count} requests; give more of its id or authority:"]
    lines += [f"  {request_id:<{width}}  {authority:<{named}}  {subject}" for request_id, authority, subject in candidates]
    if count > len(candidates):
        lines.append(f"  ... and {count - len(candidates)} more ('foitrack list' shows them all)")
    return UsageError("\n".join(lines))




#: `check` reads files in batches of this many: the unit of its progress, and of its work for
#: each process when there are many.
CHECK_BATCH = 200


#: From this many files `check` shares the work among the machine's processors (where a process
#: can be forked: Linux), so that it takes no longer than parsing the files one by one would.
CHECK_IN_PARALLEL_FROM = 2000


def _checked(store: Store, names: list[str]):
    """(problems, how many files) for each batch of `names`, in order: what `check` finds in
    each request file, read and parsed afresh. Many files are shared among processes."""
    import os
    import sys

    batches = [names[i:i + CHECK_BATCH] for i in range(0, len(names), CHECK_BATCH)]
    workers = min(os.cpu_count() or 1, 8)
    if len(names) < CHECK_IN_PARALLEL_FROM or workers < 2 or not sys.platform.startswith("linux"):
        for batch in batches:
            yield _problems_in(store.root, batch), len(batch)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for batch, found in zip(batches, pool.map(_problems_in, [store.root] * len(batches), batches)):
            yield found, len(batch)


def _problems_in(root: Path, names: list[str]) -> list[Problem]:
    """What `check` finds in these request files (syntax, schema, the order of events, the
    address), each read afresh (a process of its own may run this)."""
    store = Store(root)
    problems: list[Problem] = []
    for name in names:
        loaded = store.read(store.requests_dir / name)
        problems.extend(loaded.problems)
        if loaded.request is not None:
            problems.extend(located_problems(loaded.request, loaded.text or ""))
            problems.extend(_address_problems(loaded.request, loaded.text or ""))
    return problems


def _address_problems(request: Request, text: str) -> list[Problem]:
    """A request's own address, checked as `new` and `edit` check one."""
    if request.email is None:
        return []
    problem = email_address_problem(request.email)
    if problem is None:
        return []
    return [
        Problem(
            request.path,
            tomltext.line_of(text, ("email",)),
            f"email {request.email!r} {problem}; chasers cannot go to it until it is fixed",
        )
    ]


def _problem_from_message(path: Path, message: str) -> Problem:

    match = re.match(r"^(.*?):(\d+): (.*)$", message)
    if match:
        return Problem(Path(match.group(1)), int(match.group(2)), match.group(3))
    return Problem(path, 1, message.split(": ", 1)[-1])


class Finding:
    """The finding and checking operations of `Tracker` (see the module's docstring)."""

    @staticmethod
    def _located(request: Request, loc: tuple, message: str) -> Problem:
        try:
            text = request.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, AttributeError):
            return Problem(request.path, 1, message)
        return Problem(request.path, tomltext.line_of(text, loc), message)

    def load_one(self, fragment: str) -> Request:
        """The request a user means (`resolve`), read; a broken file is an error naming its problems."""
        return self.store.load_file(self.resolve(fragment))

    def resolve(self, fragment: str) -> Path:
        """The request file a user means by what they typed: its id, any unique part of it, or
        any unique part of its authority's name or of a name the directory knows it by ('the
        Met', 'GMP', 'police scotland'). Never a file outside requests/.

        File names come first and decide whenever they match, with no file read: at 100,000
        requests that stays instant (a piece of an id's random tail, 'bbc' in '...-bbcq', only
        when no authority goes by it). Only a fragment no file name holds is looked up by
        authority, from the listing cache (`_requests_named`), never by loading and validating
        the whole tracker. An ambiguous fragment is a usage
        error listing the candidates, each with its id, authority and subject."""
        self.store.require()
        ids, tail_only = self.store.ids_matching(fragment)
        authorities: set[str] = set()
        if not ids:
            named, authorities = self._requests_named(fragment)
            if len(named) == 1:
                return named[0][1]
            if named:
                raise _ambiguous(fragment, [(i, a, s) for i, _, a, s in named], len(named))
            ids = tail_only  # 'bbc' in '...-bbcq': only when no authority is called that
        if len(ids) == 1:
            return self.store.path_of(ids[0])
        if ids:
            shown = []
            for request_id in ids[:_CANDIDATES_SHOWN]:
                found = self.store.read(self.store.path_of(request_id)).request
                shown.append((request_id, found.authority if found else "(does not parse)", found.subject if found else ""))
            raise _ambiguous(fragment, shown, len(ids))
        resolution = self._resolve_filter(fragment)
        near = [name for name in resolution.suggestions if name in authorities] if resolution.status == "suggest" else []
        hint = f"; did you mean {' or '.join(repr(name) for name in near[:3])}?" if near else ": 'foitrack list' shows them"
        raise UsageError(
            f"no request id contains {fragment!r}, and no request is to an authority of that name{hint}"
        )

    def _requests_named(self, fragment: str) -> tuple[list[tuple[str, Path, str, str]], set[str]]:
        """(id, path, authority, subject) of the requests whose authority the fragment names:
        the authority the directory reads it as ('the Met', 'Leeds CC') if any request is to it,
        else every authority with the fragment in its name, short name or one of its aliases. And the
        tracker's authorities, for suggestions.

        The authorities come from the listing cache's top level (`Index.summaries`), which is
        read without decoding whole entries and may be a little out of date: the files it does
        not hold are read, and each request it names is checked against its file (`Index.headers`:
        a stat, or a parse if the file changed), so a request is never named by an authority it
        no longer has. (One edited by hand to a new authority since the last listing is found
        once a listing has seen it.)"""
        from foitrack.directory import normalise_name
        from foitrack.store.index import Index

        index = Index(self.store)
        names = [f"{request_id}.toml" for request_id in self.store.request_ids()]
        summaries = index.summaries()
        known = {name: summary.authority for name in names if (summary := summaries.get(name)) is not None}
        unindexed = index.headers([name for name in names if name not in summaries])
        known.update((name, authority) for name, authority, _ in unindexed)
        authorities = set(known.values())
        key = normalise_name(fragment)
        if not key:
            return [], authorities
        resolution = self._resolve_filter(fragment)
        exact: set[str] = set()
        if resolution.status == "exact":
            exact = {name for name in authorities if self.authority_matches(name, fragment)}
        if exact:
            wanted = exact
        else:
            wanted = set()
            for name in authorities:
                entry = self.authority(name)
                names_of = [name, *((entry.name, entry.short_name, *entry.aliases) if entry is not None else ())]
                if any(key in normalise_name(candidate) for candidate in names_of):
                    wanted.add(name)
        candidates = [name for name, authority in known.items() if authority in wanted]
        named = [
            (name[: -len(".toml")], self.store.requests_dir / name, authority, subject)
            for name, authority, subject in index.headers(candidates)
            if authority in wanted
        ]
        return sorted(named), authorities

    def check(self, progress: Callable[[int, int], None] | None = None) -> list[Problem]:
        """Every problem in every request file (syntax, schema, the order of events, addresses),
        entries in requests/ that are not request files, and what cut-off writes left behind.
        `progress(done, total)` is told how far it has got, every so many files."""
        self.store.require()
        problems: list[Problem] = []
        try:
            self.settings
            self.directory
            for regime in ("foia", "foisa"):
                self.extra_non_working(regime)
        except FoitrackError as error:
            problems.append(_problem_from_message(self.root / SETTINGS_FILE, error.message))
        entries, strays = self.store.scan()
        problems.extend(strays)
        names = [entry.name for entry in entries]
        total, done = len(names), 0
        for found, count in _checked(self.store, names):
            problems.extend(found)
            done += count
            if progress is not None:
                progress(done, total)
        # An empty request file is a problem of its own above (every file was read).
        problems.extend(leftover.problem() for leftover in self._leftovers() if leftover.kind != "cache")
        return sorted(problems)

    def _leftovers(self) -> list:
        """What cut-off writes left behind, looked for under the lock, so that the temporary file
        of a command writing right now is never taken for one; on a tracker that cannot be
        locked (a read-only one) nothing can be writing, so without it."""
        try:
            with self.store.lock(clean=False):
                return self.store.leftovers(empty_files=False)
        except FoitrackError:
            return self.store.leftovers(empty_files=False)

    def clean(self) -> list:
        """Clear away what cut-off writes left behind (`Store.clean_leftovers`), under the lock;
        a request file put back or removed is committed like any change. Returns the
        `Leftover`s dealt with."""
        self.store.require()
        with self.store.lock():
            done = self.store.clean_leftovers()
            changed = [leftover.target for leftover in done if leftover.kind in ("restore", "empty")]
            if changed:
                self._changed(changed, "Clean up after a write that was cut off")
        return done

