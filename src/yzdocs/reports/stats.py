"""Statistics of a period, per district and per agency — pure computation.

Definitions (docs/domain.md 四、胜诉、败诉、比率与统计期间): a case is *new* in the
period in which it was received, *concluded* in the one in which its judgment
or ruling was received, *heard* in each period holding one of its (held)
hearings. ``concluded``, ``losses`` and 败诉率 = losses / concluded follow the
rule set's 口径 (``statistics.loss_rate``): by default first-instance cases only
(the Shandong High Court's yearly report: 「审结的行政一审案件中行政机关败诉…件」),
so a dispute lost twice is one loss; ``dispute`` counts each dispute once by its
final effective result (reports/disputes.py). Second-instance and retrial
decisions are reported beside it (``appeals``, ``retrials``: 维持/改判/发回),
never in that denominator. A withdrawal (准予撤诉) or settlement concludes a case
and is not a loss. 负责人出庭率 = heard cases in which a head appeared at every
hearing of the period / heard cases (every instance's hearing counts, as the
courts count; an excused absence is not an appearance); the principal-head rate likewise. Deadlines (R01–R04,
R09) come from the compliance engine's Outcomes and belong to the period in
which they fall due; only those due by as-of are counted. A case is counted
for its defendant (被告); files with yaml/schema errors are left out and named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from yzdocs.findings import ERROR
from yzdocs.output import columns
from yzdocs.outcomes import concluded_on, is_loss
from yzdocs.periods import Period
from yzdocs.repo import agency_short_name
from yzdocs.reports import disputes as disputes_module, words
from yzdocs.rules import facts, judge_case, make_context
from yzdocs.rules.asof import known_document
from yzdocs.rules.engine import MET

DEADLINE_RULES = ("R01", "R02", "R03", "R04", "R09")
CASE_RULES = ("R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11")


@dataclass
class Judged:
    """One valid case with the engine's outcomes as of the report date."""
    rel: str
    case: dict
    agency: str
    outcomes: list


@dataclass
class Basis:
    """Everything a report computes from: the repository judged once."""
    repo: object
    as_of: date
    ctx: object  # rules.engine.Context
    cases: list[Judged] = field(default_factory=list)
    left_out: list[dict] = field(default_factory=list)


# Deadlines fall at most this long after the last date a case records (R09:
# 10 days plus the longest holiday extension), so an older concluded case can
# have nothing due in a later window.
SETTLED_MARGIN = timedelta(days=60)


def judge(repo, as_of: date, window: tuple[date, date] | None = None) -> Basis:
    """Judge every valid case; with ``window`` (first, last day), only cases that can touch it.

    The rules are most of a report's time on a large repository; a half-year
    report needs the cases of that half-year and the one before, not ten years.
    """
    ctx = make_context(repo, as_of)
    basis = Basis(repo, as_of, ctx)
    for doc in repo.cases:
        if not doc.ok:
            basis.left_out.append(left_out(doc))
            continue
        if (doc := known_document(doc, as_of)) is None:
            continue  # received after as-of: not yet a case
        outcomes = judge_case(ctx, doc).outcomes if _touches(doc.data, window) else []
        basis.cases.append(Judged(doc.rel, doc.data, doc.data.get("defendant"), outcomes))
    return basis


def left_out(doc) -> dict:
    """A case file with errors, which reports do not count: its names, if any, and its first error."""
    data = doc.data if isinstance(doc.data, dict) else {}
    first = next(f for f in doc.findings if f.severity == ERROR)
    return {"file": doc.rel, "case_no": data.get("case_no") if isinstance(data.get("case_no"), str) else None,
            "agency": data.get("defendant") if isinstance(data.get("defendant"), str) else None,
            "reason": f"第{first.line}行：{first.message}" if first.line else first.message}


def _touches(case: dict, window) -> bool:
    """Whether anything of ``case`` can fall due or happen inside ``window``."""
    if window is None:
        return True
    first, last = window
    received = case.get("received_on")
    if received is not None and received > last:
        return False
    if concluded_on(case) is None:
        return True  # open cases keep obligations
    return max(_dates(case), default=first) >= first - SETTLED_MARGIN


