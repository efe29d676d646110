"""The field list of a schema with Chinese labels (`yzdocs schema --fields`)."""

from __future__ import annotations

from yzdocs.authoring.skeleton import width as display_width
from yzdocs.schema import load_schema

TYPES = {"string": "文字", "date": "日期 YYYY-MM-DD", "list": "列表", "dict": "映射", "boolean": "true/false",
         "integer": "整数", "number": "数字"}


def field_rows(kind: str) -> list[tuple[str, str, str, str]]:
    """(path, label, type and requiredness, allowed values) per field, in schema order."""
    spec = load_schema(kind)
    fields = spec["fields"]
    if spec.get("wrap"):
        fields = {"<年份>": fields[spec["wrap"]]["valuesrules"]}
    rows: list[tuple[str, str, str, str]] = []
    _walk(fields, "", rows)
    return rows


def _walk(schema: dict, prefix: str, rows: list) -> None:
    for key, rule in schema.items():
        path = f"{prefix}{key}"
        meta = rule.get("meta", {})
        kind = rule.get("type", "")
        what = TYPES.get(kind, kind) + ("，必填" if rule.get("required") else "")
        labels = meta.get("values", {})
        allowed = rule.get("allowed") or []
        sub = rule.get("schema") or {}
        if kind == "list" and sub.get("allowed"):
            allowed, labels = sub["allowed"], sub.get("meta", {}).get("values", {})
        values = " | ".join(f"{v} {labels.get(v, '')}".rstrip() for v in allowed)
        rows.append((path, meta.get("label", ""), what, values))
        if kind == "dict" and "schema" in rule:
            _walk(rule["schema"], path + ".", rows)
        elif kind == "dict" and "valuesrules" in rule and "schema" in rule["valuesrules"]:
            _walk(rule["valuesrules"]["schema"], path + ".<键>.", rows)
        elif kind == "list" and sub.get("type") == "dict":
            _walk(sub["schema"], path + "[].", rows)


def to_text(kind: str) -> str:
    spec = load_schema(kind)
    rows = field_rows(kind)
    path_width = max(len(r[0]) for r in rows) + 2
    label_width = max(display_width(r[1]) for r in rows) + 2
    lines = [f"{spec['label']}（{kind}）的字段："]
    for path, label, what, values in rows:
        line = f"  {path:{path_width}}{label}{' ' * (label_width - display_width(label))}{what}"
        lines.append(line + (f"；可选：{values}" if values else ""))
    return "\n".join(lines) + "\n"
