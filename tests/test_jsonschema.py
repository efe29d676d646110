"""The shipped JSON Schema: in step with the Cerberus schemas, and agreeing with them.

Every file is judged twice: by yzdocs (PyYAML, YAML 1.1, plus Cerberus) and
the way an editor judges it (YAML 1.2 core schema, where dates are strings,
plus JSON Schema via the ``jsonschema`` package). Both must give the same
verdict wherever JSON Schema can express the rule; EXCLUDED lists the
examples where it cannot, and why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, PROJECT, CONTRACT_REPO
from yzdocs import schema as cerberus_schema
from yzdocs.authoring import jsonschema as export
from yzdocs.authoring import skeleton
from yzdocs.loading import load_yaml_file

SHIPPED = PROJECT / "src" / "yzdocs" / "jsonschema"

# Negative examples whose problem JSON Schema cannot see, with the reason.
EXCLUDED = {
    "date_order": "date order across fields (schema date_order) is not expressible in JSON Schema",
    "unknown_agency": "cross-file reference: whether an id exists in agencies.yaml",
    "sexagesimal": "YAML 1.1 surprise: 1:30 is text in YAML 1.2, a number in PyYAML (the tool flags it)",
    "gbk_encoding": "file encoding, decided before any schema applies",
    "alias_bomb": "hostile input bounded by the loader, not by a schema",
}


# -- what an editor sees: YAML 1.2 core schema ---------------------------------------------------
class Yaml12Loader(yaml.SafeLoader):
    """PyYAML restricted to the YAML 1.2 core schema: no timestamps, no yes/no, no octal 0123."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):  # YAML 1.2 parsers reject duplicate keys
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep)


def _int12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 16) if text.startswith("0x") else int(text, 10)


for _tag, _regex, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regex), _first)
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)


def _json_keys(data):
    if isinstance(data, dict):
        return {str(k).lower() if isinstance(k, bool) else str(k): _json_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_json_keys(v) for v in data]
    return data


