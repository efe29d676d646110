"""Special circulars (专项通报, 二(六)): drafting from violations, recording in circulars/.

A circular names each agency and case that violated R01 (case report), R02/R03
(defence, defence report) or R05 (head's appearance) in the period, with the
facts the compliance engine found (due date, date done). Items already named
in a recorded circular are not circulated again. ``record`` appends the
circular to ``circulars/<year>-<n>.yaml`` in the format staff write by hand;
the file is created exclusively (a hard link of a complete temporary file),
so a duplicate number or a concurrent recording is refused, never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from yzdocs import schema
from yzdocs.errors import OutputError, YzdocsError
from yzdocs.findings import ERROR
from yzdocs.loading import load_yaml_file
from yzdocs.output.atomic import FILE_MODE, reason
from yzdocs.output.scratch import scratch_dir
from yzdocs.render.format import cn_date
from yzdocs.reports.documents import cn_numeral
from yzdocs.periods import Period
from yzdocs.reports.phrasing import common_values, entry, say, say_all
from yzdocs.reports.stats import RULE_TITLES, Basis, agency_name, short_name
from yzdocs.rules.engine import PROVISIONAL

CIRCULAR_RULES = ("R01", "R02", "R03", "R05")
RULE_PHRASES = {"R01": "未及时报备案件基本情况", "R02": "未及时答辩举证", "R03": "未及时报备答辩状",
                "R05": "行政机关负责人未依法出庭应诉"}
_NUMBER = re.compile(r"^(.*?)〔(\d{4})〕(\d+)号$")


class NothingToCirculate(YzdocsError):
    exit_code = 1


@dataclass(frozen=True)
class Item:
    agency: str
    case_no: str
    rule: str
    due: date | None
    done: date | None
    message: str
    provisional: bool = False  # the due date was counted without the year's holiday data (暂定)


def recorded(repo) -> list[dict]:
    """The circulars recorded in circulars/ (files readable as mappings)."""
    return [d.data for d in repo.circulars if isinstance(d.data, dict)]


def items(basis: Basis, period: Period, include_circulated: bool = False) -> list[Item]:
    """Violations of R01/R02/R03/R05 falling in the period (and not circulated before, unless asked)."""
    done = {(i.get("agency"), i.get("case_no"), i.get("rule"))
            for c in recorded(basis.repo) for i in (c.get("items") or ()) if isinstance(i, dict)}
    if include_circulated:
        done = set()
    out = []
    ctx = basis.ctx
    for j in basis.cases:
        for o in j.outcomes:
            if o.rule not in CIRCULAR_RULES or o.key is None or ctx.policy.rules[o.rule].severity_of(o.key) != ERROR:
                continue
            if not period.contains(o.due or o.done) or (j.agency, j.case["case_no"], o.rule) in done:
                continue
            message = ctx.finding(o).message
            out.append(Item(j.agency, j.case["case_no"], o.rule, o.due, o.done, message, bool(o.provisional)))
    order = list(basis.repo.agencies)
    out.sort(key=lambda i: (order.index(i.agency) if i.agency in order else len(order), i.case_no, i.rule,
                            i.due or date.min))
    return out


def _title(repo, agencies: list[str], rules: list[str]) -> str:
    """关于某单位未及时报备案件基本情况、未及时答辩举证情况的通报: 「情况」 once, never 「情况情况」."""
    matters = "、".join(RULE_PHRASES[r] for r in rules)
    suffix = entry("special-circular", "title_matters_suffix")
    if not matters.endswith(suffix):
        matters += suffix
    who = agency_name(repo, agencies[0]) if len(agencies) == 1 else entry("special-circular", "several_units")
    return say("special-circular", "title", who=who, matters=matters)


def next_number(repo, year: int) -> str:
    """The next number of the bureau's circulars in ``year`` (峄司通〔2023〕3号)."""
    prefix, highest = repo.settings.get("circular_prefix") or "", 0
    for c in recorded(repo):
        m = _NUMBER.match(str(c.get("number") or "").strip())
        if m:
            prefix = m.group(1) or prefix
            if int(m.group(2)) == year:
                highest = max(highest, int(m.group(3)))
    return f"{prefix}〔{year}〕{highest + 1}号"


