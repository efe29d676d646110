"""Day counting (期间计算) against the State Council holiday notices.

Every expected date below was worked out by hand from 国务院办公厅关于
2023/2024/2025/2026年部分节假日安排的通知 (国办发明电〔2022〕16号、
〔2023〕7号、〔2024〕12号、〔2025〕7号), never from the code under test.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yzdocs import calendar as calendar_module
from yzdocs.calendar import Calendar
from yzdocs.errors import ConfigError, UnknownYear

D = date.fromisoformat


@pytest.fixture(autouse=True)
def known_years(monkeypatch):
    """The years these tests take as known: 2027 stays unknown when a chinesecalendar release with
    2027's holidays is installed."""
    monkeypatch.setattr(calendar_module, "package_years", lambda: range(2004, 2027))

# (trigger, days, method, expected due, why)
TABLE = [
    # docs/domain.md: received 3 March, "within 3 days" ends 6 March (2023-03-06 is a Monday).
    ("2023-03-03", 3, "calendar", "2023-03-06", "plain count, trigger day not counted"),
    ("2023-03-08", 3, "calendar", "2023-03-13", "ends Sat 11 Mar -> Mon 13 Mar"),
    # 2023 元旦: 2022-12-31 – 2023-01-02 off.
    ("2022-12-28", 3, "calendar", "2023-01-03", "2023 New Year: 12-31..01-02 off"),
    # 2023 春节: 01-21 – 01-27 off; Sat 01-28, Sun 01-29 working.
    ("2023-01-18", 3, "calendar", "2023-01-28", "2023 Spring Festival -> make-up Saturday"),
    ("2023-01-26", 3, "calendar", "2023-01-29", "lands on make-up Sunday 01-29"),
    # 2023 清明: 04-05 off.
    ("2023-04-02", 3, "calendar", "2023-04-06", "2023 Qingming single day"),
    # 2023 劳动节: 04-29 – 05-03 off; Sun 04-23, Sat 05-06 working.
    ("2023-04-20", 3, "calendar", "2023-04-23", "make-up Sunday 04-23"),
    ("2023-04-27", 3, "calendar", "2023-05-04", "2023 Labour Day"),
    ("2023-04-21", 15, "calendar", "2023-05-06", "15 days ends on make-up Saturday 05-06"),
    # 2023 端午: 06-22 – 06-24 off; Sun 06-25 working.
    ("2023-06-19", 3, "calendar", "2023-06-25", "2023 Dragon Boat -> make-up Sunday"),
    # 2023 中秋国庆: 09-29 – 10-06 off; Sat 10-07, Sun 10-08 working (docs/domain.md example).
    ("2023-09-27", 3, "calendar", "2023-10-07", "docs/domain.md: not 09-30, not 10-09"),
    ("2023-09-27", 3, "workdays", "2023-10-08", "09-28, 10-07, 10-08"),
    ("2023-10-09", 3, "before", "2023-10-06", "before: plain date even on a holiday"),
    # 2024 元旦: 01-01 off.
    ("2023-12-28", 3, "calendar", "2024-01-02", "2024 New Year after a Sunday"),
    # 2024 春节: 02-10 – 02-17 off; Sun 02-04, Sun 02-18 working; 除夕 02-09 not official.
    ("2024-02-07", 3, "calendar", "2024-02-18", "docs/domain.md example"),
    ("2024-02-01", 3, "calendar", "2024-02-04", "make-up Sunday 02-04"),
    ("2024-02-06", 3, "calendar", "2024-02-09", "除夕 02-09 is a working day in 2024"),
    ("2024-02-07", 3, "workdays", "2024-02-18", "02-08, 02-09, 02-18"),
    ("2024-02-19", 3, "before", "2024-02-16", "before: no extension"),
    # 2024 清明: 04-04 – 04-06 off; Sun 04-07 working.
    ("2024-04-01", 3, "calendar", "2024-04-07", "2024 Qingming -> make-up Sunday"),
    # 2024 劳动节: 05-01 – 05-05 off; Sun 04-28, Sat 05-11 working.
    ("2024-04-25", 3, "calendar", "2024-04-28", "make-up Sunday 04-28"),
    ("2024-04-28", 3, "calendar", "2024-05-06", "2024 Labour Day"),
    ("2024-04-26", 15, "calendar", "2024-05-11", "make-up Saturday 05-11"),
    # 2024 端午: 06-10 off (with the weekend).
    ("2024-06-05", 3, "calendar", "2024-06-11", "2024 Dragon Boat"),
    # 2024 中秋: 09-15 – 09-17 off; Sat 09-14 working.
    ("2024-09-11", 3, "calendar", "2024-09-14", "make-up Saturday 09-14"),
    ("2024-09-12", 3, "calendar", "2024-09-18", "2024 Mid-Autumn"),
    # 2024 国庆: 10-01 – 10-07 off; Sun 09-29, Sat 10-12 working.
    ("2024-09-26", 3, "calendar", "2024-09-29", "make-up Sunday 09-29"),
    ("2024-09-27", 3, "calendar", "2024-09-30", "Mon 09-30 is an ordinary working day"),
    ("2024-09-28", 3, "calendar", "2024-10-08", "2024 National Day"),
    ("2024-09-27", 15, "calendar", "2024-10-12", "make-up Saturday 10-12"),
    # 2025 元旦: 01-01 off only.
    ("2024-12-29", 3, "calendar", "2025-01-02", "2025 New Year"),
    # 2025 春节: 01-28 – 02-04 off; Sun 01-26, Sat 02-08 working.
    ("2025-01-23", 3, "calendar", "2025-01-26", "make-up Sunday 01-26"),
    ("2025-01-25", 3, "calendar", "2025-02-05", "2025 Spring Festival"),
    ("2025-01-24", 15, "calendar", "2025-02-08", "make-up Saturday 02-08"),
    # 2025 清明: 04-04 – 04-06 off.
    ("2025-04-01", 3, "calendar", "2025-04-07", "2025 Qingming"),
    # 2025 劳动节: 05-01 – 05-05 off; Sun 04-27 working.
    ("2025-04-24", 3, "calendar", "2025-04-27", "make-up Sunday 04-27"),
    ("2025-04-28", 3, "calendar", "2025-05-06", "2025 Labour Day"),
    # 2025 端午: 05-31 – 06-02 off.
    ("2025-05-28", 3, "calendar", "2025-06-03", "2025 Dragon Boat"),
    # 2025 国庆中秋: 10-01 – 10-08 off; Sun 09-28, Sat 10-11 working.
    ("2025-09-25", 3, "calendar", "2025-09-28", "make-up Sunday 09-28"),
    ("2025-09-28", 3, "calendar", "2025-10-09", "2025 National Day + Mid-Autumn"),
    ("2025-09-26", 15, "calendar", "2025-10-11", "make-up Saturday 10-11"),
    ("2025-09-26", 3, "workdays", "2025-09-30", "09-28, 09-29, 09-30"),
    # 2026 元旦: 01-01 – 01-03 off; Sun 01-04 working.
    ("2025-12-29", 3, "calendar", "2026-01-04", "2026 New Year -> make-up Sunday"),
    # 2026 春节: 02-15 – 02-23 off; Sat 02-14, Sat 02-28 working.
    ("2026-02-11", 3, "calendar", "2026-02-14", "make-up Saturday 02-14"),
    ("2026-02-12", 3, "calendar", "2026-02-24", "2026 Spring Festival"),
    ("2026-02-13", 15, "calendar", "2026-02-28", "make-up Saturday 02-28"),
    # 2026 清明: 04-04 – 04-06 off.
    ("2026-04-01", 3, "calendar", "2026-04-07", "2026 Qingming"),
    # 2026 劳动节: 05-01 – 05-05 off; Sat 05-09 working.
    ("2026-04-28", 3, "calendar", "2026-05-06", "2026 Labour Day"),
    ("2026-05-06", 3, "calendar", "2026-05-09", "make-up Saturday 05-09"),
    # 2026 端午: 06-19 – 06-21 off.
    ("2026-06-16", 3, "calendar", "2026-06-22", "2026 Dragon Boat"),
    # 2026 中秋: 09-25 – 09-27 off.
    ("2026-09-22", 3, "calendar", "2026-09-28", "2026 Mid-Autumn"),
    # 2026 国庆: 10-01 – 10-07 off; Sun 09-20, Sat 10-10 working.
    ("2026-09-17", 3, "calendar", "2026-09-20", "make-up Sunday 09-20"),
    ("2026-09-28", 3, "calendar", "2026-10-08", "2026 National Day"),
    ("2026-09-25", 15, "calendar", "2026-10-10", "make-up Saturday 10-10"),
    ("2026-12-28", 3, "calendar", "2026-12-31", "a Thursday: 2027 not needed"),
]


