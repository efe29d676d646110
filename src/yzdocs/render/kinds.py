"""The document kinds built per case, and when each applies — one data table.

| kind | document | one per | applies when (seed clause) |
|---|---|---|---|
| case-report | 行政应诉案件报备表 | case | always: every case is reported within 3 days (二(五)) |
| hearing-heads | 出庭应诉负责人报备表 | hearing | every hearing with heads, or an absence reason/delegate, recorded; one with neither: a build warning (二(二)) |
| defence-report | 答辩状报备函 | case | the defence was submitted (``defence.submitted_on``) by an agency that answers — not one that appealed itself (二(五)) |
| mediation-plan | 行政争议调解和解方案 | case | a plan exists (``mediation.plan`` or ``mediation.plan_on``) (二(四)) |
| guarantee | 一案一包保责任表 | case | ``risk: high`` (二(四)) |
| loss-analysis | 败诉案件分析报告 | case | the case was lost (outcomes.is_loss) (二(五)) |

``date`` names the case field whose date the document carries (its signing
date, also the document's core-property timestamp); when that field is empty
the date line is left blank for staff to fill in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from yzdocs.outcomes import is_loss
from yzdocs.rules.facts import answers, has_mediation_plan


def _get(data: dict, dotted: str):
    value = data
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


@dataclass(frozen=True)
class Kind:
    name: str  # kind id, also the template's file stem
    title: str  # Chinese document name, also the output file name
    per_hearing: bool  # one document per hearing instead of one per case
    applies: Callable[[dict], bool]
    rule: str  # the applicability rule in Chinese, for `yzdocs templates list`
    date: str  # dotted case field giving the document's date ("" = per hearing)
    heading: str = ""  # the printed title when it is not ``title`` ({case_no} filled in)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("case-report", "行政应诉案件报备表", False, lambda c: True,
         "每个案件一份", "reported_on"),
    Kind("hearing-heads", "出庭应诉负责人报备表", True, lambda c: bool(c.get("hearings")),
         "每次开庭一份（记录了出庭负责人，或负责人不能出庭的理由、委托出庭人员）", ""),
    Kind("defence-report", "答辩状报备函", False, lambda c: bool(_get(c, "defence.submitted_on")) and answers(c),
         "已向法院提交答辩状（defence.submitted_on）；我单位上诉的二审、再审案件没有答辩", "defence.reported_on", "关于{case_no}案件{pleading}的报备函"),
    Kind("mediation-plan", "行政争议调解和解方案", False, has_mediation_plan,
         "已制定调解和解方案（mediation.plan 或 mediation.plan_on）", "mediation.plan_on"),
    Kind("guarantee", "一案一包保责任表", False, lambda c: c.get("risk") == "high",
         "败诉风险为高（risk: high）", "reported_on"),
    Kind("loss-analysis", "败诉案件分析报告", False, is_loss,
         "败诉案件（判决撤销、确认违法或无效、责令履行、变更、赔偿）", "loss_analysis.reported_on",
         "关于{case_no}案件败诉情况的分析报告"),
)}


def documents_for(kind: Kind, case: dict) -> list[int | None]:
    """The documents of ``kind`` a case gets: [None] for one, hearing indices (0-based) per hearing, [] for none."""
    if not kind.applies(case):
        return []
    if kind.per_hearing:  # a form per hearing with something to report: its heads, or why none can appear
        return [i for i, h in enumerate(case.get("hearings") or []) if _reportable(h or {})]
    return [None]


def _reportable(hearing: dict) -> bool:
    """Heads to report, or an excused absence (理由, 委托出庭人员) — the form's rows exist for that too."""
    return bool(hearing.get("heads") or hearing.get("absence_reason") or hearing.get("delegate"))


def hearings_without_heads(case: dict) -> list[int]:
    """Indices of the hearings with nothing to report: no appearing head, no reason for an absence."""
    return [i for i, h in enumerate(case.get("hearings") or []) if not _reportable(h or {})]


def document_date(kind: Kind, case: dict, hearing: int | None = None):
    """The date the document carries, or None."""
    if kind.per_hearing and hearing is not None:
        return ((case.get("hearings") or [])[hearing] or {}).get("heads_reported_on")
    return _get(case, kind.date) if kind.date else None

# The report templates (`yzdocs report …`): kind -> (document, the command that makes it).
REPORT_KINDS: dict[str, tuple[str, str]] = {
    "special-circular": ("专项通报", "yzdocs report special-circular"),
    "agency-report": ("行政应诉案件统计分析报告（半年）", "yzdocs report agency"),
    "district-circular": ("全区行政应诉工作情况通报", "yzdocs report district"),
    "assessment": ("行政应诉工作督办考核情况的报告", "yzdocs report assessment"),
    "interview-notice": ("约谈通知（每个需约谈的单位一份）", "yzdocs report assessment --format docx"),
}
ALL_KINDS = (*KINDS, *REPORT_KINDS)
