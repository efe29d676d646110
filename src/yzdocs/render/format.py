"""How values print in documents: dates, enums, agencies, case numbers.

These are used to build contexts (context.py) and are also Jinja filters, so a
template edited by staff can format a raw value the same way:
``{{ "2023-03-09" | cn_date }}`` → 2023年3月9日.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

from yzdocs import casenumber


def cn_date(value) -> str:
    """2023年3月9日 (Arabic numerals, no leading zeros, GB/T 9704); '' for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def case_label(value, path: str, kind: str = "case") -> str:
    """The Chinese label of an enum value (``revoked`` → 撤销); '' for none."""
    if value is None or value == "":
        return ""
    return _enum_labels(kind, path).get(value, str(value))


@functools.lru_cache(maxsize=None)
def _enum_labels(kind: str, path: str) -> dict:
    """meta.values of the field at dotted ``path`` of schema ``kind`` (list levels are transparent)."""
    node = {"type": "dict", "schema": _schema_fields(kind)}
    for key in path.split("."):
        while node.get("type") == "list":
            node = node.get("schema") or {}
        node = (node.get("schema") or {}).get(key) or {}
    while node.get("type") == "list":
        node = node.get("schema") or {}
    return dict((node.get("meta") or {}).get("values") or {})


def _schema_fields(kind: str) -> dict:
    from yzdocs.schema import load_schema

    return load_schema(kind)["fields"]


def case_no(value) -> str:
    """A case number in its canonical full-width form."""
    return casenumber.canonical(value) if isinstance(value, str) else ("" if value is None else str(value))


def join(values, sep: str = "、") -> str:
    """List items joined the Chinese way: 甲、乙、丙."""
    return sep.join(str(v) for v in values or () if v not in (None, ""))


def yes_no(value) -> str:
    return {True: "是", False: "否"}.get(value, "")


FILTERS = {"cn_date": cn_date, "case_label": case_label, "case_no": case_no, "join": join, "yes_no": yes_no}