@pytest.mark.parametrize("trigger,days,method,expected,why", TABLE, ids=[f"{t[0]}+{t[1]}{t[2][0]}" for t in TABLE])
def test_holiday_table(trigger, days, method, expected, why):
    assert Calendar().deadline(D(trigger), days, method) == D(expected), why


@pytest.mark.parametrize(
    "day,rest",
    [
        ("2023-10-07", False),  # make-up Saturday
        ("2023-09-29", True),
        ("2024-02-09", False),  # 除夕 2024: not an official holiday
        ("2024-02-18", False),
        ("2025-01-01", True),
        ("2025-10-11", False),
        ("2026-02-23", True),  # Monday inside the 2026 Spring Festival
        ("2026-01-04", False),
    ],
)
def test_rest_days(day, rest):
    cal = Calendar()
    assert cal.is_rest_day(D(day)) is rest
    assert cal.is_workday(D(day)) is (not rest)


def test_unknown_year_raises():
    cal = Calendar()
    with pytest.raises(UnknownYear) as info:
        cal.deadline(D("2026-12-29"), 3, "calendar")  # ends on 2027-01-01
    assert info.value.year == 2027
    assert "2027" in str(info.value) and "holidays.yaml" in str(info.value)
    with pytest.raises(UnknownYear):
        cal.is_workday(D("2003-05-01"))


