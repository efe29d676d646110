"""One case as a timeline: what happened, and every deadline with its status.

Events are the dates recorded in the case file; deadlines are the rule
outcomes (the same judgement `check` and `agenda` use). Entries are sorted by
date; an undated deadline (a mediation plan before any hearing is set) ends
the list.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from yzdocs.casenumber import canonical, suggestion
from yzdocs.errors import ConfigError, provisional_reason
from yzdocs.render.parties import situation
from yzdocs.render.phrases import table
from yzdocs.rules import appeal, facts, judge_case, make_context
from yzdocs.rules.engine import STATUS_LABELS, cn_date


@dataclass(frozen=True)
class Entry:
    date: date | None
    kind: str  # "event" | "deadline"
    text: str
    rule: str | None = None
    due: date | None = None
    done: date | None = None
    status: str | None = None
    message: str | None = None  # the finding's message, when the outcome is one
    provisional: bool = False  # the due date was counted through a year without holiday data (暂定)

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("date", "due", "done"):
            d[key] = d[key].isoformat() if d[key] else None
        d["status_label"] = STATUS_LABELS.get(self.status) if self.status else None
        return d


def _tracking(record: dict) -> str:
    return f"（邮件号{record['tracking_no']}）" if record.get("tracking_no") else ""


def find_case(repo, case_no: str):
    wanted = canonical(case_no.strip())
    for doc in repo.cases:
        if isinstance(doc.data, dict) and canonical(str(doc.data.get("case_no", ""))) == wanted:
            return doc
    known = [str(doc.data.get("case_no")) for doc in repo.cases if isinstance(doc.data, dict)]
    raise ConfigError(f"案件库中没有案号为“{wanted}”的案件。" + suggestion(case_no, map(canonical, known)))


def _events(case: dict, as_of: date) -> list[Entry]:
    ev = []

    def add(d, text):
        if isinstance(d, date):
            ev.append(Entry(d, "event", text))

    add(case.get("received_on"), "收到" + table()["parties"][situation(case)]["papers"])  # as the documents say it
    add(case.get("reported_on"), "向区司法局报备案件基本情况")
    add(facts.section(case, "responsibility").get("leader_reviewed_on"), "主要负责人亲自过问研究")
    defence = facts.section(case, "defence")
    add(defence.get("mailed_on"), "答辩状及证据交邮" + _tracking(defence))
    add(defence.get("submitted_on"), "向法院提交答辩状及证据")
    add(defence.get("reported_on"), "向区司法局报备答辩状")
    add(facts.section(case, "mediation").get("plan_on"), "制定调解和解方案")
    for i, h in enumerate(facts.items(case, "hearings")):
        if not isinstance(h, dict):
            continue
        add(h.get("heads_reported_on"), f"报备第{i + 1}次开庭出庭负责人名单")
        heads = [x for x in facts.items(h, "heads") if isinstance(x, dict)]
        who = "、".join(f"{x.get('title') or ''}{x.get('name', '')}" for x in heads)
        held = isinstance(h.get("date"), date) and h["date"] <= as_of  # a later hearing is still to come
        add(h.get("date"), f"第{i + 1}次开庭" + (f"（出庭负责人：{who}）" if held and who else "（无负责人出庭）" if held
                                               else f"（定于该日；拟出庭负责人：{who}）" if who else "（定于该日）"))
    g = facts.section(case, "guarantee")
    add(g.get("resolved_on"), "行政争议化解")
    j = facts.judgment(case)
    add(j.get("received_on"), "收到裁判文书")
    appeal = facts.section(j, "appeal")
    add(appeal.get("mailed_on"), "上诉状交邮" + _tracking(appeal))
    add(appeal.get("filed_on"), "向法院提交上诉状")
    add(j.get("effective_on"), "裁判生效")
    add(facts.section(case, "loss_analysis").get("reported_on"), "报备败诉分析")
    add(facts.section(case, "performance").get("done_on"), "履行生效裁判完毕")
    for i, s in enumerate(facts.items(case, "judicial_suggestions")):
        if isinstance(s, dict):
            add(s.get("received_on"), f"收到第{i + 1}份司法建议")
            add(s.get("implemented_on"), f"落实第{i + 1}份司法建议")
    return ev


def case_timeline(repo, case_no: str, as_of: date) -> tuple[object, list[Entry]]:
    doc = find_case(repo, case_no)
    if not doc.ok:
        raise ConfigError(f"案件文件 {doc.rel} 有错误，请先运行 yzdocs check {doc.rel} 并修正。")
    ctx = make_context(repo, as_of)
    return doc, entries_of(ctx, judge_case(ctx, doc))


def entries_of(ctx, judgement) -> list[Entry]:
    """The timeline of a judged case: its recorded events, the derived effective date, every deadline."""
    doc = judgement.doc
    messages = {}
    for o in judgement.outcomes:
        if o.key is not None:
            messages[id(o)] = ctx.finding(o).message
    entries = _events(doc.data, ctx.as_of)
    effective = appeal.effective_date(ctx, doc.data)
    if effective and not facts.judgment(doc.data).get("effective_on"):
        nobody = "无人上诉" if appeal.appealed_by(doc.data) == "none" else "未记录上诉"
        entries.append(Entry(effective, "event", f"裁判生效（依法推算：上诉期限届满，{nobody}）"
                             if appeal.procedure(doc.data) == "first" else "裁判生效（依法推算：终审裁判送达即生效）"))
    for o in judgement.outcomes:
        if o.due is None and o.status not in ("open",) and o.key is None:
            continue  # a compliant check with no date (e.g. staff assigned) adds nothing to a timeline
        entries.append(Entry(o.due, "deadline", f"{o.rule} {o.task}", o.rule, o.due, o.done, o.status,
                             messages.get(id(o)), bool(o.provisional)))
    for year in sorted({y for o in judgement.outcomes for y in o.provisional}):
        entries.append(Entry(None, "deadline", f"暂定：{provisional_reason(year)}", "calendar"))
    entries.sort(key=lambda e: (e.date is None, e.date or date.max, e.kind != "event"))
    return entries


def to_json(doc, entries: list[Entry], as_of: date) -> str:
    case = doc.data
    return json.dumps({"case_no": case.get("case_no"), "file": doc.rel, "as_of": as_of.isoformat(),
                       "entries": [e.to_dict() for e in entries]}, ensure_ascii=False, indent=2) + "\n"


def to_text(doc, entries: list[Entry], as_of: date, agency_name: str | None = None) -> str:
    case = doc.data
    lines = [f"{case.get('case_no')}  {agency_name or case.get('defendant')}  {case.get('cause') or ''}".rstrip(),
             f"文件：{doc.rel}    截至：{cn_date(as_of)}", ""]
    for e in entries:
        day = e.date.isoformat() if e.date else "—" * 2
        if e.kind == "event":  # ○: dated after as-of (scheduled, or recorded ahead)
            lines.append(f"{day:10}  {'○' if e.date > as_of else '●'} {e.text}")
            continue
        if e.rule == "calendar":
            lines.append(f"{day:10}  ◆ {e.text}")
            continue
        state = STATUS_LABELS.get(e.status, "") + ("·暂定" if e.provisional else "")
        done = f"，完成于{e.done.isoformat()}" if e.done and e.rule not in ("R05",) else ""
        lines.append(f"{day:10}  ◆ [{state}] {e.text}{done}")
        if e.message:
            lines.append(f"{'':14}{e.message}")
    return "\n".join(lines) + "\n"
