"""A commented case-file skeleton generated from the case schema.

Every field of ``schemas/case.yaml`` appears in schema order (the order staff
fill them in), each with its Chinese label and allowed values as a comment.
Fields up to ``received_on`` are live; the sections of events that have not
happened yet are commented out (``# `` in column 1, original indentation
kept), so filling one in means deleting ``# `` and typing the value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import yaml

from yzdocs.schema import load_schema

COMMENT_COLUMN = 41  # display column of the trailing comments, as in the example repository
LAST_LIVE_FIELD = "received_on"  # what the response notice tells; later sections are events
# Fields preceded by a blank line, as in the example repository's case files.
GROUPS = ("responsibility", "received_on", "mediation", "guarantee", "hearings", "judgment",
          "loss_analysis", "performance", "judicial_suggestions", "notes")

HEADER = (
    "# 行政应诉案件 — 每个案件一个文件。日期写作 YYYY-MM-DD（如 2023-03-13）。\n"
    "# 尚未发生的事项保持注释（行首的 #）；发生后删去行首的“# ”并填写。空着的字段等于未填写。\n"
    "# 填写完用 yzdocs check 检查；字段说明见 yzdocs schema --fields。\n"
)

# Strings a YAML 1.2 editor would read as something else, beyond what PyYAML quotes.
_YAML12_NON_STRING = re.compile(r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|\.(inf|Inf|INF)|\.(nan|NaN|NAN))")


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def scalar(value) -> str:
    """``value`` as a YAML scalar that PyYAML (1.1) and an editor (1.2) both read back unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    if any(c in text for c in "\n\r\t") or not text.isprintable():
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1 << 20).removesuffix("\n...\n").removesuffix("\n")
    if _YAML12_NON_STRING.fullmatch(text) and not dumped.startswith("'"):
        return "'" + text + "'"
    return dumped


def describe(rule: dict) -> str:
    """The comment of a field: label, then what may be written."""
    meta = rule.get("meta", {})
    parts = [meta.get("label", "")]
    if rule.get("required"):
        parts.append("（必填）")
    if rule.get("type") == "date":
        parts.append("（YYYY-MM-DD）")
    if rule.get("check_with") == "agency_id":
        parts.append(" — agencies.yaml 中的机关代号")
    if rule.get("check_with") == "case_no":
        parts.append(" — 如（2023）鲁0404行初15号")
    if rule.get("type") == "boolean":
        parts.append(": true 是 | false 否")
    allowed = rule.get("allowed") or (rule.get("schema") or {}).get("allowed")
    if allowed:
        labels = meta.get("values") or (rule.get("schema") or {}).get("meta", {}).get("values", {})
        parts.append(": " + " | ".join(f"{v} {labels.get(v, '')}".rstrip() for v in allowed))
    return "".join(parts)


class _Writer:
    def __init__(self, notes: dict):
        self.lines: list[str] = []
        self.notes = notes  # dotted path -> extra comment for that line

    def line(self, text: str, comment: str, commented: bool, path: str = "") -> None:
        extra = self.notes.get(path)
        comment = f"{comment}；{extra}" if extra and comment else (extra or comment)
        if commented:
            text = "# " + text
        if comment:
            pad = max(COMMENT_COLUMN - width(text), 2)
            text = f"{text}{' ' * pad}# {comment}"
        self.lines.append(text.rstrip())

    def field(self, key: str, rule: dict, value, indent: int, commented: bool, path: str, dash: bool = False) -> None:
        lead = " " * indent + ("- " if dash else "")
        kind = rule.get("type")
        child_indent = indent + 2
        if kind == "dict" and "schema" in rule:
            self.line(f"{lead}{key}:", describe(rule), commented, path)
            self.mapping(rule["schema"], value, child_indent, commented, path)
        elif kind == "list" and (rule.get("schema") or {}).get("type") == "dict":
            self.line(f"{lead}{key}:", describe(rule), commented, path)
            item_rule = rule["schema"]
            items = value or [None]
            for i, item in enumerate(items):
                # an empty live list keeps its example item commented out
                self.mapping(item_rule["schema"], item, child_indent, commented or item is None,
                             f"{path}.{i}", dash=True)
        elif kind == "list":
            if value:
                self.line(f"{lead}{key}:", describe(rule), commented, path)
                for item in value:
                    self.line(" " * child_indent + "- " + scalar(item), "", commented)
            else:
                self.line(f"{lead}{key}: []", describe(rule), commented, path)
        else:
            self.line(f"{lead}{key}: {scalar(value)}".rstrip(), describe(rule), commented, path)

    def mapping(self, schema: dict, values, indent: int, commented: bool, path: str, dash: bool = False) -> None:
        values = values or {}
        for key, rule in schema.items():
            self.field(key, rule, values.get(key), indent, commented, f"{path}.{key}" if path else key, dash=dash)
            if dash:
                indent += 2  # the other keys of a list item align after "- "
                dash = False


def render(values: dict, notes: dict | None = None) -> str:
    """The text of a new case file holding ``values`` (top-level field -> value).

    ``notes`` adds a remark to the comment of a field (dotted path, e.g.
    ``received_on``). Sections after ``received_on`` are commented out unless
    ``values`` fills them (e.g. hearings from the court's list).
    """
    schema = load_schema("case")["fields"]
    w = _Writer(notes or {})
    live = True
    for key, rule in schema.items():
        value = values.get(key)
        commented = not live and value is None and not (key == "guarantee" and values.get("risk") == "high")
        if key in GROUPS:
            w.lines.append("")  # blank lines between the groups of the example file
        w.field(key, rule, value, 0, commented, key)
        if key == LAST_LIVE_FIELD:
            live = False
    text = "\n".join(w.lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return HEADER + text + "\n"
