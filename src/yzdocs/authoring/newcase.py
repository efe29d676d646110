"""Creating a new case file: `yzdocs new` and the court-list import share this.

The file is generated from the schema (see skeleton), checked with the same
loader and schema as `yzdocs check` before it is written, written atomically,
and never over an existing case: the case number is looked up in every case
file of the repository, not only at the conventional path.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yzdocs import casenumber, schema
from yzdocs.authoring import skeleton
from yzdocs.errors import YzdocsError
from yzdocs.findings import ERROR
from yzdocs.loading import Document, load_yaml_text
from yzdocs.output.atomic import write_atomic
from yzdocs.repo import Repository, load_repository, without_district

_CASE_NO_LINE = re.compile(r"^case_no:[ \t]*['\"]?([^'\"#\n]*?)['\"]?[ \t]*(?:#.*)?$", re.M)


@dataclass(frozen=True)
class Deadline:
    rule: str
    task: str
    due: date | None
    status: str
    days_left: int | None
    provisional: bool = False  # counted through a year without holiday data (暂定)


@dataclass
class NewCase:
    case_no: casenumber.CaseNumber
    rel: str  # repository-relative path of the file
    text: str
    deadlines: list[Deadline] = field(default_factory=list)
    unknown_years: list[int] = field(default_factory=list)


def parse_case_no(text: str) -> casenumber.CaseNumber:
    """The case number typed by a user; anything else (a path, a typo) is refused."""
    cn = casenumber.parse(text)
    if cn is None:
        raise YzdocsError(casenumber.invalid_message(text))
    return cn


def existing_cases(repo: Repository) -> dict[str, str]:
    """Canonical case number -> file, for every case file (broken ones read line by line)."""
    found: dict[str, str] = {}
    for doc in repo.cases:
        number = doc.data.get("case_no") if isinstance(doc.data, dict) else None
        if number is None:
            try:
                m = _CASE_NO_LINE.search((repo.root / doc.rel).read_text("utf-8", errors="replace"))
            except OSError:
                m = None
            number = m.group(1) if m else None
        cn = casenumber.parse(number)
        if cn is not None:
            found.setdefault(str(cn), doc.rel)
    return found


def match_agency(agencies: dict, text: str, district: str = "") -> str | None:
    """The agency id named by ``text``: its id, full name, the name without the district's (市场监督管理局
    for 峄城区市场监督管理局), its short name or one of its aliases; never a guess."""
    text = (text or "").strip()
    if text in agencies:
        return text
    for aid, agency in agencies.items():
        name = str(agency.get("name") or "")
        names = [name, without_district(name, district), agency.get("short"), *(agency.get("aliases") or ())]
        if text in [n.strip() for n in names if isinstance(n, str)]:
            return aid
    return None


def resolve_agency(repo: Repository, text: str) -> str:
    """The agency id a user typed as an id or a name (full, short or alias); else a hint of what to type."""
    aid = match_agency(repo.agencies, text, repo.settings.get("district") or "")
    if aid is None:
        raise YzdocsError(f"agencies.yaml 中没有“{text}”这个单位。" + agency_hint(repo.agencies, text))
    return aid


def agency_hint(agencies: dict, text: str) -> str:
    """A Chinese suggestion for an unknown agency id or name."""
    named = match_agency(agencies, text)
    if named:
        return f"“{text}”是 {agencies[named].get('name')} 的名称，请用其机关代号“{named}”。"
    partial = [aid for aid, a in agencies.items() if text and text in str(a.get("name") or "")]
    if partial:  # 「坛山」 for 峄城区坛山街道办事处
        return "是否应为" + "、".join(f"“{aid}”（{agencies[aid].get('name')}）" for aid in sorted(partial)) + "？"
    keys = {aid: aid for aid in agencies}
    for aid, agency in agencies.items():
        for name in [agency.get("name")] + list(agency.get("aliases") or ()):
            if isinstance(name, str):
                keys[name] = aid
    close = difflib.get_close_matches(text, sorted(keys), n=1, cutoff=0.5)
    if close:
        aid = keys[close[0]]
        return f"是否应为“{aid}”（{agencies[aid].get('name')}）？"
    listed = "、".join(f"{aid}（{a.get('name')}）" for aid, a in sorted(agencies.items()))
    return f"已登记的机关：{listed or '（无）'}。"


def load_for_authoring(root: Path) -> Repository:
    repo = load_repository(root)
    if repo.agencies_doc is None or not repo.agencies_doc.ok:
        raise YzdocsError("agencies.yaml 缺失或有错误，无法核对被告。请先运行 yzdocs check 并修正。")
    return repo


def prepare(repo: Repository, values: dict, notes: dict | None = None) -> tuple[NewCase, Document]:
    """Generate and validate a new case file (nothing is written)."""
    cn = parse_case_no(values["case_no"])
    values = dict(values, case_no=str(cn))
    if values.get("level") is None:  # the case number says it: 行初 first, 行终 second, 行再 … retrial
        values["level"] = cn.level
    owner = existing_cases(repo).get(str(cn))
    rel = f"cases/{cn.year}/{cn.file_stem}.yaml"
    if owner:
        raise YzdocsError(f"案号 {cn} 已有案件文件 {owner}，不会覆盖。请直接编辑该文件。")
    if (repo.root / rel).exists():
        raise YzdocsError(f"{rel} 已存在（其中的案号不是 {cn}），不会覆盖。请先核对该文件。")
    if values["defendant"] not in repo.agencies:
        raise YzdocsError(f"机关代号“{values['defendant']}”未在 agencies.yaml 中登记。"
                          + agency_hint(repo.agencies, values["defendant"]))
    text = skeleton.render(values, notes)
    doc = load_yaml_text(text, Document(rel))
    if doc.ok:
        schema.validate(doc, "case", set(repo.agencies))
    problems = [f.message for f in doc.findings if f.severity == ERROR]
    if problems:
        raise YzdocsError(f"生成的案件文件 {rel} 未通过校验，未写入：" + "；".join(problems))
    return NewCase(cn, rel, text), doc


def first_deadlines(repo: Repository, doc: Document, as_of: date) -> tuple[list[Deadline], list[int]]:
    """The obligations the case starts, from the compliance engine, and years lacking holiday data."""
    from yzdocs.rules import judge_case, make_context

    ctx = make_context(repo, as_of)
    judgement = judge_case(ctx, doc)
    out = [Deadline(o.rule, o.task, o.due, o.status, (o.due - as_of).days if o.due else None, bool(o.provisional))
           for o in judgement.outcomes if o.deadline or o.is_open]
    return out, sorted({y for o in judgement.outcomes for y in o.provisional})


def write_case(repo: Repository, new: NewCase) -> Path:
    path = repo.root / new.rel
    if path.exists():  # created meanwhile by someone else
        raise YzdocsError(f"{new.rel} 已存在，不会覆盖。")
    write_atomic(path, new.text.encode("utf-8"))
    return path


def create_case(root: Path, case_no: str, defendant: str, received: date, *, risk: str | None = None,
                court: str | None = None, as_of: date | None = None, reviewed: date | None = None,
                staff: dict | None = None) -> NewCase:
    """`yzdocs new`: write the skeleton of a new case and compute its first deadlines."""
    cn = parse_case_no(case_no)  # before touching the repository: a path is never a case number
    repo = load_for_authoring(root)
    defendant = resolve_agency(repo, defendant)
    values = {"case_no": str(cn), "defendant": defendant, "received_on": received, "risk": risk, "court": court}
    if reviewed or staff:
        values["responsibility"] = {"leader_reviewed_on": reviewed, "staff": staff or None}
    new, doc = prepare(repo, values)
    write_case(repo, new)
    new.deadlines, new.unknown_years = first_deadlines(repo, doc, max(as_of or date.today(), received))
    return new
