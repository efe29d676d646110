"""The district circular (全区行政应诉工作情况通报, 二(六)): half-year or year, with charts."""

from __future__ import annotations

from datetime import timedelta

from yzdocs.reports import charts, words
from yzdocs.periods import Period
from yzdocs.render.format import cn_date
from yzdocs.reports.stats import DEADLINE_RULES, RULE_TITLES, Basis, active, compute

ADDRESSEE = "各镇人民政府、街道办事处，区直有关部门单位："


def has_previous(repo, period: Period) -> bool:
    """Compare only with a period the repository tracks (the `since` setting)."""
    since = repo.settings.get("since")
    return since is None or period.previous().end >= since


DRAFT = "（草稿）"


def is_draft(basis: Basis, period: Period) -> bool:
    """A period not yet over on the as-of day: its figures can still change."""
    return basis.as_of < period.end


def provisional_note(basis: Basis, period: Period) -> str:
    return (f"{period.label}尚未结束，本通报数据截至{cn_date(basis.as_of)}，为阶段性数据；"
            f"正式通报请于{cn_date(period.end + timedelta(days=1))}起重新生成。")


def build(basis: Basis, period: Period, number: str) -> tuple[dict, dict]:
    """(document context, chart PNGs by template variable)."""
    repo, settings = basis.repo, basis.repo.settings
    now = compute(basis, period)
    before = compute(basis, period.previous())
    d, p = now["district"], before["district"]
    prev = period.previous().label if has_previous(repo, period) else ""
    # The circular is the bureau's to the units under the district government: the 区政府's own cases count
    # in the district totals and are said in one sentence, but the 区政府 is not listed among the units.
    government = settings.get("government") or ""
    units = [(aid, u) for aid, u in now["agencies"].items() if active(u) and u["name"] != government]
    own = [u for u in now["agencies"].values() if government and u["name"] == government and active(u)]
    district = settings.get("district") or ""

    summary = [
        f"{period.label}，全区新收行政诉讼案件{d['new_cases']}件" + (f"，{words.compare_count(d['new_cases'], p['new_cases'], prev)}" if prev else "")
        + f"，其中败诉风险较高的{d['high_risk']}件；{words.concluded(d)}"
        + (f"（{words.compare_rate(d['loss_rate'], p['loss_rate'], prev)}）"
           if prev and words.compare_rate(d['loss_rate'], p['loss_rate'], prev) else "")
        + f"；撤诉{d['withdrawn']}件，调解结案{d['settled']}件{words.reviews(d)}；期末未结{d['pending_at_end']}件。"]
    if own:
        summary.append(f"以{government}为被告的案件（新收{own[0]['new_cases']}件、审结{own[0]['concluded']}件）"
                       "计入全区合计，不列入以下各单位情况。")
    busiest = sorted(units, key=lambda x: -x[1]["new_cases"])[:3]
    if busiest and busiest[0][1]["new_cases"]:
        summary.append("新收案件较多的单位是" + "、".join(f"{u['name']}（{u['new_cases']}件）" for _, u in busiest
                                                if u["new_cases"]) + "。")
    lost = [u for _, u in units if u["losses"]]
    if lost:
        summary.append("发生败诉案件的单位是" + "、".join(f"{u['name']}（{u['losses']}件，败诉率{words.pct(u['loss_rate'])}）"
                                              for u in lost) + "。")
    else:
        summary.append("本期全区没有行政诉讼败诉案件。")

    appearance = [
        f"全区开庭审理案件{d['heard_cases']}件，行政机关负责人每次开庭均出庭应诉的{d['head_appeared']}件，"
        f"负责人出庭率{words.pct(d['head_appearance_rate'])}"
        + (f"（{prev}为{words.pct(p['head_appearance_rate'])}）" if prev else "")
        + f"；主要负责人每次开庭均出庭应诉的{d['principal_appeared']}件，主要负责人出庭率"
        f"{words.pct(d['principal_appearance_rate'])}" + (f"（{prev}为{words.pct(p['principal_appearance_rate'])}）" if prev else "") + "。"]
    short = [u for _, u in units if u["heard_cases"] and (u["head_appearance_rate"] or 0) < 1]
    appearance.append(("负责人出庭率未达到100%的单位：" + "、".join(
        f"{u['name']}（{words.pct(u['head_appearance_rate'])}）" for u in short) + "。") if short
        else "全区负责人出庭率保持100%。" if d["heard_cases"] else "本期没有开庭审理的案件。")
    appearance.append("意见要求在确保全区行政机关负责人出庭应诉率持续保持100%的基础上，重点提升行政机关主要负责人出庭应诉率，"
                      "切实做到出庭、出声、出解。")

    perf, sug = d["performance"], d["judicial_suggestions"]
    refused = [u["name"] for _, u in units if u["performance"]["refused"]]
    not_done = [u["name"] for _, u in units if u["judicial_suggestions"]["refused"]]
    performance = [
        f"本期生效的败诉裁判{perf['effective']}件，已履行{perf['performed']}件，正在履行{perf['pending']}件，"
        f"拒不履行{perf['refused']}件" + (f"（{'、'.join(refused)}）" if refused else "") + "。",
        f"本期收到人民法院司法建议{sug['received']}件，已落实并回复{sug['implemented']}件，落实中{sug['pending']}件，"
        f"拒不落实{sug['refused']}件" + (f"（{'、'.join(not_done)}）" if not_done else "") + "。"]

    violations = {r: n for r, n in d["violations"].items() if n}
    issued = [c.get("number") for c in (doc.data for doc in repo.circulars if isinstance(doc.data, dict))
              if period.contains(c.get("issued_on"))]
    compliance = [
        ("本期发现未按规定落实制度的情形" + str(sum(violations.values())) + "项，其中"
         + "、".join(f"{RULE_TITLES[r]}{n}项" for r, n in violations.items()) + "。") if violations
        else "本期未发现未按规定落实十项制度的情形。",
        f"本期印发专项通报{len(issued)}期" + (f"（{'、'.join(issued)}）" if issued else "") + "。各单位报备事项按期办理情况如下表。"]
    # documents name the duty, never the rule code
    deadline_rows = [{"title": RULE_TITLES[r], "due": d["on_time"][r]["due"], "met": d["on_time"][r]["met"],
                      "rate": words.pct(d["on_time"][r]["rate"])} for r in DEADLINE_RULES]

    names = [charts.short_name(u["name"], district) for _, u in units]
    pngs = {
        "chart_cases": charts.cases_and_losses(names, [u["new_cases"] for _, u in units],
                                               [u["concluded"] for _, u in units], [u["losses"] for _, u in units]),
        "chart_loss_rate": charts.loss_rates(names, [u["loss_rate"] for _, u in units]),
        "chart_appearance": charts.appearance_rates(names, [u["head_appearance_rate"] for _, u in units],
                                                    [u["principal_appearance_rate"] for _, u in units]),
    }
    context = {
        "issuer": settings.get("justice_bureau") or "",
        "number": number,
        "title": f"关于{period.label}全区行政应诉工作情况的通报" + (DRAFT if is_draft(basis, period) else ""),
        "addressee": ADDRESSEE,
        "intro": [f"根据{words.SEED}关于开展半年通报、年度通报的要求，现将{period.label}全区行政败诉案件、"
                  "机关负责人出庭应诉、执行生效裁判文书、落实司法建议等情况通报如下。"]
        + ([provisional_note(basis, period)] if is_draft(basis, period) else []),
        "summary": summary,
        "appearance": appearance,
        "table_caption": f"{period.label}各单位行政应诉工作情况统计表",
        "agency_rows": [{"name": u["name"], "new_cases": u["new_cases"], "concluded": u["concluded"],
                         "losses": u["losses"], "loss_rate": words.pct(u["loss_rate"], "无审结"),
                         "heard_cases": u["heard_cases"], "head_rate": words.pct(u["head_appearance_rate"], "无开庭"),
                         "principal_rate": words.pct(u["principal_appearance_rate"], "无开庭")} for _, u in units]
        + [{"name": "全区合计", "new_cases": d["new_cases"], "concluded": d["concluded"], "losses": d["losses"],
            "loss_rate": words.pct(d["loss_rate"]), "heard_cases": d["heard_cases"],
            "head_rate": words.pct(d["head_appearance_rate"]),
            "principal_rate": words.pct(d["principal_appearance_rate"])}],
        "performance": performance,
        "compliance": compliance,
        "deadline_rows": deadline_rows,
        "requirements": [
            "各镇街、各部门主要负责人要切实履行行政应诉工作第一责任人职责，亲自过问、亲自研究诉讼案件，"
            "落实行政机关负责人出庭应诉制度，做到出庭、出声、出解。",
            "严格落实案件报备制度，收到应诉通知后3日内报备案件基本情况，答辩举证期限届满3日内报备答辩状，"
            "开庭3日前报备出庭负责人名单；败诉案件在收到判决书或裁定书后10日内报送败诉原因分析。",
            "加大行政争议调解和解工作力度，对败诉风险较大的案件实行一案一包保，力争通过调解和解结案；"
            "依法履行生效裁判，认真落实司法建议。",
            f"区依法治区委员会办公室、{settings.get('justice_bureau')}将把各单位行政应诉工作情况纳入年度依法行政工作考评，"
            "对被专项通报2次以上、因不及时答辩举证或未开展调解和解导致败诉的单位，按规定约谈并扣分。",
        ],
        "sender": settings.get("justice_bureau") or "",
        "copy_to": f"{settings.get('government')}，{settings.get('committee_office')}",
    }
    return context, pngs
