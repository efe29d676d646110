"""The compliance engine: rules R01–R11 per case, A01–A02 per repository.

`evaluate(repo, as_of)` returns the findings `yzdocs check` prints.
`case_outcomes` / `repository_outcomes` give every obligation with its
status, for `agenda` and `show`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from yzdocs.calendar import Calendar
from yzdocs.errors import UnknownYear
from yzdocs.findings import ERROR, Finding
from yzdocs.rules.case_rules import case_outcomes as _case_outcomes
from yzdocs.rules.engine import Context, Outcome
from yzdocs.rules.policy import Policy, load_policy
from yzdocs.rules.repo_rules import RepoOutcome, repo_outcomes

__all__ = ["evaluate", "make_context", "judge_case", "repository_outcomes", "CaseJudgement", "Outcome",
           "RepoOutcome", "Policy", "load_policy"]


def make_context(repo, as_of: date, policy: Policy | None = None) -> Context:
    if policy is None:
        policy = load_policy(repo.settings.get("rules"), repo.root)
    return Context(policy, Calendar(repo.holidays), as_of)


@dataclass
class CaseJudgement:
    doc: object  # loading.Document
    outcomes: list[Outcome]
    unknown: dict  # year -> data path of the date that needed it

    @property
    def case(self) -> dict:
        return self.doc.data

    def findings(self, ctx: Context) -> list[Finding]:
        case = self.doc.data
        where = dict(file=self.doc.rel, case_no=case.get("case_no"), agency=case.get("defendant"))
        out = [_calendar_finding(self.unknown, position=self.doc.position(next(iter(self.unknown.values()))),
                                 **where)] if self.unknown else []
        for o in self.outcomes:
            if o.key is not None:
                out.append(ctx.finding(o, position=self.doc.position(o.path), **where))
        return out


def judge_case(ctx: Context, doc) -> CaseJudgement:
    ctx.unknown = {}
    outcomes = _case_outcomes(ctx, doc.data)
    unknown, ctx.unknown = ctx.unknown, {}
    return CaseJudgement(doc, outcomes, unknown)


def repository_outcomes(ctx: Context, repo, cases: list[dict]) -> tuple[list[RepoOutcome], dict]:
    ctx.unknown = {}
    out = repo_outcomes(ctx, repo, cases)
    unknown, ctx.unknown = ctx.unknown, {}
    return out, unknown


def _calendar_finding(unknown: dict, *, file: str = "", position=(0, 0), case_no=None, agency=None) -> Finding:
    message = "".join(str(UnknownYear(year)) for year in sorted(unknown))
    return Finding("calendar", ERROR, message, file, position[0], position[1], case_no, agency)


def evaluate(repo, as_of: date, policy: Policy | None = None) -> list[Finding]:
    """All rule findings of the repository as of `as_of` (valid case files only)."""
    ctx = make_context(repo, as_of, policy)
    findings: list[Finding] = []
    docs = repo.valid_cases()
    for doc in docs:
        findings.extend(judge_case(ctx, doc).findings(ctx))
    outcomes, unknown = repository_outcomes(ctx, repo, [d.data for d in docs])
    if unknown:
        findings.append(_calendar_finding(unknown))
    docs_by_rel = {d.rel: d for d in list(repo.reports) + list(repo.meetings)}
    for ro in outcomes:
        if ro.outcome.key is None:
            continue
        doc = docs_by_rel.get(ro.file)
        position = doc.position(ro.path) if doc is not None else (0, 0)
        findings.append(ctx.finding(ro.outcome, file=ro.file, position=position, agency=ro.agency))
    return findings
