"""The annual assessment (督办考核, 二(九)) per agency, and its interview notices.

Thresholds are the rule set's ``assessment`` (policy data; the seed's, by default):
- ``special_circulars`` (2) or more special circulars, or ``qualifying_losses`` (1)
  loss caused by late defence or by no mediation → deputy_interview (约谈分管负责人,
  年度考核刚性扣分);
- ``qualifying_losses`` (2) or more such losses, a refusal to perform an effective
  judgment, or a judicial suggestion not implemented → principal_interview
  (约谈主要负责人, 一票否优), which supersedes the deputy interview.
Losses are **disputes by their final effective result** (reports/disputes.py): a
dispute lost at first instance and on appeal is one loss, a first-instance loss
reversed on appeal is none, and a loss under appeal (or still within its appeal
period) is pending — named in the report, not counted — until it is decided. A
dispute's loss belongs to the year its final decision was received.
A loss is "caused by late defence" when R02 was violated in an instance where the
agency had to answer (an agency that appealed had no answer to file), and "by no
mediation" when an instance was lost without a mediation plan; ``judgment.loss_causes`` may also
say so explicitly. A refusal belongs to the year the judgment took effect, a
refused suggestion to the year it was received, a circular to the year it was issued.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from yzdocs.errors import YzdocsError
from yzdocs.outcomes import concluded_on, is_loss
from yzdocs.render.phrases import phrase
from yzdocs.reports import words
from yzdocs.reports.documents import cn_numeral
from yzdocs.reports.disputes import FINAL, disputes
from yzdocs.reports.phrasing import common_values, say
from yzdocs.reports.stats import Basis, agency_name, short_name
from yzdocs.rules.engine import LATE, OVERDUE
from yzdocs.rules.facts import answers, has_mediation_plan

NONE, DEPUTY, PRINCIPAL = "none", "deputy_interview", "principal_interview"
OUTCOME_LABELS = {NONE: phrase("assessment", "clean"), DEPUTY: "约谈分管负责人，年度考核刚性扣分",
                  PRINCIPAL: "约谈主要负责人，年度考核一票否优"}


@dataclass
class AgencyAssessment:
    agency: str
    name: str
    circulars: list = field(default_factory=list)  # numbers of the special circulars against it
    losses: list = field(default_factory=list)  # [{"case_no", "causes": [late_defence|no_mediation], "instances"}]
    pending: list = field(default_factory=list)  # [{"case_no", "why"}]: lost so far, not final: named, not counted
    refusals: list = field(default_factory=list)  # case numbers: effective judgment not performed
    suggestions: list = field(default_factory=list)  # case numbers: judicial suggestion refused
    outcome: str = NONE
    reasons: list = field(default_factory=list)  # Chinese, why the outcome

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(special_circulars=len(self.circulars), qualifying_losses=len(self.losses),
                 pending_losses=len(self.pending),
                 refusals_to_perform=len(self.refusals), suggestions_not_implemented=len(self.suggestions),
                 outcome_label=OUTCOME_LABELS[self.outcome])
        return d


def loss_causes(instances: list) -> list[str]:
    """late_defence / no_mediation causes of a lost dispute (derived or recorded), over its instances."""
    recorded = {c for j in instances for c in (j.case.get("judgment") or {}).get("loss_causes") or ()
                if c != "late_defence" or answers(j.case)}  # no answer was due from an agency that appealed
    late = "late_defence" in recorded or any(o.rule == "R02" and o.status in (LATE, OVERDUE)
                                             for j in instances for o in j.outcomes)
    unplanned = any(is_loss(j.case) and not has_mediation_plan(j.case) for j in instances)
    none = "no_mediation" in recorded or unplanned  # an instance lost without a mediation plan
    return [c for c, yes in (("late_defence", late), ("no_mediation", none)) if yes]


def check_year_has_data(basis: Basis, year: int) -> None:
    """A year in which no case was pending and no circular issued has nothing to assess: say so."""
    from datetime import date

    from yzdocs.rules.facts import pending_during

    start, end = date(year, 1, 1), date(year, 12, 31)
    if any(pending_during(j.case, start, end) for j in basis.cases):
        return
    if any(doc.ok and isinstance(doc.data, dict) and getattr(doc.data.get("issued_on"), "year", None) == year
           for doc in basis.repo.circulars):
        return
    years = sorted({j.case["received_on"].year for j in basis.cases})
    known = f"案件库中的案件收于 {years[0]}—{years[-1]} 年。" if years else "案件库中还没有案件。"
    raise YzdocsError(f"{year} 年没有在办案件，也没有印发专项通报，没有可考核的数据。{known}")


def assess(basis: Basis, year: int) -> list[AgencyAssessment]:
    """Every agency under the district government; the 区政府 itself is not assessed by its own bureau
    (the report is addressed to it)."""
    repo = basis.repo
    out = {aid: AgencyAssessment(aid, agency_name(repo, aid)) for aid in repo.agencies}
    for doc in repo.circulars:
        c = doc.data if doc.ok and isinstance(doc.data, dict) else None
        if c is None or getattr(c.get("issued_on"), "year", None) != year:
            continue
        named = list(c.get("agencies") or ()) + [i.get("agency") for i in c.get("items") or () if isinstance(i, dict)]
        for aid in dict.fromkeys(a for a in named if a):
            out.setdefault(aid, AgencyAssessment(aid, agency_name(repo, aid))).circulars.append(c.get("number"))
    for d in disputes(basis.cases, basis.ctx, basis.as_of):
        a = out.setdefault(d.agency, AgencyAssessment(d.agency, agency_name(repo, d.agency)))
        if d.status == FINAL:
            if d.lost and d.decided_on.year == year:
                causes = loss_causes(d.instances)
                if causes:
                    a.losses.append({"case_no": d.decided.case["case_no"], "causes": causes, "instances": d.numbers})
        else:
            # a loss is dated by the day its judgment was served; one without that day cannot be placed yet
            lost = [j for j in d.instances if is_loss(j.case) and concluded_on(j.case) is not None
                    and concluded_on(j.case) <= basis.as_of]
            if lost and concluded_on(lost[-1].case).year <= year and loss_causes(d.instances):
                a.pending.append({"case_no": lost[-1].case["case_no"], "why": d.why})
        refused = [j for j in d.instances if is_loss(j.case) and (j.case.get("performance") or {}).get("status") == "refused"]
        if refused:
            judgment = refused[-1].case.get("judgment") or {}
            effective = judgment.get("effective_on") or concluded_on(refused[-1].case)
            if effective and effective.year == year:
                a.refusals.append(refused[-1].case["case_no"])
    for j in basis.cases:
        case, a = j.case, out.setdefault(j.agency, AgencyAssessment(j.agency, agency_name(repo, j.agency)))
        for s in case.get("judicial_suggestions") or ():
            if isinstance(s, dict) and s.get("status") == "refused" and getattr(s.get("received_on"), "year", None) == year:
                a.suggestions.append(case["case_no"])
    government = repo.settings.get("government")
    results = [a for a in out.values() if not government or a.name != government]
    for a in results:
        _decide(a, basis.ctx.policy.assessment)
    return results


def _decide(a: AgencyAssessment, thresholds: dict) -> None:
    principal_at, deputy_at = thresholds["principal_interview"], thresholds["deputy_interview"]
    losses = "、".join(f"{x['case_no']}（{words.cause_labels(x['causes'])}）" for x in a.losses)
    principal, deputy = [], []
    if len(a.losses) >= principal_at["qualifying_losses"]:
        principal.append(f"因不及时答辩举证、未开展调解和解导致行政败诉{len(a.losses)}件：{losses}")
    if len(a.refusals) >= principal_at["refusals_to_perform"]:
        principal.append(f"不履行生效判决{len(a.refusals)}件：{'、'.join(a.refusals)}")
    if len(a.suggestions) >= principal_at["suggestions_not_implemented"]:
        principal.append(f"不落实司法建议{len(a.suggestions)}件：{'、'.join(a.suggestions)}")
    if len(a.circulars) >= deputy_at["special_circulars"]:
        deputy.append(f"被专项通报{len(a.circulars)}次：{'、'.join(a.circulars)}")
    if deputy_at["qualifying_losses"] <= len(a.losses) < principal_at["qualifying_losses"]:
        deputy.append(f"因不及时答辩举证、未开展调解和解导致行政败诉{len(a.losses)}件：{losses}")
    if principal:
        a.outcome, a.reasons = PRINCIPAL, principal + [r for r in deputy if "专项通报" in r]
    elif deputy:
        a.outcome, a.reasons = DEPUTY, deputy
    else:
        a.outcome, a.reasons = NONE, []


def to_json(results: list[AgencyAssessment], year: int, as_of) -> dict:
    return {"year": year, "as_of": as_of.isoformat(), "agencies": {a.agency: a.to_dict() for a in results}}


def format_text(results: list[AgencyAssessment], year: int) -> str:
    lines = [f"{year}年度行政应诉工作督办考核情况", "",
             "单位\t专项通报\t答辩迟延/未调解败诉\t拒不履行\t不落实司法建议\t考核结果"]
    for a in results:
        lines.append(f"{a.name}\t{len(a.circulars)}\t{len(a.losses)}\t{len(a.refusals)}\t{len(a.suggestions)}\t"
                     f"{OUTCOME_LABELS[a.outcome]}")
    for a in results:
        if a.outcome != NONE:
            lines += ["", f"{a.name}：{OUTCOME_LABELS[a.outcome]}"] + [f"  - {r}" for r in a.reasons]
    pending = [(a, p) for a in results for p in a.pending]
    if pending:
        lines += ["", "尚未终结、暂不计入的败诉（以最终生效结果为准）："]
        lines += [f"  - {a.name}：{p['case_no']}（{p['why']}）" for a, p in pending]
    return "\n".join(lines) + "\n"


def _basis_text(thresholds: dict) -> list[str]:
    """The standards as the report states them, from the rule set's thresholds."""
    deputy, principal = thresholds["deputy_interview"], thresholds["principal_interview"]

    def at_least(n: int, unit: str) -> str:
        return f"{n}{unit}以上" if n > 1 else f"{n}{unit}"

    return [f"被专项通报{at_least(deputy['special_circulars'], '次')}，或因不及时答辩举证、未开展调解和解工作导致行政败诉"
            f"{deputy['qualifying_losses']}件的被诉行政机关，由区政府分管领导约谈分管负责人，年度考核刚性扣分。",
            f"因不及时答辩举证、未开展调解和解工作导致行政败诉{at_least(principal['qualifying_losses'], '件')}，"
            "或因不履行生效判决、不落实司法建议影响我区法治政府创建考核工作的被诉行政机关，"
            "由区政府主要领导约谈主要负责人，年度考核一票否优。",
            "败诉按争议计算，以最终生效结果为准：同一争议经一审、二审的只计一次，二审改判不再败诉的不计，"
            "尚在上诉期内或上诉审理中的暂不计入。"]


