"""The procedural calendar (期间计算): rest days, working days and deadlines.

Official holiday data comes from the `chinese_calendar` package plus the case
repository's holidays.yaml. An entry for a year the package knows adds to or
corrects the package's days (a listed rest day rests, a listed make-up day
works); with ``replace: true`` it replaces the year. A year nobody knows is
counted *provisionally*: weekends plus the holidays the law itself fixes
(``statutory_holidays``), never guessed extra days or make-up days. ``count``
says which unknown years a deadline touched, so the rules can mark it 「暂定」;
``deadline`` refuses them (UnknownYear).

Each year is materialised once as a frozenset of its rest days, so every
later question is a set lookup (``check`` asks thousands of them).
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import NamedTuple

from yzdocs.errors import ConfigError, UnknownYear

METHODS = ("calendar", "workdays", "before")
ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=1)
def package_years() -> range:
    """The years the installed chinese_calendar has holiday data for."""
    from chinese_calendar.constants import holidays

    years = {d.year for d in holidays}
    return range(min(years), max(years) + 1)


def package_version() -> str:
    try:
        from importlib.metadata import version

        return version("chinesecalendar")
    except Exception:  # the metadata is only for display
        return "?"


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> frozenset[date]:
    """The days 《全国年节及纪念日放假办法》 (2024 revision, in force from 2025) gives everyone off:
    元旦 1 January; 春节 农历除夕 to 正月初三; 清明 the day of the solar term; 劳动节 1–2 May;
    端午 农历五月初五; 中秋 农历八月十五; 国庆 1–3 October. The State Council's yearly notice adds days
    around them and make-up working days, which nobody can know in advance. Lunar dates and the solar
    term come from lunar_python (a maintained calendar library), not from a table of our own."""
    from lunar_python import Lunar, Solar

    def solar(day) -> date:
        return date(day.getYear(), day.getMonth(), day.getDay())

    new_year = Lunar.fromYmd(year, 1, 1).getSolar()  # 正月初一 of the lunar year that begins in `year`
    spring = {solar(new_year.next(offset)) for offset in (-1, 0, 1, 2)}  # 除夕 … 初三
    qingming = solar(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"])
    days = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 2), date(year, 10, 1), date(year, 10, 2),
            date(year, 10, 3), qingming, solar(Lunar.fromYmd(year, 5, 5).getSolar()),
            solar(Lunar.fromYmd(year, 8, 15).getSolar())} | spring
    return frozenset(d for d in days if d.year == year)


def _package_days(year: int) -> tuple[frozenset[date], frozenset[date]] | None:
    """(listed holidays, listed make-up working days) of `year`, or None when the package lacks it.

    Reads the package's tables directly (what its is_workday does) — asking
    is_workday 365 times costs more than the rest of a one-file check."""
    if year not in package_years():
        return None
    from chinese_calendar.constants import holidays, workdays

    work = frozenset(d for d in workdays if d.year == year)
    return frozenset(d for d in holidays if d.year == year and d not in work), work


def _weekend_rest(year: int, holidays, work) -> frozenset[date]:
    """The listed holidays plus every weekend day of `year` not listed as a make-up working day."""
    return frozenset(set(holidays) | {d for d in _days(year) if d.weekday() >= 5 and d not in work})


def _listed(year: int, data: dict) -> tuple[set[date], set[date]]:
    rest, work = set(data.get("rest") or ()), set(data.get("work") or ())
    problems = [f"{year} 年的节假日数据中出现了其他年份的日期 {d.isoformat()}" for d in sorted(rest | work)
                if d.year != year]
    problems += [f"{d.isoformat()} 同时列为放假日和调休上班日" for d in sorted(rest & work)]
    if problems:
        raise ConfigError("节假日数据有误：" + "；".join(problems) + "。")
    return rest, work


class Conflict(NamedTuple):
    """A holidays.yaml entry that says the opposite of the package (the entry wins)."""

    day: date
    listed_as: str  # "rest" | "work"


class Calendar:
    """Working days and deadlines under Chinese procedural day counting."""

    def __init__(self, overrides: dict[int, dict] | None = None):
        self._overrides = dict(overrides or {})
        self._years: dict[int, frozenset[date] | None] = {}  # None: a year nobody knows

    def rest_days(self, year: int) -> frozenset[date]:
        rest = self._rest_or_none(year)
        if rest is None:
            raise UnknownYear(year)
        return rest

    def _rest_or_none(self, year: int) -> frozenset[date] | None:
        """`year`'s rest days, or None when nobody knows the year (cached either way: `count` asks a lot)."""
        try:
            return self._years[year]
        except KeyError:
            pass
        package = _package_days(year)
        data = self._overrides.get(year)
        if data is None:
            rest = None if package is None else _weekend_rest(year, *package)
        else:
            listed_rest, listed_work = _listed(year, data)
            if package is None or data.get("replace"):
                rest = _weekend_rest(year, listed_rest, listed_work)
            else:
                rest = (_weekend_rest(year, *package) | listed_rest) - listed_work
        self._years[year] = rest
        return rest

    def source(self, year: int) -> str | None:
        """Where `year`'s days come from, in Chinese; None when nobody knows it."""
        data = self._overrides.get(year)
        if year in package_years():
            base = f"chinesecalendar {package_version()}"
            if data is None:
                return base
            return "holidays.yaml（替换整年）" if data.get("replace") else f"{base} + holidays.yaml"
        return "holidays.yaml" if data is not None else None

    def conflicts(self, year: int) -> list[Conflict]:
        """Entries of holidays.yaml that contradict the package for a year it knows (merge only)."""
        data, package = self._overrides.get(year), _package_days(year)
        if data is None or package is None or data.get("replace"):
            return []
        listed_rest, listed_work = _listed(year, data)
        package_rest = _weekend_rest(year, *package)
        return sorted([Conflict(d, "rest") for d in listed_rest if d not in package_rest]
                      + [Conflict(d, "work") for d in listed_work if d in package_rest], key=lambda c: c.day)

    def is_rest_day(self, d: date) -> bool:
        return d in self.rest_days(d.year)

    def is_workday(self, d: date) -> bool:
        return not self.is_rest_day(d)

    def rest_or_weekend(self, d: date, unknown: set[int]) -> bool:
        """Whether `d` rests; for a year nobody knows, weekends and the statutory holidays only, and the
        year is added to `unknown`."""
        rest = self._rest_or_none(d.year)
        if rest is None:
            unknown.add(d.year)
            return d.weekday() >= 5 or d in statutory_holidays(d.year)
        return d in rest

    def count(self, trigger: date, days: int, method: str) -> tuple[date, tuple[int, ...]]:
        """The last day of a period of `days` days triggered on `trigger`, and the years without
        holiday data the count went through (empty: the date is final; else it is provisional).

        calendar: the trigger day is not counted; a last day that is a rest
        day moves to the first working day after it.
        workdays: the `days`-th working day after the trigger day.
        before: the plain date `days` days before the trigger, never moved.
        """
        if method == "before":
            return trigger - timedelta(days=days), ()
        unknown: set[int] = set()
        if method == "calendar":
            due = trigger + timedelta(days=days)
            while self.rest_or_weekend(due, unknown):
                due += ONE_DAY
        elif method == "workdays":
            due, left = trigger, days
            while left > 0:
                due += ONE_DAY
                if not self.rest_or_weekend(due, unknown):
                    left -= 1
        else:
            raise ConfigError(f"未知的期间计算方法“{method}”，可用：{'、'.join(METHODS)}。")
        return due, (tuple(sorted(unknown)) if unknown else ())

    def deadline(self, trigger: date, days: int, method: str) -> date:
        """``count`` for callers that need a final date: an unknown year raises UnknownYear."""
        due, unknown = self.count(trigger, days, method)
        if unknown:
            raise UnknownYear(unknown[0])
        return due


class Holiday(NamedTuple):
    """A run of consecutive rest days holding at least one weekday: how the notice states a holiday."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def holidays_of(calendar: Calendar, year: int) -> tuple[list[Holiday], list[date]]:
    """The holidays of a known `year` (as runs) and its make-up working days (weekend days that work)."""
    rest = calendar.rest_days(year)
    runs, current = [], []
    for day in _days(year):
        if day in rest:
            current.append(day)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    holidays = [Holiday(r[0], r[-1]) for r in runs if any(d.weekday() < 5 for d in r)]
    work = sorted(d for d in _days(year) if d.weekday() >= 5 and d not in rest)
    return holidays, work


def _days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE_DAY
