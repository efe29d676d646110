"""The reminder schedule (docs/notify.md), over weeks of dates worked out by hand from the 2025
calendar: National Day and Mid-Autumn Oct 1–8 rest, Sun Sep 28 and Sat Oct 11 make-up working days."""

from datetime import date, timedelta

import pytest

from yzdocs.calendar import Calendar
from yzdocs.reminders.schedule import Schedule
from yzdocs.rules.policy import NOTIFY_DEFAULTS

CAL = Calendar()


def announced(due, arose=None, first=date(2025, 9, 20), last=date(2025, 11, 5), **policy):
    notify = {**NOTIFY_DEFAULTS, **policy}
    out = {}
    day = first
    while day <= last:
        reason = Schedule(CAL, notify, day).reason(due, arose)
        if reason:
            out[day] = reason
        day += timedelta(days=1)
    return out


def d(text):
    return date.fromisoformat(text)


def test_a_due_date_after_the_national_day_holiday():
    # Due Thu Oct 9. Working days before it: Tue Sep 30, Mon Sep 29, Sun Sep 28 (make-up): the window
    # opens on the Sunday. Overdue from Fri Oct 10; then every 5 working days: Oct 11 (Sat, make-up),
    # 13, 14, 15, 16 -> Oct 16; 17, 20, 21, 22, 23 -> Oct 23; 24, 27, 28, 29, 30 -> Oct 30.
    assert announced(d("2025-10-09")) == {
        d("2025-09-28"): "window", d("2025-10-09"): "due", d("2025-10-10"): "overdue",
        d("2025-10-16"): "again", d("2025-10-23"): "again", d("2025-10-30"): "again",
    }


def test_an_obligation_that_arose_inside_the_window():
    # Due Mon Oct 13; the window would open Thu Oct 9 (Oct 11 Sat and Oct 10 Fri work, then Oct 9),
    # but the case was received that Thursday: the first working day after it, Fri Oct 10, announces it.
    assert announced(d("2025-10-13"), arose=d("2025-10-09"), last=d("2025-10-14")) == {
        d("2025-10-10"): "window", d("2025-10-13"): "due", d("2025-10-14"): "overdue"}
    # received well before the window: the window's own first day (Thu Oct 9) counts
    assert announced(d("2025-10-13"), arose=d("2025-09-01"), last=d("2025-10-14")) == {
        d("2025-10-09"): "window", d("2025-10-13"): "due", d("2025-10-14"): "overdue"}


def test_a_due_date_on_a_rest_day_is_announced_on_the_working_day_before():
    # A "before" period (heads' list 3 days before a hearing) may end on Sun Oct 5, in the holiday:
    # its last day to act is Tue Sep 30; the window opens 3 working days earlier (Mon 29, Sun 28,
    # Fri 26); the first overdue working day is Thu Oct 9.
    assert announced(d("2025-10-05"), last=d("2025-10-09")) == {
        d("2025-09-26"): "window", d("2025-09-30"): "due", d("2025-10-09"): "overdue"}


def test_nothing_is_announced_on_a_rest_day_and_policy_changes_the_rhythm():
    reasons = announced(d("2025-10-09"), window_workdays=1, overdue_every_workdays=2, last=d("2025-10-20"))
    # window: the working day before Oct 9 is Sep 30; overdue Oct 10; then every 2 working days:
    # Oct 13 (11, 13), Oct 15 (14, 15), Oct 17 (16, 17); Oct 20 is only the first after that.
    assert reasons == {d("2025-09-30"): "window", d("2025-10-09"): "due", d("2025-10-10"): "overdue",
                       d("2025-10-13"): "again", d("2025-10-15"): "again", d("2025-10-17"): "again"}
    assert all(CAL.is_workday(day) for day in reasons)


@pytest.mark.parametrize("today, inside", [("2025-09-26", False), ("2025-09-28", True), ("2025-10-09", True),
                                           ("2025-10-10", False)])
def test_the_look_ahead_window(today, inside):
    assert Schedule(CAL, NOTIFY_DEFAULTS, d(today)).in_window(d("2025-10-09")) is inside


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(due=st.dates(date(2024, 3, 1), date(2026, 10, 31)), arose_before=st.one_of(st.none(), st.integers(0, 20)),
       window=st.integers(0, 6), every=st.integers(1, 10))
def test_every_item_is_announced_once_per_occasion_and_only_on_working_days(due, arose_before, window, every):
    arose = None if arose_before is None else due - timedelta(days=arose_before)
    policy = {"window_workdays": window, "overdue_every_workdays": every}
    start = arose or due - timedelta(days=40)  # nothing is announced before the obligation exists
    days = announced(due, arose, first=start, last=due + timedelta(days=60), **policy)
    assert all(CAL.is_workday(day) for day in days)
    reasons = list(days.values())
    last = due
    while not CAL.is_workday(last):
        last -= timedelta(days=1)
    assert reasons.count("due") == (1 if last >= start else 0)
    assert reasons.count("overdue") == 1 and reasons.count("window") <= 1
    if last >= start:
        assert days[last] == "due"
    # between two overdue reminders lie exactly ``every`` working days
    overdue = sorted(d for d, r in days.items() if r in ("overdue", "again"))
    for a, b in zip(overdue, overdue[1:]):
        assert sum(CAL.is_workday(a + timedelta(days=k)) for k in range(1, (b - a).days + 1)) == every