def editor_verdict(path: Path, kind: str) -> bool:
    try:
        data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=Yaml12Loader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    validator = jsonschema.Draft202012Validator(export.export(kind),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return validator.is_valid(_json_keys(data))


def tool_verdict(path: Path, kind: str) -> bool:
    doc = load_yaml_file(path, path.name)
    if doc.ok:
        cerberus_schema.validate(doc, kind, None)  # agency ids: cross-file, not judged here
    return doc.ok


# -- the shipped files ------------------------------------------------------------------------
def test_shipped_json_schema_matches_cerberus_schemas():
    expected = export.export_all()
    shipped = {p.name: p.read_text("utf-8") for p in SHIPPED.glob("*.json")}
    assert sorted(shipped) == sorted(expected), "regenerate: yzdocs schema --json-schema -o src/yzdocs/jsonschema"
    for name, text in expected.items():
        assert (SHIPPED / name).read_bytes() == text.encode("utf-8"), \
            f"{name} drifted from schemas/*.yaml: regenerate with yzdocs schema --json-schema -o src/yzdocs/jsonschema"


def test_export_is_deterministic_and_valid_draft_2020_12():
    assert export.export_all() == export.export_all()
    for kind in export.kinds():
        exported = export.export(kind)
        jsonschema.Draft202012Validator.check_schema(exported)
        assert exported["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert exported["$id"] == f"urn:yzdocs:schema:{kind}"
    assert "policy" in export.kinds()


def test_project_vscode_settings_point_at_shipped_files():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./src/yzdocs/jsonschema/case.schema.json"] == ["/cases/**/*.yaml", "/cases/**/*.yml"]
    assert mapping["./src/yzdocs/jsonschema/agencies.schema.json"] == ["/agencies.yaml"]
    assert mapping["./src/yzdocs/jsonschema/settings.schema.json"] == ["/yzdocs.yaml"]
    assert mapping["./src/yzdocs/jsonschema/holidays.schema.json"] == ["/holidays.yaml"]
    for target in mapping:
        assert (PROJECT / target).is_file()


def test_case_schema_details():
    case = export.export("case")
    props = case["properties"]
    assert case["required"] == ["case_no", "defendant", "received_on"]
    assert case["additionalProperties"] is False
    assert props["received_on"] == {
        "title": "收到应诉通知书日期", "description": "收到应诉通知书日期。日期，写作 YYYY-MM-DD（如 2023-03-13），不加引号。必填。"
        "收到应诉通知书及起诉状副本（二审为上诉状副本）的日期；答辩期限从该日起算，二者分别送达的按收到起诉状副本（上诉状副本）的日期填写。",
        "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    assert props["risk"]["type"] == ["string", "null"]
    assert props["risk"]["enum"] == ["low", "medium", "high", None]
    assert props["risk"]["enumDescriptions"][:3] == ["低", "中", "高"]
    assert props["level"]["title"] == "审级"
    heads = props["hearings"]["items"]["properties"]["heads"]["items"]
    assert heads["required"] == ["name"] and heads["properties"]["name"]["minLength"] == 1
    assert heads["properties"]["spoke"]["type"] == ["boolean", "null"]
    settings = export.export("settings")
    assert "additionalProperties" not in settings["properties"]["court_list"]  # allow_unknown


@pytest.mark.parametrize("text, valid", [
    ("（2023）鲁0404行初15号", True), ("(2023)鲁0404行初15号", True), ("（2023）鲁04行终156号", True),
    ("（2024）鲁0404行赔初2号", True), ("（2023）最高法行申7号", True), (" （2023）鲁0404行初15号 ", True),
    ("（2023）鲁0404行初015号", False), ("2023鲁0404行初15号", False), ("（2023）鲁0404民初15号", False),
    ("../../etc/passwd", False), ("（2023）鲁0404行初15号x", False), ("（1899）鲁0404行初15号", False),
])
def test_case_number_pattern_agrees_with_casenumber(text, valid):
    assert bool(re.search(export.case_no_pattern(), text)) is valid


# -- same verdict per file --------------------------------------------------------------------
def _repository_files(root: Path):
    yield from ((p, "case") for p in sorted((root / "cases").rglob("*.yaml")))
    for folder, kind in (("circulars", "circular"), ("meetings", "meetings"), ("reports", "report")):
        yield from ((p, kind) for p in sorted((root / folder).glob("*.yaml")))
    yield root / "agencies.yaml", "agencies"
    yield root / "yzdocs.yaml", "settings"


REPO_FILES = [*_repository_files(PROJECT), *_repository_files(CONTRACT_REPO),
              (PROJECT / "src" / "yzdocs" / "rules" / "yicheng-2023.yaml", "policy")]


@pytest.mark.parametrize("path, kind", REPO_FILES, ids=lambda x: x.relative_to(PROJECT).as_posix() if isinstance(x, Path) else x)
def test_repository_files_valid_for_both(path, kind):
    assert tool_verdict(path, kind) is True
    assert editor_verdict(path, kind) is True


@pytest.mark.parametrize("example", sorted((EXAMPLES / "positive").glob("*.yaml")), ids=lambda p: p.stem)
def test_positive_examples_valid_for_both(example):
    assert tool_verdict(example, "case") is True
    assert editor_verdict(example, "case") is True


NEGATIVE = sorted((EXAMPLES / "negative").glob("*.yaml"))


@pytest.mark.parametrize("example", [p for p in NEGATIVE if p.stem not in EXCLUDED], ids=lambda p: p.stem)
def test_negative_examples_invalid_for_both(example):
    assert tool_verdict(example, "case") is False
    assert editor_verdict(example, "case") is False


def test_excluded_examples_exist_and_only_the_tool_rejects_them():
    stems = {p.stem for p in NEGATIVE}
    assert set(EXCLUDED) <= stems
    for stem in ("date_order", "unknown_agency", "sexagesimal"):
        example = EXAMPLES / "negative" / f"{stem}.yaml"
        assert editor_verdict(example, "case") is True  # the limit is real: JSON Schema accepts it
    assert tool_verdict(EXAMPLES / "negative" / "date_order.yaml", "case") is False
    assert tool_verdict(EXAMPLES / "negative" / "sexagesimal.yaml", "case") is False


def test_holidays_file_both_ways(tmp_path):
    good = tmp_path / "holidays.yaml"
    good.write_text("2027:\n  rest: [2027-01-01, 2027-02-06]\n  work: [2027-02-14]\n", "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("2027:\n  work: [2027-02-14]\n  replace: 整年\n", "utf-8")  # replace is true or false
    assert tool_verdict(good, "holidays") and editor_verdict(good, "holidays")
    assert not tool_verdict(bad, "holidays") and not editor_verdict(bad, "holidays")


def test_new_case_skeleton_is_valid_for_the_editor_too(tmp_path):
    from datetime import date

    path = tmp_path / "new.yaml"
    path.write_text(skeleton.render({"case_no": "（2023）鲁0404行初99号", "defendant": "scjgj",
                                     "received_on": date(2023, 3, 13), "risk": "high"}), "utf-8")
    assert tool_verdict(path, "case") and editor_verdict(path, "case")


def test_yaml12_loader_reads_like_an_editor():
    data = yaml.load("a: 2023-03-13\nb: yes\nc: 0123\nd: 1:30\ne: 0o17\nf: ~\ng: true\n", Loader=Yaml12Loader)
    assert data == {"a": "2023-03-13", "b": "yes", "c": 123, "d": "1:30", "e": 15, "f": None, "g": True}
