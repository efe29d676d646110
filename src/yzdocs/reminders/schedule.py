"""On which working days an open obligation is announced: fixed relative to its due date, so a
daily run needs no record of what it sent (policy ``notify``, docs/notify.md).

- entering the window: ``window_workdays`` working days before the due date — or, for an
  obligation that arose later than that, the first working day after it arose;
- its last day: the due date, or the last working day before a due date that is a rest day;
- the first working day after the due date (first overdue day);
- then every ``overdue_every_workdays`` working days while it stays open.

On a rest day nothing is announced: the scheduled job may run every day, and 调休 working
Saturdays are then covered too.
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)

# why an item is announced today -> the words the digest uses
REASONS = {"window": "进入提醒期", "due": "今日到期", "overdue": "已逾期", "again": "仍未办理"}


class Schedule:
    """The schedule as of ``today``, under a policy's ``notify`` settings."""

    def __init__(self, calendar, notify: dict, today: date):
        self.calendar = calendar
        self.today = today
        self.window = notify["window_workdays"]
        self.every = notify["overdue_every_workdays"]
        self.escalate_after = notify["escalate_after_days"]
        self._works: dict[date, bool] = {}
        self._after = {today: 0}  # day -> working days after it, up to and including today
        self._low = today

    def workday(self, d: date) -> bool:
        works = self._works.get(d)
        if works is None:
            works = self._works[d] = not self.calendar.rest_or_weekend(d, set())
        return works

    def _back(self, d: date, n: int) -> date:
        """The n-th working day before ``d`` (n = 0: ``d`` itself if it works, else the one before)."""
        while not self.workday(d):
            d -= ONE_DAY
        while n > 0:
            d -= ONE_DAY
            if self.workday(d):
                n -= 1
        return d

    def _next(self, d: date) -> date:
        d += ONE_DAY
        while not self.workday(d):
            d += ONE_DAY
        return d

    def _workdays_since(self, d: date) -> int:
        """Working days after ``d`` (<= today) up to and including today; one walk back serves every item."""
        while self._low > d:
            self._after[self._low - ONE_DAY] = self._after[self._low] + self.workday(self._low)
            self._low -= ONE_DAY
        return self._after[d]

    def reason(self, due: date | None, arose: date | None) -> str | None:
        """Why an open obligation due on ``due`` is announced today (a key of REASONS), or None."""
        today = self.today
        if due is None or not self.workday(today):
            return None
        last = self._back(due, 0)
        if today == last:
            return "due"
        if today < last:
            start = self._back(due, self.window)
            if arose is not None and start <= arose <= due:
                start = self._next(arose)
            return "window" if today == start and start < last else None
        first_overdue = self._next(due)
        if today == first_overdue:
            return "overdue"
        if today > first_overdue and self._workdays_since(first_overdue) % self.every == 0:
            return "again"
        return None

    def in_window(self, due: date | None) -> bool:
        """Due within the look-ahead window (today included), not yet overdue."""
        return due is not None and due >= self.today and self._back(due, self.window) <= self.today
