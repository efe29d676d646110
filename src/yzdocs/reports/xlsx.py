"""The statistics as an .xlsx workbook (openpyxl): one sheet per table.

Chinese headers, rates as real numbers formatted as percentages, frozen
header rows and first column, widths fitted to the text (a CJK character is
two columns wide). openpyxl stamps the time into docProps and the zip
entries; both are fixed here so the file is reproducible.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime

from yzdocs.reports.stats import DEADLINE_RULES, RULE_TITLES, CASE_RULES
from yzdocs.output.package import rezip

PERCENT = "0.0%"
FIXED_TIME = datetime(2000, 1, 1)

MAIN_COLUMNS = (
    ("new_cases", "新收案件"), ("concluded", "审结案件"), ("losses", "败诉案件"), ("loss_rate", "败诉率"),
    ("withdrawn", "撤诉"), ("settled", "调解结案"), ("pending_at_end", "期末未结"),
    ("heard_cases", "开庭案件"), ("head_appeared", "负责人每次均出庭"), ("head_appearance_rate", "负责人出庭率"),
    ("principal_appeared", "主要负责人每次均出庭"), ("principal_appearance_rate", "主要负责人出庭率"),
    ("high_risk", "新收高风险案件"),
)


def display_width(value) -> int:
    text = value if isinstance(value, str) else ("100.0%" if isinstance(value, float) else str(value))
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _units(stats: dict):
    yield "全区合计", stats["district"]
    for unit in stats["agencies"].values():
        yield unit["name"], unit


def workbook_bytes(stats: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "yzdocs"
    wb.properties.title = f"{stats['label']}行政应诉案件统计"
    main = wb.active
    main.title = "案件统计"
    _table(main, ["单位"] + [h for _, h in MAIN_COLUMNS],
           [[name] + [u[k] for k, _ in MAIN_COLUMNS] for name, u in _units(stats)])

    heads = ["单位"]
    for r in DEADLINE_RULES:
        heads += [f"{r}{RULE_TITLES[r]}应办", f"{r}按期", f"{r}按期率"]
    rows = []
    for name, u in _units(stats):
        row = [name]
        for r in DEADLINE_RULES:
            v = u["on_time"][r]
            row += [v["due"], v["met"], v["rate"]]
        rows.append(row)
    _table(wb.create_sheet("期限遵守"), heads, rows)

    _table(wb.create_sheet("违规统计"), ["单位"] + [f"{r}{RULE_TITLES[r]}" for r in CASE_RULES] + ["合计"],
           [[name] + [u["violations"][r] for r in CASE_RULES] + [sum(u["violations"].values())]
            for name, u in _units(stats)])

    _table(wb.create_sheet("履行与司法建议"),
           ["单位", "生效败诉裁判", "已履行", "履行中", "拒不履行", "收到司法建议", "已落实", "落实中", "拒不落实"],
           [[name] + [u["performance"][k] for k in ("effective", "performed", "pending", "refused")]
            + [u["judicial_suggestions"][k] for k in ("received", "implemented", "pending", "refused")]
            for name, u in _units(stats)])

    _table(wb.create_sheet("未计入案件"), ["文件", "案号", "被告", "原因"],
           [[x["file"], x["case_no"] or "", x["agency"] or "", x["reason"]] for x in stats["district"]["left_out"]])

    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fix_core(rezip(buffer.getvalue()))


def _table(ws, headers: list[str], rows: list[list]) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=False)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text from data is text: "=HYPERLINK(…)" in a name never becomes a formula
    widths = [display_width(h) for h in headers]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if "率" in headers[c - 1]:
                ws.cell(r, c).number_format = PERCENT
            widths[c - 1] = max(widths[c - 1], display_width("" if value is None else value))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = min(width + 2, 80)
    ws.freeze_panes = "B2"


def _fix_core(data: bytes) -> bytes:
    """openpyxl writes the save time as dcterms:modified; put the fixed time back."""
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        core = zf.read("docProps/core.xml").decode("utf-8")
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\3", core)
    return rezip(data, {"docProps/core.xml": core.encode("utf-8")})
