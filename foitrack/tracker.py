"""The operations a user performs on a tracker, independent of the command line.

`Tracker` ties the store, the settings, the authority directory and the deadline rules together.
Every change goes through `_changed`, the one place that later layers (git commits) hook into.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import ValidationError

from foitrack.law.evaluation import Evaluation, evaluate
from foitrack.law.validation import calendar_problems, file_problems
from foitrack.errors import AlreadyRecorded, FoitrackError, Problem, UsageError
from foitrack.store.model import EVENT_OPTIONS, Event, Request, email_address, email_address_problem, identity_key
from foitrack.settings import DEFAULT_SETTINGS, SETTINGS_FILE, Settings, toml_key
from foitrack.store.atomic import create_exclusive
from foitrack.store.folder import REQUESTS_DIR, Store, slugify
from foitrack.store import tomltext

REQUESTS_README = """\
# requests/

One TOML file per Freedom of Information request, written by `foitrack new` and updated by
appending `[[events]]` (`foitrack record`, `foitrack respond`); `foitrack edit` changes only the
header lines it is asked to. The file name is the request's id.
Edit the files by hand if you like: comments and keys of your own are kept, and
`foitrack check` tells you if an edit broke anything.
"""

ChangeHook = Callable[[list[Path], str], None]

_CANDIDATES_SHOWN = 10  # an ambiguous id lists this many candidates

# How `edit` names a header key in its note and output.
_KEY_WORDS = {"authority": "authority", "subject": "subject", "regime": "law", "email": "email",
              "tags": "tags", "batch": "batch"}


@dataclass
class AuthorityChoice:
    """What the tracker made of an authority name a user typed."""

    name: str
    regime: str
    days: int | None = None
    email: str | None = None
    note: str | None = None


@dataclass
class Tracker:
    root: Path
    today: dt.date = field(default_factory=dt.date.today)
    as_of_date: dt.date | None = None
    change_hooks: list[ChangeHook] = field(default_factory=list)
    # Commit each change when the folder is in a git work tree (and foitrack.toml allows it).
    use_git: bool = True

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.store = Store(self.root)
        self._extra_cache: dict[str, tuple] = {}
        self._filter_cache: dict[str, Any] = {}
        self._authority_cache: dict[str, Any] = {}
        if self.store.exists():
            from foitrack.law import workdays
            from foitrack.store import parsecache

            if parsecache.enabled():  # keep the bank-holiday table in .foitrack/cache between runs
                workdays.table_store = parsecache.DerivedStore(
                    self.store.cache_dir, self.store._ensure_state_dir
                )
        if self.use_git:
            from foitrack.teamwork.git import GitCommitHook

            self.change_hooks.append(GitCommitHook(self))

    # -- context -------------------------------------------------------------------------------

    @property
    def as_of(self) -> dt.date:
        return self.as_of_date or self.today

    @cached_property
    def settings(self) -> Settings:
        return Settings.load(self.root)

    @cached_property
    def directory(self):
        from foitrack.directory import Directory

        return Directory.load(self.settings.authorities)

    @cached_property
    def _bank_holiday_divisions(self) -> dict:
        """Days from a gov.uk bank-holidays.json the tracker names, e.g. a newly proclaimed day."""
        from foitrack.law.workdays import load_bank_holidays_json

        name = self.settings.section("deadlines").get("bank_holidays_json")
        if not name:
            return {}
        path = self.root / str(name)
        try:
            return load_bank_holidays_json(path)
        except ValueError as error:
            raise FoitrackError(f"{self.settings.path}: deadlines.bank_holidays_json: {error}") from None

    def extra_non_working(self, regime: str) -> tuple[tuple[dt.date, str], ...]:
        """Non-working days the tracker adds to the statutory calendar for this regime."""
        cached = self._extra_cache.get(regime)
        if cached is None:
            from foitrack.law.workdays import extra_days_for

            days = dict(self.settings.non_working_days)
            if self._bank_holiday_divisions:
                for day, name in extra_days_for(regime, self._bank_holiday_divisions):
                    days.setdefault(day, name)
            cached = self._extra_cache[regime] = tuple(sorted(days.items()))
        return cached

    def calendar(self, regime: str):
        from foitrack.law.workdays import calendar_for

        return calendar_for(regime, self.extra_non_working(regime))

    def authority(self, name: str):
        """The directory's entry for a canonical (or tracker-defined) name, if it has one.

        Remembered per name: evaluating 100,000 requests asks about the same few hundred
        authorities over and over, and a name the directory lacks costs a fuzzy search."""
        try:
            return self._authority_cache[name]
        except KeyError:
            pass
        found = self.directory.get(name)
        if found is None:
            resolution = self.directory.resolve(name)
            found = resolution.authority if resolution.status == "exact" else None
        self._authority_cache[name] = found
        return found

    def resolve_authority(self, typed: str, *, accept_suggestion: bool = False) -> AuthorityChoice:
        """Turn what a user typed into the directory's canonical name and its default law.

        A close miss, an abbreviation shared by several bodies ("WCC") and a name that looks like
        an abbreviation foitrack does not know ("XYZP", "Foo CC") are errors, with suggestions
        where there are any, and nothing is written: logged as typed, such a name would become a
        phantom authority under the wrong law. A name that is clearly a new body's, resembling
        nothing, is accepted as typed, since no directory holds every public body. With
        `accept_suggestion` (`import --accept-suggestions`), a close miss with exactly one near
        match is read as that authority, with a note saying so.
        """
        from foitrack.directory import looks_like_abbreviation

        name = " ".join(typed.split())
        if not name:
            raise UsageError("an authority name cannot be empty")
        resolution = self.directory.resolve(name)
        if resolution.status == "exact":
            found = resolution.authority
            return AuthorityChoice(found.name, found.regime, found.days, found.email)
        as_typed = f"to log it as typed, add [authorities.{toml_key(name)}] to foitrack.toml"
        if resolution.ambiguous:
            raise UsageError(
                f"{name!r} could mean any of {len(resolution.suggestions)} authorities: "
                + ", ".join(repr(s) for s in resolution.suggestions)
                + f"; give the full name of the one you mean ({as_typed})"
            )
        if resolution.status == "suggest" and accept_suggestion and len(resolution.suggestions) == 1:
            found = self.directory.get(resolution.suggestions[0])
            if found is not None:
                return AuthorityChoice(
                    found.name, found.regime, found.days, found.email,
                    note=f"{name!r} read as {found.name!r}, its only near match (--accept-suggestions)",
                )
        if resolution.status == "suggest":
            raise UsageError(
                f"{name!r} is not an authority foitrack knows; did you mean "
                + " or ".join(repr(s) for s in resolution.suggestions[:5])
                + f"? ({as_typed})"
            )
        if looks_like_abbreviation(name):
            raise UsageError(
                f"{name!r} looks like an abbreviation foitrack does not know; give the authority's "
                f"full name ('foitrack authorities' searches the directory), or {as_typed}"
            )
        return AuthorityChoice(
            name=name,
            regime="foia",
            note=(
                f"{name!r} is not in foitrack's directory of authorities; logged as typed under FOIA. "
                f"Add [authorities.{toml_key(name)}] to foitrack.toml to set its law and email."
            ),
        )

    def authority_matches(self, authority: str, query: str) -> bool:
        """Does a request's authority answer to what a user typed in a filter?

        An alias the directory knows ("the Met") matches its canonical name, and a request
        logged under another name for the same body ("GMP", typed before the directory knew it);
        anything else matches as a case-insensitive part of the name."""
        resolution = self._resolve_filter(query)
        if resolution.status == "exact":
            if authority == resolution.authority.name:
                return True
            known = self.authority(authority)
            return known is not None and known.name == resolution.authority.name
        return " ".join(query.split()).casefold() in authority.casefold()

    def _resolve_filter(self, query: str):
        """The directory's reading of a filter, looked up once per query (a miss is a fuzzy search)."""
        resolution = self._filter_cache.get(query)
        if resolution is None:
            resolution = self._filter_cache[query] = self.directory.resolve(query)
        return resolution

    def check_authority_filter(self, query: str | None, requests: Iterable[Request]) -> None:
        """A filter that matches no request but is a near miss for a known authority is almost
        certainly a typo: say so (exit 2) rather than silently showing nothing."""
        if not query or any(self.authority_matches(r.authority, query) for r in requests):
            return
        resolution = self._resolve_filter(query)
        if resolution.status == "suggest":
            raise UsageError(
                f"no request is to {query!r}; did you mean "
                + " or ".join(repr(name) for name in resolution.suggestions[:5])
                + "?"
            )

    def evaluate(self, request: Request, as_of: dt.date | None = None) -> Evaluation:
        known = self.authority(request.authority)
        return evaluate(
            request,
            as_of or self.as_of,
            authority_days=known.days if known else None,
            school_terms=self.school_terms_for(known) if known else None,
            extra_non_working=self.extra_non_working(request.regime),
            receipt_rule=self.settings.receipt_rule,
        )

    def school_terms_for(self, known) -> Any:
        """A school's term dates (foitrack.law.schools.SchoolTerms), from the [school_terms]
        tables its [authorities] table names and its own school_days; None if it gave none."""
        if not known.school_terms and known.school_days is None:
            return None
        key = ("school", known.name)
        if key not in self._authority_cache:
            from foitrack.law.schools import SchoolTerms

            shared = self.settings.school_terms
            parts = []
            for name in known.school_terms:
                if name not in shared:
                    raise FoitrackError(
                        f'{self.settings.path}: [authorities.{toml_key(known.name)}] school_terms = "{name}", '
                        f'but there is no [school_terms.{toml_key(name)}] table: add it, with the school\'s terms'
                    )
                parts.append(shared[name])
            if known.school_days is not None:
                parts.append(known.school_days)
            label = " + ".join(known.school_terms + (("its own terms",) if known.school_days is not None else ()))
            self._authority_cache[key] = SchoolTerms.combine(label, parts)
        return self._authority_cache[key]

    def deadline_for(
        self,
        received: dt.date,
        regime: str,
        days: int | None = None,
        *,
        authority_days: int | None = None,
        school_terms: Any = None,
    ) -> Evaluation:
        """The deadline for a request received on `received`, as `foitrack deadline` explains it.

        Raises UsageError when the date, or its deadline, is outside foitrack's calendar."""
        from foitrack.law.workdays import CalendarRangeError

        probe = Request(authority="(any authority)", subject="(deadline)", sent=received, regime=regime)
        try:
            return evaluate(
                probe,
                received,
                days=days,
                authority_days=authority_days,
                school_terms=school_terms,
                extra_non_working=self.extra_non_working(regime),
                receipt_rule=self.settings.receipt_rule,
                strict=True,
            )
        except CalendarRangeError as error:
            raise UsageError(f"DATE: {error}") from None

    def non_working_weekdays(self, regime: str, start: dt.date, end: dt.date):
        return self.calendar(regime).non_working_weekdays(start, end)

    def matching(
        self,
        requests: Iterable[Request],
        *,
        authority: str | None = None,
        tag: str | None = None,
        batch: str | None = None,
        kind: str | None = None,
        nation: str | None = None,
    ) -> list[Request]:
        """The requests that pass the filters every listing command shares. An authority filter
        goes through the directory ("the Met" finds the Metropolitan Police Service), and a near
        miss that matches nothing is an error with suggestions. Tags match whole, ignoring case;
        a batch matches any part of its name. `kind` and `nation` (words `read_kind` and
        `read_nation` know) select by the directory's entry for the authority, or the tracker's
        own in foitrack.toml; an authority known to neither is of kind "other", nation unknown."""
        requests = list(requests)
        self.check_authority_filter(authority, requests)
        wanted_tag = tag.casefold() if tag else None
        wanted_batch = batch.casefold() if batch else None
        from foitrack.directory import KINDS, NATIONS, read_kind, read_nation

        wanted_kind = _filter_word(kind, "--kind", read_kind, KINDS)
        wanted_nation = _filter_word(nation, "--nation", read_nation, NATIONS)
        return [
            request
            for request in requests
            if (not authority or self.authority_matches(request.authority, authority))
            and (not wanted_tag or wanted_tag in (t.casefold() for t in request.tags))
            and (not wanted_batch or (request.batch is not None and wanted_batch in request.batch.casefold()))
            and (not wanted_kind or self.kind_of(request.authority) == wanted_kind)
            and (not wanted_nation or self.nation_of(request.authority) == wanted_nation)
        ]

    def kind_of(self, authority: str) -> str:
        """The kind of authority a request went to: the directory's, or "other"."""
        known = self.authority(authority)
        return known.kind if known is not None else "other"

    def nation_of(self, authority: str) -> str | None:
        """Where the authority a request went to works (None: the directory does not say)."""
        known = self.authority(authority)
        return known.nation if known is not None else None

    def listed(
        self,
        requests: Iterable[Request],
        *,
        status: str | None = None,
        authority: str | None = None,
        tag: str | None = None,
        batch: str | None = None,
        kind: str | None = None,
        nation: str | None = None,
    ) -> list[tuple[Request, Evaluation]]:
        """The requests `list` shows, evaluated: those that pass the filters and, with `status`,
        have that status or belong to that group of the report's (`has_status`)."""
        from foitrack.law.evaluation import has_status

        rows = []
        for request in self.matching(
            requests, authority=authority, tag=tag, batch=batch, kind=kind, nation=nation
        ):
            evaluation = self.evaluate(request)
            if not status or has_status(evaluation, status):
                rows.append((request, evaluation))
        return rows

    def _horizon(self, within: int) -> Callable[[str], dt.date]:
        """The last day `within` working days from the as-of date, per regime (the same for every
        request under one law, so worked out once each)."""
        horizons: dict[str, dt.date] = {}

        def horizon(regime: str) -> dt.date:
            if regime not in horizons:
                try:
                    horizons[regime] = self.calendar(regime).add_working_days(self.as_of, within)
                except ValueError:  # CalendarRangeError: --within runs past the calendar's end
                    horizons[regime] = dt.date.max
            return horizons[regime]

        return horizon

    def due_rows(
        self,
        requests: list[Request],
        *,
        within: int,
        authority: str | None = None,
        tag: str | None = None,
    ) -> list[tuple[Request, Evaluation]]:
        """Overdue requests and those due within `within` working days, most overdue first."""
        horizon = self._horizon(within)
        rows = []
        for request in self.matching(requests, authority=authority, tag=tag):
            evaluation = self.evaluate(request)
            if evaluation.is_overdue:
                rows.append((request, evaluation))
                continue
            if evaluation.due is None or evaluation.status in ("clarification-requested", "fee-requested"):
                continue
            if evaluation.due <= horizon(request.regime):
                rows.append((request, evaluation))
        return sorted(
            rows,
            key=lambda row: (-row[1].working_days_overdue, row[1].due or dt.date.max, row[0].id),
        )

    def owed_rows(
        self,
        requests: list[Request],
        *,
        within: int,
        authority: str | None = None,
        tag: str | None = None,
    ) -> list[Owed]:
        """What is waiting on the requester, soonest first: a clarification the authority asked
        for and a fee it asked for (either stops the clock until the requester acts; an unpaid
        fee lapses after three months, FOIA s.9(2), FOISA s.9(4)), and the last day to ask for an
        internal review or to complain to the commissioner, when it falls within `within` working
        days. The review and complaint windows are each request's next step in the order the law
        takes it, as the calendar gives them (`publish.ical.deadlines_for`)."""
        from foitrack.publish.ical import deadlines_for

        horizon = self._horizon(within)
        owed: list[Owed] = []
        for request in self.matching(requests, authority=authority, tag=tag):
            evaluation = self.evaluate(request)
            if evaluation.status == "clarification-requested":
                owed.append(Owed(request, evaluation, "clarify", None, evaluation.waiting_since))
            elif evaluation.status == "fee-requested":
                notice = [e for e in request.events_of("fee-notice") if e.date <= self.as_of][-1:]
                amount = notice[0].amount if notice else None
                owed.append(Owed(request, evaluation, "pay-fee", evaluation.fee_pay_by, evaluation.waiting_since, amount))
            else:
                for deadline in deadlines_for(request, evaluation):
                    action = {"review-request": "ask-for-review", "complaint": "complain"}.get(deadline.kind)
                    if action and self.as_of <= deadline.date <= horizon(request.regime):
                        owed.append(Owed(request, evaluation, action, deadline.date))
        return sorted(owed, key=lambda row: (row.date or row.since or dt.date.min, row.request.id))

    def _changed(self, paths: list[Path], message: str) -> None:
        for hook in self.change_hooks:
            hook(paths, message)

    # -- init ----------------------------------------------------------------------------------

    def init(self) -> list[Path]:
        """Create the settings file and requests/ folder; never overwrite anything."""
        from foitrack.errors import os_error_text

        created: list[Path] = []
        if self.root.exists() and not self.root.is_dir():
            raise FoitrackError(f"{self.root} is a file, not a folder: give --dir a folder")
        requests_dir = self.root / REQUESTS_DIR
        if requests_dir.exists() and not requests_dir.is_dir():
            raise FoitrackError(
                f"{requests_dir} exists but is not a folder: move it aside, then run 'foitrack init' again"
            )
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if not requests_dir.exists():
                requests_dir.mkdir()
                created.append(requests_dir)
        except OSError as error:
            raise FoitrackError(f"cannot create a tracker there: {os_error_text(error)}") from None
        readme = requests_dir / "README.md"
        if not readme.exists() and create_exclusive(readme, REQUESTS_README):
            created.append(readme)
        settings = self.root / SETTINGS_FILE
        if create_exclusive(settings, DEFAULT_SETTINGS):
            created.append(settings)
        from foitrack.teamwork.git import ATTRIBUTES_FILE, ATTRIBUTES_TEXT

        # How git merges two people's changes to a request (events from both sides kept); a
        # plain text file that does nothing until the folder is in git.
        attributes = self.root / ATTRIBUTES_FILE
        if not attributes.exists() and create_exclusive(attributes, ATTRIBUTES_TEXT):
            created.append(attributes)
        if created:
            self._changed([p for p in created if p.is_file()], "Start a foitrack tracker")
        return created

    def update_settings(self, edit: Callable[[str], str], message: str) -> bool:
        """Change foitrack.toml: `edit` is given its text ('' when there is none) and returns the
        new text, which must be valid settings. The one way foitrack rewrites its settings:
        under the tracker lock, atomically, then committed like any change (`_changed`), with
        the user's own uncommitted edits to the file committed on their own first. Edit the
        text, never re-serialise it, so comments and keys of the user's own survive. False when
        the text came back unchanged."""
        from foitrack.store.atomic import atomic_write

        path = self.root / SETTINGS_FILE
        with self.store.lock():
            try:
                before = path.read_text(encoding="utf-8") if path.exists() else ""
            except (OSError, UnicodeDecodeError) as error:
                raise FoitrackError(f"{path}: cannot read settings: {error}") from None
            after = edit(before)
            if after == before:
                return False
            from foitrack.directory import Directory

            # Refuse to write settings foitrack could not read back, as `check` reads them.
            Directory.load(Settings.parse(path, after).authorities)
            atomic_write(path, after)
            for cached in ("settings", "directory", "_bank_holiday_divisions"):  # read the new file
                self.__dict__.pop(cached, None)
            self._extra_cache.clear()
            self._authority_cache.clear()
            self._filter_cache.clear()
            self._changed([path], message)
        return True

    # -- reading -------------------------------------------------------------------------------

    def load_all(self) -> tuple[list[Request], list[Problem]]:
        """Every request that parses, and a problem for each that does not. A request with a date
        outside foitrack's calendar (a typo such as 2203) is reported like a broken file."""
        self.store.require()
        requests, problems = self.store.load_all()
        usable = []
        for request in requests:
            outside = calendar_problems(request)
            if outside:
                problems.append(self._located(request, *outside[0]))
            else:
                usable.append(request)
        return usable, sorted(problems)

    def load_as_at(self) -> tuple[list[Request], list[Problem], int]:
        """The requests that had been sent by the --as-of date (all of them without one), the
        problems found, and how many requests were left out as sent later."""
        requests, problems = self.load_all()
        if self.as_of_date is None:
            return requests, problems, 0
        kept = [request for request in requests if request.logged_on <= self.as_of_date]
        return kept, problems, len(requests) - len(kept)

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

    # -- which request a user means ------------------------------------------------------------

    def resolve(self, fragment: str) -> Path:
        """The request file a user means by what they typed: its id, any unique part of it, or
        any unique part of its authority's name or of a name the directory knows it by ('the
        Met', 'GMP', 'police scotland'). Never a file outside requests/.

        File names come first and decide whenever they match, with no file read: at 100,000
        requests that stays instant (a piece of an id's random tail, 'bbc' in '...-bbcq', only
        when no authority goes by it). Only a fragment no file name holds is looked up by
        authority, from the parse cache (`parsecache.header_values`), never by loading and
        validating the whole tracker when the cache is fresh. An ambiguous fragment is a usage
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
        tracker's authorities, for suggestions."""
        from foitrack.directory import normalise_name
        from foitrack.store import parsecache

        values = parsecache.header_values(self.store, ("authority", "subject"))
        if values is None:  # the cache is not up to date: load_all reads what changed, and updates it
            requests, _ = self.store.load_all()
            values = [(r.id, r.path, {"authority": r.authority, "subject": r.subject}) for r in requests]
        key = normalise_name(fragment)
        authorities = {str(fields.get("authority")) for _, _, fields in values}
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
                known = self.authority(name)
                names = [name, *((known.name, known.short_name, *known.aliases) if known is not None else ())]
                if any(key in normalise_name(candidate) for candidate in names):
                    wanted.add(name)
        named = [
            (request_id, path, str(fields.get("authority")), str(fields.get("subject")))
            for request_id, path, fields in values
            if fields.get("authority") in wanted
        ]
        return named, authorities

    def check(self) -> list[Problem]:
        """Every problem in every request file (syntax, schema, the order of events, addresses),
        entries in requests/ that are not request files, and what cut-off writes left behind."""
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
        for entry in entries:
            loaded = self.store.read(self.store.requests_dir / entry.name)
            problems.extend(loaded.problems)
            if loaded.request is not None:
                problems.extend(self._order_problems(loaded.request, loaded.text or ""))
                problems.extend(_address_problems(loaded.request, loaded.text or ""))
        problems.extend(leftover.problem() for leftover in self._leftovers() if leftover.kind not in ("empty", "cache"))
        return sorted(problems)

    def _leftovers(self) -> list:
        """What cut-off writes left behind, looked for under the lock, so that the temporary file
        of a command writing right now is never taken for one; on a tracker that cannot be
        locked (a read-only one) nothing can be writing, so without it."""
        try:
            with self.store.lock(clean=False):
                return self.store.leftovers()
        except FoitrackError:
            return self.store.leftovers()

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

    def _order_problems(self, request: Request, text: str) -> list[Problem]:
        return [
            Problem(request.path, tomltext.line_of(text, loc), message)
            for loc, message in file_problems(request)
        ]

    # -- writing -------------------------------------------------------------------------------

    def new_requests(
        self,
        authorities: Iterable[str],
        *,
        subject: str,
        sent: dt.date,
        received: dt.date | None = None,
        regime: str | None = None,
        tags: Iterable[str] = (),
        body: str | None = None,
        via: str | None = None,
        emails: Iterable[str] = (),
        batch: str | None = None,
        allow_duplicate: bool = False,
        draft: bool = False,
    ) -> tuple[list[Request], list[str]]:
        """Log one request per authority; several authorities form one batch.

        With `draft`, the requests are drafts, to be sent by `foitrack send`: no sent date (`sent`
        is the day they were drafted), and their text is a template filled in for each authority
        ($authority, $requester_name ...: `mail.sending.fill_request_text`), so that each reads
        as written to that body.

        `emails` are the addresses the request went to: a plain address for a single authority,
        "NAME=ADDRESS" for any (the only form a batch takes, so no authority's chasers ever go
        to another's address). A request the tracker already holds (the same authority, subject
        and date sent) is refused unless `allow_duplicate`. Everything is checked before anything
        is written. Returns the new requests and any notes about how the authority names were read."""
        self.store.require()
        names = list(authorities)
        if not names:
            raise UsageError("name at least one authority with -a")
        if not subject or not subject.strip():
            raise UsageError("the subject cannot be empty (-s)")
        if draft and received is not None:
            raise UsageError("a draft has not been received yet: leave out --received")
        if received is not None and received < sent:
            raise UsageError(f"--received {received} is before --sent {sent}")
        for option, day in (("--sent", sent), ("--received", received)):
            if day is not None and day > self.today:
                raise UsageError(f"{option} {day:%d %b %Y} is in the future; log a request once it has been sent")
        tags = [tag.strip() for tag in tags]
        if any(not tag for tag in tags):
            raise UsageError("a tag cannot be empty (-t)")
        probe = Request(authority="-", subject="-", sent=sent, received=received, regime=regime or "foia")
        outside = calendar_problems(probe)
        if outside:
            (key,), message = outside[0]  # a header key: the probe has no events
            raise UsageError(f"--{key}: {message.split(' ', 1)[1] if message.startswith(key) else message}")
        choices = [self.resolve_authority(name) for name in names]
        seen: dict[str, str] = {}  # canonical name -> the name typed first for it
        for typed, choice in zip(names, choices):
            if choice.name in seen:
                first = seen[choice.name]
                same = "" if first.strip() == typed.strip() else f" ({first!r} and {typed!r} are the same authority)"
                raise UsageError(f"{choice.name!r} is named twice in this batch{same}; name it once")
            seen[choice.name] = typed
        addresses = self.addresses_for(choices, emails)
        if len(choices) > 1 and batch is None:
            batch = f"{sent.isoformat()}-{slugify(subject, 32)}"
        planned: list[Request] = []
        for choice in choices:
            text = body
            if draft and body is not None:
                from foitrack.mail.sending import fill_request_text

                text = fill_request_text(
                    body, authority=choice.name, regime=regime or choice.regime, subject=" ".join(subject.split()),
                    requester_name=self.settings.requester_name, requester_email=self.settings.requester_email,
                    settings_path=self.settings.path,
                )
            header: dict[str, Any] = {
                "authority": choice.name,
                "subject": " ".join(subject.split()),
                "sent": None if draft else sent,
                "drafted": sent if draft else None,
                "received": received,
                "regime": regime or choice.regime,
                "batch": batch,
                "tags": sorted(set(tags)),
                "via": via,
                "email": addresses.get(choice.name),
                "body": text,
            }
            try:
                planned.append(Request.model_validate({k: v for k, v in header.items() if v is not None}))
            except ValidationError as error:
                raise UsageError(_first_error(error)) from None
        notes = [choice.note for choice in choices if choice.note]
        # Under the lock, so that two `new` commands run at once cannot both log the same request.
        with self.store.lock():
            logged: dict[int, Request] = {} if allow_duplicate else self._refuse_duplicates(planned)
            created = self._create_all([request for index, request in enumerate(planned) if index not in logged])
            if logged:
                # The same batch run again (after a run that was cut off, say): only what is missing
                # is logged, and what was already there is committed with it if it was not yet.
                ids = ", ".join(request.id for request in logged.values())
                notes.append(
                    f"{len(logged)} of the {len(planned)} requests of batch {batch} were already logged ({ids}): "
                    + (f"logged only the {len(created)} missing" if created else "nothing new to log")
                )
            if created:
                what = created[0].authority if len(created) == 1 else f"{len(created)} authorities"
                self._changed(
                    [request.path for request in created] + [request.path for request in logged.values()],
                    f"{'Draft' if draft else 'New'} FOI request to {what}: {created[0].subject}",
                )
        return created, notes

    def addresses_for(self, choices: list[AuthorityChoice], values: Iterable[str]) -> dict[str, str]:
        """Whose each `--email` is: canonical authority name -> address.

        With one authority a plain address is that authority's; with several, every address must
        say whose it is ("Camden=foi@camden.gov.uk", the name read as -a reads it) and name one of
        them, so that one authority's chasers never go to another. Each address is checked."""
        addresses: dict[str, str] = {}
        names = [choice.name for choice in choices]
        for value in values:
            owner, address = split_named_address(value)
            if owner is None:
                if len(choices) > 1:
                    example = f"{names[0]}=foi@example.org"
                    raise UsageError(
                        f"--email {value.strip()!r}: with several authorities, say whose address it is, "
                        f"e.g. --email {example!r} (one --email per authority); nothing was written"
                    )
                name = names[0]
            else:
                if not owner:
                    raise UsageError(f"--email {value.strip()!r}: name the authority before the '='")
                name = self.resolve_authority(owner).name
                if name not in names:
                    raise UsageError(
                        f"--email {value.strip()!r}: {name!r} is not "
                        + ("this request's authority" if len(names) == 1 else "one of this batch's authorities")
                        + f" ({', '.join(names)})"
                    )
            checked = email_address(address, "--email")
            if name in addresses and addresses[name] != checked:
                raise UsageError(f"--email: two addresses for {name!r} ({addresses[name]} and {checked}); give one")
            addresses[name] = checked
        return addresses

    def _refuse_duplicates(self, planned: list[Request], *, editing: str | None = None) -> dict[int, Request]:
        """Refuse requests the tracker already holds: the same authority (however it was typed
        then), subject and date sent. `editing`: the id of the request being edited into
        `planned[0]`, which is not a duplicate of itself. A batch run again is not refused: the
        members it already holds, in that same batch, are returned (index in `planned` -> the
        request held), for the caller to leave out."""
        existing, _ = self.store.load_all()
        held: dict[str, Request] = {}
        for request in existing:
            if request.id == editing:
                continue
            known = self.authority(request.authority)
            authority = known.name if known is not None else request.authority
            held.setdefault(identity_key(authority, request.subject, request.logged_on), request)
        repeats = {
            index: held[key]
            for index, request in enumerate(planned)
            if (key := identity_key(request.authority, request.subject, request.logged_on)) in held
        }
        rerun = len(planned) > 1 and all(
            request.batch is not None and request.batch == planned[index].batch for index, request in repeats.items()
        )
        if repeats and not rerun:
            index, existing_request = next(iter(repeats.items()))
            request = planned[index]
            more = f" (and {len(repeats) - 1} more of this batch)" if len(repeats) > 1 else ""
            again = "keep both, pass --allow-duplicate" if editing else "log it again, pass --allow-duplicate"
            raise UsageError(
                f"{request.authority!r} already has this request: {existing_request.id} (subject "
                f"{request.subject!r}, {'drafted' if request.is_draft else 'sent'} {request.logged_on:%d %b %Y})"
                f"{more}; nothing was written. To {again}"
            )
        return repeats

    def create_requests(self, requests: list[Request], message: str) -> list[Request]:
        """Write several finished requests (header and events) as new files: one change, so one
        commit. Used by `import`; `new_requests` is the way to log requests a user types."""
        self.store.require()
        with self.store.lock():
            created = self._create_all(requests)
            if created:
                self._changed([request.path for request in created], message)
        return created

    def _create_all(self, requests: list[Request]) -> list[Request]:
        """Create each request's file (the caller holds the lock); if one cannot be written (a
        full disk), those already written are taken away again, so that nothing is half done."""
        created: list[Request] = []
        try:
            for request in requests:
                created.append(self.store.create(request))
        except FoitrackError as error:
            for request in created:
                request.path.unlink(missing_ok=True)
            raise FoitrackError(f"{error.message}; nothing was logged") from None
        return created

    def build_event(self, event_type: str, on: dt.date | None, **options: Any) -> Event:
        if event_type not in EVENT_OPTIONS:
            raise UsageError(
                f"{event_type!r} is not an event; use one of: {', '.join(EVENT_OPTIONS)}"
            )
        from foitrack.vocab import MAIL_EVENT_OPTIONS

        data = {key: value for key, value in options.items() if value not in (None, [], ())}
        unwanted = sorted(set(data) - EVENT_OPTIONS[event_type] - MAIL_EVENT_OPTIONS)
        if unwanted:
            allowed = ", ".join(_flag(name) for name in sorted(EVENT_OPTIONS[event_type]))
            raise UsageError(
                f"{_flag(unwanted[0])} does not apply to {event_type!r} (it takes {allowed or 'no options'})"
            )
        if isinstance(data.get("outcome"), str):
            # The words people use ('not held', 'NCND', 'part'), read as import reads them.
            from foitrack.vocab import read_outcome

            data["outcome"] = read_outcome(data["outcome"], event_type) or data["outcome"].strip().lower()
        data["type"] = event_type
        data["date"] = on or self.as_of
        try:
            return Event.model_validate(data)
        except ValidationError as error:
            raise UsageError(_first_error(error)) from None

    def record_explained(self, fragment: str, event: Event, documents: Iterable[Path] = ()) -> tuple[Request, Evaluation, list[str]]:
        """Record `event`, and say what it changed that the user should hear at once: the
        request's evaluation afterwards and the notes the event brought (e.g. FOISA allows no
        extension), against the request exactly as it stood when the event was appended."""
        before, request = self._record(fragment, event, documents)
        return self._explained(before, request)

    def _explained(self, before: Request, request: Request) -> tuple[Request, Evaluation, list[str]]:
        from foitrack.law.explain import new_notes

        after = self.evaluate(request)
        return request, after, new_notes(self.evaluate(before), after)

    def record(self, fragment: str, event: Event, *, documents: Iterable[Path] = ()) -> Request:
        """Append `event` to a request, refusing anything that breaks the order of events.
        `documents`: files kept with the event (under documents/), committed with it."""
        return self._record(fragment, event, documents)[1]

    def record_many(
        self, fragments: Iterable[str] = (), event: Event | None = None, *, batch: str | None = None, skip_bad: bool = False
    ) -> RecordedMany:
        """The same event on several requests (those `fragments` name, or every request in
        `batch`), as one change and so one commit. Every request is checked before anything is
        written: if the event cannot be recorded on one, nothing is written and the error says
        why for each (a RecordRefused), unless `skip_bad`, when the others are recorded and the
        refusals returned."""
        assert event is not None
        self.store.require()
        if batch is not None:
            paths = [request.path for request in self.batch_members(batch)]
        else:
            paths = list(dict.fromkeys(self.resolve(fragment) for fragment in fragments))
        if not paths:
            raise UsageError("name the requests to record on (IDs, or --batch NAME)")
        self._refuse_after_as_of(event)
        with self.store.lock():
            ready: list[tuple[Path, Any, Request, Event]] = []
            refused: list[tuple[Path, str, FoitrackError]] = []
            for path in paths:
                try:
                    ready.append((path, *self._prepared(path, event)))
                except FoitrackError as error:
                    refused.append((path, _request_name(self.store, path), error))
            if refused and not skip_bad:
                raise RecordRefused(refused, len(paths))
            done: list[tuple[Request, Request]] = []
            try:
                for path, loaded, candidate, as_read in ready:
                    self.store.append_event(path, loaded.text, as_read)
                    done.append((loaded.request, candidate))
            finally:
                # Still under the lock, one commit for the lot: exactly these events, and
                # (should a write fail part way) exactly those written.
                if done:
                    self._changed([after.path for _, after in done], describe_events([after for _, after in done], event))
        return RecordedMany([self._explained(before, after) for before, after in done], refused)

    def batch_members(self, name: str) -> list[Request]:
        """The requests in a batch, by its name or any unique part of it (ignoring case); a part
        that fits several batches is a usage error naming them."""
        requests, _ = self.load_all()
        batches = sorted({request.batch for request in requests if request.batch})
        wanted = " ".join(name.split()).casefold()
        exact = [b for b in batches if b.casefold() == wanted]
        found = exact or [b for b in batches if wanted and wanted in b.casefold()]
        if not found:
            known = f" (the batches: {', '.join(batches[:10])}{' ...' if len(batches) > 10 else ''})" if batches else ""
            raise UsageError(f"no request is in a batch called {name!r}{known}")
        if len(found) > 1:
            raise UsageError(f"{name!r} is part of {len(found)} batch names: {', '.join(found)}; give the one you mean")
        return sorted((r for r in requests if r.batch == found[0]), key=lambda r: r.id)

    def _read_to_change(self, path: Path, doing: str):
        """The file as it is now (the caller holds the lock); one that does not parse is an error
        and is never rewritten."""
        loaded = self.store.read(path)
        if loaded.request is None:
            raise FoitrackError(f"{loaded.problems[0]}; fix the file (see 'foitrack check') before {doing} it")
        return loaded

    def _refuse_after_as_of(self, event: Event) -> None:
        if self.as_of_date is not None and event.date > self.as_of_date:
            # Evaluated as at --as-of, a later event has not happened yet: written, it would be
            # left out of the very result the user is looking at. Refuse rather than mislead.
            raise UsageError(
                f"{event.type} on {event.date:%d %b %Y} is after the --as-of date "
                f"({self.as_of_date:%d %b %Y}), so nothing worked out as at --as-of would count it; "
                f"record it without --as-of (or with --as-of {event.date:%d %b %Y} or later)"
            )

    def _prepared(self, path: Path, event: Event) -> tuple[Any, Request, Event]:
        """Check that `event` can go on the request in `path` (the caller holds the lock): the
        file as read, the request with the event, and the event as that request reads it."""
        loaded = self._read_to_change(path, "recording on")
        if event.message_id and any(e.message_id == event.message_id for e in loaded.request.events):
            # An email is recorded once, however many commands read it at the same time.
            raise AlreadyRecorded(f"{loaded.request.id} already has an event for the email {event.message_id}")
        existing = self._order_problems(loaded.request, loaded.text or "")
        if existing:
            raise FoitrackError(
                f"{existing[0]}; fix the file (see 'foitrack check') before recording on it"
            )
        candidate = loaded.request.model_copy(deep=True)
        candidate.events.append(event)
        try:
            candidate = Request.model_validate(candidate.model_dump()).bind(loaded.request.id, path)
        except ValidationError as error:
            raise UsageError(_first_error(error)) from None
        new_index = len(candidate.events) - 1
        new_problems = sorted(
            file_problems(candidate),
            # The new event's own problem says most about what is wrong with it.
            key=lambda problem: tuple(problem[0][:2]) != ("events", new_index),
        )
        if new_problems:
            raise UsageError(f"cannot record this: {new_problems[0][1]}")
        if event.date > self.today:
            raise UsageError(
                f"{event.type} on {event.date:%d %b %Y} is in the future; record events once they have happened"
            )
        # As the request reads it: '12(5)(e)' is reg12(5)(e) under the EIRs.
        return loaded, candidate, candidate.events[-1]

    def _record(self, fragment: str, event: Event, documents: Iterable[Path] = ()) -> tuple[Request, Request]:
        """`record`, returning the request as read under the lock (before) and with the event;
        `documents` (files kept with it under documents/) are committed with it."""
        self.store.require()
        path = self.resolve(fragment)
        self._refuse_after_as_of(event)
        with self.store.lock():
            loaded, candidate, event = self._prepared(path, event)
            self.store.append_event(path, loaded.text, event)
            # Still under the lock: the commit holds exactly this event, never a concurrent one.
            self._changed([path, *documents], describe_event(candidate, event))
        return loaded.request, candidate

    def edit(
        self,
        fragment: str,
        *,
        authority: str | None = None,
        subject: str | None = None,
        email: str | None = None,
        remove_email: bool = False,
        tags: Iterable[str] = (),
        untags: Iterable[str] = (),
        batch: str | None = None,
        remove_batch: bool = False,
        regime: str | None = None,
        dry_run: bool = False,
        allow_duplicate: bool = False,
    ) -> Edit:
        """Correct a request's header: validated as `new` validates, written as a surgical edit
        of only those lines (`tomltext.edit_header`) with a `note` event saying what changed from
        what to what, under the lock, re-reading the file inside it, and committed.

        A new authority brings its law when the request was under the old authority's default
        (PSoS, logged as typed under FOIA, becomes Police Scotland under FOISA), and an
        environmental request stays environmental across the border (EIR <-> EISR); `regime`
        overrides. An edit that would make the request the same as another (authority, subject
        and date sent) is refused, as `new` refuses it, unless `allow_duplicate`. Returns the
        edit; with nothing to change, an Edit with no changes. With `dry_run`, everything is
        checked and nothing is written."""
        from foitrack.store.tomltext import REMOVE

        self.store.require()
        tags = [tag.strip() for tag in tags]
        untags = [tag.strip() for tag in untags]
        asked = [authority, subject, email, batch, regime]
        if all(value is None for value in asked) and not (tags or untags or remove_email or remove_batch):
            raise UsageError(
                "nothing to change: give --authority, --subject, --email, --tag, --untag, --batch or --regime"
            )
        if email is not None and remove_email:
            raise UsageError("give --email or --no-email, not both")
        if batch is not None and remove_batch:
            raise UsageError("give --batch or --no-batch, not both")
        if subject is not None and not subject.strip():
            raise UsageError("the subject cannot be empty (--subject)")
        if batch is not None and not batch.strip():
            raise UsageError("a batch name cannot be empty (--batch); --no-batch takes a request out of its batch")
        if any(not tag for tag in tags + untags):
            raise UsageError("a tag cannot be empty (--tag, --untag)")
        choice = self.resolve_authority(authority) if authority is not None else None
        path = self.resolve(fragment)
        with self.store.lock():
            loaded = self._read_to_change(path, "editing")
            before = loaded.request
            if choice is None:
                known = self.authority(before.authority)
                current = AuthorityChoice(before.authority, known.regime if known else before.regime)
            else:
                current = choice
            wanted: dict[str, Any] = {}
            if choice is not None:
                wanted["authority"] = choice.name
            new_regime = regime or (self._regime_after_move(before, choice) if choice is not None else None)
            if new_regime is not None:
                wanted["regime"] = new_regime
            if subject is not None:
                wanted["subject"] = " ".join(subject.split())
            if email is not None:
                wanted["email"] = self.addresses_for([current], [email])[current.name]
            elif remove_email:
                wanted["email"] = None
            if batch is not None:
                wanted["batch"] = batch.strip()
            elif remove_batch:
                wanted["batch"] = None
            if tags or untags:
                wanted["tags"] = _retagged(before.tags, tags, untags)
            changes = [  # (key, old, new), None for absent: an empty list of tags is no tags
                (key, getattr(before, key) or None, value or None)
                for key, value in wanted.items()
                if (getattr(before, key) or None) != (value or None)
            ]
            notes = [choice.note] if choice is not None and choice.note else []
            if not changes:
                return Edit(before, before, [], notes)
            candidate_data = before.model_dump(exclude_none=True)
            for key, _, value in changes:
                if value is None:
                    candidate_data.pop(key, None)
                else:
                    candidate_data[key] = value
            text = "; ".join(describe_change(key, old, new) for key, old, new in changes)
            note = Event(type="note", date=self.today, text=f"Edited: {text}")
            candidate_data["events"] = [*candidate_data.get("events", []), note.model_dump(exclude_none=True)]
            try:
                candidate = Request.model_validate(candidate_data).bind(before.id, path)
            except ValidationError as error:
                raise UsageError(_first_error(error)) from None
            problems_before = {message for _, message in file_problems(before)}
            new_problems = [message for _, message in file_problems(candidate) if message not in problems_before]
            if new_problems:
                raise UsageError(f"cannot edit this: {new_problems[0]}")
            if not allow_duplicate and any(key in ("authority", "subject") for key, _, _ in changes):
                # As `new` refuses to log a request twice, an edit may not make one the twin of another.
                self._refuse_duplicates([candidate], editing=before.id)
            if dry_run:
                return Edit(before, candidate, changes, notes)
            header = {key: REMOVE if new is None else new for key, _, new in changes}
            self.store.edit_header(path, loaded.text, header, note)
            # Still under the lock: the commit holds exactly this edit.
            self._changed([path], f"Edit request to {candidate.authority}: {text}")
        return Edit(before, candidate, changes, notes)

    def _regime_after_move(self, request: Request, choice: AuthorityChoice) -> str:
        """The law a request takes to a new authority: the new authority's default when it was
        under the old one's (a name logged as typed got FOIA), the new nation's environmental
        regime when it was environmental, else the law it was under (a SAR is one anywhere).

        Environmental information held by a Scottish public authority is requested under the
        Environmental Information (Scotland) Regulations 2004 (reg. 2(1), "Scottish public
        authority"); elsewhere in the UK under the Environmental Information Regulations 2004."""
        from foitrack.vocab import SCOTTISH_REGIMES

        known = self.directory.get(request.authority)
        old_default = known.regime if known is not None else "foia"
        if request.regime == old_default:
            return choice.regime
        if request.regime in ("eir", "eisr"):
            return "eisr" if choice.regime in SCOTTISH_REGIMES else "eir"
        return request.regime


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


