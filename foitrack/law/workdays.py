"""Working-day calendars for the statutory time limits.

Two calendars, chosen by regime:

* ``foia``, ``eir``, ``sar`` -> the **UK union** calendar. FOIA s.10(6): a working day is any day
  other than a Saturday, a Sunday, Christmas Day, Good Friday "or a day which is a bank holiday
  under the Banking and Financial Dealings Act 1971 in any part of the United Kingdom". So a bank
  holiday of England and Wales, Scotland *or* Northern Ireland stops the clock everywhere
  (ICO LTT47; docs/uk-deadline-rules.md 1.3, 1.4). The EIR follow FOIA (3.4). SAR "public holiday"
  is undefined (6.6); the union is the conservative reading.
* ``foisa``, ``eisr`` -> **Scotland** only. FOISA s.73: Saturday, Sunday, Christmas Day or a bank
  holiday in Scotland (4.3). Easter Monday, the late-August Monday, 17 March and 12 July are
  working days there.

Bank holidays come from python-holidays (GB subdivisions ENG, WLS, SCT, NIR), with Christmas Day and
Good Friday hard-coded as guards (1.12), plus any tracker-defined days (``extra``, e.g. from a
gov.uk ``bank-holidays.json``). The calendar covers FIRST_YEAR..LAST_YEAR; any question touching a
date outside that range raises :class:`CalendarRangeError` rather than guessing.

Counting follows the ICO (1.8): the day of receipt is day 0 and need not be a working day; day 1
is the first working day after it.

This module is pure: no Typer, no output, and python-holidays is imported only when a calendar
is first built (keeps ``foitrack --help`` fast).

One idea, though long: which days count, for every regime and every year foitrack covers, and
the sources a tracker may add days from.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ONE_DAY = dt.timedelta(days=1)

FIRST_YEAR = 2000
LAST_YEAR = 2035
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR, 12, 31)

UK_REGIMES: tuple[str, ...] = ("foia", "eir", "sar")
SCOTTISH_REGIMES: tuple[str, ...] = ("foisa", "eisr")
REGIMES: tuple[str, ...] = UK_REGIMES + SCOTTISH_REGIMES

# gov.uk bank-holidays.json division keys, in display order.
ENGLAND_AND_WALES = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"
DIVISIONS: tuple[str, ...] = (ENGLAND_AND_WALES, SCOTLAND, NORTHERN_IRELAND)
_SUBDIVISIONS = {ENGLAND_AND_WALES: ("ENG", "WLS"), SCOTLAND: ("SCT",), NORTHERN_IRELAND: ("NIR",)}

_WEEKEND = {5: "Saturday", 6: "Sunday"}

# Names python-holidays uses for the recurring days (after _tidy). Anything else in range is a
# day appointed by Royal Proclamation for one year only (jubilees, royal wedding, state funeral,
# coronation, the 2026 Scottish day).
_REGULAR_NAMES = frozenset(
    {
        "New Year's Day",
        "New Year Holiday",
        "St Patrick's Day",
        "Good Friday",
        "Easter Monday",
        "May Day",
        "Spring Bank Holiday",
        "Battle of the Boyne",
        "Summer Bank Holiday",
        "Late Summer Bank Holiday",
        "St Andrew's Day",
        "Christmas Day",
        "Boxing Day",
    }
)
_SUBSTITUTE = " (substitute day)"

# St Andrew's Day Bank Holiday (Scotland) Act 2007 (asp 2), Royal Assent 15 January 2007: the first
# St Andrew's Day bank holiday was 30 November 2007. python-holidays (<= 0.109 at least) starts it
# in 2006, so 30 Nov 2006 is removed here.
_ST_ANDREWS_FIRST_YEAR = 2007

# Days python-holidays lists as Scottish bank holidays that were not. Schedule 1 to the Banking and
# Financial Dealings Act 1971 moves 1 and 2 January only off a Sunday (to 3 January); a Saturday's
# holiday moves only by Royal Proclamation. For 2010 (2 Jan a Saturday) and 2011 (1 Jan a Saturday)
# none was made: the Scottish Government confirmed, through the Privy Council, the Crown Office
# and the Edinburgh Gazette, that "no Royal Proclamation was made, and so 4th January 2010 and
# 2011 were not bank holidays" (Matthew Somerville, "Bad Bank Holidays", dracos.co.uk, update of
# 21 January 2014, whose correction gov.uk's bank holiday page took). Later years' Saturday
# substitutes (4 Jan 2016, 2021, 2022) were proclaimed and are in the gov.uk feed.
NOT_PROCLAIMED: dict[dt.date, str] = {
    dt.date(2010, 1, 4): "2nd January falls on a Saturday",
    dt.date(2011, 1, 4): "New Year's Day falls on a Saturday",
}


class CalendarRangeError(ValueError):
    """A date outside the years foitrack has a calendar for."""


@dataclass(frozen=True)
class NonWorkingDay:
    date: dt.date
    reason: str


def _out_of_range(day: dt.date) -> CalendarRangeError:
    return CalendarRangeError(
        f"{day.isoformat()} is outside foitrack's calendar ({FIRST_YEAR}\u2013{LAST_YEAR})"
    )


def _nations(divisions: Iterable[str]) -> str:
    """'all UK', 'Scotland', 'England and Wales', 'England, Wales and Northern Ireland' ..."""
    present = set(divisions)
    if present >= set(DIVISIONS):
        return "all UK"
    parts: list[str] = []
    for division in DIVISIONS:
        if division in present:
            if division == ENGLAND_AND_WALES:
                parts += ["England", "Wales"]
            elif division == SCOTLAND:
                parts.append("Scotland")
            else:
                parts.append("Northern Ireland")
    parts += sorted(present - set(DIVISIONS))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _label(names: Mapping[str, Iterable[str]]) -> str:
    """{name: divisions} -> 'Christmas Day (substitute day, all UK); New Year Holiday (Scotland)'."""
    labels = []
    for name, divisions in names.items():
        nations = _nations(divisions)
        if name.endswith(_SUBSTITUTE):
            labels.append(f"{name[: -len(_SUBSTITUTE)]} (substitute day, {nations})")
        else:
            labels.append(f"{name} ({nations})")
    return "; ".join(labels)


def _tidy(name: str) -> str:
    name = name.strip().replace("Saint ", "St ")
    if name.endswith(" (observed)"):
        name = name[: -len(" (observed)")] + _SUBSTITUTE
    return name


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    day = dt.date(year + (month == 12), month % 12 + 1, 1) - ONE_DAY
    return day - dt.timedelta(days=day.weekday())


def _is_proclaimed(day: dt.date, name: str) -> bool:
    """One-off days, and recurring days moved to another date, are the work of a proclamation."""
    base = name[: -len(_SUBSTITUTE)] if name.endswith(_SUBSTITUTE) else name
    if base not in _REGULAR_NAMES:
        return True
    if name == "May Day":  # 1995 and 2020: moved to 8 May (VE Day)
        return day != _first_monday(day.year, 5)
    if name == "Spring Bank Holiday":  # 2002, 2012, 2022: moved for the jubilees
        return day != _last_monday(day.year, 5)
    return False


#: Where the table below is kept between runs, or None to build it every run. Building it from
#: python-holidays takes 0.1-0.2s, more than the rest of a small tracker's `due`; the tracker sets
#: this to its .foitrack/cache (an object with load(name, key) and save(name, key, data) that
#: never raise: see foitrack.parsecache.DerivedStore).
table_store = None


@lru_cache(maxsize=1)
def _bank_holiday_table() -> dict[dt.date, dict[str, frozenset[str]]]:
    """date -> {tidy name: divisions observing it}, for FIRST_YEAR..LAST_YEAR, weekends included."""
    store = table_store
    key = _table_key() if store is not None else None
    if key is not None:
        saved = store.load("bank-holidays", key)
        if saved is not None:
            try:
                return {
                    dt.date.fromisoformat(day): {str(name): frozenset(divs) for name, divs in names.items()}
                    for day, names in saved
                }
            except (TypeError, ValueError, AttributeError):
                pass  # damaged: build it again
    table = _build_bank_holiday_table()
    if key is not None:
        store.save(
            "bank-holidays",
            key,
            [[day.isoformat(), {name: sorted(divs) for name, divs in names.items()}] for day, names in table.items()],
        )
    return table


def _table_key() -> str | None:
    """Identifies the python-holidays release and this module's rules (None: cannot tell)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
        parts = [FIRST_YEAR, LAST_YEAR, _ST_ANDREWS_FIRST_YEAR, sorted(NOT_PROCLAIMED)]
        for path in (spec.origin, __file__):
            stat = os.stat(path)
            parts += [os.path.basename(path), stat.st_size, stat.st_mtime_ns]
    except (AttributeError, TypeError, ValueError, OSError, ImportError):
        return None
    from foitrack.store.parsecache import key_of

    return key_of(repr(parts))


