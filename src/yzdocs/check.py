"""`yzdocs check` as a library call: load, validate, apply the rules, collect findings."""

from __future__ import annotations

import dataclasses
import importlib.util
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from yzdocs import casenumber
from yzdocs.findings import ERROR, INFO, WARNING, Finding, count
from yzdocs.repo import Repository, load_repository


@dataclass
class CheckResult:
    root: Path
    as_of: date
    files: int
    cases: int
    findings: list[Finding]

    @property
    def summary(self) -> dict:
        return {
            "files": self.files,
            "cases": self.cases,
            "errors": count(self.findings, ERROR),
            "warnings": count(self.findings, WARNING),
            "infos": count(self.findings, INFO),
        }

    def failed(self, strict: bool = False) -> bool:
        return any(f.severity == ERROR or (strict and f.severity == WARNING) for f in self.findings)


def run_check(root: Path, paths=(), as_of: date | None = None) -> CheckResult:
    as_of = as_of or date.today()
    repo = load_repository(root, paths or None)
    findings = named(repo, repo.findings + _rule_findings(repo, as_of) + _unchecked(repo))
    if paths:  # a pre-commit run reports on the files it was given
        wanted = repo.selected | {f.file for f in repo.extra}  # extra: paths missing or outside
        findings = [f for f in findings if f.file in wanted]
    findings.sort(key=Finding.sort_key)
    files = len(repo.selected) if repo.partial else len(repo.documents())
    return CheckResult(repo.root, as_of, files, len(repo.cases), findings)


def _rule_findings(repo: Repository, as_of: date) -> list[Finding]:
    """The compliance rules' findings, when the rules engine is installed."""
    if importlib.util.find_spec("yzdocs.rules") is None:
        return []
    from yzdocs.rules import evaluate

    return list(evaluate(repo, as_of))


UNCHECKED = ("此文件有格式错误（见下），报备、答辩、出庭、败诉分析等期限与出庭检查尚未进行；"
             "改正这些错误后再检查，才会显示期限方面的问题。")


def _unchecked(repo: Repository) -> list[Finding]:
    """A note on each case file the rules skipped, so fixing its format errors brings no surprise."""
    return [Finding("unchecked", INFO, UNCHECKED, doc.rel) for doc in repo.cases if not doc.ok]


def named(repo: Repository, findings: list[Finding]) -> list[Finding]:
    """Findings about a case file carry its case number and agency."""
    cases = {doc.rel: doc.data for doc in repo.cases if isinstance(doc.data, dict)}
    return [_with_case(f, cases.get(f.file)) for f in findings]


def _with_case(finding: Finding, data: dict | None) -> Finding:
    if data is None or (finding.case_no and finding.agency):
        return finding
    cn = casenumber.parse(data.get("case_no"))
    agency = data.get("defendant")
    return dataclasses.replace(
        finding,
        case_no=finding.case_no or (str(cn) if cn else None),
        agency=finding.agency or (agency if isinstance(agency, str) else None),
    )
