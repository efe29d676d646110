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
                out.append(ctx.finding(o, position=self.position(o.path), **where))
        return out

    def position(self, path: tuple) -> tuple[int, int]:
        """Line of the date a finding is about; a missing top-level section points at case_no."""
        if path and self.doc.data.get(path[0]) is None:
            path = ("case_no",)
        return self.doc.position(path)


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
    if getattr(repo, "partial", False):  # a check of some files: repository-wide rules need them all
        return findings
    outcomes, unknown = repository_outcomes(ctx, repo, [d.data for d in docs])
    if unknown:
        findings.append(_calendar_finding(unknown))
    for ro in outcomes:
        if ro.outcome.key is not None:
            findings.append(ctx.finding(ro.outcome, file=ro.file, position=(ro.line, ro.column), agency=ro.agency))
    return findings
