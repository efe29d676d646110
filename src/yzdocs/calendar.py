"""The procedural calendar (期间计算): rest days, working days and deadlines.

Official holiday data comes from the `chinese_calendar` package (2004–2026)
plus the case repository's holidays.yaml. A year present in the overrides
replaces the package's data for that year; a year nobody knows raises
UnknownYear — a deadline is never computed on a guessed calendar.

Each year is materialised once as a frozenset of its rest days, so every
later question is a set lookup (``check`` asks thousands of them).
"""

from __future__ import annotations

from datetime import date, timedelta

from yzdocs.errors import ConfigError, UnknownYear

METHODS = ("calendar", "workdays", "before")
ONE_DAY = timedelta(days=1)


def _package_rest_days(year: int) -> frozenset[date] | None:
    """Rest days of `year` per chinese_calendar, or None when it lacks the year.

    Reads the package's tables directly (what its is_workday does: a listed
    make-up day works, a listed holiday rests, else weekends rest) — asking
    is_workday 365 times costs more than the rest of a one-file check.
    """
    from chinese_calendar.constants import holidays, workdays

    years = {d.year for d in holidays}  # the package raises outside min..max
    if not (min(years) <= year <= max(years)):
        return None
    listed = {d for d in holidays if d.year == year and d not in workdays}
    return _rest_days(year, listed, workdays)


def _override_rest_days(year: int, data: dict) -> frozenset[date]:
    """Weekends are rest days unless listed in `work`; `rest` adds official holidays."""
    rest_listed = set(data.get("rest") or ())
    work = set(data.get("work") or ())
    problems = []
    for d in sorted(rest_listed | work):
        if d.year != year:
            problems.append(f"{year} 年的节假日数据中出现了其他年份的日期 {d.isoformat()}")
    for d in sorted(rest_listed & work):
        problems.append(f"{d.isoformat()} 同时列为放假日和调休上班日")
    if problems:
        raise ConfigError("节假日数据有误：" + "；".join(problems) + "。")
    return _rest_days(year, rest_listed, work)


def _rest_days(year: int, holidays, work) -> frozenset[date]:
    """The listed holidays plus every weekend day of `year` not listed as a make-up working day."""
    rest = set(holidays)
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() >= 5 and day not in work:
            rest.add(day)
        day += ONE_DAY
    return frozenset(rest)


class Calendar:
    """Working days and deadlines under Chinese procedural day counting."""

    def __init__(self, overrides: dict[int, dict] | None = None):
        self._overrides = dict(overrides or {})
        self._years: dict[int, frozenset[date]] = {}

    def rest_days(self, year: int) -> frozenset[date]:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        if year in self._overrides:
            rest = _override_rest_days(year, self._overrides[year])
        else:
            rest = _package_rest_days(year)
            if rest is None:
                raise UnknownYear(year)
        self._years[year] = rest
        return rest

    def knows(self, year: int) -> bool:
        try:
            self.rest_days(year)
        except UnknownYear:
            return False
        return True

    def is_rest_day(self, d: date) -> bool:
        return d in self.rest_days(d.year)

    def is_workday(self, d: date) -> bool:
        return not self.is_rest_day(d)

    def deadline(self, trigger: date, days: int, method: str) -> date:
        """The last day of a period of `days` days triggered on `trigger`.

        calendar: the trigger day is not counted; a last day that is a rest
        day moves to the first working day after it.
        workdays: the `days`-th working day after the trigger day.
        before: the plain date `days` days before the trigger, never moved.
        """
        if method == "calendar":
            due = trigger + timedelta(days=days)
            while self.is_rest_day(due):
                due += ONE_DAY
            return due
        if method == "workdays":
            due = trigger
            left = days
            while left > 0:
                due += ONE_DAY
                if self.is_workday(due):
                    left -= 1
            return due
        if method == "before":
            return trigger - timedelta(days=days)
        raise ConfigError(f"未知的期间计算方法“{method}”，可用：{'、'.join(METHODS)}。")
