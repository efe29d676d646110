"""Cerberus validation of repository files, with Chinese messages and positions.

The schemas are data (``schemas/<kind>.yaml``). One validator per kind is built
once and reused for every document: building a Cerberus Validator validates
the schema itself, which costs more than validating a case.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from dataclasses import dataclass
from functools import lru_cache

import cerberus
import yaml
from cerberus import errors as E
from cerberus.schema import DefinitionSchema

from yzdocs import casenumber, periods
from yzdocs.loading import Document
from yzdocs.resources import SCHEMAS

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCHEMA_DIR = SCHEMAS

TYPE_LABELS = {
    "string": "文字", "date": "日期（YYYY-MM-DD）", "list": "列表（每项以“- ”开头）",
    "dict": "映射（“字段: 值”）", "boolean": "true 或 false", "integer": "整数", "number": "数字",
}


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict:
    """The parsed ``schemas/<kind>.yaml``, its ``limits`` applied to every field."""
    # A plain path, not importlib.resources: it would import zipfile and more on the
    # pre-commit path, and the package is always installed as files.
    text = (SCHEMA_DIR / f"{kind}.yaml").read_text("utf-8")
    schema = yaml.load(text, Loader=Loader)
    if schema.get("limits"):
        _apply_limits(schema["fields"], schema["limits"])
    return schema


def _apply_limits(fields: dict, limits: dict, prefix: str = "") -> None:
    """Give every string and list without a ``maxlength`` the bound ``limits`` sets for it."""
    for name, rule in fields.items():
        dotted_name = f"{prefix}{name}"
        if rule.get("type") == "string" and dotted_name in limits["text_fields"]:
            rule.setdefault("meta", {})["multiline"] = True  # prose: may run over several lines
        if rule.get("type") == "string" and "maxlength" not in rule:
            rule["maxlength"] = limits["text"] if dotted_name in limits["text_fields"] else limits["string"]
        elif rule.get("type") == "list":
            rule.setdefault("maxlength", limits.get("lists", {}).get(dotted_name, limits["list"]))
            item = rule.get("schema") or {}
            if item.get("type") == "dict":
                _apply_limits(item.get("schema") or {}, limits, f"{dotted_name}.")
            elif item.get("type") == "string" and "maxlength" not in item:
                item["maxlength"] = limits["string"]
        if rule.get("type") == "dict" and isinstance(rule.get("schema"), dict):
            _apply_limits(rule["schema"], limits, f"{dotted_name}.")


def plain_relative(name: str) -> bool:
    """A path that stays inside the folder it is read from by what it says: relative, no "..", no drive,
    no home folder (symlinks are ``contained``'s business)."""
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", name) or ".." in parts)


class _Validator(cerberus.Validator):
    """Cerberus with the repository's own checks (``check_with``)."""

    def _check_with_case_no(self, field, value):
        if isinstance(value, str) and casenumber.parse(value) is None:
            self._error(field, casenumber.invalid_message(value))
        elif isinstance(value, str) and casenumber.full_width_digits(value):
            self._error(field, f"案号“{value}”中有全角数字（中文输入法），请改为半角：{casenumber.canonical(value)}。")

    def _check_with_repo_path(self, field, value):
        """A file or folder a setting names stays in the repository: relative, no "..", no drive."""
        if isinstance(value, str) and not plain_relative(value):
            self._error(field, f"“{value}”不是案件库内的相对路径。出于安全考虑，设置中的文件和目录都必须在案件库之内"
                               "（例如 holidays.yaml、out）。")

    def _check_with_destination(self, field, value):
        """A notify destination: one Apprise URL of a kind yzdocs sends to (the value is never echoed:
        it may hold a password)."""
        from yzdocs.reminders.targets import destination_problem

        if isinstance(value, str) and (problem := destination_problem(value)):
            self._error(field, problem)

    def _check_with_agency_id(self, field, value):
        ids = self._config["shared"]["agency_ids"]
        if ids is not None and isinstance(value, str) and value not in ids:
            hint = difflib.get_close_matches(value, sorted(ids), n=1)
            known = f"是否应为“{hint[0]}”？" if hint else f"已登记的机关代号：{'、'.join(sorted(ids)) or '（无）'}。"
            self._error(field, f"机关代号“{value}”未在 agencies.yaml 中登记。{known}")


_NESTED = ("schema", "keysrules", "valuesrules")


class _TrustedSchema(DefinitionSchema):
    """A built-in schema, taken as valid without Cerberus re-validating it.

    Validating the schema definitions is ~50 ms of every process — a sixth of a
    one-file pre-commit check. The built-in schemas are data shipped with the
    package and the test suite validates each with Cerberus itself
    (tests/test_schema.py::test_schemas_are_valid_cerberus_schemas).
    """

    def __init__(self, validator, schema):  # noqa: D107 — deliberately skips DefinitionSchema's validation
        self.validator = validator
        self.schema = self.expand(schema)


class _Level:
    """One mapping level of a schema, compiled once.

    Cerberus validates a nested ``schema`` rule by building a child validator,
    which copies and re-validates that sub-schema for every document: most of
    its time. Here each level gets its own long-lived validator for just its
    fields, and the walk into nested mappings, list items and keys/values is
    done here, so no schema is ever re-validated.
    """

    def __init__(self, fields: dict, config: dict):
        own, self.children, self.lengths = {}, {}, {}
        # one-line text (names, titles, numbers: printed on one line, in feeds and file names) and dates
        self.one_line = [n for n, r in fields.items()
                         if r.get("type") == "string" and not r.get("meta", {}).get("multiline")]
        self.dated = [n for n, r in fields.items() if r.get("type") == "date"]
        for name, rule in fields.items():
            # lengths are checked here, not by Cerberus: one len() instead of a rule call per field
            own[name] = {k: v for k, v in rule.items() if k not in _NESTED and k != "maxlength"}
            if "maxlength" in rule:
                self.lengths[name] = rule["maxlength"]
            if isinstance(rule.get("schema"), dict) and rule.get("type") == "dict":
                self.children[name] = ("dict", _Level(rule["schema"], config))
            elif isinstance(rule.get("schema"), dict) and rule.get("type") == "list":
                self.children[name] = ("list", _Level({"item": rule["schema"]}, config), rule.get("maxlength", 1 << 62))
            elif "keysrules" in rule or "valuesrules" in rule:
                keys = _Level({"key": rule["keysrules"]}, config) if "keysrules" in rule else None
                values = _Level({"value": rule["valuesrules"]}, config) if "valuesrules" in rule else None
                self.children[name] = ("map", keys, values)
        self.validator = _Validator(shared=config)
        self.validator.schema = _TrustedSchema(self.validator, own)

    def run(self, data: dict, prefix: tuple, out: list, alias=None) -> None:
        """Validate ``data``; collect (path, error). ``alias`` renames a wrapper key."""
        def where(key):
            return prefix + ((alias[1],) if alias and key == alias[0] else (key,))

        v = self.validator
        v.validate(data, normalize=False)
        out.extend((where(e.document_path[0]) + tuple(e.document_path[1:]), e) for e in _leaves(v._errors))
        for name, limit in self.lengths.items():
            value = data.get(name)
            if isinstance(value, (str, list)) and len(value) > limit:
                out.append((where(name), _TooLong(value, limit)))
        for name in self.one_line:
            value = data.get(name)
            if isinstance(value, str) and ("\n" in value or "\r" in value):
                out.append((where(name), _Custom(value, "只能写一行，不能换行（这里的文字会印在标题、表格、日历和文件名中）。"
                                                      "请删去换行，或去掉“|”“>”块写法。")))
        for name in self.dated:
            value = data.get(name)
            if isinstance(value, date) and not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
                out.append((where(name), _Custom(value, f"日期 {value.isoformat()} 不在 {DATE_RANGE[0].year} 年至 "
                                                      f"{DATE_RANGE[1].year} 年之间，请核对年份。")))
        for name, nested in self.children.items():
            value = data.get(name)
            if nested[0] == "dict" and isinstance(value, dict):
                nested[1].run(value, where(name), out)
            elif nested[0] == "list" and isinstance(value, list) and len(value) <= nested[2]:
                for i, item in enumerate(value):  # (an over-long list is one finding, its items unchecked)
                    nested[1].run({"item": item}, where(name), out, alias=("item", i))
            elif nested[0] == "map" and isinstance(value, dict):
                for key, item in value.items():
                    if nested[1]:
                        nested[1].run({"key": key}, where(name), out, alias=("key", key))
                    if nested[2]:
                        nested[2].run({"value": item}, where(name), out, alias=("value", key))


# Dates a case, a meeting or a report can carry: a year outside is a slip (0202, 2202), and would
# overflow the date arithmetic of every deadline.
DATE_RANGE = (date(1990, 1, 1), date(2100, 12, 31))


@dataclass
class _Custom:
    """A finding of the checks made here, in the shape of a Cerberus error (what _report reads)."""
    value: object
    message: str
    code: int = E.CUSTOM.code
    rule: str = "check_with"
    constraint: object = None

    @property
    def info(self) -> tuple:
        return (self.message,)


@dataclass
class _TooLong:
    """A length finding in the shape of a Cerberus error (what _report reads)."""
    value: object
    constraint: int
    code: int = E.MAX_LENGTH.code
    rule: str = "maxlength"
    info: tuple = ()


@lru_cache(maxsize=None)
def _compiled(kind: str) -> tuple[_Level, dict]:
    config = {"agency_ids": None}
    return _Level(load_schema(kind)["fields"], config), config


def validate(doc: Document, kind: str, agency_ids: set | None = None) -> None:
    """Append the schema findings of ``doc`` (already loaded without error)."""
    schema = load_schema(kind)
    wrap = schema.get("wrap")
    data = {wrap: doc.data} if wrap else doc.data
    level, config = _compiled(kind)
    config["agency_ids"] = agency_ids
    errors = []
    level.run(data, (), errors)
    for path, error in errors:
        if wrap:
            path = path[1:]
        if any(path[:i] in doc.flagged for i in range(len(path) + 1)):
            continue  # already reported, more precisely, while loading
        _report(doc, kind, path, error)
    for earlier, later in schema.get("date_order", ()):
        _check_order(doc, kind, earlier.split("."), later.split("."))


def _leaves(errs):
    for e in errs:
        if e.is_group_error:
            yield from _leaves(e.child_errors)
        else:
            yield e


def label_of(kind: str, path) -> str:
    """The Chinese label of the field at ``path`` (list indices skipped)."""
    node = {"schema": load_schema(kind)["fields"], "type": "dict"}
    label = load_schema(kind)["label"]
    for key in path:
        if node is None:
            break
        if isinstance(key, int):
            node = node.get("schema")
        elif "valuesrules" in node:
            node = node["valuesrules"]
        else:
            node = (node.get("schema") or {}).get(key)
        if node and node.get("meta", {}).get("label"):
            label = node["meta"]["label"]
    return label


def field_rule(kind: str, path) -> dict:
    """The Cerberus rules of the field at ``path`` ({} when unknown)."""
    node = {"schema": load_schema(kind)["fields"], "type": "dict"}
    for key in path:
        if isinstance(key, int):
            node = node.get("schema") or {}
        elif "valuesrules" in node:
            node = node["valuesrules"]
        else:
            node = (node.get("schema") or {}).get(key) or {}
    return node


def enum_label(kind: str, path, value) -> str:
    """The Chinese label of an enum value (the value itself when unlabelled)."""
    return field_rule(kind, path).get("meta", {}).get("values", {}).get(value, str(value))


def dotted(path) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _describe(value) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


_YES_NO = {"是": "true", "有": "true", "对": "true", "否": "false", "不是": "false", "无": "false", "没有": "false"}


def _meant_value(value, allowed: list, labels: dict):
    """The allowed code a value most likely means: its Chinese label (「撤销」 → revoked, 「分管负责人」 →
    deputy for 「副职/分管负责人」), or the code in other letter case; None when unclear."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for candidates in (
        [v for v in allowed if text in str(labels.get(v, "")).split("/") or labels.get(v) == text],
        [v for v in allowed if isinstance(v, str) and v.lower() == text.lower()],
        [v for v in allowed if text in str(labels.get(v, ""))],
    ):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _report(doc: Document, kind: str, path: tuple, error) -> None:
    name = f"“{label_of(kind, path)}”（{dotted(path)}）" if path else "文件"
    code, value, constraint = error.code, error.value, error.constraint
    at_key = False
    if code == E.REQUIRED_FIELD.code:
        message = f"缺少必填字段{name}。"
    elif code == E.UNKNOWN_FIELD.code:
        parent = field_rule(kind, path[:-1]) if len(path) > 1 else {"schema": load_schema(kind)["fields"]}
        known = sorted(k for k in (parent.get("schema") or {}) if isinstance(k, str))
        hint = difflib.get_close_matches(str(path[-1]), known, n=1)
        message = f"未知字段“{path[-1]}”（{dotted(path)}）。" + (f"是否应为“{hint[0]}”？" if hint else "请检查拼写，或删除该字段。")
        at_key = True
    elif code == E.BAD_TYPE.code:
        want = "或".join(TYPE_LABELS.get(t, t) for t in ([constraint] if isinstance(constraint, str) else constraint))
        message = f"{name}应为{want}，实际是{_describe(value)}。"
        if "boolean" in constraint and isinstance(value, str) and value.strip() in _YES_NO:
            meant = _YES_NO[value.strip()]
            message = f"{name}应为 true 或 false，实际是文字“{value}”。请写 {meant}（{'是' if meant == 'true' else '否'}）。"
    elif code in (E.UNALLOWED_VALUE.code, E.UNALLOWED_VALUES.code):
        rule = field_rule(kind, path)
        labels = rule.get("meta", {}).get("values", {})
        allowed = list(rule.get("allowed", constraint))
        if (meant := _meant_value(value, allowed, labels)) is not None:
            message = f"{name}的值“{value}”应写成代码：请写 {meant}（{labels.get(meant, meant)}）。"
        else:
            choices = "、".join(f"{v}（{labels[v]}）" if v in labels else str(v) for v in allowed)
            message = f"{name}的值“{value}”不在允许范围内。可选：{choices}。"
    elif code == E.NOT_NULLABLE.code:
        message = f"{name}不能为空值，请填写或删除该字段。"
    elif code == E.EMPTY_NOT_ALLOWED.code:
        message = f"{name}不能为空。"
    elif code == E.REGEX_MISMATCH.code:
        message = f"{name}的值“{value}”格式不正确。"
        if field_rule(kind, path).get("meta", {}).get("form") == "half_year":
            meant = periods.Period.spelled(value)
            message += f"请写 {meant}。" if meant and meant.half else "应写成 2025H1（上半年）或 2025H2（下半年）。"
    elif code == E.MAX_LENGTH.code:
        unit = "项" if isinstance(value, list) else "个字符"
        message = f"{name}过长：{len(value):,} {unit}，上限 {constraint:,} {unit}。" + (
            "案件文件不需要这么多内容，请检查是否误粘贴。" if isinstance(value, str) else "请检查是否重复录入。")
    elif code in (E.MIN_VALUE.code, E.MAX_VALUE.code):
        message = f"{name}的值 {value} 超出允许范围。"
    elif code == E.CUSTOM.code:
        message = f"{name}：{error.info[0]}" if error.info else f"{name}不符合要求。"
    else:
        message = f"{name}不符合要求（{error.rule}）。"
    doc.add("schema", message, path, at_key=at_key)


def _expand(data, parts, prefix=()):
    """Yield (path, value) for a dotted path; ``*`` stands for every list item."""
    if not parts:
        yield prefix, data
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else ()):
            yield from _expand(item, rest, prefix + (i,))
    elif isinstance(head, int):
        if isinstance(data, list) and head < len(data):
            yield from _expand(data[head], rest, prefix + (head,))
    elif isinstance(data, dict) and head in data:
        yield from _expand(data[head], rest, prefix + (head,))


def _check_order(doc: Document, kind: str, earlier: list, later: list) -> None:
    for e_path, e_val in _expand(doc.data, earlier):
        if not isinstance(e_val, date):
            continue
        # Where both paths share a leading "*", compare items of the same entry only.
        bound = list(later)
        for i, (a, b) in enumerate(zip(earlier, later)):
            if a != b:
                break
            if a == "*":
                bound[i] = e_path[i]
        for l_path, l_val in _expand(doc.data, bound):
            if isinstance(l_val, date) and l_val < e_val:
                doc.add("schema", f"“{label_of(kind, l_path)}”（{dotted(l_path)}，{l_val.isoformat()}）"
                        f"早于“{label_of(kind, e_path)}”（{dotted(e_path)}，{e_val.isoformat()}），"
                        "日期顺序不合理，请核对。", l_path)
