"""`yzdocs list`: which of the cases — by agency, year, status, party or text.

A clerk's first question is "which of our cases …": still open, concluded,
lost, with something overdue. Cases are taken as they stood on the as-of day
(rules/asof.py): a case received later is not listed, a judgment received
later has not concluded it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from yzdocs import casenumber
from yzdocs.output import columns
from yzdocs.outcomes import is_concluded, is_loss
from yzdocs.reports.words import result_label
from yzdocs.rules import judge_case, make_context
from yzdocs.rules.asof import known_documents
from yzdocs.rules.engine import OVERDUE

STATUSES = {"open": "审理中", "concluded": "已审结", "lost": "败诉", "overdue": "有逾期事项"}


@dataclass(frozen=True)
class Row:
    case_no: str
    agency: str
    agency_name: str
    cause: str
    plaintiffs: str
    received_on: date | None
    status: str  # 审理中 / 已审结（结果）
    lost: bool
    overdue: int  # obligations overdue on the as-of day
    file: str

    def to_dict(self) -> dict:
        d = asdict(self)
        d["received_on"] = self.received_on.isoformat() if self.received_on else None
        return d


def list_cases(repo, as_of: date, *, agency: str | None = None, year: int | None = None,
               status: str | None = None, text: str | None = None) -> list[Row]:
    """The cases matching every filter given, newest received first."""
    ctx = make_context(repo, as_of)
    rows = []
    for doc in known_documents(repo, as_of):
        case = doc.data
        if agency is not None and case.get("defendant") != agency:
            continue
        received = case.get("received_on")
        number = casenumber.parse(case.get("case_no"))
        if year is not None and not (number and number.year == year or received and received.year == year):
            continue
        if text and not _mentions(case, text.strip()):
            continue
        row = _row(repo, ctx, doc)
        if status is None or _has(row, status):
            rows.append(row)
    rows.sort(key=lambda r: (r.received_on or date.min, r.case_no), reverse=True)
    return rows


def _row(repo, ctx, doc) -> Row:
    case = doc.data
    overdue = sum(o.status == OVERDUE for o in judge_case(ctx, doc).outcomes)
    aid = case.get("defendant") or ""
    parties = "、".join(str(p.get("name")) for p in case.get("plaintiffs") or () if isinstance(p, dict))
    concluded = is_concluded(case)
    return Row(casenumber.canonical(str(case.get("case_no"))), aid, (repo.agencies.get(aid) or {}).get("name") or aid,
               str(case.get("cause") or ""), parties, case.get("received_on"),
               f"已审结（{result_label(case)}）" if concluded else "审理中", is_loss(case), overdue, doc.rel)


def _has(row: Row, status: str) -> bool:
    return {"open": row.status == "审理中", "concluded": row.status != "审理中", "lost": row.lost,
            "overdue": row.overdue > 0}[status]


def _mentions(value, text: str) -> bool:
    """Whether ``text`` appears in any text of the case (parties, cause, act, names …)."""
    if isinstance(value, dict):
        return any(_mentions(v, text) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, text) for v in value)
    return isinstance(value, str) and text in value


def to_text(rows: list[Row], as_of: date) -> str:
    if not rows:
        return f"截至{as_of.isoformat()}，没有符合条件的案件。\n"
    table = columns.table(
        ["案号", "单位", "案由", "原告", "收案日期", "状态", "逾期"],
        [[r.case_no, r.agency_name, r.cause, r.plaintiffs, r.received_on.isoformat() if r.received_on else "—",
          r.status, str(r.overdue) if r.overdue else ""] for r in rows], right={6})
    return "\n".join(table + ["", f"共 {len(rows)} 件（截至 {as_of.isoformat()}）。"]) + "\n"


def to_json(rows: list[Row], as_of: date) -> str:
    return json.dumps({"as_of": as_of.isoformat(), "cases": [r.to_dict() for r in rows]},
                      ensure_ascii=False, indent=2) + "\n"