def _build_bank_holiday_table() -> dict[dt.date, dict[str, frozenset[str]]]:
    import holidays  # lazy: heavy import
    from dateutil.easter import easter

    table: dict[dt.date, dict[str, set[str]]] = {}

    def add(day: dt.date, name: str, division: str) -> None:
        if FIRST_DAY <= day <= LAST_DAY:
            table.setdefault(day, {}).setdefault(name, set()).add(division)

    years = range(FIRST_YEAR, LAST_YEAR + 1)
    for division, subdivs in _SUBDIVISIONS.items():
        for subdiv in subdivs:
            for day, names in holidays.country_holidays("GB", subdiv=subdiv, years=years).items():
                for name in names.split("; "):
                    name = _tidy(name)
                    if name.startswith("St Andrew's Day") and day.year < _ST_ANDREWS_FIRST_YEAR:
                        continue
                    if division == SCOTLAND and day in NOT_PROCLAIMED:
                        continue
                    add(day, name, division)
    # Guards (rules 1.12, 4.3): Christmas Day and Good Friday are non-working in every calendar.
    for year in years:
        for division in DIVISIONS:
            christmas = dt.date(year, 12, 25)
            if "Christmas Day" not in table.get(christmas, {}):
                add(christmas, "Christmas Day", division)
            good_friday = easter(year) - 2 * ONE_DAY
            if "Good Friday" not in table.get(good_friday, {}):
                add(good_friday, "Good Friday", division)
    return {
        day: {name: frozenset(divs) for name, divs in names.items()}
        for day, names in sorted(table.items())
    }


