"""What every operation on a tracker stands on: its folder, its settings, the day it works as at,
the authorities it knows and the deadline rules for each.

`TrackerCore` holds the state; the other modules of this package add the operations to it, one
concern each, and `foitrack.tracker.Tracker` is all of them together. Every change to the files
goes through `_changed`, the one place that later layers (git commits) hook into.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

import msgspec
from pydantic import ValidationError

from foitrack.errors import FoitrackError, Problem, UsageError
from foitrack.law.evaluation import Evaluation, evaluate
from foitrack.law.standing import finish
from foitrack.law.validation import file_problems
from foitrack.settings import Settings, toml_key
from foitrack.store import tomltext
from foitrack.store.folder import Store
from foitrack.store.model import Request
from foitrack.store.rows import Row

DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-")  # a file name as foitrack makes one

ChangeHook = Callable[[list[Path], str], None]


@dataclass
class AuthorityChoice:
    """What the tracker made of an authority name a user typed."""

    name: str
    regime: str
    days: int | None = None
    email: str | None = None
    note: str | None = None


def _filter_word(value: str | None, option: str, read: Callable[[str], str | None], choices) -> str | None:
    """A --kind or --nation value read as the directory reads it; a usage error listing the words
    it knows when it is none of them."""
    if value is None:
        return None
    found = read(value)
    if found is None:
        raise UsageError(f"{option}: {value!r} is not one of {', '.join(choices)}")
    return found


def option_flag(option: str) -> str:
    return {"exemptions": "--exemption", "tags": "--tag"}.get(option, f"--{option}")


def first_error(error: ValidationError) -> str:
    """Pydantic's first complaint, said the way the command line would: the option and the value."""
    detail = error.errors()[0]
    loc = [str(part) for part in detail.get("loc", ()) if part != "__root__"]
    message = detail.get("msg", "invalid value").replace("Value error, ", "")
    message = message.replace("Input should be", "must be")
    if not loc:
        return message
    field_name = loc[-1]
    where = option_flag(field_name) if not field_name.isdigit() else option_flag(loc[-2]) if len(loc) > 1 else ".".join(loc)
    if detail.get("type") == "value_error":
        # Our own validators' words: name the option unless they already do.
        return message if field_name in message or where in message else f"{where}: {message}"
    if "input" in detail and not isinstance(detail["input"], (dict, list)):
        return f"{where} {detail['input']!r}: {message}"
    return f"{where}: {message}"


def located_problems(request: Request, text: str) -> list[Problem]:
    """What `check` finds wrong in a request that parses, each at its line in `text`."""
    return [Problem(request.path, tomltext.line_of(text, loc), message) for loc, message in file_problems(request)]


@dataclass
class TrackerCore:
    """A tracker folder and what it is worked out with; the operations are mixed in by
    `foitrack.tracker.Tracker`."""

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
        self._calendars: dict[str, Any] = {}
        self._contexts: dict[tuple[str, str], str] = {}
        # Row name -> (the request's last day, as an ordinal; its Settled evaluation): `listing`
        # fills it from the listing cache, `evaluate` finishes it as at a date.
        self._settled: dict[str, tuple[int, Any]] = {}
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
        calendar = self._calendars.get(regime)
        if calendar is None:
            from foitrack.law.workdays import calendar_for

            calendar = self._calendars[regime] = calendar_for(regime, self.extra_non_working(regime))
        return calendar

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
        """The request's status and deadlines as at `as_of` (default the tracker's date). A Row
        from `listing` whose settled evaluation the listing cache holds, evaluated on or after its
        last day, is only finished as at the date (`foitrack.law.standing.finish`): the same
        answer, for a few comparisons."""
        as_of = as_of or self.as_of
        held = self._settled.get(request.name) if type(request) is Row else None
        if held is not None and as_of.toordinal() >= held[0]:
            settled = held[1]
            if settled.as_of != as_of:
                if settled.as_of is not None:  # finished for another day, perhaps still in use
                    settled = msgspec.structs.replace(settled)
                finish(settled, as_of, self.calendar(request.regime))
            return settled
        return self._evaluate_fully(request, as_of)

    def _evaluate_fully(self, request: Request, as_of: dt.date) -> Evaluation:
        known = self.authority(request.authority)
        return evaluate(
            request,
            as_of,
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

    def short_name(self, authority: str) -> str:
        """The name a narrow table gives an authority ("Hackney", "Met Police"): the directory's
        or foitrack.toml's short name, else one by rule (`directory.short_name_for`)."""
        key = ("short", authority)
        found = self._authority_cache.get(key)
        if found is None:
            from foitrack.directory import short_name_for

            known = self.authority(authority)
            found = self._authority_cache[key] = known.short_name if known is not None else short_name_for(authority)
        return found

    def reading_key(self, authority: str) -> tuple:
        """Where an authority goes in a list, as a person reads it (`directory.reading_key` of
        its short name)."""
        key = ("reading", authority)
        found = self._authority_cache.get(key)
        if found is None:
            from foitrack.directory import reading_key

            found = self._authority_cache[key] = reading_key(self.short_name(authority))
        return found

    def kind_of(self, authority: str) -> str:
        """The kind of authority a request went to: the directory's, or "other"."""
        known = self.authority(authority)
        return known.kind if known is not None else "other"

    def nation_of(self, authority: str) -> str | None:
        """Where the authority a request went to works (None: the directory does not say)."""
        known = self.authority(authority)
        return known.nation if known is not None else None

    def _changed(self, paths: list[Path], message: str) -> None:
        for hook in self.change_hooks:
            hook(paths, message)
