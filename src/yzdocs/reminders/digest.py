"""The messages of one day: a digest per agency for its staff, the overdue part for its 分管负责人,
and a district-wide digest of overdue items for the bureau. Only items the schedule announces today
are listed; each agency's messages hold its own items and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yzdocs.resources import data_table
from yzdocs.rules.engine import cn_date
from yzdocs.site.paths import agency_page, page_url

STAFF, DEPUTY, DISTRICT = "staff", "deputy", "district"
AUDIENCE_LABELS = {STAFF: "承办人员", DEPUTY: "分管负责人", DISTRICT: "区司法局"}
_NUMBERS = "一二三"


@lru_cache(maxsize=1)
def _phrases() -> dict:
    return data_table(Path(__file__).with_name("phrases.yaml"))


def say(key: str, **values) -> str:
    return _phrases()[key].format(**values)


@dataclass(frozen=True)
class Message:
    audience: str  # STAFF, DEPUTY or DISTRICT
    agency: str | None  # the agency's id; None for the district digest
    title: str
    body: str
    items: tuple  # the AgendaItems it announces


@dataclass(frozen=True)
class Day:
    """What a day's messages share: the date, the names, where links point."""
    as_of: object
    bureau: str
    basis: str
    site_url: str | None
    case_pages: dict  # case file -> site-relative page
    agency_names: dict  # id -> full name
    escalate_after: int

    def name(self, aid: str | None) -> str:
        return self.agency_names.get(aid) or aid or self.bureau

    def link(self, item) -> str | None:
        page = self.case_pages.get(item.file)
        return page_url(self.site_url, page) if self.site_url and page else None


def _when(item) -> str:
    if item.days_left < 0:
        return say("when_overdue", days=-item.days_left)
    return say("when_today") if item.days_left == 0 else say("when_left", days=item.days_left)


def _item_lines(day: Day, index: int, item) -> list[str]:
    lines = [say("item", index=index, case_no=f"{item.case_no} " if item.case_no else "", task=item.task),
             say("item_due", due=cn_date(item.due), provisional=say("provisional") if item.provisional else "",
                 when=_when(item), staff=item.staff or say("no_staff"))]
    if (url := day.link(item)) is not None:
        lines.append(say("item_link", url=url))
    return lines


def _numbered(day: Day, items: list, *, with_agency: bool = False) -> list[str]:
    lines = []
    for n, item in enumerate(items, 1):
        item_lines = _item_lines(day, n, item)
        if with_agency:
            item_lines[0] += f"（{day.name(item.agency)}）"
        lines += item_lines
    return lines


def _sections(day: Day, items: list) -> list[str]:
    """Overdue items first, then those coming due, each group under its numbered heading."""
    overdue = [i for i in items if i.overdue]
    upcoming = [i for i in items if not i.overdue]
    lines: list[str] = []
    if overdue:
        lines += ["", say("overdue_heading", n=len(overdue)), *_numbered(day, overdue)]
    if upcoming:
        lines += ["", say("upcoming_heading", number=_NUMBERS[1 if overdue else 0], n=len(upcoming)),
                  *_numbered(day, upcoming)]
    return lines


def _closing(day: Day, *notes: str) -> str:
    return "\n\n" + "\n".join([*[n for n in notes if n], say("basis", basis=day.basis),
                                 say("signature", bureau=day.bureau)])


def _counts(items: list) -> str:
    overdue = sum(1 for i in items if i.overdue)
    parts = [say("count_overdue", n=overdue) if overdue else "",
             say("count_upcoming", n=len(items) - overdue) if len(items) > overdue else ""]
    return "、".join(p for p in parts if p)


def agency_messages(day: Day, aid: str, announced: list, others: int, deputy: bool) -> list[Message]:
    """The staff digest (every item announced today) and, when the agency's 分管负责人 has a
    destination (``deputy``), theirs (the overdue ones)."""
    name, as_of = day.name(aid), cn_date(day.as_of)
    overdue = [i for i in announced if i.overdue]
    full = (say("full_list", url=page_url(day.site_url, agency_page(aid))) if day.site_url
            else say("full_list_cli", agency_id=aid))
    staff_body = "\n".join([say("staff_greeting", agency=name), say("staff_intro", as_of=as_of),
                            *_sections(day, announced)])
    staff_body += _closing(day, say("escalated_note") if overdue and deputy else "",
                           say("others", n=others) if others else "", full)
    messages = [Message(STAFF, aid, say("staff_title", agency=name, counts=_counts(announced)), staff_body,
                        tuple(announced))]
    if overdue and deputy:
        body = "\n".join([say("deputy_greeting", agency=name), say("deputy_intro", as_of=as_of),
                          *_sections(day, overdue)]) + _closing(day, full)
        messages.append(Message(DEPUTY, aid, say("deputy_title", agency=name, n=len(overdue)), body, tuple(overdue)))
    return messages


def district_message(day: Day, overdue_open: list, announced: list) -> Message | None:
    """For the bureau, on a day an item overdue longer than the escalation limit is announced (escalated),
    or one of the bureau's own: every open overdue item counted by agency, then those items."""
    escalated = [i for i in announced if i.agency is not None and i.overdue and -i.days_left > day.escalate_after]
    own = [i for i in announced if i.agency is None]
    if not escalated and not own:
        return None
    as_of = cn_date(day.as_of)
    by_agency: dict = {}
    for item in overdue_open:  # the bureau's own (agency None) among them, under its name
        by_agency.setdefault(item.agency, []).append(item)
    lines = [say("district_greeting", bureau=day.bureau), say("district_intro", as_of=as_of, n=len(overdue_open))]
    for aid, items in sorted(by_agency.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or "")):
        lines.append(say("district_agency_line", agency=day.name(aid), n=len(items),
                         days=max(-i.days_left for i in items)))
    if escalated:
        lines += ["", say("district_escalated", days=day.escalate_after), *_numbered(day, escalated, with_agency=True)]
    if own:
        lines += ["", say("district_own"), *_numbered(day, own)]
    body = "\n".join(lines) + _closing(day, say("full_list", url=f"{day.site_url}index.html") if day.site_url else "")
    return Message(DISTRICT, None, say("district_title", n=len(overdue_open), as_of=as_of), body,
                   tuple(escalated + own))
