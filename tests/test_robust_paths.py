"""Paths that try to leave the repository or the output directory.

A case number, agency id or document kind cannot name a path outside the
output directory; symlinks inside the case repository that point outside it
are neither read nor written through.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import CONTRACT_REPO, run
from yzdocs.build import build_repository
from yzdocs.check import run_check
from yzdocs.errors import ConfigError, OutputError

CASE15 = "鲁0404行初15号.yaml"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _case_text(**replace) -> str:
    text = (CONTRACT_REPO / "cases" / "2023" / CASE15).read_text(encoding="utf-8")
    for old, new in replace.items():
        old_line = next(line for line in text.splitlines() if line.startswith(f"{old}:"))
        text = text.replace(old_line, f"{old}: {new}")
    return text


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the repository, with a valid case file in it."""
    folder = tmp_path / "outside"
    (folder / "cases").mkdir(parents=True)
    (folder / "cases" / CASE15).write_text(_case_text(), encoding="utf-8")
    (folder / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return folder


def _only_outputs_inside(root: Path, out: Path, outside: Path, before: dict) -> None:
    assert _tree(outside) == before, "something was written outside the repository"
    for path in root.rglob("*"):
        if path.is_file() and path.suffix == ".docx":
            assert out.resolve() in path.resolve().parents


@pytest.mark.parametrize("case_no", ["../../x", "（2023）鲁0404行初15号/../../x", "/etc/passwd", "..", "（2023）鲁0404行初1号\\..\\x"])
def test_case_number_that_escapes_is_rejected(example_repo, outside, case_no):
    bad = example_repo / "cases" / "2023" / "x.yaml"
    bad.write_text(_case_text(case_no=f"'{case_no}'"), encoding="utf-8")
    before = _tree(outside)
    findings = [f for f in run_check(example_repo, (), None).findings if f.file == "cases/2023/x.yaml"]
    assert any(f.rule == "schema" and "不是有效的案号" in f.message for f in findings)
    result = build_repository(example_repo, jobs=1)
    assert [rel for rel, _ in result.skipped] == ["cases/2023/x.yaml"]
    _only_outputs_inside(example_repo, example_repo / "out", outside, before)


@pytest.mark.parametrize("agency_id", ["../scjgj", "a/b", "..", "scjgj/../../x"])
def test_agency_id_with_path_characters_is_rejected(example_repo, agency_id):
    agencies = example_repo / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("id: scjgj", f"id: '{agency_id}'", 1),
                        encoding="utf-8")
    findings = run_check(example_repo, (), None).findings
    assert any(f.file == "agencies.yaml" and f.rule == "schema" and "机关代号" in f.message for f in findings)
    with pytest.raises(ConfigError):  # a build refuses a broken agencies.yaml outright
        build_repository(example_repo, jobs=1)
    assert not (example_repo / "out").exists() or not list((example_repo / "out").rglob("*.docx"))


def test_defendant_with_path_characters_is_rejected(example_repo):
    bad = example_repo / "cases" / "2023" / CASE15
    bad.write_text(_case_text(defendant="'../../scjgj'"), encoding="utf-8")
    findings = [f for f in run_check(example_repo, (), None).findings if f.file == f"cases/2023/{CASE15}"]
    assert any(f.rule == "schema" and "未在 agencies.yaml 中登记" in f.message for f in findings)


@pytest.mark.parametrize("kind", ["../../../etc/passwd", "../templates/case-report", "case-report/../x"])
def test_template_kind_that_escapes_is_refused(example_repo, kind):
    with pytest.raises(ConfigError, match="未知的文档种类"):
        build_repository(example_repo, jobs=1, kinds=[kind])
    result = run("--repo", example_repo, "build", "--kind", kind)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_case_file_symlink_outside_is_not_read(example_repo, outside):
    link = example_repo / "cases" / "2023" / "鲁0404行初99号.yaml"
    link.symlink_to(outside / "passwd")
    link2 = example_repo / "cases" / "2023" / "鲁0404行初98号.yaml"
    link2.symlink_to(outside / "cases" / CASE15)
    before = _tree(outside)
    result = run("--repo", example_repo, "check", "--as-of", "2023-12-31")
    assert result.exit_code == 1
    for name in (link.name, link2.name):
        assert f"cases/2023/{name}:1:1: 错误 yaml 该文件是指向案件库之外的符号链接" in result.output
    assert "root:x" not in result.output
    built = build_repository(example_repo, jobs=1)
    assert not any("99号" in rel or "98号" in rel for rel in built.built + [r for r, _ in built.skipped])
    _only_outputs_inside(example_repo, example_repo / "out", outside, before)


def test_cases_subfolder_symlink_outside_is_not_followed(example_repo, outside):
    (example_repo / "cases" / "2024").symlink_to(outside / "cases", target_is_directory=True)
    before = _tree(outside)
    result = run_check(example_repo, (), None)
    assert not any(f.file.startswith("cases/2024") for f in result.findings)
    assert result.cases == 2  # the two real case files only
    built = build_repository(example_repo, jobs=1)
    assert all(rel.startswith("2023/") for rel in built.built)
    _only_outputs_inside(example_repo, example_repo / "out", outside, before)


def test_symlink_in_output_dir_is_not_written_through(example_repo, outside):
    out = example_repo / "out"
    out.mkdir()
    (out / "2023").symlink_to(outside, target_is_directory=True)
    before = _tree(outside)
    with pytest.raises(OutputError, match="不在输出目录"):
        build_repository(example_repo, jobs=1)
    result = run("--repo", example_repo, "build", "-j", "1")
    assert result.exit_code == 2 and "不在输出目录" in result.output and "Traceback" not in result.output
    assert _tree(outside) == before


def test_output_option_is_the_only_place_written(example_repo, tmp_path):
    target = tmp_path / "elsewhere"
    before = _tree(example_repo)
    result = run("--repo", example_repo, "build", "-j", "1", "-o", target)
    assert result.exit_code == 0
    assert _tree(example_repo) == before
    assert len(list(target.rglob("*.docx"))) == 10
    for path in target.rglob("*"):
        assert target.resolve() in path.resolve().parents
    os.sync()
    shutil.rmtree(target)
