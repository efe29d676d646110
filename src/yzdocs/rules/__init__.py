"""The compliance engine: rules R01–R11 per case, A01–A02 per repository.

`evaluate(repo, as_of)` returns the findings `yzdocs check` prints.
`case_outcomes` / `repository_outcomes` give every obligation with its
status, for `agenda` and `show`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from yzdocs.calendar import Calendar
from yzdocs.findings import WARNING, Finding
from yzdocs.rules.case_rules import case_outcomes as _case_outcomes
from yzdocs.rules.engine import Context, Outcome
from yzdocs.rules.policy import Policy, load_policy
from yzdocs.rules.repo_rules import RepoOutcome, repo_outcomes

__all__ = ["evaluate", "rule_findings", "make_context", "judge_case", "repository_outcomes", "CaseJudgement", "Outcome",
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
        position = self.doc.position(next(iter(self.unknown.values()))) if self.unknown else (0, 0)
        provisional = ctx.provisional_finding(self.outcomes, position=position, **where)
        out = [provisional] if provisional else []
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
    ctx.unknown, ctx.provisional = {}, {}
    outcomes = _case_outcomes(ctx, doc.data)
    unknown, ctx.unknown = ctx.unknown, {}
    return CaseJudgement(doc, outcomes, unknown)


def repository_outcomes(ctx: Context, repo, cases: list[dict]) -> tuple[list[RepoOutcome], dict]:
    ctx.unknown, ctx.provisional = {}, {}
    out = repo_outcomes(ctx, repo, cases)
    unknown, ctx.unknown = ctx.unknown, {}
    return out, unknown


def _repository_calendar_findings(ctx: Context, outcomes: list[RepoOutcome]) -> list[Finding]:
    """Provisional half-year duties: one finding per rule and half-year, naming the file they belong in."""
    groups: dict[tuple, list[RepoOutcome]] = {}
    for ro in outcomes:
        if ro.outcome.provisional:
            groups.setdefault((ro.outcome.rule, ro.outcome.occurrence), []).append(ro)
    out = []
    for group in groups.values():
        first = group[0]
        finding = ctx.provisional_finding([ro.outcome for ro in group], file=first.file,
                                          position=(first.line, first.column))
        agencies = "、".join(dict.fromkeys(ro.outcome.values.get("agency") or ro.agency for ro in group if ro.agency))
        half = first.outcome.values.get("half", "")
        out.append(dataclasses.replace(finding, message=f"{half}{'（' + agencies + '）' if agencies else ''}："
                                       + finding.message))
    return out


def _holiday_conflicts(repo, calendar: Calendar) -> list[Finding]:
    """Entries of holidays.yaml that say the opposite of chinesecalendar: warned, and counted as written."""
    doc = repo.holidays_doc
    if doc is None or not doc.ok or not isinstance(doc.data, dict):
        return []
    out = []
    for year in sorted(repo.holidays):
        for conflict in calendar.conflicts(year):
            field = conflict.listed_as
            index = list(doc.data[year].get(field) or []).index(conflict.day)
            line, column = doc.position((year, field, index))
            said, package = ("放假日", "工作日") if field == "rest" else ("调休上班日", "休息日")
            out.append(Finding(
                "calendar", WARNING,
                f"holidays.yaml 将 {conflict.day.isoformat()} 列为{said}，而 {calendar.source(year).split(' +')[0]} "
                f"中该日为{package}；按 holidays.yaml 计算。如是更正，可保留；如该年数据整体不同，请在该年下写 replace: true。",
                doc.rel, line, column))
    return out


def evaluate(repo, as_of: date, policy: Policy | None = None) -> list[Finding]:
    """All rule findings of the repository as of `as_of` (valid case files only)."""
    ctx = make_context(repo, as_of, policy)
    judgements = [judge_case(ctx, doc) for doc in repo.valid_cases()]
    if getattr(repo, "partial", False):  # a check of some files: repository-wide rules need them all
        return rule_findings(ctx, repo, judgements, None)
    outcomes, _ = repository_outcomes(ctx, repo, [j.case for j in judgements])
    return rule_findings(ctx, repo, judgements, outcomes)


def rule_findings(ctx: Context, repo, judgements: list[CaseJudgement], outcomes: list[RepoOutcome] | None):
    """The findings of judged cases and repository-wide outcomes (None: not evaluated), with the holiday
    data's own."""
    findings = _holiday_conflicts(repo, ctx.calendar)
    for judgement in judgements:
        findings.extend(judgement.findings(ctx))
    if outcomes is not None:
        findings += _repository_calendar_findings(ctx, outcomes)
        for ro in outcomes:
            if ro.outcome.key is not None:
                findings.append(ctx.finding(ro.outcome, file=ro.file, position=(ro.line, ro.column),
                                            agency=ro.agency))
    return findings
