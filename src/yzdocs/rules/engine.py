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
from yzdocs.errors import provisional_reason
from yzdocs.findings import ERROR, WARNING, Finding
from yzdocs.render.format import cn_date as format_date
from yzdocs.rules.policy import PLACEHOLDERS, Policy

# statuses
MET, LATE, OVERDUE, DUE_SOON, OPEN, OK, VIOLATION = "met", "late", "overdue", "due_soon", "open", "ok", "violation"
STATUS_LABELS = {
    MET: "按期", LATE: "逾期", OVERDUE: "逾期", DUE_SOON: "待办", OPEN: "未到期",
    OK: "合规", VIOLATION: "不合规",
}
OPEN_STATUSES = (OVERDUE, DUE_SOON, OPEN)


def cn_date(d: date | None) -> str:
    """The one Chinese date form (render/format.py), with 「—」 for a date not known, as messages say it."""
    return format_date(d) or "—"


PROVISIONAL = "（暂定）"


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
    provisional: tuple = ()  # years without holiday data its due date was counted through (暂定)
    trigger: date | None = None  # the day the obligation arose (a reminder schedule starts there)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Context:
    """One evaluation: policy, calendar and as-of date, plus the provisional due dates met.

    Every rule gets its due dates from ``due`` (days and method from the policy). A due date
    counted through a year without holiday data is provisional: weekends only, remembered
    per (rule, date) so that the outcome judged against it carries the mark."""

    def __init__(self, policy: Policy, calendar: Calendar, as_of: date):
        self.policy = policy
        self.calendar = calendar
        self.as_of = as_of
        self.unknown: dict[int, tuple] = {}  # year -> path of the first date that needed it
        self.provisional: dict[tuple[str, date], tuple[int, ...]] = {}  # (rule, due) -> unknown years

    def due(self, rule_id: str, trigger: date, path: tuple = (), *, days: int | None = None,
            after: str | None = None) -> date:
        """The due date of `rule_id` for `trigger` (``days`` instead of the rule's own: R12's rulings).
        ``after``: the rule whose due date `trigger` is (R03 after R02), whose provisional mark carries over."""
        spec = self.policy.rules[rule_id]
        due, unknown = self.calendar.count(trigger, spec.days if days is None else days, spec.method)
        if after is not None and (after, trigger) in self.provisional:
            unknown = tuple(sorted(set(unknown) | set(self.provisional[(after, trigger)])))
        if unknown:
            self._remember(rule_id, due, unknown, path)
        return due

    def _remember(self, rule_id: str, due: date, unknown: tuple, path: tuple) -> None:
        self.provisional[(rule_id, due)] = unknown
        for year in unknown:
            self.unknown.setdefault(year, path)

    def record_due(self, rule_id: str, case: dict) -> date | None:
        """Until when a missing record of `rule_id` is a to-do (policy `record_days`); None: no grace."""
        days = self.policy.rules[rule_id].record_days
        received = case.get("received_on")
        if days is None or received is None:
            return None
        due, unknown = self.calendar.count(received, days, "calendar")
        if unknown:
            self._remember(rule_id, due, unknown, ("received_on",))
        return due

    def missing_record(self, rule_id: str, case: dict, key: str, path: tuple, *, occurrence: str = "",
                       upcoming_key: str = "upcoming", **values) -> Outcome:
        """A record the rule needs is missing: on the agenda until `record_due`, then the violation `key`."""
        due = self.record_due(rule_id, case)
        if due is None:
            return self.check(rule_id, key, path, occurrence=occurrence, **values)
        return self.deadline(rule_id, due, None, path, trigger=case.get("received_on"), occurrence=occurrence,
                             violation_key=key, upcoming_key=upcoming_key, **values)

    def rest_note(self, rule_id: str, d: date) -> str:
        """R04: a plain "before" date that is a rest day deserves a word of warning; in a year
        without holiday data only weekends and the statutory holidays are known, and the date's
        outcome is provisional."""
        unknown: set[int] = set()
        rest = self.calendar.rest_or_weekend(d, unknown)
        if unknown:
            self._remember(rule_id, d, tuple(unknown), ())
            if not rest:
                return "（当年节假日安排尚未公布，该日是否放假待定）"
            return f"（该日为{'周末' if d.weekday() >= 5 else '法定节假日'}，请提前报备；当年节假日安排尚未公布）"
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
        values = dict(values, trigger_date=cn_date(trigger), late_days=late, left_days=left)
        values.setdefault("days", spec.days)
        return Outcome(rule_id, status, spec.task, path, due, done, key, occurrence,
                       staff if staff is not None else spec.staff, values, deadline=True,
                       provisional=self.provisional.get((rule_id, due), ()) if self.provisional else (),
                       trigger=trigger)

    def check(self, rule_id: str, key: str | None, path: tuple, *, due: date | None = None,
              done: date | None = None, occurrence: str = "", dated: bool = False, **values) -> Outcome:
        """A non-deadline judgement: `key` None means compliant; `dated`: its finding carries due (a hearing)."""
        spec = self.policy.rules[rule_id]
        status = OK if key is None else VIOLATION
        return Outcome(rule_id, status, spec.task, path, due, done, key, occurrence, spec.staff, values, dated,
                       provisional=self.provisional.get((rule_id, due), ()) if self.provisional else ())

    def finding(self, outcome: Outcome, *, file: str = "", position=(0, 0),
                case_no: str | None = None, agency: str | None = None) -> Finding:
        spec = self.policy.rules[outcome.rule]
        values = dict.fromkeys(PLACEHOLDERS, "")
        values.update(outcome.values)
        values.update(due=cn_date(outcome.due) + (PROVISIONAL if outcome.provisional else ""),
                      done=cn_date(outcome.done), as_of=cn_date(self.as_of))
        line, column = position
        due, done = (outcome.due, outcome.done) if outcome.deadline else (None, None)
        return Finding(outcome.rule, spec.severity_of(outcome.key), spec.message(outcome.key, **values),
                       file, line, column, case_no, agency, due, done)

    def provisional_finding(self, outcomes: list[Outcome], *, file: str = "", position=(0, 0),
                            case_no: str | None = None, agency: str | None = None) -> Finding | None:
        """One `calendar` finding for the provisional due dates among `outcomes`: a warning while they
        are far; an error once an open one is within the policy's `provisional_days`, or past."""
        marked = [o for o in outcomes if o.provisional and o.due is not None]
        if not marked:
            return None
        near = [o for o in marked if o.is_open and (o.due - self.as_of).days <= self.policy.provisional_days]
        listed = "、".join(dict.fromkeys(f"{o.rule}（{cn_date(o.due)}）" for o in marked))
        years = sorted({y for o in marked for y in o.provisional})
        message = f"{listed}的期限为暂定。" + "".join(provisional_reason(y) for y in years)
        if near:
            message += f"暂定期限已不足{self.policy.provisional_days}日或已过，请尽快补充。"
        return Finding("calendar", ERROR if near else WARNING, message, file, position[0], position[1],
                       case_no, agency)
