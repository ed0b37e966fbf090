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


@lru_cache(maxsize=None)
def calendar_for(regime: str) -> WorkingCalendar:
    return WorkingCalendar("scotland" if regime in {"foisa", "eisr"} else "uk")
