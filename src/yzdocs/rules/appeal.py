"""The appeal period and the date a judgment takes effect (行政诉讼法 第八十五条).

A party may appeal a first-instance judgment within 15 days of its service and
a ruling within 10 (the rule set's R12 `days` / `ruling_days`), counted by the
procedural calendar like every other period. When the period runs out with no
appeal the judgment takes effect — the day after its last day. That date is
the agency's own: the other party may have been served later, so a recorded
effective date may be later than ours, never earlier. Second-instance
judgments and rulings are final and take effect on service. A 准予撤诉 ruling
and a mediation settlement cannot be appealed.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

from yzdocs import casenumber
from yzdocs.rules import facts

FORMS = {"judgment": "判决书", "ruling": "裁定书"}
NOT_APPEALABLE = frozenset({"withdrawn", "settled"})
APPEALED = frozenset({"other", "agency", "both"})
_LEVELS = {"初": "first", "终": "second", "再": "retrial", "申": "retrial", "监": "retrial", "抗": "retrial"}


def level(case: dict) -> str | None:
    """The recorded level, else the one the case number's type says (行初 → first)."""
    if case.get("level"):
        return case["level"]
    number = case.get("case_no")
    return _level_of_number(number) if isinstance(number, str) else None


@functools.lru_cache(maxsize=4096)
def _level_of_number(text: str) -> str | None:
    number = casenumber.parse(text)
    return _LEVELS.get(number.kind[-1]) if number else None


def form(case: dict) -> str:
    """judgment or ruling: as recorded, else a 驳回起诉 is a ruling and any other result a judgment."""
    j = facts.judgment(case)
    return j.get("form") or ("ruling" if j.get("result") == "suit_dismissed" else "judgment")


def appealed_by(case: dict) -> str | None:
    """none / other / agency / both, as recorded; None when nothing is recorded."""
    return facts.section(facts.judgment(case), "appeal").get("by")


def appeal_due(ctx, case: dict) -> date | None:
    """The last day of the agency's appeal period, or None when there is none to count."""
    j = facts.judgment(case)
    if not j.get("received_on") or j.get("result") in NOT_APPEALABLE or level(case) != "first":
        return None
    spec = ctx.policy.rules["R12"]
    days = spec.ruling_days if form(case) == "ruling" and spec.ruling_days is not None else spec.days
    return ctx.due("R12", j["received_on"], ("judgment", "received_on"), days=days)


def effective_date(ctx, case: dict) -> date | None:
    """The recorded effective date; else the law's: on service for a final judgment, the day after the
    appeal period when nobody appealed; None while an appeal is pending or nothing was served."""
    j = facts.judgment(case)
    if j.get("effective_on"):
        return j["effective_on"]
    if level(case) == "second" and j.get("received_on"):
        return j["received_on"]
    if appealed_by(case) in APPEALED or not ctx.policy.enabled("R12"):
        return None
    due = appeal_due(ctx, case)
    return due + timedelta(days=1) if due is not None else None
