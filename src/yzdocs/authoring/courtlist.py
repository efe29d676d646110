"""Importing the court's list of administrative cases (seed 三(三): shared case information).

The list (xlsx, or csv in UTF-8 or GBK/GB18030) is compared with the
repository: unknown case numbers become new case files (as `yzdocs new`
writes them), known ones get a table of differences. Only one thing is ever
changed in an existing file — a hearing date the list has and the file lacks —
and only as an insertion: ruamel.yaml's round-trip mode keeps comments, order
and quoting, and an edit that would change any other line is refused.
Defendants are matched by id, full name or alias, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from yzdocs import casenumber
from yzdocs.authoring import hearings, newcase
from yzdocs.errors import YzdocsError
from yzdocs.repo import Repository

# field -> accepted column headers; yzdocs.yaml `court_list:` replaces a field's headers.
DEFAULT_COLUMNS = {
    "case_no": ["案号", "案件编号", "案件号"],
    "plaintiffs": ["原告", "原告名称", "原告人", "起诉人"],
    "defendant": ["被告", "被告名称", "被告单位", "被诉行政机关"],
    "cause": ["案由"],
    "filed_on": ["立案日期", "立案时间", "收案日期"],
    "hearing_on": ["开庭日期", "开庭时间"],
    "received_on": ["收到日期", "送达日期"],
}
_SPLIT = re.compile(r"[、，,;；\n]+")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
HEADER_SEARCH_ROWS = 20  # court exports often put a title above the header row


@dataclass
class ListRow:
    row: int  # row number in the spreadsheet, as staff see it
    raw_case_no: str
    case_no: casenumber.CaseNumber | None = None
    defendant: str = ""
    plaintiffs: list[str] = field(default_factory=list)
    cause: str = ""
    filed_on: date | None = None
    received_on: date | None = None
    hearings: list[date] = field(default_factory=list)


@dataclass
class Plan:
    source: str
    rows: int = 0
    creations: list = field(default_factory=list)  # (ListRow, newcase.NewCase, note)
    additions: dict = field(default_factory=dict)  # rel -> (case number, [dates])
    differences: list = field(default_factory=list)  # (case number, item, in list, in file, action)
    problems: list = field(default_factory=list)  # (row or None, message)


# -- reading the list ---------------------------------------------------------------------------
MAX_ROWS = 20_000  # a court list of one district court: a few hundred rows a year
MAX_COLUMNS = 100
MAX_CSV_BYTES = 16 << 20


def read_rows(path: Path) -> list[tuple[int, list]]:
    """(row number, cells) of every row of the first sheet / the CSV file, within bounds."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix in (".csv", ".txt"):
        try:
            if path.stat().st_size > MAX_CSV_BYTES:
                raise YzdocsError(f"CSV 文件 {path} 过大（上限 {MAX_CSV_BYTES >> 20} MB），不像法院案件清单。")
            text = decode(path.read_bytes())
        except OSError as exc:
            raise YzdocsError(f"无法读取 {path}：{exc.strerror or exc}") from None
        dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0] else "excel"
        rows = []
        for i, r in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if i > MAX_ROWS:
                raise YzdocsError(f"清单超过 {MAX_ROWS:,} 行，不像法院案件清单。")
            rows.append((i, r[:MAX_COLUMNS]))
        return rows
    raise YzdocsError(f"不支持的文件类型“{path.suffix}”：请提供 .xlsx 或 .csv 文件（.xls 请先用 Excel/WPS 另存为 .xlsx）。")