def _filter_word(value: str | None, option: str, read: Callable[[str], str | None], choices) -> str | None:
    """A --kind or --nation value read as the directory reads it; a usage error listing the words
    it knows when it is none of them."""
    if value is None:
        return None
    found = read(value)
    if found is None:
        raise UsageError(f"{option}: {value!r} is not one of {', '.join(choices)}")
    return found


def _retagged(current: list[str], add: list[str], remove: list[str]) -> list[str]:
    """The tags after adding and taking out some, in their order, ignoring case; taking out a
    tag the request does not have is an error."""
    folded = [tag.casefold() for tag in current]
    for tag in remove:
        if tag.casefold() not in folded:
            have = ", ".join(current) or "none"
            raise UsageError(f"--untag {tag!r}: the request has no such tag (its tags: {have})")
    kept = [tag for tag in current if tag.casefold() not in {t.casefold() for t in remove}]
    for tag in add:
        if tag.casefold() not in {t.casefold() for t in kept}:
            kept.append(tag)
    return kept


def split_named_address(value: str) -> tuple[str | None, str]:
    """'Camden=foi@camden.gov.uk' -> ('Camden', 'foi@camden.gov.uk'); a plain address -> (None, it).

    The text before the first '=' is a name unless it holds an '@': an '=' after the '@' belongs
    to the address."""
    text = value.strip()
    name, equals, address = text.partition("=")
    if not equals or "@" in name:
        return None, text
    return " ".join(name.split()), address.strip()


