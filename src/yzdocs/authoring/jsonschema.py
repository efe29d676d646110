"""The Cerberus schemas as JSON Schema, for editors (VS Code + yaml-language-server).

The output declares draft 2020-12 but uses only keywords that draft-07 also
has (yaml-language-server implements draft-07 and earlier), so every editor
reads all of it. What JSON Schema cannot say — agency ids that must exist in
agencies.yaml, date order, duplicate case numbers, YAML 1.1 surprises — is
left to `yzdocs check`. The editor reads YAML 1.2, where a date is a string:
dates are strings with ``format: date`` and a pattern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from yzdocs import casenumber
from yzdocs.resources import SCHEMAS
from yzdocs.schema import TYPE_LABELS, load_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:yzdocs:schema:"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # PyYAML reads exactly these as dates (no time part)

# Schema kind -> the repository files it describes (yaml.schemas globs, from the repository root).
FILE_GLOBS = {
    "case": ["/cases/**/*.yaml", "/cases/**/*.yml"],
    "agencies": ["/agencies.yaml"],
    "settings": ["/yzdocs.yaml"],
    "circular": ["/circulars/*.yaml", "/circulars/*.yml"],
    "meetings": ["/meetings/*.yaml", "/meetings/*.yml"],
    "report": ["/reports/*.yaml", "/reports/*.yml"],
    "holidays": ["/holidays.yaml"],
    "targets": ["/notify.yaml"],
}
ORDER = ("case", "agencies", "settings", "circular", "meetings", "report", "holidays", "targets", "policy")
_JSON_TYPES = {"string": "string", "date": "string", "boolean": "boolean", "integer": "integer",
               "number": "number", "list": "array", "dict": "object"}


def kinds() -> list[str]:
    """Every schema kind shipped in ``schemas/`` (known ones first, in a fixed order)."""
    present = sorted(p.stem for p in SCHEMAS.glob("*.yaml"))
    return [k for k in ORDER if k in present] + [k for k in present if k not in ORDER]


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def case_no_pattern() -> str:
    """casenumber's own regular expression, made portable (ECMA-262) and anchored."""
    body = re.sub(r"\(\?P<\w+>", "(?:", casenumber._PATTERN.pattern).replace(r"\d", "[0-9]")
    return rf"^\s*(?:{body})\s*$"


def agency_id_pattern() -> str:
    """Every registered agency id matches the id regex of agencies.yaml."""
    return _anchor(load_schema("agencies")["fields"]["agencies"]["schema"]["schema"]["id"]["regex"])


def _anchor(regex: str) -> str:
    return f"^(?:{regex.replace(chr(92) + 'd', '[0-9]')})$"  # Cerberus regexes must match the whole value


def _description(rule: dict) -> str:
    meta = rule.get("meta", {})
    parts = [meta.get("label", "")]
    kind = rule.get("type")
    if kind == "date":
        parts.append("日期，写作 YYYY-MM-DD（如 2023-03-13），不加引号")
    elif kind in TYPE_LABELS and kind not in ("dict", "string"):
        parts.append(TYPE_LABELS[kind])
    if rule.get("required"):
        parts.append("必填")
    if rule.get("check_with") == "case_no":
        parts.append(casenumber.FORM_HINT)
    if rule.get("check_with") == "agency_id":
        parts.append("agencies.yaml 中登记的机关代号")
    if rule.get("allowed"):
        labels = meta.get("values", {})
        parts.append("可选：" + "、".join(f"{v}（{labels[v]}）" if v in labels else str(v) for v in rule["allowed"]))
    if "default" in rule:
        parts.append(f"默认：{rule['default']}")
    if meta.get("help"):
        parts.append(meta["help"].rstrip("。"))
    return "。".join(p for p in parts if p) + "。"