def _dates(value):
    if isinstance(value, date):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _dates(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dates(item)


DISPOSITIONS = tuple(words.DISPOSITION_LABELS)


class _Tally:
    def __init__(self):
        self.n = dict(new_cases=0, concluded=0, losses=0, withdrawn=0, settled=0, heard_cases=0,
                      head_appeared=0, principal_appeared=0, high_risk=0, pending_at_end=0)
        self.reviews = {level: dict(concluded=0, losses=0, **{d: 0 for d in DISPOSITIONS})
                        for level in ("second", "retrial")}
        self.on_time = {r: [0, 0] for r in DEADLINE_RULES}
        self.violations = {r: 0 for r in CASE_RULES}
        self.performance = dict(effective=0, performed=0, pending=0, refused=0)
        self.suggestions = dict(received=0, implemented=0, pending=0, refused=0)

    def add(self, j: Judged, period: Period, as_of: date, policy, by_number: dict) -> None:
        case, n = j.case, self.n
        received, done = case.get("received_on"), concluded_on(case)
        if period.contains(received):
            n["new_cases"] += 1
            n["high_risk"] += case.get("risk") == "high"
        level = facts.level(case) or "first"
        if period.contains(done):
            if level == "first":
                if policy.loss_rate_basis == "first_instance":
                    self.conclude(case)
            else:
                review = self.reviews[level]
                review["concluded"] += 1
                review["losses"] += is_loss(case)
                review[disputes_module.disposition(j, by_number)] += 1
        if received and received <= period.end and (done is None or done > period.end):
            n["pending_at_end"] += 1
        held = [h for h in case.get("hearings") or () if isinstance(h, dict) and period.contains(h.get("date"))
                and h["date"] <= as_of]
        if held:
            n["heard_cases"] += 1
            heads = [[x for x in h.get("heads") or () if isinstance(x, dict)] for h in held]
            n["head_appeared"] += all(heads)
            n["principal_appeared"] += all(any(x.get("role") == "principal" for x in hs) for hs in heads)
        self._outcomes(j, period, as_of, policy)
        self._performance(j, period, as_of)

    def conclude(self, case: dict) -> None:
        """One concluded case (or dispute, by its deciding instance) in the loss-rate 口径."""
        result = (case.get("judgment") or {}).get("result")
        self.n["concluded"] += 1
        self.n["losses"] += is_loss(case)
        self.n["withdrawn"] += result == "withdrawn"
        self.n["settled"] += result == "settled"

    def _outcomes(self, j: Judged, period: Period, as_of: date, policy) -> None:
        for o in j.outcomes:
            if o.rule in self.on_time and o.deadline and o.due is not None and period.contains(o.due) \
                    and o.due <= as_of:
                self.on_time[o.rule][1] += 1
                self.on_time[o.rule][0] += o.status == MET
            if o.key is None or o.rule not in self.violations or policy.rules[o.rule].severity_of(o.key) != ERROR:
                continue
            if period.contains(o.due or o.done or j.case.get("received_on")):
                self.violations[o.rule] += 1

    def _performance(self, j: Judged, period: Period, as_of: date) -> None:
        case = j.case
        # R11's date is the effective date, recorded or derived from the appeal period (rules/appeal.py)
        effective = next((o.due for o in j.outcomes if o.rule == "R11" and o.occurrence == "performance"), None)
        if is_loss(case) and period.contains(effective) and effective <= as_of:
            status = (case.get("performance") or {}).get("status")
            self.performance["effective"] += 1
            self.performance[status if status in ("performed", "refused") else "pending"] += 1
        for s in case.get("judicial_suggestions") or ():
            if not isinstance(s, dict) or not period.contains(s.get("received_on")) or s["received_on"] > as_of:
                continue
            self.suggestions["received"] += 1
            if s.get("status") == "refused":
                self.suggestions["refused"] += 1
            elif s.get("status") == "implemented" or s.get("implemented_on"):
                self.suggestions["implemented"] += 1
            else:
                self.suggestions["pending"] += 1

    def result(self, left_out: list[dict], basis: str) -> dict:
        n = self.n
        out = dict(n)
        out["loss_rate"] = _rate(n["losses"], n["concluded"])
        out["loss_rate_basis"] = basis
        out["appeals"], out["retrials"] = dict(self.reviews["second"]), dict(self.reviews["retrial"])
        out["head_appearance_rate"] = _rate(n["head_appeared"], n["heard_cases"])
        out["principal_appearance_rate"] = _rate(n["principal_appeared"], n["heard_cases"])
        out["on_time"] = {r: {"met": m, "due": d, "rate": _rate(m, d)} for r, (m, d) in self.on_time.items()}
        out["violations"] = dict(self.violations)
        out["performance"] = dict(self.performance)
        out["judicial_suggestions"] = dict(self.suggestions)
        out["left_out"] = left_out
        order = ("new_cases", "concluded", "losses", "loss_rate", "loss_rate_basis", "withdrawn", "settled",
                 "appeals", "retrials", "pending_at_end",
                 "heard_cases", "head_appeared", "head_appearance_rate", "principal_appeared",
                 "principal_appearance_rate", "high_risk", "on_time", "violations", "performance",
                 "judicial_suggestions", "left_out")
        return {k: out[k] for k in order}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def compute(basis: Basis, period: Period, agency: str | None = None) -> dict:
    """The statistics JSON of the issue: period, from, to, district, agencies."""
    policy = basis.ctx.policy
    district = _Tally()
    per_agency = {aid: _Tally() for aid in basis.repo.agencies}
    by_number = disputes_module.index(basis.cases)
    for j in basis.cases:
        district.add(j, period, basis.as_of, policy, by_number)
        per_agency.setdefault(j.agency, _Tally()).add(j, period, basis.as_of, policy, by_number)
    if policy.loss_rate_basis == "dispute":
        for d in disputes_module.disputes(basis.cases, basis.ctx, basis.as_of):
            if d.status == disputes_module.FINAL and period.contains(d.decided_on):
                district.conclude(d.decided.case)
                per_agency.setdefault(d.agency, _Tally()).conclude(d.decided.case)
    ids = [agency] if agency else list(per_agency)
    return {
        "period": str(period),
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "as_of": basis.as_of.isoformat(),
        "label": period.label,
        "district": district.result(basis.left_out, policy.loss_rate_basis),
        "agencies": {aid: dict(name=agency_name(basis.repo, aid),
                               **per_agency.get(aid, _Tally()).result(
                                   [x for x in basis.left_out if x["agency"] == aid], policy.loss_rate_basis))
                     for aid in ids},
    }


def agency_name(repo, aid: str) -> str:
    return (repo.agencies.get(aid) or {}).get("name") or aid


def short_name(repo, aid: str) -> str:
    """An agency's short name (repo.agency_short_name); its id when it is not registered."""
    agency = repo.agencies.get(aid)
    return agency_short_name(agency, repo.settings.get("district") or "") if agency else aid


def active(unit: dict) -> bool:
    """Had anything to count in the period (agency tables leave out idle agencies)."""
    return any(unit[k] for k in ("new_cases", "concluded", "heard_cases", "pending_at_end")) \
        or any(unit[k]["concluded"] for k in ("appeals", "retrials"))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


RULE_TITLES = {"R01": "案件报备", "R02": "答辩举证", "R03": "答辩状报备", "R04": "出庭负责人报备",
               "R05": "负责人出庭", "R06": "出庭出声", "R07": "调解和解方案", "R08": "一案一包保",
               "R09": "败诉分析报备", "R10": "一把手负责", "R11": "履行判决和司法建议"}


BASIS_NOTES = {
    "first_instance": "审结、败诉、败诉率只计一审案件（审结的一审案件中行政机关败诉的比例；撤诉、调解结案计入审结，不计败诉）",
    "dispute": "审结、败诉、败诉率按争议计算，以最终生效结果为准，一个争议只计一次（撤诉、调解结案计入审结，不计败诉）",
}
def format_text(stats: dict) -> str:
    """The statistics as plain text for the terminal."""
    lines = [f"{stats['label']}行政应诉案件统计（{stats['from']} 至 {stats['to']}，截至 {stats['as_of']}）", ""]
    rows = [("全区", stats["district"])] + [(a["name"], a) for a in stats["agencies"].values()]
    header = ["单位", "新收", "审结", "败诉", "败诉率", "撤诉", "调解", "开庭案件", "负责人出庭率", "主要负责人出庭率",
              "高风险"]
    lines += columns.table(header, [[name] + [str(u[k]) if not k.endswith("rate") else percent(u[k]) for k in (
        "new_cases", "concluded", "losses", "loss_rate", "withdrawn", "settled", "heard_cases",
        "head_appearance_rate", "principal_appearance_rate", "high_risk")] for name, u in rows],
        right=set(range(1, len(header))))
    d = stats["district"]
    lines += ["", f"口径：{BASIS_NOTES[d['loss_rate_basis']]}"]
    for key, label in (("appeals", "二审"), ("retrials", "再审")):
        if d[key]["concluded"]:
            lines.append(f"{label}审结 {d[key]['concluded']} 件（另列，不计入上表）：" + words.review_text(d[key]))
    lines += ["", "期限遵守（按期/到期）："]
    lines += [f"  {r} {RULE_TITLES[r]}：{v['met']}/{v['due']}（{percent(v['rate'])}）" for r, v in d["on_time"].items()]
    errs = {r: n for r, n in d["violations"].items() if n}
    lines.append("违规（错误）：" + ("、".join(f"{r} {RULE_TITLES[r]} {n} 项" for r, n in errs.items()) or "无"))
    if d["left_out"]:
        lines += ["", f"未计入统计的案件文件（有格式或字段错误，共 {len(d['left_out'])} 个，请先用 yzdocs check 修正）："]
        lines += [f"  {x['file']}" + (f"（{x['case_no']}）" if x["case_no"] else "") + f"：{x['reason']}"
                  for x in d["left_out"]]
    return "\n".join(lines) + "\n"