def _xlsx_rows(path: Path) -> list[tuple[int, list]]:
    import zipfile

    from openpyxl import load_workbook

    from yzdocs.render.active import check_sizes

    try:
        with zipfile.ZipFile(path) as zf:  # declared sizes first: a few KB may declare gigabytes
            check_sizes(zf, str(path))
        wb = load_workbook(path, read_only=True, data_only=True)
    except YzdocsError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise YzdocsError(f"无法读取 Excel 文件 {path}：{exc}") from None
    try:
        sheet = wb.active
        sheet.reset_dimensions()  # ignore the declared extent (A1:XFD1048576 would mean 10^10 empty cells)
        rows = []
        for i, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1):
            if i > MAX_ROWS:
                raise YzdocsError(f"清单超过 {MAX_ROWS:,} 行，不像法院案件清单。")
            rows.append((i, list(row)))
        return rows
    finally:
        wb.close()


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK, what Chinese Excel writes).
    A file that says it is UTF-8 (BOM) but has a row in another encoding is refused naming the row."""
    if raw.startswith(b"\xef\xbb\xbf"):
        body = raw[3:]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = body[:exc.start].count(b"\n") + 1
            raise YzdocsError(f"CSV 文件标明是 UTF-8 编码，但第 {line} 行不是（可能混入了从其他文件粘贴的 GBK 文字）。"
                              "请在 Excel 中把整个文件另存为“CSV UTF-8”。") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise YzdocsError("CSV 文件的编码无法识别（既不是 UTF-8 也不是 GBK）。请在 Excel 中另存为“CSV UTF-8”。") from None


def columns(settings: dict) -> dict[str, list[str]]:
    configured = settings.get("court_list") or {}
    cols = {k: list(v) for k, v in DEFAULT_COLUMNS.items()}
    for key, value in configured.items():
        if key in cols and value:
            cols[key] = [value] if isinstance(value, str) else [str(v) for v in value]
    return cols


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_dates(value) -> list[date]:
    if isinstance(value, datetime):
        return [value.date()]
    if isinstance(value, date):
        return [value]
    return [date(int(y), int(m), int(d)) for y, m, d in _DATE.findall(_cell(value))]


def parse_list(path: Path, settings: dict) -> tuple[list[ListRow], list[tuple]]:
    """The rows of the list, and the problems of rows that cannot be used."""
    rows = read_rows(path)
    cols = columns(settings)
    header_at, index = None, {}
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        names = [_cell(c) for c in cells]
        if any(h in names for h in cols["case_no"]):
            header_at = number
            index = {key: next((names.index(h) for h in heads if h in names), None) for key, heads in cols.items()}
            break
    if header_at is None:
        raise YzdocsError(f"在 {path.name} 的前 {HEADER_SEARCH_ROWS} 行中找不到“{cols['case_no'][0]}”列。"
                          "如列名不同，请在 yzdocs.yaml 的 court_list: 中设置，例如 court_list: {case_no: 案件编号}。")
    out, problems = [], []
    for number, cells in rows:
        if number <= header_at or not any(_cell(c) for c in cells):
            continue

        def get(key):
            i = index.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        raw = _cell(get("case_no"))
        row = ListRow(number, raw, casenumber.parse(raw), _cell(get("defendant")),
                      [p.strip() for p in _SPLIT.split(_cell(get("plaintiffs"))) if p.strip()], _cell(get("cause")))
        for key in ("filed_on", "received_on", "hearing_on"):
            value = get(key)
            dates = parse_dates(value)
            if _cell(value) and not dates:
                problems.append((number, f"“{_cell(value)}”不是可识别的日期（{cols[key][0]}列），已忽略。"))
            if key == "hearing_on":
                row.hearings = sorted(set(dates))
            elif dates:
                setattr(row, key, dates[0])
        if row.case_no is None:
            problems.append((number, casenumber.invalid_message(raw) + "未导入该行。"))
            continue
        out.append(row)
    return out, problems


# -- comparing with the repository ---------------------------------------------------------------
def build_plan(root: Path, path: Path) -> tuple[Plan, Repository]:
    repo = newcase.load_for_authoring(root)
    rows, problems = parse_list(path, repo.settings)
    plan = Plan(path.name, len(rows), problems=problems)
    existing = newcase.existing_cases(repo)
    docs = {d.rel: d for d in repo.cases}
    groups: dict[str, list[ListRow]] = {}
    for row in rows:
        groups.setdefault(str(row.case_no), []).append(row)
    for number, group in groups.items():
        first = group[0]
        ids = {}
        for row in group:
            if row.defendant:
                aid = newcase.match_agency(repo.agencies, row.defendant)
                if aid is None:
                    plan.problems.append((row.row, f"{number}：被告“{row.defendant}”未在 agencies.yaml 中登记，"
                                          "也不是任何机关的别名（aliases）。请登记该机关或为其添加别名后重新导入。"))
                else:
                    ids[aid] = row.defendant
        hearing_dates = sorted({d for row in group for d in row.hearings})
        if number in existing:
            _compare(plan, repo, docs[existing[number]], number, group, ids, hearing_dates)
        else:
            _create(plan, repo, number, first, ids, hearing_dates, [p for r in group for p in r.plaintiffs])
    return plan, repo


def _compare(plan, repo, doc, number, group, ids, hearing_dates):
    if not doc.ok:
        plan.problems.append((group[0].row, f"{number}：案件文件 {doc.rel} 有错误，未比对。请先运行 yzdocs check 修正。"))
        return
    case = doc.data
    have = {h.get("date") for h in case.get("hearings") or () if isinstance(h, dict)}
    missing = [d for d in hearing_dates if d not in have]
    for d in missing:
        plan.differences.append((number, "开庭日期", d.isoformat(), "（无）", "--apply 时添加"))
    if missing:
        plan.additions[doc.rel] = (number, missing)
    defendants = {case.get("defendant"), *(case.get("co_defendants") or ())}
    for aid, text in ids.items():
        if aid not in defendants:
            plan.differences.append((number, "被告", f"{text}（{aid}）", str(case.get("defendant")), "请人工核对"))
    cause = group[0].cause
    if cause and case.get("cause") and cause != case.get("cause"):
        plan.differences.append((number, "案由", cause, case["cause"], "请人工核对"))
    names = {p.get("name") for p in case.get("plaintiffs") or () if isinstance(p, dict)}
    for name in dict.fromkeys(p for r in group for p in r.plaintiffs):
        if name not in names:
            plan.differences.append((number, "原告", name, "（无）" if not names else "、".join(sorted(names)), "请人工核对"))


def _create(plan, repo, number, first, ids, hearing_dates, plaintiffs):
    if len(ids) != 1:
        if len(ids) > 1:
            plan.problems.append((first.row, f"{number}：清单中被告不一致（{'、'.join(ids.values())}），未新建。"))
        elif not first.defendant:
            plan.problems.append((first.row, f"{number}：清单中没有被告，未新建。请用 yzdocs new 手工建立。"))
        return
    received, note = first.received_on, None
    if received is None and first.filed_on is not None:
        received, note = first.filed_on, "暂按法院立案日期填写，请改为实际收到应诉通知书的日期"
    if received is None:
        plan.problems.append((first.row, f"{number}：清单中没有立案日期或收到日期，未新建。请用 yzdocs new 手工建立。"))
        return
    values = {"case_no": number, "defendant": next(iter(ids)), "received_on": received,
              "cause": first.cause or None,
              "plaintiffs": [{"name": p} for p in dict.fromkeys(plaintiffs)] or None,
              "hearings": [{"date": d} for d in hearing_dates] or None}
    try:
        new, _ = newcase.prepare(repo, values, {"received_on": note} if note else None)
    except YzdocsError as exc:
        plan.problems.append((first.row, f"{number}：{exc}"))
        return
    plan.creations.append((first, new, note))


def apply_plan(plan: Plan, repo: Repository) -> tuple[list[str], list[tuple]]:
    """Write the new files and add the missing hearing dates; (files written, problems)."""
    written, problems = [], []
    for _row, new, _note in plan.creations:
        newcase.write_case(repo, new)
        written.append(new.rel)
    for rel, (number, dates) in plan.additions.items():
        try:
            if hearings.add_hearings(repo.root / rel, dates, set(repo.agencies)):
                written.append(rel)
        except YzdocsError as exc:
            problems.append((None, f"{number}：{exc}"))
    return written, problems
