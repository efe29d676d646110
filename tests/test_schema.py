"""The schema files: valid Cerberus schemas, labelled, and reported in Chinese."""

from __future__ import annotations

import pytest

from yzdocs import schema
from yzdocs.loading import Document, load_yaml_text
from yzdocs.resources import SCHEMAS

KINDS = sorted(p.stem for p in SCHEMAS.glob("*.yaml"))


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_cerberus_schemas(kind):
    # At run time the schemas are trusted (schema._TrustedSchema); this is where Cerberus checks them.
    fields = schema.load_schema(kind)["fields"]
    validator = schema._Validator(fields, shared={"agency_ids": None})  # with our check_with rules
    assert validator.schema is not None


def _labels_missing(fields, prefix=""):
    for name, rule in fields.items():
        if not rule.get("meta", {}).get("label"):
            yield prefix + str(name)
        if isinstance(rule.get("schema"), dict):
            inner = rule["schema"]
            if rule.get("type") == "list":
                if not inner.get("meta", {}).get("label"):
                    yield prefix + f"{name}[]"
                inner = inner.get("schema") if isinstance(inner.get("schema"), dict) and inner.get("type") == "dict" else {}
            yield from _labels_missing(inner, prefix + f"{name}.")


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_chinese_label(kind):
    assert list(_labels_missing(schema.load_schema(kind)["fields"])) == []


def test_enum_labels():
    assert schema.enum_label("case", ("judgment", "result"), "revoked") == "撤销"
    assert schema.enum_label("case", ("hearings", 0, "heads", 1, "role"), "principal") == "主要负责人"
    assert schema.enum_label("case", ("risk",), "unknown") == "unknown"


def test_label_of_nested_paths():
    assert schema.label_of("case", ("hearings", 0, "heads", 1, "spoke")) == "是否出声"
    assert schema.label_of("case", ("defence", "reported_on")) == "答辩状报备日期"
    assert schema.label_of("report", ("submitted", "scjgj")) == "报送日期"


def _validate(text, kind="case", ids=frozenset({"scjgj"})):
    doc = load_yaml_text(text, Document("x.yaml"))
    assert doc.ok, doc.findings
    schema.validate(doc, kind, set(ids))
    return doc.findings


def test_validator_is_reused_without_leaking_errors():
    bad = _validate("case_no: （2023）鲁0404行初1号\ndefendant: scjgj\nreceived_on: 2023-01-01\nrisk: x\n")
    good = _validate("case_no: （2023）鲁0404行初1号\ndefendant: scjgj\nreceived_on: 2023-01-01\n")
    assert len(bad) == 1 and good == []


def test_list_item_errors_point_at_the_item():
    findings = _validate(
        "case_no: （2023）鲁0404行初1号\ndefendant: scjgj\nreceived_on: 2023-01-01\n"
        "co_defendants: [scjgj, nobody]\nplaintiffs:\n  - kind: person\n")
    got = sorted((f.line, f.column, f.message) for f in findings)
    assert got[0][:2] == (4, 24) and "机关代号“nobody”未在 agencies.yaml 中登记" in got[0][2]
    assert got[1][:2] == (6, 5) and "缺少必填字段“姓名或名称”（plaintiffs[0].name）" in got[1][2]


def test_keys_and_values_rules():
    findings = _validate("period: 2023H1\nsubmitted:\n  nobody: 2023-07-10\n  scjgj: 十月\n", kind="report")
    messages = sorted(f.message for f in findings)
    assert any("nobody" in m for m in messages)
    assert any("“报送日期”（submitted.scjgj）应为日期" in m for m in messages)


def test_date_order_pairs_items_of_the_same_suggestion():
    findings = _validate(
        "case_no: （2023）鲁0404行初1号\ndefendant: scjgj\nreceived_on: 2023-01-01\n"
        "judicial_suggestions:\n"
        "  - {received_on: 2023-03-01, implemented_on: 2023-04-01}\n"
        "  - {received_on: 2023-05-01, implemented_on: 2023-04-15}\n")
    (f,) = findings
    assert f.line == 6 and "judicial_suggestions[1].implemented_on" in f.message


def test_unknown_field_suggests_the_close_name():
    (f,) = _validate("case_no: （2023）鲁0404行初1号\ndefendant: scjgj\nreceived_on: 2023-01-01\ndefense: {}\n")
    assert "未知字段“defense”" in f.message and "是否应为“defence”" in f.message
