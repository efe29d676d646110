"""Wins and losses (败诉), in one place for documents, compliance and reports.

docs/domain.md: a loss is a judgment that revokes (in whole or part), confirms
illegal or void, orders the agency to act, modifies the act or orders
compensation. Dismissal of the claim or of the suit, withdrawal and
settlement are not losses. A case is concluded (审结) once its judgment or
ruling — including a ruling allowing withdrawal — has a result or was
received.
"""

from __future__ import annotations

from typing import Any

# Every result code is classified here, explicitly: a code in neither set is reported when the case
# file is loaded (repo.py), never counted silently as a win.
LOSS_RESULTS = frozenset({"revoked", "partly_revoked", "illegal", "void", "ordered", "modified", "compensation"})
NON_LOSS_RESULTS = frozenset({"dismissed", "suit_dismissed", "withdrawn", "settled"})


def classified(code: str) -> bool:
    return code in LOSS_RESULTS or code in NON_LOSS_RESULTS


def _data(case: Any) -> dict:
    """Accept a case's data dict or a loaded document holding it (``.data``)."""
    data = getattr(case, "data", case)
    return data if isinstance(data, dict) else {}


def result(case: Any) -> str | None:
    """The judgment result code (``revoked`` …) or None."""
    judgment = _data(case).get("judgment") or {}
    return judgment.get("result") or None


def is_loss(case: Any) -> bool:
    """True when the case was lost (败诉)."""
    return result(case) in LOSS_RESULTS


def is_concluded(case: Any) -> bool:
    """True when the case has ended in a judgment or ruling (审结)."""
    judgment = _data(case).get("judgment") or {}
    return bool(judgment.get("result") or judgment.get("received_on"))


def concluded_on(case: Any):
    """The date the judgment or ruling was received (the conclusion date), or None."""
    judgment = _data(case).get("judgment") or {}
    return judgment.get("received_on") if is_concluded(case) else None