class WorkingCalendar:
    """Working days over FIRST_YEAR..LAST_YEAR, with O(1) counting.

    ``holidays`` maps each non-working weekday to its reason (weekend entries are ignored:
    weekends are always non-working and reported as "Saturday"/"Sunday").
    """

    def __init__(
        self,
        name: str,
        holidays: Mapping[dt.date, str] | None = None,
        *,
        regimes: Iterable[str] = (),
        proclaimed: Iterable[dt.date] = (),
        key: str | None = None,
    ):
        self.name = name
        self.key = key or name
        self.regimes = tuple(regimes)
        self._base = FIRST_DAY.toordinal()
        size = LAST_DAY.toordinal() - self._base + 1
        self._reasons: dict[dt.date, str] = {}
        for day, reason in sorted((holidays or {}).items()):
            if FIRST_DAY <= day <= LAST_DAY and day.weekday() < 5 and reason:
                self._reasons[day] = reason
        self._proclaimed = frozenset(d for d in proclaimed if d in self._reasons)
        # working[i] = 1 if FIRST_DAY + i is a working day; cum[i] = working days before offset i;
        # days[k] = offset of the k-th working day (0-based).
        working = bytearray(size)
        cum = array("i", [0]) * (size + 1)
        days = array("i")
        first_weekday = FIRST_DAY.weekday()
        total = 0
        for i in range(size):
            if (first_weekday + i) % 7 < 5 and dt.date.fromordinal(self._base + i) not in self._reasons:
                working[i] = 1
                days.append(i)
                total += 1
            cum[i + 1] = total
        self._working = working
        self._cum = cum
        self._days = days
        self._holiday_offsets = [d.toordinal() - self._base for d in self._reasons]
        self._skipped_memo: dict[tuple[int, int], tuple[NonWorkingDay, ...]] = {}

    def __repr__(self) -> str:
        return f"<WorkingCalendar {self.name!r} {FIRST_YEAR}-{LAST_YEAR}>"

    # -- helpers -----------------------------------------------------------------------------
    def _offset(self, day: dt.date) -> int:
        offset = day.toordinal() - self._base
        if not 0 <= offset < len(self._working):
            raise _out_of_range(day)
        return offset

    def _date(self, offset: int) -> dt.date:
        return dt.date.fromordinal(self._base + offset)

    @property
    def last_day(self) -> dt.date:
        return LAST_DAY

    # -- single days -------------------------------------------------------------------------
    def reason(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day, or None if it is one."""
        self._offset(day)
        weekend = _WEEKEND.get(day.weekday())
        if weekend:
            return weekend
        return self._reasons.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._working[self._offset(day)])

    def proclaimed(self, day: dt.date) -> bool:
        """True for a non-working weekday that exists only by Royal Proclamation for that year.

        That is a one-off day (2002/2012/2022 jubilees, 2011 royal wedding, 2022-09-19 state
        funeral, 2023-05-08 coronation, 2026-06-15 in Scotland), a recurring day moved by
        proclamation (May Day 2020; Spring Bank Holiday 2002/2012/2022), or a tracker-defined
        extra day the built-in tables do not know. Whether such a day extends a request that was
        already running when it was proclaimed is unsettled (rules 1.7): flag it.
        """
        self._offset(day)
        return day in self._proclaimed

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        offset = self._offset(day)
        if self._working[offset]:
            return day
        k = self._cum[offset + 1]
        if k >= len(self._days):
            raise CalendarRangeError(
                f"the next working day after {day.isoformat()} is beyond foitrack's calendar "
                f"({FIRST_YEAR}\u2013{LAST_YEAR})"
            )
        return self._date(self._days[k])

    # -- counting ----------------------------------------------------------------------------
    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (day 0, need not be a working day).

        ``count == 0`` returns ``start``; a negative count gives the ``-count``-th working day
        before ``start``.
        """
        offset = self._offset(start)
        if count == 0:
            return start
        if count > 0:
            k = self._cum[offset + 1] + count - 1
        else:
            k = self._cum[offset] + count
        if not 0 <= k < len(self._days):
            where = "after" if count > 0 else "before"
            raise CalendarRangeError(
                f"{abs(count)} working days {where} {start.isoformat()} falls outside "
                f"foitrack's calendar ({FIRST_YEAR}\u2013{LAST_YEAR})"
            )
        return self._date(self._days[k])

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; negative (and symmetric) when end < start."""
        return self._cum[self._offset(end) + 1] - self._cum[self._offset(start) + 1]

    def skipped(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """Every non-working day d with start < d <= end, in date order."""
        first, last = self._offset(start), self._offset(end)
        # Every request's deadline asks this; requests sent the same day ask the same question.
        found = self._skipped_memo.get((first, last))
        if found is None:
            days = []
            working = self._working
            offset = working.find(0, first + 1, last + 1)
            while offset != -1:
                day = self._date(offset)
                days.append(NonWorkingDay(day, _WEEKEND.get(day.weekday()) or self._reasons[day]))
                offset = working.find(0, offset + 1, last + 1)
            found = tuple(days)
            if len(self._skipped_memo) < 50_000:
                self._skipped_memo[(first, last)] = found
        return list(found)

    def non_working_weekdays(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """Non-working weekdays (bank holidays etc.) in the inclusive range [start, end]."""
        first, last = self._offset(start), self._offset(end)
        lo = bisect_left(self._holiday_offsets, first)
        hi = bisect_right(self._holiday_offsets, last)
        return [
            NonWorkingDay(day, self._reasons[day])
            for day in (self._date(o) for o in self._holiday_offsets[lo:hi])
        ]


# ---------------------------------------------------------------------------------------------
# Choosing a calendar


def _calendar_key(regime: str) -> str:
    if regime in UK_REGIMES:
        return "uk"
    if regime in SCOTTISH_REGIMES:
        return "scotland"
    raise ValueError(f"unknown regime {regime!r}; expected one of {', '.join(REGIMES)}")


def calendar_for(regime: str, extra: Iterable[tuple[dt.date, str]] = ()) -> WorkingCalendar:
    """The working-day calendar for ``regime``, plus tracker-defined non-working days.

    ``extra`` is ``((date, name), ...)`` (see :func:`extra_days_for`); days outside the calendar's
    range, on weekends, or already non-working are ignored. Results are cached: foia, eir and sar
    share one object, as do foisa and eisr.
    """
    key = _calendar_key(regime)
    normalised = []
    for item in extra:
        try:
            day, name = item
        except (TypeError, ValueError):
            raise ValueError(f"extra non-working day {item!r} is not a (date, name) pair") from None
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or not isinstance(name, str):
            raise ValueError(f"extra non-working day {item!r} is not a (date, name) pair")
        normalised.append((day, name))
    return _calendar(key, tuple(sorted(set(normalised))))


@lru_cache(maxsize=64)
def _calendar(key: str, extra: tuple[tuple[dt.date, str], ...]) -> WorkingCalendar:
    table = _bank_holiday_table()
    reasons: dict[dt.date, str] = {}
    proclaimed: set[dt.date] = set()
    for day, names in table.items():
        if key == "scotland":
            names = {name: divs for name, divs in names.items() if SCOTLAND in divs}
        if not names:
            continue
        reasons[day] = _label(names)
        if any(_is_proclaimed(day, name) for name in names):
            proclaimed.add(day)
    for day, name in extra:
        if FIRST_DAY <= day <= LAST_DAY and day.weekday() < 5 and day not in reasons:
            reasons[day] = name.strip() or "Extra non-working day"
            proclaimed.add(day)
    if key == "uk":
        return WorkingCalendar(
            "UK (all nations)", reasons, regimes=UK_REGIMES, proclaimed=proclaimed, key="uk"
        )
    return WorkingCalendar(
        "Scotland", reasons, regimes=SCOTTISH_REGIMES, proclaimed=proclaimed, key="scotland"
    )


# ---------------------------------------------------------------------------------------------
# Deadline helpers that are about dates rather than requests


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, clamped to the last day of a shorter month.

    31 Jan + 1 -> 28/29 Feb; 31 Jan + 3 -> 30 Apr (clamping happens once, from ``day``).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if month == 12:
        length = 31
    else:
        length = (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
    return dt.date(year, month, min(day.day, length))


def last_day_of_months_beginning_with(day: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` calendar months *beginning with* ``day``.

    A period "beginning with" a day includes it, so it ends the day before the corresponding
    date: three months beginning with 10 Mar 2023 end on 9 Jun 2023. Where the last month has
    no corresponding date, the period runs to that month's end: three months beginning with
    31 Mar end on 30 Jun; beginning with 30 Nov 2022, on 28 Feb 2023.
    (Used for FOIA s.9(2) and FOISA s.9(4); see foitrack.law.statutes.)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    first_of_month = dt.date(year, month + 1, 1)
    next_month = dt.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    if day.day <= (next_month - first_of_month).days:
        return first_of_month.replace(day=day.day) - ONE_DAY
    return next_month - ONE_DAY


def sar_due(received: dt.date, calendar: WorkingCalendar, *, months: int = 1) -> dt.date:
    """UK GDPR art 12(3), ICO method since 15 Aug 2019 (rules 6.2, 6.3).

    The day of receipt is day 1, so the deadline is the corresponding date ``months`` later
    (3 Sep -> 3 Oct); with no corresponding date, the last day of that month (31 Jan -> 28/29
    Feb); then, if that is not a working day, the next working day. ``months=3`` gives the
    deadline when the two-month extension is claimed.
    """
    calendar.reason(received)  # range check on the receipt date too
    return calendar.next_working_day(add_months(received, months))


def code_of_practice_start(received: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The s.45 Code (2018) reading of "date of receipt" (rule 1.10).

    A request received on a non-working day is treated as received on the next working day;
    count the working days from the date returned. Same as ``received`` on a working day.
    """
    return calendar.next_working_day(received)


# ---------------------------------------------------------------------------------------------
# gov.uk bank-holidays.json

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def load_bank_holidays_json(
    source: str | bytes | os.PathLike[str],
) -> dict[str, list[tuple[dt.date, str]]]:
    """Parse gov.uk ``bank-holidays.json`` (a path, or the JSON text itself).

    Returns ``{division: [(date, title), ...]}`` sorted by date. Raises ValueError saying what is
    wrong and where when the input is unreadable or not in that format.
    """
    import json

    if isinstance(source, (bytes, bytearray)):
        label, text = "bank holidays JSON", bytes(source).decode("utf-8", errors="replace")
    elif isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        label, text = "bank holidays JSON", source
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise ValueError(f"{label}: cannot read bank holidays file: {reason}") from error
    else:
        raise ValueError(f"expected a path or JSON text, got {type(source).__name__}")

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{label}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"{label}: expected an object of divisions like {{\"scotland\": ...}}")
    if not any(division in data for division in DIVISIONS):
        raise ValueError(
            f"{label}: no bank holiday divisions found; expected {', '.join(DIVISIONS)}"
        )

    result: dict[str, list[tuple[dt.date, str]]] = {}
    for division, body in data.items():
        where = f"{label}: {division}"
        if not isinstance(body, dict) or not isinstance(body.get("events"), list):
            raise ValueError(f"{where}: expected an object with an \"events\" list")
        days: set[tuple[dt.date, str]] = set()
        for i, event in enumerate(body["events"]):
            at = f"{where}.events[{i}]"
            if not isinstance(event, dict):
                raise ValueError(f"{at}: expected an object with \"title\" and \"date\"")
            title, date = event.get("title"), event.get("date")
            if not isinstance(title, str) or not title.strip():
                raise ValueError(f"{at}.title: expected a non-empty string, got {title!r}")
            if not isinstance(date, str) or not _ISO_DATE.match(date):
                raise ValueError(f"{at}.date: expected a YYYY-MM-DD date, got {date!r}")
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise ValueError(f"{at}.date: {date!r} is not a real date") from None
            days.add((day, title.strip()))
        result[division] = sorted(days)
    return result


def extra_days_for(
    regime: str, divisions: Mapping[str, Iterable[tuple[dt.date, str]]]
) -> tuple[tuple[dt.date, str], ...]:
    """The days from ``divisions`` (see :func:`load_bank_holidays_json`) that apply to ``regime``.

    The union of all three divisions for foia/eir/sar; the scotland division for foisa/eisr.
    Names carry the nations, e.g. ``("2027-06-07", "Extra bank holiday (Scotland)")``. Pass the
    result to ``calendar_for(regime, extra=...)``.
    """
    key = _calendar_key(regime)
    wanted = DIVISIONS if key == "uk" else (SCOTLAND,)
    merged: dict[dt.date, dict[str, set[str]]] = {}
    for division in wanted:
        for day, title in divisions.get(division, ()):
            merged.setdefault(day, {}).setdefault(title, set()).add(division)
    return tuple((day, _label(merged[day])) for day in sorted(merged))
