"""Working-day calendars. (Placeholder: weekends only until the statutory calendars land.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class NonWorkingDay:
    date: dt.date
    reason: str


class WorkingCalendar:
    def __init__(self, name: str):
        self.name = name

    def reason(self, day: dt.date) -> str | None:
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.reason(day) is None

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        while count > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def skipped(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        result, day = [], start
        while day < end:
            day += ONE_DAY
            reason = self.reason(day)
            if reason:
                result.append(NonWorkingDay(day, reason))
        return result

    def next_working_day(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def proclaimed(self, day: dt.date) -> bool:
        return False

    def non_working_weekdays(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        return []



@lru_cache(maxsize=None)
def calendar_for(regime: str, extra: tuple = ()) -> WorkingCalendar:
    return WorkingCalendar("scotland" if regime in {"foisa", "eisr"} else "uk")

class CalendarRangeError(ValueError):
    pass


def add_months(day: dt.date, months: int) -> dt.date:
    import calendar as _cal

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def sar_due(received: dt.date, calendar: WorkingCalendar) -> dt.date:
    return calendar.next_working_day(add_months(received, 1))


def code_of_practice_start(received: dt.date, calendar: WorkingCalendar) -> dt.date:
    return calendar.next_working_day(received)