@dataclass
class Owed:
    """Something a request is waiting on the requester for (`Tracker.owed_rows`): `action` is
    clarify, pay-fee, ask-for-review or complain; `date` the last day to do it (None when the law
    sets none, as for a clarification); `since` when the authority asked."""

    request: Request
    evaluation: Evaluation
    action: str
    date: dt.date | None
    since: dt.date | None = None
    amount: Any = None


@dataclass
class RecordedMany:
    """What `record_many` did: for each request recorded on, the request, its evaluation after
    and the notes the event brought; and the requests it skipped (path, name, error)."""

    recorded: list[tuple[Request, Evaluation, list[str]]]
    skipped: list[tuple[Path, str, FoitrackError]]


class RecordRefused(UsageError):
    """The event cannot go on some of the requests named, so it went on none. The message says
    why for each: a line per request."""

    def __init__(self, refused: list[tuple[Path, str, FoitrackError]], count: int):
        lines = [
            f"nothing was recorded: {len(refused)} of the {count} requests cannot take this "
            "(fix them, leave them out, or pass --skip-bad to record the others):"
        ]
        lines += [f"  {name}: {error.message}" for _, name, error in refused]
        super().__init__("\n".join(lines))
        self.refused = refused
        if any(not isinstance(error, UsageError) for _, _, error in refused):
            self.exit_code = FoitrackError.exit_code  # a broken file is a problem, not a typo