def test_override_supplies_unknown_year():
    cal = Calendar({2027: {"rest": [D("2027-01-01")], "work": []}})
    # Fri 01-01 off, then the weekend: Monday 2027-01-04.
    assert cal.deadline(D("2026-12-29"), 3, "calendar") == D("2027-01-04")
    assert cal.is_rest_day(D("2027-01-09"))  # an ordinary Saturday


def test_override_replaces_package_year_when_it_says_so():
    # A 2025 override without the National Day holiday: 10-01 is a plain Wednesday.
    cal = Calendar({2025: {"rest": [D("2025-01-01")], "work": [D("2025-10-11")], "replace": True}})
    assert cal.is_workday(D("2025-10-01"))
    assert cal.is_workday(D("2025-10-11"))  # listed make-up Saturday
    assert cal.is_rest_day(D("2025-09-28"))  # not listed: back to an ordinary Sunday
    assert cal.deadline(D("2025-09-28"), 3, "calendar") == D("2025-10-01")
    # other years still come from the package
    assert cal.is_workday(D("2024-09-29"))


def test_bad_override_and_method():
    with pytest.raises(ConfigError):
        Calendar({2027: {"rest": [D("2028-01-01")], "work": []}}).is_workday(D("2027-03-01"))
    with pytest.raises(ConfigError):
        Calendar({2027: {"rest": [D("2027-02-20")], "work": [D("2027-02-20")]}}).is_workday(D("2027-03-01"))
    with pytest.raises(ConfigError):
        Calendar().deadline(D("2024-01-02"), 3, "fortnights")


KNOWN = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 30))


@settings(max_examples=300, deadline=None)
@given(trigger=KNOWN, n=st.integers(min_value=0, max_value=30))
def test_calendar_deadline_properties(trigger, n):
    cal = Calendar()
    due = cal.deadline(trigger, n, "calendar")
    plain = trigger + timedelta(days=n)
    assert due >= plain
    assert cal.is_workday(due)
    day = plain
    while day < due:  # every skipped day is a rest day
        assert cal.is_rest_day(day)
        day += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(trigger=KNOWN, n=st.integers(min_value=1, max_value=20))
def test_workdays_properties(trigger, n):
    cal = Calendar()
    due = cal.deadline(trigger, n, "workdays")
    assert cal.is_workday(due)
    span = [trigger + timedelta(days=i) for i in range(1, (due - trigger).days + 1)]
    assert sum(cal.is_workday(d) for d in span) == n


@given(trigger=KNOWN, n=st.integers(min_value=0, max_value=30))
def test_before_is_plain(trigger, n):
    assert Calendar().deadline(trigger, n, "before") == trigger - timedelta(days=n)
