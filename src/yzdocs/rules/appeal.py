"""The appeal period and the date a judgment takes effect (行政诉讼法 第八十五条).

A party may appeal a first-instance judgment within 15 days of its service and
a ruling within 10 (the rule set's R12 `days` / `ruling_days`), counted by the
procedural calendar like every other period. When the period runs out with no
appeal the judgment takes effect — the day after its last day. That date is
the agency's own: the other party may have been served later, so a recorded
effective date may be later than ours, never earlier. Second-instance
judgments and rulings are final and take effect on service; a retrial's follow
the procedure it was tried under (``procedure``). A 准予撤诉 ruling and a
mediation settlement cannot be appealed.
"""

from __future__ import annotations

from datetime import date, timedelta

from yzdocs import casenumber
from yzdocs.rules import facts

FORMS = {"judgment": "判决书", "ruling": "裁定书"}
NOT_APPEALABLE = frozenset({"withdrawn", "settled"})
APPEALED = frozenset({"other", "agency", "both"})


def procedure(case: dict) -> str | None:
    """The procedure the case is tried under: "first" (its judgment can be appealed) or "second" (final,
    effective on service); None for a retrial whose original case is unknown.

    A retrial follows the judgment it retries (民事诉讼法 第二百一十八条, applied by 行政诉讼法 第一百零一条;
    法释〔2018〕1号 on retrial): a first-instance judgment retried by the court that gave it → first-instance
    procedure, appealable; a second-instance judgment, or a case taken up (提审) by a higher court → final."""
    level = facts.level(case)
    if level != "retrial":
        return level
    original = casenumber.parse(case.get("original_case_no"))
    own = casenumber.parse(case.get("case_no"))
    if original is None or original.level not in ("first", "second"):
        return None
    if original.level == "second":
        return "second"
    if own is None:
        return None
    return "first" if own.court == original.court else "second"


def procedure_unknown(case: dict) -> bool:
    """A retrial with a judgment whose procedure cannot be derived: said in a finding, not guessed."""
    return facts.level(case) == "retrial" and procedure(case) is None and bool(facts.judgment(case).get("received_on"))


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
    if not j.get("received_on") or j.get("result") in NOT_APPEALABLE or procedure(case) != "first":
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
    if procedure(case) == "second" and j.get("received_on"):
        return j["received_on"]
    if appealed_by(case) in APPEALED or not ctx.policy.enabled("R12"):
        return None
    due = appeal_due(ctx, case)
    return due + timedelta(days=1) if due is not None else None