def _request_name(store: Store, path: Path) -> str:
    """'ID (Authority)', as warnings name a request, or the id alone when the file is broken."""
    loaded = store.read(path)
    return f"{path.stem} ({loaded.request.authority})" if loaded.request is not None else path.stem


@dataclass
class Edit:
    """What `Tracker.edit` did: the request before and after, and each change (key, old, new;
    None for a value that was not there or was taken out)."""

    before: Request
    request: Request
    changes: list[tuple[str, Any, Any]]
    notes: list[str] = field(default_factory=list)

    def changed(self, key: str) -> bool:
        return any(changed == key for changed, _, _ in self.changes)


def describe_change(key: str, old: Any, new: Any) -> str:
    """'authority from 'PSoS' to 'Police Scotland'', as the note and the output say it."""

    def shown(value: Any) -> str:
        if key == "regime":
            return str(value).upper()
        if isinstance(value, list):
            return "[" + ", ".join(value) + "]" if value else "none"
        return repr(value)

    word = _KEY_WORDS.get(key, key)
    if old is None:
        return f"{word} set to {shown(new)}"
    if new is None:
        return f"{word} {shown(old)} taken out"
    return f"{word} from {shown(old)} to {shown(new)}"


def describe_event(request: Request, event: Event) -> str:
    """A one-line account of an event, as a commit message or a log line would say it."""
    what = {
        "acknowledged": "Acknowledged by",
        "clarification-requested": "Clarification requested by",
        "clarified": "Clarification sent to",
        "fee-notice": "Fees notice from",
        "fee-paid": "Fee paid to",
        "extended": "Deadline extended by",
        "chased": "Chased",
        "responded": "Response from",
        "review-requested": "Internal review requested from",
        "review-responded": "Internal review result from",
        "complained": "Complaint to the commissioner about",
        "decision": "Commissioner's decision on",
        "withdrawn": "Withdrawn request to",
        "note": "Note on request to",
    }[event.type]
    detail = f" ({event.outcome})" if event.outcome else ""
    return f"{what} {request.authority}{detail}: {request.subject}"


