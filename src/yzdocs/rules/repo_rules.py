"""Repository-wide rules A01 (half-year agency reports) and A02 (joint meetings).

Both apply to the half-years from the `since` setting (default: the half-year
of the earliest case) up to the last half-year that ended before as-of; the
half-year in progress only yields reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from yzdocs.periods import Period
from yzdocs.rules import facts
from yzdocs.rules.engine import Context, Outcome


def half_years(first: date, as_of: date) -> list[Period]:
    """From the half-year of `first` through the one containing as_of (the last may be in progress)."""
    out, h = [], Period.half_of(first)
    while h.start <= as_of:
        out.append(h)
        h = h.next()
    return out


@dataclass(frozen=True)
class RepoOutcome:
    outcome: Outcome
    agency: str | None
    file: str  # the half-year's report or meetings file, "" when there is none
    path: tuple
    line: int = 0
    column: int = 0


def first_day(repo, cases: list[dict]) -> date | None:
    """The first day the repository tracks: the `since` setting, else the first case's receipt."""
    since = repo.settings.get("since")
    if since:
        return since
    received = [c["received_on"] for c in cases if c.get("received_on")]
    return min(received) if received else None


def a01_agency_reports(ctx: Context, repo, cases: list[dict]) -> list[RepoOutcome]:
    first = first_day(repo, cases)
    if first is None:
        return []
    reports = {}  # period -> (doc, {agency: date})
    for doc in repo.reports:
        if doc.ok and isinstance(doc.data, dict) and doc.data.get("period"):
            submitted = doc.data.get("submitted") or {}
            period = str(doc.data["period"])
            prev = reports.get(period, (doc, {}))
            reports[period] = (prev[0], {**submitted, **prev[1]})
    out = []
    for h in half_years(first, ctx.as_of):
        due = ctx.due("A01", h.end)
        if due is None:
            continue
        agencies = sorted({a for c in cases if facts.pending_during(c, h.start, h.end) for a in facts.agencies_of(c)})
        doc, submitted = reports.get(str(h), (None, {}))
        for agency in agencies:
            path = ("submitted", agency)  # absent: the line of `submitted` (or of `period`)
            name = (repo.agencies.get(agency) or {}).get("name") or agency
            o = ctx.deadline("A01", due, submitted.get(agency), path, trigger=h.end, occurrence=str(h),
                             half=h.label, agency=name)
            out.append(_located(o, agency, doc, path))
    return out


def a02_joint_meetings(ctx: Context, repo, cases: list[dict]) -> list[RepoOutcome]:
    first = first_day(repo, cases)
    if first is None:
        return []
    held = {}  # half-year -> (doc, path, date) of its first meeting
    named = {}  # half-year -> the meetings file named after it (meetings/2024H2.yaml)
    for doc in repo.meetings:
        if not (doc.ok and isinstance(doc.data, dict)):
            continue
        named.setdefault(doc.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0], doc)
        for i, meeting in enumerate(doc.data.get("meetings") or []):
            if isinstance(meeting, dict) and isinstance(meeting.get("date"), date):
                h = str(Period.half_of(meeting["date"]))
                held.setdefault(h, (doc, ("meetings", i, "date"), meeting["date"]))
    out = []
    for h in half_years(first, ctx.as_of):
        due = ctx.due("A02", h.end)
        doc, path, done = held.get(str(h), (named.get(str(h)), ("meetings", 0), None))
        o = ctx.deadline("A02", due, done, path, trigger=h.end, occurrence=str(h), half=h.label)
        out.append(_located(o, None, doc, path))
    return out


def _located(outcome: Outcome, agency, doc, path) -> RepoOutcome:
    line, column = doc.position(path) if doc is not None else (0, 0)
    return RepoOutcome(outcome, agency, doc.rel if doc else "", path, line, column)


REPO_RULES = {"A01": a01_agency_reports, "A02": a02_joint_meetings}


def repo_outcomes(ctx: Context, repo, cases: list[dict]) -> list[RepoOutcome]:
    out = []
    for rule_id, rule in REPO_RULES.items():
        if ctx.policy.enabled(rule_id):
            out.extend(rule(ctx, repo, cases))
    return out
