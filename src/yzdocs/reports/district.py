"""The district circular (全区行政应诉工作情况通报, 二(六)): half-year or year, with charts.

Two steps: ``figures`` chooses what the circular states (the statistics of the
period and the one before, the units that stand out, lose, miss hearings);
``context`` says it in the words of the phrasing table (phrases.yaml). A
clause whose count is 0 is left out, a comparison is made only with a period
that has the figure, and a unit is called out only when it stands out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from yzdocs.periods import Period
from yzdocs.render.format import cn_date
from yzdocs.reports import charts, words
from yzdocs.reports.phrasing import common_values, say, say_all, table
from yzdocs.rules.repo_rules import first_day
from yzdocs.reports.stats import BASIS_NOTES, DEADLINE_RULES, RULE_TITLES, Basis, active, compute, short_name

DRAFT = "（草稿）"
# A unit "stands out" with at least this many new cases and this many times the average of units with cases.
STANDOUT_MIN, STANDOUT_FACTOR = 3, 2


def has_previous(basis: Basis, period: Period) -> bool:
    """Compare only with a period the repository tracks (the `since` setting, else from its first case)."""
    since = first_day(basis.repo, [j.case for j in basis.cases])
    return since is not None and period.previous().end >= since


def is_draft(basis: Basis, period: Period) -> bool:
    """A period not yet over on the as-of day: its figures can still change."""
    return basis.as_of < period.end


def provisional_note(basis: Basis, period: Period) -> str:
    return (f"{period.label}尚未结束，本通报数据截至{cn_date(basis.as_of)}，为阶段性数据；"
            f"正式通报请于{cn_date(period.end + timedelta(days=1))}起重新生成。")


@dataclass
class Figures:
    period: Period
    district: dict  # the district's statistics (stats.compute)
    previous: dict | None  # the period before, when the repository tracks it
    units: list[dict]  # units under the district government with something in the period
    government: dict | None  # the 区政府's own cases, counted in the totals only
    standouts: list[dict] = field(default_factory=list)
    circulars: list[str] = field(default_factory=list)  # numbers of the special circulars issued


def figures(basis: Basis, period: Period) -> Figures:
    """What the circular states, chosen from the statistics."""
    repo, settings = basis.repo, basis.repo.settings
    now = compute(basis, period)
    previous = compute(basis, period.previous())["district"] if has_previous(basis, period) else None
    # The circular is the bureau's to the units under the district government: the 区政府's own cases count
    # in the district totals and are said in one sentence, but the 区政府 is not listed among the units.
    government = settings.get("government") or ""
    units = [dict(u, short=short_name(repo, aid)) for aid, u in now["agencies"].items()
             if active(u) and u["name"] != government]
    own = next((u for u in now["agencies"].values() if government and u["name"] == government and active(u)), None)
    with_cases = [u["new_cases"] for u in units if u["new_cases"]]
    average = sum(with_cases) / len(with_cases) if with_cases else 0
    standouts = [u for u in units if u["new_cases"] >= max(STANDOUT_MIN, STANDOUT_FACTOR * average)]
    issued = [str(c.get("number")) for c in (doc.data for doc in repo.circulars if isinstance(doc.data, dict))
              if period.contains(c.get("issued_on")) and c.get("issued_on") <= basis.as_of]
    return Figures(period, now["district"], previous, units, own, standouts, issued)


def build(basis: Basis, period: Period, number: str) -> tuple[dict, dict]:
    """(document context, chart PNGs by template variable)."""
    f = figures(basis, period)
    said = dict(common_values(basis), period=period.label)
    names = [u["short"] for u in f.units]
    pngs = {
        "chart_cases": charts.cases_and_losses(names, [u["new_cases"] for u in f.units],
                                               [u["concluded"] for u in f.units], [u["losses"] for u in f.units]),
        "chart_loss_rate": charts.loss_rates(names, [u["loss_rate"] for u in f.units]),
        "chart_appearance": charts.appearance_rates(names, [u["head_appearance_rate"] for u in f.units],
                                                    [u["principal_appearance_rate"] for u in f.units]),
    }
    draft = is_draft(basis, period)
    d = f.district
    context = {
        "issuer": said["bureau"],
        "number": number,
        "title": say("district", "title", **said) + (DRAFT if draft else ""),
        "addressee": say("common", "units"),
        "intro": [say("district", "intro", **said)] + ([provisional_note(basis, period)] if draft else []),
        "summary": _summary(f, said),
        "appearance": _appearance(f),
        "performance": performance(f.district, [u["name"] for u in f.units if u["performance"]["refused"]],
                                   [u["name"] for u in f.units if u["judicial_suggestions"]["refused"]]),
        "compliance": _compliance(f),
        "requirements": say_all("district", "requirements", **said),
        "table_caption": say("district", "table_caption", **said),
        "table_note": say("district", "table_note", basis_note=BASIS_NOTES[d["loss_rate_basis"]]),
        "agency_rows": [_row(u["short"], u, "无审结", "无开庭") for u in f.units] + [_row("全区合计", d, "—", "—")],
        "deadline_caption": say("district", "deadline_caption", **said),
        "deadline_rows": [{"title": RULE_TITLES[r], "due": d["on_time"][r]["due"], "met": d["on_time"][r]["met"],
                           "rate": words.pct(d["on_time"][r]["rate"], "无到期")} for r in DEADLINE_RULES],
        "charts_caption": say("district", "charts_caption", **said),
        "sender": said["bureau"],
        "copy_to": f"{said['government']}，{said['committee']}",
    }
    return context, pngs


def _row(name: str, u: dict, no_conclusion: str, no_hearing: str) -> dict:
    return {"name": name, "new_cases": u["new_cases"], "concluded": u["concluded"], "losses": u["losses"],
            "loss_rate": words.pct(u["loss_rate"], no_conclusion), "heard_cases": u["heard_cases"],
            "head_rate": words.pct(u["head_appearance_rate"], no_hearing),
            "principal_rate": words.pct(u["principal_appearance_rate"], no_hearing)}


def _summary(f: Figures, said: dict) -> list[str]:
    d, p, previous = f.district, f.previous, f.period.previous().label
    first = [say("district", "new_cases" if d["new_cases"] else "new_cases_none", n=d["new_cases"], **said)]
    if p is not None:
        first.append(words.compare_count(d["new_cases"], p["new_cases"], previous))
    if d["high_risk"]:
        first.append(say("district", "high_risk", n=d["high_risk"]))
    clauses = ["，".join(first)]
    concluded = words.concluded(d)
    rate_change = words.compare_rate(d["loss_rate"], p["loss_rate"], previous) if p is not None else ""
    clauses.append(concluded + (f"（{rate_change}）" if rate_change else "") + words.reviews(d))
    if d["withdrawn"] or d["settled"]:
        clauses.append(say("district", "ended_by_agreement", withdrawn=d["withdrawn"], settled=d["settled"]))
    if d["pending_at_end"]:
        clauses.append(say("district", "pending", n=d["pending_at_end"]))
    out = ["；".join(clauses) + "。"]
    if f.government is not None:
        out.append(say("district", "government", new=f.government["new_cases"],
                       concluded=f.government["concluded"], **said))
    if f.standouts:
        out.append(say("district", "standout", units="、".join(f"{u['name']}（{u['new_cases']}件）"
                                                               for u in f.standouts)))
    lost = [u for u in f.units if u["losses"]]
    out.append(say("district", "lost_units", units="、".join(
        f"{u['name']}（{u['losses']}件，败诉率{words.pct(u['loss_rate'])}）" for u in lost))
        if lost else say("district", "no_losses"))
    out.append(say("district", "see_tables"))
    return out


def _appearance(f: Figures) -> list[str]:
    d, p = f.district, f.previous
    if not d["heard_cases"]:
        return [say("district", "no_hearings")]

    def compare(key):  # only with a previous period that had hearings to divide by
        if p is None or p[key] is None:
            return ""
        return say("district", "appearance_compare", previous=f.period.previous().label, rate=words.pct(p[key]))

    out = [say("district", "appearance", heard=d["heard_cases"], appeared=d["head_appeared"],
               rate=words.pct(d["head_appearance_rate"]), compare_head=compare("head_appearance_rate"),
               principal=d["principal_appeared"], principal_rate=words.pct(d["principal_appearance_rate"]),
               compare_principal=compare("principal_appearance_rate"))]
    short = [u for u in f.units if u["heard_cases"] and (u["head_appearance_rate"] or 0) < 1]
    out.append(say("district", "appearance_short", units="、".join(
        f"{u['name']}（{words.pct(u['head_appearance_rate'])}）" for u in short)) if short
        else say("district", "appearance_full"))
    out.append(say("district", "appearance_goal"))
    return out


def performance(unit: dict, refused: list[str] = (), not_done: list[str] = (),
                kind: str = "district") -> list[str]:
    """Two sentences on the effective judgments lost and the judicial suggestions received; ``refused``,
    ``not_done``: the units that refused, named in the district circular (an agency's report names none).
    ``kind``'s own phrases where it has them, else the district circular's."""
    perf, sug = unit["performance"], unit["judicial_suggestions"]
    refused = f"（{'、'.join(refused)}）" if refused else ""
    not_done = f"（{'、'.join(not_done)}）" if not_done else ""

    def say_as(key, **values):
        return say(kind if key in table()[kind] else "district", key, **values)

    def part(key, n, **values):
        return say_as(key, n=n, **values) if n else ""

    return [
        say_as("performance", effective=perf["effective"], performed=perf["performed"],
               pending=part("performance_pending", perf["pending"]),
               refused=part("performance_refused", perf["refused"], units=refused))
        if perf["effective"] else say_as("performance_none"),
        say_as("suggestions", received=sug["received"], implemented=sug["implemented"],
               pending=part("suggestions_pending", sug["pending"]),
               refused=part("suggestions_refused", sug["refused"], units=not_done))
        if sug["received"] else say_as("suggestions_none"),
    ]


def _compliance(f: Figures) -> list[str]:
    violations = {r: n for r, n in f.district["violations"].items() if n}
    return [
        say("district", "violations", total=sum(violations.values()),
            items="、".join(f"{RULE_TITLES[r]}{n}项" for r, n in violations.items()))
        if violations else say("district", "violations_none"),
        say("district", "circulars", n=len(f.circulars), numbers="、".join(f.circulars))
        if f.circulars else say("district", "circulars_none"),
    ]