def describe_events(requests: list[Request], event: Event) -> str:
    """The commit message for one event on several requests: 'Acknowledged by 25 authorities
    (batch fusus-2023-05): Contacts with Fusus'."""
    if len(requests) == 1:
        return describe_event(requests[0], event)
    one = describe_event(requests[0], event)
    what = one[: one.index(requests[0].authority)].rstrip()
    authorities = len({request.authority for request in requests})
    batches = {request.batch for request in requests}
    subjects = {request.subject for request in requests}
    detail = f" ({event.outcome})" if event.outcome else ""
    batch = f" (batch {next(iter(batches))})" if len(batches) == 1 and None not in batches else ""
    subject = f": {next(iter(subjects))}" if len(subjects) == 1 else f": {len(requests)} requests"
    whom = f"{authorities} authorities" if authorities > 1 else requests[0].authority
    return f"{what} {whom}{detail}{batch}{subject}"


def _flag(option: str) -> str:
    return {"exemptions": "--exemption", "tags": "--tag"}.get(option, f"--{option}")


def _first_error(error: ValidationError) -> str:
    """Pydantic's first complaint, said the way the command line would: the option and the value."""
    detail = error.errors()[0]
    loc = [str(part) for part in detail.get("loc", ()) if part != "__root__"]
    message = detail.get("msg", "invalid value").replace("Value error, ", "")
    message = message.replace("Input should be", "must be")
    if not loc:
        return message
    field_name = loc[-1]
    where = _flag(field_name) if not field_name.isdigit() else _flag(loc[-2]) if len(loc) > 1 else ".".join(loc)
    if detail.get("type") == "value_error":
        # Our own validators' words: name the option unless they already do.
        return message if field_name in message or where in message else f"{where}: {message}"
    if "input" in detail and not isinstance(detail["input"], (dict, list)):
        return f"{where} {detail['input']!r}: {message}"
    return f"{where}: {message}"


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
    import re

    match = re.match(r"^(.*?):(\d+): (.*)$", message)
    if match:
        return Problem(Path(match.group(1)), int(match.group(2)), match.group(3))
    return Problem(path, 1, message.split(": ", 1)[-1])
