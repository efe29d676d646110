"""Facts about one case that several rules (and reports) need.

Case data is the plain dict of a case file; optional sections may be absent
or None, and both mean "not recorded".
"""

from __future__ import annotations

import re
from datetime import date

from yzdocs import casenumber
from yzdocs.outcomes import concluded_on, is_concluded, is_loss  # noqa: F401  (one definition of 败诉/审结)

ENDED_BY_AGREEMENT = frozenset({"withdrawn", "settled"})
STAFF_ROLES = ("report", "defence", "hearing", "mediation", "performance")
STAFF_LABELS = {"report": "案件报备", "defence": "答辩举证", "hearing": "出庭应诉",
                "mediation": "调解和解", "performance": "履行判决"}


def section(case: dict, name: str) -> dict:
    value = case.get(name)
    return value if isinstance(value, dict) else {}


def items(case: dict, name: str) -> list:
    value = case.get(name)
    return value if isinstance(value, list) else []


def judgment(case: dict) -> dict:
    return section(case, "judgment")


def level(case: dict) -> str | None:
    """first / second / retrial: as recorded, else as the case number's type says (行终 → second). The
    repository fills it in when a case file is loaded; this also serves a case dict made elsewhere."""
    if case.get("level"):
        return case["level"]
    number = casenumber.parse(case.get("case_no"))
    return number.level if number else None


def answers(case: dict) -> bool:
    """Whether the agency has an answer (答辩状) to file: as the defendant at first instance, or as the
    appellee (被上诉人) / respondent on appeal and retrial — 15 days from the 上诉状副本 (民事诉讼法's appeal
    provisions, applied by 行政诉讼法 第一百零一条). An agency that appealed itself has none."""
    return not (level(case) in ("second", "retrial") and case.get("appellant") == "agency")


def filed_on(record: dict, delivered: str):
    """When a filing with the court counts as made, and the field that says so: 期间不包括在途时间
    (民事诉讼法 第八十五条, applied by 行政诉讼法 第一百零一条) — a filing mailed (``mailed_on``, 交邮)
    counts on that day, whenever the court logged it (``delivered``)."""
    mailed, logged = record.get("mailed_on"), record.get(delivered)
    if mailed is not None and (logged is None or mailed <= logged):
        return mailed, "mailed_on"
    return logged, delivered


def has_mediation_plan(case: dict) -> bool:
    """A mediation plan was made (its text or its date recorded)."""
    mediation = section(case, "mediation")
    return bool(mediation.get("plan") or mediation.get("plan_on"))


def pending_during(case: dict, start: date, end: date) -> bool:
    """Received before the period ends and not concluded before it begins."""
    received = case.get("received_on")
    if received is None or received > end:
        return False
    done = concluded_on(case)
    return done is None or done >= start


def staff(case: dict, role: str | None) -> str | None:
    if role is None:
        return None
    return section(section(case, "responsibility"), "staff").get(role) or None


def agencies_of(case: dict) -> list[str]:
    ids = [case.get("defendant")] + [a for a in items(case, "co_defendants") if isinstance(a, str)]
    return [a for a in dict.fromkeys(ids) if a]


_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def has_own_delegate(delegate: str | None) -> bool:
    """Art. 10 (法释〔2020〕3号) requires the agency's own staff, not only a lawyer."""
    if not delegate:
        return False
    names = [n for n in _SEPARATORS.split(delegate) if n]
    return any("律师" not in n for n in names)


def assignee(case: dict, rule: str, role: str | None) -> str | None:
    """Who does the task: the named staff member, or for R08 the guarantee's responsible person."""
    if rule == "R08":
        return section(case, "guarantee").get("person") or None
    return staff(case, role)
