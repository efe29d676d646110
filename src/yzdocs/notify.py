"""The notify recipe: judge the repository as of a day, pick what the schedule announces today,
write each audience its message, send each to its destinations (or, in a dry run, only list them).

Each agency's messages go to that agency's destinations only; its overdue items also to its
分管负责人; the bureau gets the district-wide overdue digest (docs/notify.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yzdocs.agenda import agenda_items
from yzdocs.errors import ConfigError
from yzdocs.findings import ERROR, Finding
from yzdocs.reminders import digest
from yzdocs.reminders.delivery import Delivery, send
from yzdocs.reminders.schedule import Schedule
from yzdocs.reminders.targets import DEFAULT_FILE, Targets, read_targets, targets_of
from yzdocs.repo import load_repository
from yzdocs.rules import judge_case, make_context, repository_outcomes
from yzdocs.rules.asof import known_documents
from yzdocs.site.paths import base_url, case_pages


@dataclass
class Planned:
    message: digest.Message
    destinations: list  # Destination


@dataclass
class NotifyResult:
    as_of: date
    workday: bool
    plan: list[Planned] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the targets file's, and unset secrets
    names: dict = field(default_factory=dict)  # agency id -> full name

    def name(self, aid: str | None) -> str:
        return self.names.get(aid) or aid or "区司法局"

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.ok]

    @property
    def refused_targets(self) -> bool:
        """The targets file has errors: nothing was sent."""
        return any(f.severity == ERROR for f in self.findings)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused_targets


def notify(root: Path, as_of: date, *, targets_file: Path | None = None, dry_run: bool = False,
           environ=None) -> NotifyResult:
    environ = os.environ if environ is None else environ
    repo = load_repository(root)
    targets = _targets(repo, targets_file, dry_run)
    ctx = make_context(repo, as_of)
    judgements = [judge_case(ctx, doc) for doc in known_documents(repo, as_of)]
    outcomes, _ = repository_outcomes(ctx, repo, [j.case for j in judgements])
    items = agenda_items(repo, as_of, judgements, outcomes)
    schedule = Schedule(ctx.calendar, ctx.policy.notify, as_of)
    result = NotifyResult(as_of, schedule.workday(as_of), names=agency_names(repo))
    result.findings = targets.findings + (targets.unset(environ) if dry_run else [])
    messages = compose(repo, ctx, judgements, items, schedule, result.names,
                       deputies={aid for aid, where in targets.deputy.items() if where} if targets.doc else None)
    for message in messages:
        if message.audience == digest.DISTRICT:
            where = targets.district
        else:
            where = (targets.staff if message.audience == digest.STAFF else targets.deputy).get(message.agency, [])
        result.plan.append(Planned(message, where))
    if not dry_run:
        for planned in result.plan:
            result.deliveries += [send(d, planned.message.title, planned.message.body, environ)
                                  for d in planned.destinations]
    return result


def compose(repo, ctx, judgements, items, schedule: Schedule, names: dict,
            deputies: set | None = None) -> list[digest.Message]:
    """Today's messages, agencies in agencies.yaml's order, the district digest last. ``deputies``: the
    agencies whose 分管负责人 has a destination (None: no targets file — a dry run shows every message)."""
    settings = repo.settings
    day = digest.Day(schedule.today, settings.get("justice_bureau") or "", ctx.policy.cited,
                     base_url(settings.get("site_url")), case_pages([j.doc.rel for j in judgements]),
                     names, schedule.escalate_after)
    if not schedule.workday(schedule.today):
        return []
    reasons = {i: schedule.reason(i.due, i.trigger) for i in items}
    announced = [i for i in items if reasons[i] is not None]
    messages = []
    order = list(repo.agencies) + sorted({i.agency for i in items if i.agency and i.agency not in repo.agencies})
    for aid in order:
        own = [i for i in announced if i.agency == aid]
        if own:
            pending = [i for i in items if i.agency == aid and (i.overdue or schedule.in_window(i.due))]
            messages += digest.agency_messages(day, aid, own, len(pending) - len(own),
                                               deputies is None or aid in deputies)
    district = digest.district_message(day, [i for i in items if i.overdue], announced)
    return messages + ([district] if district else [])


def agency_names(repo) -> dict[str, str]:
    return {aid: (a or {}).get("name") or aid for aid, a in repo.agencies.items()}


def _targets(repo, targets_file: Path | None, dry_run: bool) -> Targets:
    if targets_file is not None:
        path = Path(targets_file)
        if not path.is_file():
            raise ConfigError(f"找不到推送目标文件 {path}。")
        return read_targets(path, str(targets_file), set(repo.agencies))
    if repo.targets_doc is None and not dry_run:
        name = repo.settings.get("notify") or DEFAULT_FILE
        raise ConfigError(f"案件库中没有推送目标文件 {name}，不知道发往哪里。请按 docs/notify.md 编写，"
                          "或先用 --dry-run 查看今天的提醒消息。")
    return targets_of(repo.targets_doc)