def _pending_text(results: list[AgencyAssessment]) -> list[str]:
    """The losses not yet final, named so that nobody reads their absence as a clean year."""
    named = [f"{a.name}{p['case_no']}（{p['why']}）" for a in results for p in a.pending]
    return ["以下败诉尚未终结，按最终生效结果计算，本年度暂不计入：" + "；".join(named) + "。"] if named else []


def context(basis: Basis, results: list[AgencyAssessment], year: int, number: str,
            notice_numbers: dict[str, str]) -> dict:
    """The report's context; ``notices`` holds one context per 约谈通知 (each its own document, numbered
    from ``notice_numbers``: agency id -> 发文字号).

    The interviews are the 区政府's to hold (意见 二(九)): the report proposes them to the 区政府, and each
    notice conveys the decision 「经区政府同意」 — the bureau does not decide for the 区政府."""
    settings = basis.repo.settings
    said = dict(common_values(basis), year=year)
    interviewed = [a for a in results if a.outcome != NONE]
    n_p = sum(a.outcome == PRINCIPAL for a in results)
    notices = []
    for a in interviewed:
        agency = basis.repo.agencies.get(a.agency) or {}
        principal = a.outcome == PRINCIPAL
        whom = "主要负责人" if principal else "分管负责人"
        who = (f"{agency.get('principal_title') or ''}{agency.get('principal') or ''}" if principal
               else f"{agency.get('deputy_title') or ''}{agency.get('deputy') or ''}")
        notices.append({
            "agency": a.name,
            "agency_id": a.agency,
            "issuer": said["bureau"],
            "number": notice_numbers[a.agency],
            "title": say("interview-notice", "title", agency=a.name, whom=whom),
            "addressee": f"{a.name}：",
            "body": [
                say("interview-notice", "reasons", reasons="；".join(a.reasons), **said),
                say("interview-notice", "decision", leader="主要领导" if principal else "分管领导", whom=whom,
                    who=f"（{who}）" if who else ""),
                say("interview-notice", "request", consequence=say(
                    "interview-notice", "consequence_principal" if principal else "consequence_deputy"), **said)],
            "sender": said["bureau"],
            "copy_to": f"{said['government']}，{said['committee']}",
        })
    return {
        "issuer": said["bureau"],
        "number": number,
        "signer": settings.get("signer") or "",
        "title": say("assessment", "title", **said),
        "addressee": f"{said['government']}：",
        "intro": [say("assessment", "intro", **said)],
        "basis": _basis_text(basis.ctx.policy.assessment),
        "summary": [f"{year}年度共考核{len(results)}个单位，需约谈主要负责人的{n_p}个，需约谈分管负责人的"
                    f"{len(interviewed) - n_p}个，其余{len(results) - len(interviewed)}个单位未触及约谈情形。"
                    if interviewed else f"{year}年度共考核{len(results)}个单位，均未触及约谈情形。"]
                   + _pending_text(results),
        "rows": [{"name": short_name(basis.repo, a.agency), "circulars": len(a.circulars), "losses": len(a.losses),
                  "refusals": len(a.refusals), "suggestions": len(a.suggestions), "outcome": OUTCOME_LABELS[a.outcome]}
                 for a in results],
        "interviews": [{"heading": f"（{cn_numeral(k)}）{a.name}：{OUTCOME_LABELS[a.outcome]}",
                        "text": "；".join(a.reasons) + "。"} for k, a in enumerate(interviewed, 1)],
        "interview_request": say("assessment", "closing_request") if interviewed else "",
        "notices": notices,
        "sender": said["bureau"],
        "copy_to": said["committee"],
    }
