"""An agency's half-year 行政应诉案件统计分析报告 (二(六)): numbers, cases, losses, measures."""

from __future__ import annotations

from yzdocs.outcomes import concluded_on, is_loss
from yzdocs.render.context import decision as loss_decision
from yzdocs.render.parties import parties
from yzdocs.render.phrases import phrase
from yzdocs.reports import words
from yzdocs.reports.documents import cn_numeral
from yzdocs.reports.district import has_previous, performance
from yzdocs.reports.phrasing import common_values, say
from yzdocs.periods import Period
from yzdocs.reports.stats import RULE_TITLES, Basis, agency_name, compute
from yzdocs.errors import YzdocsError
from yzdocs.findings import ERROR

FIGURES = (("new_cases", "新收案件（件）"), ("concluded", "审结案件（件）"), ("losses", "败诉案件（件）"),
           ("loss_rate", "败诉率"), ("withdrawn", "撤诉（件）"), ("settled", "调解结案（件）"),
           ("pending_at_end", "期末未结案件（件）"), ("heard_cases", "开庭审理案件（件）"),
           ("head_appearance_rate", "负责人出庭率"), ("principal_appearance_rate", "主要负责人出庭率"),
           ("high_risk", "新收高风险案件（件）"))


def _relevant(case: dict, period: Period) -> bool:
    received, done = case.get("received_on"), concluded_on(case)
    heard = any(isinstance(h, dict) and period.contains(h.get("date")) for h in case.get("hearings") or ())
    pending = received and received <= period.end and (done is None or done > period.end)
    return period.contains(received) or period.contains(done) or heard or bool(pending)


def context(basis: Basis, aid: str, period: Period) -> dict:
    repo = basis.repo
    if aid not in repo.agencies:
        raise YzdocsError(f"机关代号“{aid}”未在 agencies.yaml 中登记。已登记：{'、'.join(repo.agencies) or '（无）'}。")
    name = agency_name(repo, aid)
    now = compute(basis, period, aid)["agencies"][aid]
    before = compute(basis, period.previous(), aid)["agencies"][aid]
    prev = period.previous().label  # the figures table shows the period before in any case
    settings = repo.settings
    own = sorted((j for j in basis.cases if j.agency == aid and _relevant(j.case, period)),
                 key=lambda j: (j.case.get("received_on"), j.case["case_no"]))
    cases = [{"no": k, "case_no": j.case["case_no"], "cause": j.case.get("cause") or "",
              "received_on": words.date_of(j.case.get("received_on")),
              "concluded_on": words.date_of(concluded_on(j.case)) if concluded_on(j.case) else "未结",
              "result": words.result_label(j.case) if concluded_on(j.case) else "未结"}
             for k, j in enumerate(own, 1)]
    lost = [j for j in own if is_loss(j.case) and period.contains(concluded_on(j.case))]
    losses = []
    for k, j in enumerate(lost, 1):
        c, analysis = j.case, j.case.get("loss_analysis") or {}
        judgment = c.get("judgment") or {}
        court = c.get("court") or settings.get("court") or ""
        roles = parties(c, plaintiffs=words.plaintiffs(c), defendant=name, court=court)
        decision = loss_decision(c, court, roles["stage"])
        causes = _sentence(analysis.get("causes") or "尚未形成败诉原因分析") + phrase(
            "loss-analysis", "causes", causes=words.cause_labels(judgment.get("loss_causes")))
        losses.append({
            "heading": f"（{cn_numeral(k)}）{c['case_no']}（{c.get('cause') or ''}）",
            "facts": f"{roles['case']}，{decision}。我单位于{words.date_of(concluded_on(c))}收到{words.form_label(c)}。",
            "problems": analysis.get("problems") or "尚未报送",
            "causes": causes,
            "measures": analysis.get("measures") or "尚未报送",
        })
    ctx = basis.ctx
    violations = [say("agency-report", "problem_violation", case_no=j.case["case_no"], message=ctx.finding(o).message)
                  for j in basis.cases if j.agency == aid
                  for o in j.outcomes if o.key and ctx.policy.rules[o.rule].severity_of(o.key) == ERROR
                  and period.contains(o.due or o.done or j.case.get("received_on"))]
    on_time = [f"{RULE_TITLES[r]}应办{v['due']}件，按期{v['met']}件，按期率{words.pct(v['rate'])}"
               for r, v in now["on_time"].items() if v["due"]]
    # 存在问题和下一步措施: the problems this period showed — each violation, each loss as its analysis
    # states it — then the measures the analyses set, then the standing ones
    problems = violations + [
        say("agency-report", "problem_loss", case_no=j.case["case_no"], problems=_clause(analysis["problems"]))
        if (analysis := j.case.get("loss_analysis") or {}).get("problems")
        else say("agency-report", "problem_loss_unanalysed", case_no=j.case["case_no"]) for j in lost]
    measures = (problems or [say("agency-report", "no_problems")]) + [
        a["measures"] for a in losses if a["measures"] != "尚未报送"] + [say("agency-report", "measures_general")]
    said = dict(common_values(basis), period=period.label)
    summary = [f"{period.label}，我单位新收行政诉讼案件{now['new_cases']}件"
               + (f"，{words.compare_count(now['new_cases'], before['new_cases'], prev)}"
                  if has_previous(basis, period) else "")
               + (f"，其中败诉风险较高的{now['high_risk']}件" if now["high_risk"] else "")]
    summary.append(words.concluded(now) + words.reviews(now))
    if now["withdrawn"] or now["settled"]:
        summary.append(f"撤诉{now['withdrawn']}件、调解结案{now['settled']}件")
    if now["pending_at_end"]:
        summary.append(f"期末未结{now['pending_at_end']}件")
    return {
        "title": f"{name}{period.label}行政应诉案件统计分析报告",
        "addressee": f"{settings.get('committee_office')}、{settings.get('justice_bureau')}：",
        "intro": [say("agency-report", "intro", **said)],
        "summary": ["；".join(summary) + "。"],
        "table_caption": f"{period.label}与{prev}主要数据对比",
        "period_label": period.label,
        "previous_label": prev,
        "figures": [{"label": label, "now": _fmt(now[k], k), "before": _fmt(before[k], k)} for k, label in FIGURES],
        "cases": cases,
        "losses": losses,
        "appearance": [
            f"本期开庭审理案件{now['heard_cases']}件，负责人每次开庭均出庭应诉的{now['head_appeared']}件，"
            f"负责人出庭率{words.pct(now['head_appearance_rate'])}；主要负责人每次开庭均出庭应诉的"
            f"{now['principal_appeared']}件，主要负责人出庭率{words.pct(now['principal_appearance_rate'])}。"],
        "compliance": ["；".join(on_time) + "。" if on_time else "本期没有到期的报备和答辩举证事项。",
                       f"本期发现未按规定落实制度的情形{len(violations)}项，逐项列在第七部分。" if violations
                       else "本期未发现未按规定落实行政应诉工作制度的情形。"],
        "performance": performance(now, kind="agency-report"),
        "measures": measures,
        "sender": name,
    }


def _fmt(value, key: str) -> str:
    return words.pct(value) if key.endswith("rate") else str(value)


def _clause(text: str) -> str:
    """Text to go inside a sentence: its closing full stop dropped (the sentence adds its own)."""
    return text.strip().rstrip("。；")


def _sentence(text: str) -> str:
    """Text ending as a sentence, so a following sentence does not run on."""
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"
