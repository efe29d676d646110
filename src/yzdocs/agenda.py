"""The agenda: every open obligation of the repository, overdue first.

An obligation is open when it has not been done: overdue, due within the
reminder window, or due later (or, for a mediation plan before any hearing is
set, with no due date yet). The .ics export gives each obligation a UID
derived from what it is (case, rule, occurrence), not from when it is due, so
re-importing an updated file moves the calendar item instead of duplicating it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, timezone

from yzdocs.rules import facts, judge_case, make_context, repository_outcomes
from yzdocs.rules.asof import known_documents
from yzdocs.rules.engine import PROVISIONAL, STATUS_LABELS, cn_date

PROVISIONAL_NOTE = "暂定：期限所在年度的节假日安排尚未公布，暂按周末和法定节假日推算；补充节假日数据后以正式期限为准。"

TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class AgendaItem:
    rule: str
    task: str  # Chinese: what is due
    due: date | None
    days_left: int | None  # negative when overdue
    status: str
    case_no: str | None
    agency: str | None
    agency_name: str | None
    staff: str | None
    file: str
    line: int
    occurrence: str
    provisional: bool = False  # the due date was counted through a year without holiday data (暂定)
    trigger: date | None = None  # the day the obligation arose, where known

    @property
    def uid(self) -> str:
        key = "|".join((self.case_no or "", self.rule, self.occurrence, self.agency or ""))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@yzdocs"

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["due"] = self.due.isoformat() if self.due else None
        d["trigger"] = self.trigger.isoformat() if self.trigger else None
        d["status_label"] = STATUS_LABELS[self.status]
        d["uid"] = self.uid
        return d


def build_agenda(repo, as_of: date, days: int | None = None, agency: str | None = None) -> list[AgendaItem]:
    ctx = make_context(repo, as_of)
    judgements = [judge_case(ctx, doc) for doc in known_documents(repo, as_of)]
    outcomes, _ = repository_outcomes(ctx, repo, [j.case for j in judgements])
    items = agenda_items(repo, as_of, judgements, outcomes)
    if agency is not None:
        items = [i for i in items if i.agency == agency]
    if days is not None:
        items = [i for i in items if i.days_left is not None and i.days_left <= days]
    return items


def agenda_items(repo, as_of: date, judgements, repo_outcomes) -> list[AgendaItem]:
    """Every open obligation of judged cases and repository-wide outcomes, overdue first."""
    names = {aid: (a or {}).get("name") for aid, a in repo.agencies.items()}
    items = []
    for judgement in judgements:
        case = judgement.case
        for o in judgement.outcomes:
            if o.is_open:
                items.append(AgendaItem(
                    o.rule, o.task, o.due, (o.due - as_of).days if o.due else None, o.status,
                    case.get("case_no"), case.get("defendant"), names.get(case.get("defendant")),
                    facts.assignee(case, o.rule, o.staff), judgement.doc.rel, judgement.position(o.path)[0],
                    o.occurrence, bool(o.provisional), o.trigger))
    for ro in repo_outcomes:
        o = ro.outcome
        if o.is_open:
            items.append(AgendaItem(o.rule, o.task, o.due, (o.due - as_of).days if o.due else None, o.status,
                                    None, ro.agency, names.get(ro.agency), None, ro.file, ro.line, o.occurrence,
                                    bool(o.provisional), o.trigger))
    return sorted(items, key=_order)


def _order(item: AgendaItem):
    # overdue first, then by due date; undated obligations last
    return (not item.overdue, item.due is None, item.due or date.max, item.case_no or "", item.rule, item.occurrence)


def to_json(items: list[AgendaItem], as_of: date) -> str:
    return json.dumps({"as_of": as_of.isoformat(), "items": [i.to_dict() for i in items]},
                      ensure_ascii=False, indent=2) + "\n"


def _when(item: AgendaItem) -> str:
    if item.days_left is None:
        return "未定期限"
    if item.days_left < 0:
        return f"已逾期{-item.days_left}日"
    if item.days_left == 0:
        return "今日到期"
    return f"还有{item.days_left}日"


def to_text(items: list[AgendaItem], as_of: date) -> str:
    if not items:
        return f"截至{cn_date(as_of)}，没有待办事项。\n"
    lines = [f"截至{cn_date(as_of)}，共{len(items)}项待办事项（逾期在前，按期限排序）："]
    for i in items:
        who = i.case_no or "（全区）"
        mark = PROVISIONAL if i.provisional else ""
        lines.append(f"{i.due.isoformat() if i.due else '—':10}  {_when(i):8}  {i.rule}  {i.task}{mark}")
        lines.append(f"{'':12}{who}  {i.agency_name or i.agency or '区司法局'}  承办人：{i.staff or '未指定'}")
    return "\n".join(lines) + "\n"


def one_line(text: str) -> str:
    """Text for a calendar property: line breaks a value should not hold (a name `check` refuses, read
    before the repository was fixed) become spaces, so no writer fails on them."""
    return " ".join(str(text).splitlines()) if "\n" in str(text) or "\r" in str(text) else str(text)


def to_ics(items: list[AgendaItem], as_of: date, *, name: str = "行政应诉待办事项", url=None,
           alarm_days: int | None = None) -> bytes:
    """One all-day VEVENT per dated obligation; same input, same bytes. ``url(item)``: a link for the
    event (the site's case page), or None. ``alarm_days``: alarms at 09:00 that many days before the
    due date and on it (the reminder window of `notify`, counted here in calendar days: a calendar
    application knows no working days)."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//yzdocs//行政应诉待办//CN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", TZ)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})  # subscribed feeds
    cal.add("x-published-ttl", "PT1H")
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=timezone.utc)  # DTSTAMP is UTC; fixed for stable bytes
    for i in items:
        if i.due is None:
            continue
        ev = Event()
        ev.add("uid", i.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", i.due)  # a date: VALUE=DATE, an all-day item
        ev.add("dtend", i.due + timedelta(days=1))
        mark = PROVISIONAL if i.provisional else ""
        ev.add("summary", one_line(f"【{i.rule}】{i.task}{mark}" + (f"（{i.case_no}）" if i.case_no else "")))
        ev.add("description", "\n".join(one_line(line) for line in (
            f"案号：{i.case_no or '—'}",
            f"单位：{i.agency_name or i.agency or '—'}",
            f"承办人：{i.staff or '未指定'}",
            f"期限：{cn_date(i.due)}{mark}（{_when(i)}，截至{cn_date(as_of)}）",
            *([PROVISIONAL_NOTE] if i.provisional else []),
            f"文件：{i.file or '—'}",
        )))
        ev.add("categories", ["行政应诉"])
        link = url(i) if url is not None else None
        if link:
            ev.add("url", link)
        if alarm_days is not None:
            for before in sorted({alarm_days, 0}, reverse=True):
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", one_line(f"{'今日到期' if before == 0 else f'{before}日后到期'}：{i.task}"))
                # relative to the all-day start (00:00 of the due date): 09:00 ``before`` days earlier
                alarm.add("trigger", timedelta(hours=9) - timedelta(days=before))
                ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
