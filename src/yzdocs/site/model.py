"""What the site shows, as plain values: gathered once from one judgement of the repository.

Every case is judged once; the agenda, the findings, the statistics, the
assessment and every case's timeline are read off those judgements, so the
site says exactly what `check`, `agenda`, `show` and `report` say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from yzdocs import casenumber
from yzdocs.agenda import AgendaItem, agenda_items
from yzdocs.check import named
from yzdocs.findings import Finding
from yzdocs.outcomes import concluded_on, is_loss
from yzdocs.site.paths import agency_feed, agency_page, case_pages
from yzdocs.periods import Period
from yzdocs.render.format import case_label
from yzdocs.reports.assessment import OUTCOME_LABELS, assess
from yzdocs.reports.stats import DEADLINE_RULES, RULE_TITLES, Basis, Judged, compute, left_out
from yzdocs.rules import judge_case, make_context, repository_outcomes, rule_findings
from yzdocs.rules.asof import known_documents
from yzdocs.site.history import Change
from yzdocs.timeline import Entry, entries_of

URGENT_DAYS = 7  # the overview lists what is overdue or due within this many days


@dataclass
class CaseView:
    rel: str
    page: str  # site-relative path of its page
    case_no: str
    agency: str | None
    agency_name: str
    cause: str
    court: str
    level: str
    risk: str
    received: date | None
    concluded: date | None
    result: str
    lost: bool
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)  # its open obligations
    documents: list[tuple[str, str]] = field(default_factory=list)  # (file name, site-relative path)
    history: list[Change] = field(default_factory=list)


@dataclass
class AgencyView:
    id: str
    name: str
    page: str
    feed: str
    items: list[AgendaItem] = field(default_factory=list)
    cases: list[CaseView] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)  # A01 per half-year: label, due, done, status
    half: dict = field(default_factory=dict)  # statistics of the current half-year (reports.stats.compute)
    year: dict = field(default_factory=dict)
    interview: str = ""  # the assessment's outcome so far this year
    interview_reasons: list[str] = field(default_factory=list)


@dataclass
class Site:
    as_of: date
    district: str
    title: str
    items: list[AgendaItem]
    findings: list[Finding]
    agencies: list[AgencyView]
    cases: list[CaseView]
    half: dict  # district statistics, current half-year
    year: dict
    half_label: str
    year_label: str
    left_out: list[dict]  # case files with errors, not judged
    source_url: str | None = None
    rule_titles: dict = field(default_factory=lambda: dict(RULE_TITLES))
    duties: tuple = DEADLINE_RULES
    alarm_days: int | None = None  # calendar feeds remind this many days before each due date

    @property
    def urgent(self) -> list[AgendaItem]:
        return [i for i in self.items if i.days_left is not None and i.days_left <= URGENT_DAYS]


def gather(repo, as_of: date, history: dict[str, list[Change]], documents: dict[str, list[str]]) -> Site:
    """The site's values. ``history``: rel path -> changes; ``documents``: case rel -> output rel paths."""
    ctx = make_context(repo, as_of)
    judgements = [judge_case(ctx, doc) for doc in known_documents(repo, as_of)]
    outcomes, _ = repository_outcomes(ctx, repo, [j.case for j in judgements])
    items = agenda_items(repo, as_of, judgements, outcomes)
    findings = sorted(named(repo, repo.findings + rule_findings(ctx, repo, judgements, outcomes)), key=Finding.sort_key)
    basis = Basis(repo, as_of, ctx, [Judged(j.doc.rel, j.case, j.case.get("defendant"), j.outcomes)
                                     for j in judgements], [left_out(d) for d in repo.cases if not d.ok])
    half, year = Period.half_of(as_of), Period(as_of.year)
    half_stats, year_stats = compute(basis, half), compute(basis, year)
    assessed = {a.agency: a for a in assess(basis, as_of.year)}

    pages = case_pages([j.doc.rel for j in judgements])
    cases = [_case_view(repo, ctx, j, pages[j.doc.rel], history.get(j.doc.rel, []), documents.get(j.doc.rel, []))
             for j in judgements]
    by_file: dict[str, CaseView] = {c.rel: c for c in cases}
    for f in findings:
        if f.file in by_file:
            by_file[f.file].findings.append(f)
    for i in items:
        if i.file in by_file and i.case_no:
            by_file[i.file].items.append(i)
    agencies = []
    for aid in _agency_order(repo, cases):
        view = AgencyView(aid, _name(repo, aid), agency_page(aid), agency_feed(aid))
        view.items = [i for i in items if i.agency == aid]
        view.cases = sorted((c for c in cases if c.agency == aid), key=lambda c: (c.received or date.min, c.case_no),
                            reverse=True)
        view.reports = _reports(outcomes, aid)
        view.half = half_stats["agencies"].get(aid, {})
        view.year = year_stats["agencies"].get(aid, {})
        a = assessed.get(aid)
        if a is not None:
            view.interview, view.interview_reasons = OUTCOME_LABELS[a.outcome], a.reasons
        agencies.append(view)
    district = repo.settings.get("district") or ""
    return Site(as_of, district, f"{district}行政应诉督办", items, findings, agencies,
                sorted(cases, key=lambda c: c.page), half_stats["district"], year_stats["district"], half.label,
                year.label, basis.left_out, repo.settings.get("source_url"),
                alarm_days=ctx.policy.notify["window_workdays"])


def _name(repo, aid: str) -> str:
    return ((repo.agencies.get(aid) or {}).get("name")) or aid


def _agency_order(repo, cases: list[CaseView]) -> list[str]:
    """agencies.yaml's order, then any agency a case names that is not listed."""
    order = list(repo.agencies)
    return order + sorted({c.agency for c in cases if c.agency and c.agency not in repo.agencies})


def _case_view(repo, ctx, judgement, page: str, history: list[Change], documents: list[str]) -> CaseView:
    case = judgement.case
    j = case.get("judgment") if isinstance(case.get("judgment"), dict) else {}
    number = casenumber.parse(case.get("case_no"))
    return CaseView(
        judgement.doc.rel, page, str(number) if number else str(case.get("case_no") or ""), case.get("defendant"),
        _name(repo, case.get("defendant") or ""), str(case.get("cause") or ""),
        str(case.get("court") or repo.settings.get("court") or ""), case_label(case.get("level"), "level"),
        case_label(case.get("risk"), "risk"), case.get("received_on"), concluded_on(case),
        case_label(j.get("result"), "judgment.result") if j.get("result") else "", is_loss(case),
        entries_of(ctx, judgement), history=history,
        documents=[(d.rsplit("/", 1)[-1], f"files/{d}") for d in documents])


def _reports(outcomes, aid: str) -> list[dict]:
    rows = []
    for ro in outcomes:
        o = ro.outcome
        if o.rule == "A01" and ro.agency == aid:
            rows.append({"half": o.values.get("half", o.occurrence), "due": o.due, "done": o.done,
                         "status": o.status, "provisional": bool(o.provisional)})
    return sorted(rows, key=lambda r: r["due"] or date.min, reverse=True)