def draft(basis: Basis, period: Period, number: str | None, issued_on: date,
          include_circulated: bool = False) -> dict:
    """The circular as data: what is recorded, and the document's context."""
    repo = basis.repo
    found = items(basis, period, include_circulated)
    if not found:
        before = len(items(basis, period, include_circulated=True))
        why = (f"期间内的 {before} 项均已在此前登记的专项通报（circulars/）中通报，不再重复。"
               "如需查看包含这些事项的草稿，加 --include-circulated（不要同时 --record）。" if before else
               "期间内没有未及时报备（R01）、未及时答辩举证或报备答辩状（R02、R03）、负责人未依法出庭（R05）的情形。"
               "全部期限问题可用 yzdocs check 查看。")
        raise NothingToCirculate(f"{period.label}没有需要专项通报的情形：{why}")
    number = (number or next_number(repo, issued_on.year)).strip()
    agencies = list(dict.fromkeys(i.agency for i in found))
    title = _title(repo, agencies, [r for r in CIRCULAR_RULES if any(i.rule == r for i in found)])
    groups = []
    for n, aid in enumerate(agencies, 1):
        own = [i for i in found if i.agency == aid]
        groups.append({"heading": f"（{cn_numeral(n)}）{agency_name(repo, aid)}",
                       "entries": [{"text": f"{i.case_no}：{i.message}"} for i in own]})
    rows = [{"no": k, "agency": short_name(repo, i.agency), "case_no": i.case_no, "rule": RULE_TITLES[i.rule],
             "due": (cn_date(i.due) + (PROVISIONAL if i.provisional else "")) or "—",
             "done": cn_date(i.done) or entry("special-circular", "not_done")[i.rule]} for k, i in enumerate(found, 1)]
    said = dict(common_values(basis), period=period.label)
    context = {
        "issuer": said["bureau"],
        "number": number,
        "title": title,
        "addressee": say("common", "units"),
        "intro": [say("special-circular", "intro", units=len(agencies), cases=len({i.case_no for i in found}),
                      items=len(found), **said)],
        "groups": groups,
        "table_caption": say("special-circular", "table_caption"),
        "rows": rows,
        "requirements": say_all("special-circular", "requirements", **said),
        "sender": said["bureau"],
        "doc_date": cn_date(issued_on),
        "copy_to": f"{said['government']}，{said['committee']}",
    }
    record = {"number": number, "issued_on": issued_on, "title": title, "period": str(period),
              "agencies": agencies,
              "items": [{"agency": i.agency, "case_no": i.case_no, "rule": i.rule, "note": i.message} for i in found]}
    return {"context": context, "record": record, "items": found}


# ----------------------------------------------------------------------------- recording

def _scalar(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    try:
        plain_ok = text == text.strip() and yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok and "#" not in text else json.dumps(text, ensure_ascii=False)


def to_yaml(record: dict) -> str:
    lines = ["# 已印发的专项通报"]
    for key in ("number", "issued_on", "title", "period"):
        lines.append(f"{key}: {_scalar(record[key])}")
    lines.append(f"agencies: [{', '.join(_scalar(a) for a in record['agencies'])}]")
    lines.append("items:")
    for item in record["items"]:
        first = True
        for key in ("agency", "case_no", "rule", "note"):
            lines.append(f"{'  - ' if first else '    '}{key}: {_scalar(item[key])}")
            first = False
    return "\n".join(lines) + "\n"


def record_path(repo, record: dict) -> Path:
    m = _NUMBER.match(record["number"])
    if m:
        return repo.root / "circulars" / f"{m.group(2)}-{int(m.group(3))}.yaml"
    year, n = record["issued_on"].year, 1
    while (repo.root / "circulars" / f"{year}-x{n}.yaml").exists():
        n += 1
    return repo.root / "circulars" / f"{year}-x{n}.yaml"


def ensure_new_number(repo, number: str) -> None:
    """Refuse a circular number already recorded in circulars/."""
    clash = [d.rel for d in repo.circulars if isinstance(d.data, dict)
             and str(d.data.get("number") or "").replace(" ", "") == number.replace(" ", "")]
    if clash:
        raise YzdocsError(f"通报文号 {number} 已经登记过（{'、'.join(clash)}），不能重复登记。请用 --number 指定新的文号。")


def record(repo, record_data: dict) -> Path:
    """Write the circular to circulars/; refuse a number already recorded."""
    ensure_new_number(repo, record_data["number"])
    path = record_path(repo, record_data)
    text = to_yaml(record_data)
    _check(path, text, set(repo.agencies), repo.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.link(tmp, path)  # fails if the file exists: never overwrite a recorded circular
    except FileExistsError as exc:
        raise YzdocsError(f"{path.relative_to(repo.root)} 已存在，不能覆盖已登记的专项通报。请用 --number 指定新的文号。") from exc
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{reason(exc)}") from exc
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return path


def _check(path: Path, text: str, agency_ids: set, root: Path) -> None:
    """The file must pass the repository's own schema before it is written."""
    with scratch_dir("circular") as tmpdir:
        probe = Path(tmpdir) / path.name
        probe.write_text(text, "utf-8")
        doc = load_yaml_file(probe, path.relative_to(root).as_posix())
        if doc.ok:
            schema.validate(doc, "circular", agency_ids)
    errors = [f.message for f in doc.findings if f.severity == ERROR]
    if errors:
        raise YzdocsError("生成的专项通报记录未通过校验，未写入：" + "；".join(errors))
