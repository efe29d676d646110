"""Wording true to each case, checked in the generated documents of the sample repository.

Expected sentences are written from the case files and the seed, not taken
from the code: a form says only what was known on its date, internal notes
never reach a document, nothing to report is a warning rather than an empty
form, and no rule code (R01 …) appears in a document.
"""

from __future__ import annotations

import re

import pytest
from docx import Document

from conftest import PROJECT, copy_sample, run
from yzdocs.build import build_repository


def text_of(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("wording")
    result = build_repository(PROJECT, out_dir=out, jobs=1, force=True)
    return out, result


def test_internal_notes_never_reach_a_document(built):
    out, _ = built
    # cases/2024/鲁0404行初41号.yaml: notes say what happened at the hearing, months after the report
    report = text_of(out / "2024" / "鲁0404行初41号" / "行政应诉案件报备表.docx")
    assert "开庭时仅委托律师出庭" not in report
    for path in out.rglob("*.docx"):
        assert "法院裁定驳回起诉" not in text_of(path) or "73号" not in str(path)


def test_a_form_says_only_what_was_known_on_its_date(built):
    out, _ = built
    # cases/2023/鲁0404行初28号.yaml: guarantee form dated with the report (2023), resolved 2023-11-15
    form = text_of(out / "2023" / "鲁0404行初28号" / "一案一包保责任表.docx")
    assert "已于2023年11月15日化解" not in form
    assert "正在化解，化解时限为" in form


def test_a_hearing_without_heads_is_a_warning_not_an_empty_form(built):
    out, result = built
    assert not list((out / "2024" / "鲁0404行初41号").glob("出庭应诉负责人报备表*.docx"))
    assert any("鲁0404行初41号" in w and "第1次开庭（2024年7月4日）没有记录出庭负责人" in w for w in result.warnings)


def test_loss_analysis_states_the_decision_in_words(built):
    out, _ = built
    # cases/2024/鲁0404行初41号.yaml: judgment, result illegal
    text = text_of(out / "2024" / "鲁0404行初41号" / "败诉案件分析报告.docx")
    assert "判决确认被诉行政行为违法" in text
    assert "裁判结果为" not in text and "原因类别：" not in text


def test_no_rule_code_in_any_document(built, tmp_path):
    out, _ = built
    repo = tmp_path / "repo"
    copy_sample(repo)
    reports = tmp_path / "reports"
    for args in (("district", "--period", "2024"), ("agency", "--agency", "scjgj", "--period", "2024"),
                 ("assessment", "--year", "2024", "--format", "docx"),
                 ("special-circular", "--period", "2024", "--include-circulated")):
        assert run("--repo", repo, "report", *args, "--as-of", "2025-12-31", "-o",
                   reports / f"{args[0]}.docx").exit_code == 0
    code = re.compile(r"[RA]\d\d")
    for path in [*out.rglob("*.docx"), *reports.glob("*.docx")]:
        assert not code.search(text_of(path)), path.name
    assessment = text_of(reports / "assessment.docx")
    assert "合格" in assessment


def test_plaintiffs_agents_are_printed_on_the_forms(built):
    out, _ = built
    # cases/2023/鲁0404行初28号.yaml: the plaintiff's agent is a lawyer named 高某
    for name in ("行政应诉案件报备表.docx", "出庭应诉负责人报备表-1.docx"):
        assert "（委托代理人：山东某某律师事务所律师 高某）" in text_of(out / "2023" / "鲁0404行初28号" / name)
