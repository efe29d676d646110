"""A year without holiday data still has the holidays the law fixes (issue 20, item 3).

《全国年节及纪念日放假办法》 (2024 revision, in force from 2025): 元旦 1 January; 春节 农历除夕 to
正月初三; 清明 the day of the solar term; 劳动节 1–2 May; 端午 农历五月初五; 中秋 农历八月十五;
国庆 1–3 October. The yearly State Council notice only adds the days around them and the make-up
working days, so these days rest in any year; the count through such a year stays 「暂定」.

Every expected date below was worked out by hand: the lunar dates from the published calendar
(2027: 除夕 5 February, 正月初一 6 February, 端午 9 June, 中秋 15 September; 清明 5 April), the
weekdays from a wall calendar.
"""

from __future__ import annotations

from datetime import date

import pytest

from yzdocs import calendar as calendar_module
from yzdocs.calendar import Calendar, statutory_holidays

D = date.fromisoformat


@pytest.fixture(autouse=True)
def no_2027(monkeypatch):
    """2027 unknown, whatever chinesecalendar release is installed."""
    monkeypatch.setattr(calendar_module, "package_years", lambda: range(2004, 2027))


def test_the_statutory_days_of_2027():
    assert sorted(statutory_holidays(2027)) == [D(d) for d in (
        "2027-01-01",                                            # 元旦
        "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",  # 除夕 … 正月初三
        "2027-04-05",                                            # 清明
        "2027-05-01", "2027-05-02",                              # 劳动节
        "2027-06-09",                                            # 端午
        "2027-09-15",                                            # 中秋
        "2027-10-01", "2027-10-02", "2027-10-03",                # 国庆
    )]


def test_the_law_fixes_the_same_days_the_package_lists():
    # Known years as a check on the lunar library: each statutory day of 2025 and 2026 is a rest
    # day in the State Council's arrangement (2026: 春节 除夕 02-16 … 初三 02-19; 端午 06-19; 中秋 09-25).
    cal = Calendar()
    for year in (2025, 2026):
        assert all(cal.is_rest_day(d) for d in statutory_holidays(year)), year
    assert {D("2026-02-16"), D("2026-06-19"), D("2026-09-25"), D("2026-04-05")} <= statutory_holidays(2026)


def test_new_years_day_2027_is_not_a_working_day():
    # Notice received Tue 2026-12-29: +3 = Fri 2027-01-01 (元旦), Sat 01-02, Sun 01-03 → Mon 01-04.
    assert Calendar().count(D("2026-12-29"), 3, "calendar") == (D("2027-01-04"), (2027,))


def test_a_period_ending_on_chuxi_waits_for_the_festival_to_end():
    # A defence period of 15 days from Thu 2027-01-21 ends on Fri 02-05 (除夕); 02-06 Sat (初一),
    # 02-07 Sun (初二), 02-08 Mon (初三) rest too: the first working day is Tue 02-09.
    assert Calendar().count(D("2027-01-21"), 15, "calendar") == (D("2027-02-09"), (2027,))


@pytest.mark.parametrize("trigger, days, due, why", [
    ("2027-04-01", 4, "2027-04-06", "Thu +4 = Mon 04-05 清明 → Tue 04-06"),
    ("2027-04-28", 3, "2027-05-03", "Wed +3 = Sat 05-01 劳动节, Sun 05-02 → Mon 05-03"),
    ("2027-06-04", 5, "2027-06-10", "Fri +5 = Wed 06-09 端午 → Thu 06-10"),
    ("2027-09-12", 3, "2027-09-16", "Sun +3 = Wed 09-15 中秋 → Thu 09-16"),
    ("2027-09-28", 3, "2027-10-04", "Tue +3 = Fri 10-01 国庆, 10-02, 10-03 → Mon 10-04"),
    ("2027-03-01", 3, "2027-03-04", "an ordinary Thursday"),
])
def test_each_statutory_holiday_moves_a_period_end(trigger, days, due, why):
    assert Calendar().count(D(trigger), days, "calendar") == (D(due), (2027,)), why


def test_working_days_skip_the_festival():
    # 3 working days after Wed 2027-02-03: Thu 02-04, then 02-05..02-08 rest, 02-09, 02-10.
    assert Calendar().count(D("2027-02-03"), 3, "workdays") == (D("2027-02-10"), (2027,))


def test_holidays_yaml_still_decides_the_year_it_covers():
    # An entry for 2027 makes the year known: its days are the entry's (plus weekends) and the
    # count is final. The 2027 notice moved nothing here, so the result is the same date.
    cal = Calendar({2027: {"rest": [D("2027-01-01"), D("2027-01-02"), D("2027-01-03")], "work": []}})
    assert cal.count(D("2026-12-29"), 3, "calendar") == (D("2027-01-04"), ())
