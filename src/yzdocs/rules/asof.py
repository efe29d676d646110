"""A case as it stood on the as-of day: nothing dated later has happened yet.

`--as-of 2025-07-03` asks what the bureau knew on 3 July 2025. A case file
written later records the judgment of September and the case received in
November; the site, the statistics, the reports and the agenda must not count
them. ``known_on`` gives the case with every later event removed — a
section that comes into being on a later day (the judgment received, the
mediation plan made, the appeal filed) disappears whole, since its other
fields were not known either. A hearing's date is a schedule, known ahead:
it stays, and the hearing is upcoming.
"""

from __future__ import annotations

import dataclasses
from datetime import date

# Where a section comes into being, and the date that says when: before it, nothing of it is known.
BORN_ON = {
    (): "received_on",
    ("judgment",): "received_on",
    ("judgment", "appeal"): "filed_on",
    ("mediation",): "plan_on",
    ("loss_analysis",): "reported_on",
    ("performance",): "done_on",
    ("judicial_suggestions", "*"): "received_on",
}
# Dates that name a day fixed in advance, not something done.
SCHEDULED = {("hearings", "*", "date"), ("guarantee", "resolve_by")}


def known_on(case: dict, as_of: date) -> dict | None:
    """``case`` as known on ``as_of``; None when it had not been received yet."""
    return _view(case, as_of, ())


def _view(value, as_of: date, path: tuple):
    """``value`` without what came later; the very same object when nothing did (no copy, no compare)."""
    if isinstance(value, dict):
        born = value.get(BORN_ON.get(path, ""))
        if isinstance(born, date) and born > as_of:
            return None
        out = {key: _view(item, as_of, path + (key,)) for key, item in value.items()}
        if all(out[key] is item for key, item in value.items()):
            return value
        return {key: kept for key, kept in out.items() if kept is not None or value[key] is None}
    if isinstance(value, list):
        kept = [_view(item, as_of, path + ("*",)) for item in value]
        if all(k is item for k, item in zip(kept, value)):
            return value
        return [k for k, item in zip(kept, value) if k is not None or item is None]
    if isinstance(value, date) and value > as_of and path not in SCHEDULED:
        return None
    return value


def known_document(doc, as_of: date):
    """``doc`` as known on ``as_of`` (itself when nothing in it came later); None when not yet received."""
    data = known_on(doc.data, as_of)
    if data is None:
        return None
    return doc if data is doc.data else dataclasses.replace(doc, data=data)


def known_documents(repo, as_of: date) -> list:
    """The valid case documents received by ``as_of``, each holding what was known that day."""
    return [known for doc in repo.valid_cases() if (known := known_document(doc, as_of)) is not None]
