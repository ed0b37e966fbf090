"""School terms: which days a school has sessions, for the schools' time limit.

SI 2004/3364 reg 3 (maintained schools, maintained nursery schools and Ministry of Defence
schools; SI 2009/1369 for schools in Northern Ireland and SI 2010/2768 for academies) makes
FOIA s.10(1) and (2) read as if "the twentieth working day following the date of receipt" were
"(a) the twentieth working day following the date of receipt, disregarding any working day which,
in relation to the school ..., is not a school day, or (b) the sixtieth working day following the
date of receipt, whichever occurs first"; a "school day" is "any day on which, at the school ...,
there is a session" (reg 3(3); legislation.gov.uk/uksi/2004/3364/regulation/3).

So foitrack needs the school's terms. People copy them from a council's or a school's web page,
so a term is written as that page writes it: "4 Sep 2023 to 20 Oct 2023", "Monday 19 February to
Thursday 28 March 2024" (the year written once, at the end), "2024-04-15..2024-05-24", or a TOML
date or pair of dates; closures within a term (INSET days, a polling day) are listed apart. The
days from the first term's start to the last term's end are known: a weekday in them is a school
day if it falls in a term and is not closed. Outside them nothing is known, and the clock presumes
term time (the earliest the deadline can be) and says so.

Pure: parsing raises `TermDatesError` (a ValueError) naming the value; foitrack.settings turns
that into an error about foitrack.toml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable

from foitrack.dates import DateParseError, parse_date

ONE_DAY = dt.timedelta(days=1)

# How a range's two ends are joined on the pages people copy from.
_SEPARATORS = re.compile(r"\s+(?:to|until|till)\s+|\s*\.\.\s*|\s*[\u2013\u2014]\s*|\s+-\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}
_LEADING_WEEKDAY = re.compile(r"^\s*([A-Za-z]+)[,\s]+")


class TermDatesError(ValueError):
    """A term or closure that is not a date or a range of dates."""


@dataclass(frozen=True)
class SchoolTerms:
    """The days a school has sessions: its terms less its closures, between `first` and `last`."""

    name: str
    terms: tuple[tuple[dt.date, dt.date], ...]  # inclusive, sorted, merged
    closed: frozenset[dt.date] = frozenset()

    @property
    def first(self) -> dt.date:
        return self.terms[0][0]

    @property
    def last(self) -> dt.date:
        return self.terms[-1][1]

    def is_school_day(self, day: dt.date) -> bool | None:
        """True if the school has a session that day (weekends never), False if not, None if the
        day is outside the terms given, so nothing is known."""
        if day < self.first or day > self.last:
            return None
        if day.weekday() >= 5 or day in self.closed:
            return False
        return any(start <= day <= end for start, end in self.terms)

    @classmethod
    def combine(cls, name: str, parts: Iterable[SchoolTerms]) -> SchoolTerms:
        parts = list(parts)
        return cls(
            name,
            _merge(r for part in parts for r in part.terms),
            frozenset(day for part in parts for day in part.closed),
        )


@dataclass(frozen=True)
class SchoolLimit:
    """The two dates SI 2004/3364 reg 3 compares, and what the first rests on."""

    twentieth: dt.date | None  # the 20th school day; None if the 60th working day comes first
    sixtieth: dt.date
    terms: str | None  # the name of the term dates used; None when the school gave none
    presumed: tuple[dt.date, dt.date] | None = None  # days counted as term time without term dates

    @property
    def due(self) -> dt.date:
        return self.sixtieth if self.twentieth is None else min(self.twentieth, self.sixtieth)


def parse_terms(name: str, terms: Any, closed: Any = ()) -> SchoolTerms:
    """Term dates as foitrack.toml gives them: `terms` a list of ranges (or one), `closed` a list
    of days or ranges within them. Raises TermDatesError saying which value is wrong and why."""
    ranges = [parse_range(value) for value in _as_list(terms)]
    if not ranges:
        raise TermDatesError("terms is empty: list the school's terms, e.g. \"4 Sep 2023 to 20 Oct 2023\"")
    shut: set[dt.date] = set()
    for value in _as_list(closed):
        start, end = parse_range(value)
        day = start
        while day <= end:
            shut.add(day)
            day += ONE_DAY
    return SchoolTerms(name, _merge(ranges), frozenset(shut))


def parse_range(value: Any) -> tuple[dt.date, dt.date]:
    """One term (or closure): a date, a pair of dates, {from = DATE, to = DATE}, or a string such
    as "4 Sep 2023 to 20 Oct 2023" or "Monday 19 February to Thursday 28 March 2024"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, dict):
        start = value.get("from", value.get("start"))
        end = value.get("to", value.get("end", start))
        if start is None:
            raise TermDatesError(f"{value!r}: give {{from = DATE, to = DATE}}")
        return _ordered(_one_date(start), _one_date(end), value)
    if isinstance(value, (list, tuple)):
        if len(value) not in (1, 2):
            raise TermDatesError(f"{value!r}: a term is [FIRST DAY, LAST DAY]")
        return _ordered(_one_date(value[0]), _one_date(value[-1]), value)
    if not isinstance(value, str) or not value.strip():
        raise TermDatesError(f"{value!r} is not a date or a range of dates (try \"4 Sep 2023 to 20 Oct 2023\")")
    text = " ".join(value.split())
    parts = _SEPARATORS.split(text)
    if len(parts) == 1:
        day = _one_date(text)
        return day, day
    if len(parts) != 2 or not all(part.strip() for part in parts):
        raise TermDatesError(f"{value!r} is not a range of dates (try \"4 Sep 2023 to 20 Oct 2023\")")
    start_text, end_text = (part.strip() for part in parts)
    try:
        end = _one_date(end_text)
        if _YEAR.search(start_text):
            start = _one_date(start_text)
        else:
            # "19 February to 28 March 2024": the year is written once, at the end.
            start = _one_date(f"{start_text} {end.year}")
            if start > end:
                start = _one_date(f"{start_text} {end.year - 1}")
    except TermDatesError as error:
        raise TermDatesError(f"in {value!r}: {error}") from None
    return _ordered(start, end, value)


def _one_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    named = _LEADING_WEEKDAY.match(text)
    weekday = _WEEKDAYS.get(named.group(1).lower()) if named else None
    if weekday is not None:
        text = text[named.end():]
    try:
        day = parse_date(text, today=dt.date(2000, 1, 1))
    except DateParseError as error:
        raise TermDatesError(str(error)) from None
    if not _YEAR.search(text):
        raise TermDatesError(f"{value!r} has no year: write it in full, e.g. \"4 Sep 2023\"")
    if weekday is not None and day.weekday() != weekday:
        raise TermDatesError(f"{day.day} {day:%b %Y} is a {day:%A}, not a {named.group(1)}; check the date")
    return day


def _ordered(start: dt.date, end: dt.date, value: Any) -> tuple[dt.date, dt.date]:
    if end < start:
        raise TermDatesError(f"{value!r} ends before it starts")
    return start, end


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _merge(ranges: Iterable[tuple[dt.date, dt.date]]) -> tuple[tuple[dt.date, dt.date], ...]:
    merged: list[list[dt.date]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)
