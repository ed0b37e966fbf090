"""Reading the dates people type: ISO, UK day-first, '25 Sep 2023', 'today', 'yesterday'."""

from __future__ import annotations

import datetime as dt
import re

from foitrack.errors import UsageError

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")


def iso(day: dt.date | None) -> str | None:
    """A date as JSON carries it: ISO 8601, or None."""
    return day.isoformat() if day else None


def long_date(day: dt.date | None) -> str:
    """A date as a letter or a report writes it: '1 June 2023' ('' for none)."""
    return f"{day.day} {day:%B %Y}" if day else ""


class DateParseError(ValueError):
    pass


def parse_date(text: str | dt.date, *, today: dt.date | None = None) -> dt.date:
    """Parse a date as a UK user writes it. Numeric dates are always day-first.

    Raises DateParseError (a ValueError) naming the value when it is not a real date.
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    value = str(text).strip()
    lowered = value.lower()
    today = today or dt.date.today()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - dt.timedelta(days=1)
    if lowered == "tomorrow":
        return today + dt.timedelta(days=1)
    try:
        if _ISO.match(value):
            year, month, day = (int(part) for part in value.split("-"))
            return dt.date(year, month, day)
        numeric = _NUMERIC.match(value)
        if numeric:
            day, month, year = (int(part) for part in numeric.groups())
            if year < 100:
                year += 2000
            return dt.date(year, month, day)
    except ValueError:
        raise DateParseError(f"{value!r} is not a date: there is no such day") from None
    if not value or not re.search(r"[A-Za-z]", value) or not re.search(r"\d", value):
        raise DateParseError(f"{value!r} is not a date (try 2023-09-25, 25/09/2023 or 25 Sep 2023)")
    # Written-out months ('25 Sep 2023', 'September 25, 2023'): dateutil knows the month names.
    from dateutil import parser as dateutil_parser

    try:
        parsed = dateutil_parser.parse(value, dayfirst=True, default=dt.datetime(today.year, 1, 1))
        # dateutil fills in what is missing from its default: read again with another default
        # day, and a value that names no day ('Sep 2023') reads differently, so is refused
        # rather than silently taken as the 1st.
        other = dateutil_parser.parse(value, dayfirst=True, default=dt.datetime(today.year, 2, 2))
    except (ValueError, OverflowError):
        raise DateParseError(
            f"{value!r} is not a date (try 2023-09-25, 25/09/2023 or 25 Sep 2023)"
        ) from None
    if parsed.day != other.day or parsed.month != other.month:
        raise DateParseError(f"{value!r} is not a whole date: give the day too, e.g. 25 Sep 2023")
    if parsed.hour or parsed.minute or parsed.second:
        raise DateParseError(f"{value!r} is not a date: give a day, not a time")
    return parsed.date()


def parse_option_date(text: str, option: str, *, today: dt.date | None = None) -> dt.date:
    """Parse a command-line date, turning a bad one into a usage error that names the option."""
    try:
        return parse_date(text, today=today)
    except DateParseError as error:
        raise UsageError(f"{option}: {error}") from None
