"""Disputes: the instances of one administrative dispute, linked through ``original_case_no``.

A dispute lost at first instance and again on appeal is one loss, not two. The instances of a
dispute are the case files that point to each other by their original case number (二审 → 一审,
再审 → 原审); the case numbers need not all be in the repository. A dispute's *final* result is that
of its last instance once nothing can change it any more:

- ``pending``: an instance is still being tried, an appeal was lodged and its decision is not
  recorded, the appeal period is still running, or the last decision sent the case back (发回重审);
- ``final``: the last decision stands — a final judgment (二审, a retrial under second-instance
  procedure) or one whose appeal period ran out with no appeal.

Used by the assessment (二(九) counts disputes) and by the statistics when the rule set chooses
the per-dispute 口径 (``statistics.loss_rate: dispute``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from yzdocs import casenumber
from yzdocs.outcomes import concluded_on, is_loss
from yzdocs.rules import appeal, facts

ORDER = {"first": 0, "second": 1, "retrial": 2}
PENDING, FINAL = "pending", "final"


@dataclass
class Dispute:
    instances: list = field(default_factory=list)  # Judged, first instance first
    status: str = PENDING
    why: str = ""  # pending: in Chinese, what it waits for
    decided: object = None  # the Judged whose decision is final (status final)

    @property
    def agency(self) -> str:
        return self.instances[0].agency

    @property
    def numbers(self) -> list[str]:
        return [j.case.get("case_no") for j in self.instances]

    @property
    def lost(self) -> bool:
        return self.status == FINAL and is_loss(self.decided.case)

    @property
    def decided_on(self) -> date | None:
        """The day the final decision was received (the dispute's conclusion)."""
        return concluded_on(self.decided.case) if self.decided is not None else None


def _number(value) -> str | None:
    parsed = casenumber.parse(value)
    return str(parsed) if parsed else None


def index(judged: list) -> dict:
    """Judged cases by canonical case number."""
    return {n: j for j in judged if (n := _number(j.case.get("case_no")))}


def disputes(judged: list, ctx, as_of: date) -> list[Dispute]:
    """Every dispute among ``judged`` (reports.stats.Judged), each case in exactly one."""
    by_number = index(judged)

    def root(j, seen=()) -> str:
        number = _number(j.case.get("case_no")) or j.rel
        original = _number(j.case.get("original_case_no"))
        if original is None or original in seen or original == number:
            return number
        if original in by_number:
            return root(by_number[original], (*seen, number))
        return original

    groups: dict[str, list] = {}
    for j in judged:
        received = j.case.get("received_on")
        if received is None or received <= as_of:  # a case received after as-of had not begun then
            groups.setdefault(root(j), []).append(j)
    out = []
    for members in groups.values():
        members.sort(key=lambda j: (ORDER.get(facts.level(j.case), 0), j.case.get("received_on") or date.min, j.rel))
        out.append(_settle(Dispute(members), ctx, as_of))
    return out


def _settle(d: Dispute, ctx, as_of: date) -> Dispute:
    last = d.instances[-1]
    case, received = last.case, concluded_on(last.case)
    if received is None or received > as_of:
        d.why = f"{case.get('case_no')}尚未审结"
        return d
    judgment, appealable = facts.judgment(case), appeal.procedure(case) == "first"
    if judgment.get("disposition") == "remanded":
        d.why = f"{case.get('case_no')}发回重审"
        return d
    if appealable and appeal.appealed_by(case) in appeal.APPEALED:
        d.why = f"{case.get('case_no')}已上诉，二审尚未审结或未录入"
        return d
    effective = appeal.effective_date(ctx, case)
    if appealable and (effective is None or effective > as_of) and judgment.get("result") not in appeal.NOT_APPEALABLE:
        d.why = f"{case.get('case_no')}尚在上诉期内" if effective else f"{case.get('case_no')}是否上诉未记录"
        return d
    d.status, d.decided = FINAL, last
    return d


def disposition(j, by_number: dict) -> str:
    """upheld / amended / remanded / unknown: what a second instance or retrial did with the decision
    before it — as recorded (``judgment.disposition``), else by comparing win and loss with the
    original case when the repository holds it."""
    recorded = facts.judgment(j.case).get("disposition")
    if recorded:
        return recorded
    original = by_number.get(_number(j.case.get("original_case_no")))
    if original is None or not facts.judgment(original.case).get("result") or not facts.judgment(j.case).get("result"):
        return "unknown"
    return "upheld" if is_loss(original.case) == is_loss(j.case) else "amended"
