"""The built-in templates and `yzdocs templates check/list/export`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import run
from yzdocs.render.inspect import check_all
from yzdocs.render.kinds import ALL_KINDS, KINDS
from yzdocs.render.templates import builtin_dir

PROJECT = Path(__file__).resolve().parent.parent


def test_committed_templates_are_the_generator_output(tmp_path):
    subprocess.run([sys.executable, str(PROJECT / "tools" / "make_templates.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for kind in KINDS:
        assert (tmp_path / f"{kind}.docx").read_bytes() == (builtin_dir() / f"{kind}.docx").read_bytes(), kind


def test_builtin_templates_pass_the_check():
    results = check_all(None)
    assert [source.kind for source, _ in results] == list(ALL_KINDS)
    assert all(problems == [] for _, problems in results)


def _override(repo: Path, kind: str, replacements: dict[bytes, bytes]) -> Path:
    (repo / "templates").mkdir(exist_ok=True)
    target = repo / "templates" / f"{kind}.docx"
    with zipfile.ZipFile(builtin_dir() / f"{kind}.docx") as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            if info.filename == "word/document.xml":
                for old, new in replacements.items():
                    blob = blob.replace(old, new)
            zout.writestr(info, blob)
    return target


def test_check_reports_unknown_variables_with_place_and_fix(example_repo):
    _override(example_repo, "case-report", {b"{{ staff.report }}": b"{{ staff.reprot }}", b"{{ cause }}": b"{{ casue }}"})
    _override(example_repo, "hearing-heads", {b"{{ head.title }}": b"{{ head.titel }}"})
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "templates/case-report.docx（正文表格 1 第 5 行第 4 列）：变量 casue 不存在。是否应为 {{ cause }}？",
        "templates/case-report.docx（正文表格 1 第 18 行第 2 列）：变量 staff.reprot 不存在。是否应为 {{ staff.report }}？",
        "templates/hearing-heads.docx（正文表格 1 第 10 行第 3 列）：变量 head.titel 不存在。是否应为 {{ head.title }}？",
        "13 个模板中发现 3 处问题。",  # 11 built-in and 2 overrides
    ]


def test_check_reports_syntax_errors(example_repo):
    _override(example_repo, "loss-analysis", {b"{{ loss_analysis.measures }}": b"{% for x in %}"})
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1
    assert "templates/loss-analysis.docx" in result.output and "语法错误" in result.output
    assert "正文第 13 段" in result.output  # the 改进措施 paragraph (after the tag that keeps a short one with the closing)


def test_check_passes_on_the_sample_repository(example_repo):
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 0 and result.output == "11 个模板均检查通过。\n"  # 6 per case, 5 reports


def test_list_and_export(example_repo, tmp_path):
    listed = run("--repo", example_repo, "templates", "list")
    assert [line.split("\t")[:2] for line in listed.output.splitlines()] == [
        ["case-report", "行政应诉案件报备表"], ["hearing-heads", "出庭应诉负责人报备表"], ["defence-report", "答辩状报备函"],
        ["mediation-plan", "行政争议调解和解方案"], ["guarantee", "一案一包保责任表"], ["loss-analysis", "败诉案件分析报告"],
        ["special-circular", "专项通报"], ["agency-report", "行政应诉案件统计分析报告（半年）"],
        ["district-circular", "全区行政应诉工作情况通报"], ["assessment", "行政应诉工作督办考核情况的报告"],
        ["interview-notice", "约谈通知（每个需约谈的单位一份）"]]
    variables = run("--repo", example_repo, "templates", "list", "--variables").output
    assert "    {{ hearing.heads[0].name }}" in variables and "    {{ staff.report }}" in variables
    exported = run("templates", "export", tmp_path / "t")
    assert exported.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{k}.docx" for k in ALL_KINDS)
    assert len(ALL_KINDS) == 11
    again = run("templates", "export", tmp_path / "t")
    assert again.exit_code == 2 and "已存在" in again.output
