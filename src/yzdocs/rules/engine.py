"""What the rules produce, and the deadline logic they share.

A rule yields Outcomes: one per obligation or check, whether met or not, so
that `check` (findings), `agenda` (open obligations) and `show` (the case
timeline) all read the same judgement. An Outcome with a message `key` becomes
a finding; one with status OVERDUE/DUE_SOON/OPEN is on the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from yzdocs.calendar import Calendar
from yzdocs.errors import UnknownYear
from yzdocs.findings import Finding
from yzdocs.rules.policy import Policy

# statuses
MET, LATE, OVERDUE, DUE_SOON, OPEN, OK, VIOLATION = "met", "late", "overdue", "due_soon", "open", "ok", "violation"
STATUS_LABELS = {
    MET: "按期", LATE: "逾期", OVERDUE: "逾期", DUE_SOON: "待办", OPEN: "未到期",
    OK: "合规", VIOLATION: "不合规",
}
OPEN_STATUSES = (OVERDUE, DUE_SOON, OPEN)


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


@dataclass(frozen=True)
class Outcome:
    rule: str
    status: str
    task: str
    path: tuple = ()  # data path of the date the outcome is about
    due: date | None = None
    done: date | None = None
    key: str | None = None  # message key when this outcome is a finding
    occurrence: str = ""  # tells repeated obligations of one rule apart ("hearing-2")
    staff: str | None = None
    values: dict = field(default_factory=dict)  # values for the message fields
    deadline: bool = False  # a dated obligation: its finding carries due/done

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Context:
    """One evaluation: policy, calendar and as-of date, plus unknown years met."""

    def __init__(self, policy: Policy, calendar: Calendar, as_of: date):
        self.policy = policy
        self.calendar = calendar
        self.as_of = as_of
        self.unknown: dict[int, tuple] = {}  # year -> path of the first date that needed it

    def due(self, rule_id: str, trigger: date, path: tuple = ()) -> date | None:
        """The due date of `rule_id` for `trigger`, or None (recorded) when a year is unknown."""
        spec = self.policy.rules[rule_id]
        try:
            return self.calendar.deadline(trigger, spec.days, spec.method)
        except UnknownYear as exc:
            self.unknown.setdefault(exc.year, path)
            return None

    def record_due(self, rule_id: str, case: dict) -> date | None:
        """Until when a missing record of `rule_id` is a to-do (policy `record_days`); None: no grace."""
        days = self.policy.rules[rule_id].record_days
        received = case.get("received_on")
        if days is None or received is None:
            return None
        try:
            return self.calendar.deadline(received, days, "calendar")
        except UnknownYear as exc:
            self.unknown.setdefault(exc.year, ("received_on",))
            return None

    def missing_record(self, rule_id: str, case: dict, key: str, path: tuple, *, occurrence: str = "",
                       upcoming_key: str = "upcoming", **values) -> Outcome:
        """A record the rule needs is missing: on the agenda until `record_due`, then the violation `key`."""
        due = self.record_due(rule_id, case)
        if due is None:
            return self.check(rule_id, key, path, occurrence=occurrence, **values)
        return self.deadline(rule_id, due, None, path, trigger=case.get("received_on"), occurrence=occurrence,
                             violation_key=key, upcoming_key=upcoming_key, **values)

    def rest_note(self, d: date) -> str:
        """R04: a plain "before" date that is a rest day deserves a word of warning."""
        try:
            rest = self.calendar.is_rest_day(d)
        except UnknownYear:
            return ""
        return "（该日为休息日，请提前报备）" if rest else ""

    def deadline(self, rule_id: str, due: date, done: date | None, path: tuple, *,
                 trigger: date | None = None, occurrence: str = "", staff: str | None = None,
                 violation_key: str = "missing", upcoming_key: str = "upcoming", **values) -> Outcome:
        """Judge an obligation due on `due` and done on `done` (None: not yet)."""
        spec = self.policy.rules[rule_id]
        left = (due - self.as_of).days
        if done is not None and done > self.as_of:
            done = None  # judged as things stood on as-of: a later act had not happened yet
        if done is not None:
            status, key = (MET, None) if done <= due else (LATE, "late")
        elif left < 0:
            status, key = OVERDUE, violation_key
        elif left <= self.policy.reminder_days:
            status, key = DUE_SOON, upcoming_key
        else:
            status, key = OPEN, None
        late = (done - due).days if status == LATE else -left
        values = dict(values, trigger_date=cn_date(trigger), days=spec.days, late_days=late, left_days=left)
        return Outcome(rule_id, status, spec.task, path, due, done, key, occurrence,
                       staff if staff is not None else spec.staff, values, deadline=True)

    def check(self, rule_id: str, key: str | None, path: tuple, *, due: date | None = None,
              done: date | None = None, occurrence: str = "", dated: bool = False, **values) -> Outcome:
        """A non-deadline judgement: `key` None means compliant; `dated`: its finding carries due (a hearing)."""
        spec = self.policy.rules[rule_id]
        status = OK if key is None else VIOLATION
        return Outcome(rule_id, status, spec.task, path, due, done, key, occurrence, spec.staff, values, dated)

    def finding(self, outcome: Outcome, *, file: str = "", position=(0, 0),
                case_no: str | None = None, agency: str | None = None) -> Finding:
        spec = self.policy.rules[outcome.rule]
        values = {p: "" for p in ("hearing", "n", "head", "missing", "half", "rest_note", "trigger_date",
                                  "days", "late_days", "left_days", "agency")}
        values.update(outcome.values)
        values.update(due=cn_date(outcome.due), done=cn_date(outcome.done), as_of=cn_date(self.as_of))
        line, column = position
        due, done = (outcome.due, outcome.done) if outcome.deadline else (None, None)
        return Finding(outcome.rule, spec.severity_of(outcome.key), spec.message(outcome.key, **values),
                       file, line, column, case_no, agency, due, done)
