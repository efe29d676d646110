"""How a document names the parties and the suit: by level, by who appealed, and for compensation.

The wording is data (phrases.yaml ``parties`` and ``original``); this module
only picks the row. A second-instance case with no ``appellant`` gets neutral
wording (原审原告 …) and a build warning, never a first-instance sentence such
as 「向……中级人民法院提起行政诉讼」.
"""

from __future__ import annotations

from decimal import Decimal

from yzdocs import casenumber
from yzdocs.render.phrases import table

APPELLATE_LEVELS = ("second", "retrial")


def situation(case: dict) -> str:
    """The row of the ``parties`` table that speaks for ``case``."""
    level = case.get("level")
    if level in APPELLATE_LEVELS:
        appellant = case.get("appellant")
        return f"{level}_{appellant}" if appellant in ("other", "agency") else level
    return "first_compensation" if is_compensation(case) else "first"


def is_compensation(case: dict) -> bool:
    """A 行政赔偿 case: by its number (行赔初/行赔终), its cause, or a recorded claim."""
    number = casenumber.parse(case.get("case_no"))
    return bool((number and "赔" in number.kind) or "行政赔偿" in str(case.get("cause") or "")
                or (case.get("compensation") or {}).get("claimed") is not None)


def missing_appellant(case: dict) -> bool:
    return case.get("level") in APPELLATE_LEVELS and case.get("appellant") not in ("other", "agency")


def parties(case: dict, *, plaintiffs: str, defendant: str, court: str) -> dict:
    """The ``parties`` context: role names and ready sentences (see phrases.yaml)."""
    row = table()["parties"][situation(case)]
    level = case.get("level") if case.get("level") in APPELLATE_LEVELS else "second"
    number = casenumber.canonical(case["original_case_no"]) if case.get("original_case_no") else ""
    original = table()["original"][f"{level}_no" if number else level].format(no=number)
    claimed = amount((case.get("compensation") or {}).get("claimed"))
    values = {"claim": f"，请求赔偿{claimed}" if claimed else "", "plaintiffs": plaintiffs, "defendant": defendant, "court": court, "original": original,
              "cause": str(case.get("cause") or ""), "act": str(case.get("act") or "")}
    out = {key: text.format(**values) for key, text in row.items()}
    for role in ("plaintiff", "defendant"):  # a form's label cell: 上诉人 on one line, （原审原告） under it
        title, paren, rest = out[role].partition("（")
        out[f"{role}_title"], out[f"{role}_note"] = title, paren + rest
    return out


def amount(value) -> str:
    """An amount of money as printed: 86000元, 12500.5元 (never 1.25e4, never a float's noise)."""
    if value is None or isinstance(value, bool):
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{number:f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:f}"
    return f"{text}元"