def convert(rule: dict) -> dict:
    """One Cerberus rule set as a JSON Schema (draft-07-compatible keywords only)."""
    out: dict = {}
    label = rule.get("meta", {}).get("label")
    if label:
        out["title"] = label
    out["description"] = _description(rule)
    kind = rule.get("type")
    json_type = _JSON_TYPES.get(kind)
    if json_type:
        out["type"] = [json_type, "null"] if rule.get("nullable") else json_type
    if kind == "date":
        out["format"] = "date"
        out["pattern"] = DATE_PATTERN
    if "default" in rule:
        out["default"] = rule["default"]
    if rule.get("allowed"):
        labels = rule.get("meta", {}).get("values", {})
        values = list(rule["allowed"]) + ([None] if rule.get("nullable") else [])
        texts = [labels.get(v, str(v)) if v is not None else "（空，等于未填写）" for v in values]
        out["enum"] = values
        out["enumDescriptions"] = texts  # shown by yaml-language-server next to each completion
        out["markdownEnumDescriptions"] = texts
    if "regex" in rule:
        out["pattern"] = _anchor(rule["regex"])
    if rule.get("check_with") == "case_no":
        out["pattern"] = case_no_pattern()
    if rule.get("check_with") == "agency_id":
        out["pattern"] = agency_id_pattern()
    if rule.get("empty") is False and kind == "string":
        out["minLength"] = 1
    if "min" in rule:
        out["minimum"] = rule["min"]
    if "max" in rule:
        out["maximum"] = rule["max"]
    if "maxlength" in rule:
        out["maxItems" if kind == "list" else "maxLength"] = rule["maxlength"]
    if kind == "list" and "schema" in rule:
        out["items"] = convert(rule["schema"])
    if kind == "dict":
        _object(rule, out)
    return out


def _object(rule: dict, out: dict) -> None:
    if "schema" in rule:
        out["properties"] = {key: convert(sub) for key, sub in rule["schema"].items()}
        required = [key for key, sub in rule["schema"].items() if sub.get("required")]
        if required:
            out["required"] = required
        if not rule.get("allow_unknown"):
            out["additionalProperties"] = False
    if "keysrules" in rule:
        keys = rule["keysrules"]
        if keys.get("type") == "integer":  # YAML keys like 2026 are numbers; JSON property names are text
            span = f"（{keys['min']}–{keys['max']}）" if "min" in keys and "max" in keys else ""
            out["propertyNames"] = {"pattern": "^[0-9]+$", "description": f"年份{span}，如 2026。"}
        else:
            out["propertyNames"] = {k: v for k, v in convert(keys).items() if k not in ("type", "title")}
    if "valuesrules" in rule:
        out["additionalProperties"] = convert(rule["valuesrules"])


def export(kind: str) -> dict:
    """The JSON Schema of one repository file kind."""
    spec = load_schema(kind)
    if spec.get("wrap"):  # the file's top level is the value of the wrapped field
        root = dict(spec["fields"][spec["wrap"]])
    else:
        root = {"type": "dict", "schema": spec["fields"]}
    root["meta"] = dict(root.get("meta", {}), label=spec["label"])
    body = convert(root)
    head = {"$schema": DIALECT, "$id": f"{ID_PREFIX}{kind}"}
    return {**head, **body}


def dumps(schema: dict) -> str:
    """Deterministic JSON text: keys in the schema's own order, two-space indent, final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def export_all() -> dict[str, str]:
    """File name -> text of every exported schema."""
    return {file_name(kind): dumps(export(kind)) for kind in kinds()}


def write_schemas(directory: Path) -> list[Path]:
    from yzdocs.output.atomic import write_atomic

    written = []
    for name, text in export_all().items():
        path = Path(directory) / name
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


def yaml_schemas(schema_dir: str) -> dict:
    """The ``yaml.schemas`` setting: schema file (relative to the workspace root) -> globs."""
    return {f"./{schema_dir.strip('/')}/{file_name(kind)}": globs
            for kind, globs in FILE_GLOBS.items() if kind in kinds()}


def vscode_settings(schema_dir: str, existing: dict | None = None) -> dict:
    """VS Code workspace settings for a case repository, keeping the user's other settings."""
    settings = dict(existing or {})
    settings["yaml.schemas"] = {**(settings.get("yaml.schemas") or {}), **yaml_schemas(schema_dir)}
    settings.setdefault("files.encoding", "utf8")  # staff editors default to GBK on Chinese Windows
    settings.setdefault("files.eol", "\n")
    settings.setdefault("[yaml]", {"editor.insertSpaces": True, "editor.tabSize": 2,
                                   "editor.autoIndent": "keep", "editor.quickSuggestions": {"other": True,
                                                                                            "comments": False,
                                                                                            "strings": True}})
    return settings
