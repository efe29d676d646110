"""`yzdocs check` through the CLI: exit codes, every output format, repository discovery."""

from __future__ import annotations

import json
import os
from xml.etree import ElementTree as ET

from conftest import run, run_json

R01_LINE = (
    "cases/2023/鲁0404行初22号.yaml:21:14: 错误 R01 案件基本情况应于2023年5月11日前向区司法局报备"
)


def test_shared_example_has_exactly_the_documented_violation(example_repo):
    # DOMAIN/issue 3: one error, R01 for （2023）鲁0404行初22号, due 2023-05-11, done 2023-05-15.
    result, report = run_json("--repo", example_repo, "check", "--as-of", "2026-06-30")
    assert result.exit_code == 1
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["case_no"], f["due"], f["done"], f["line"]) for f in errors] == [
        ("R01", "（2023）鲁0404行初22号", "2023-05-11", "2023-05-15", 21)]
    assert not [f for f in report["findings"] if f["rule"] in ("yaml", "schema")]
    assert report["summary"]["files"] == 9 and report["summary"]["cases"] == 2
    assert report["as_of"] == "2026-06-30"


def test_text_format_lines_and_summary(example_repo):
    result = run("--repo", example_repo, "check", "--as-of", "2026-06-30")
    lines = result.output.splitlines()
    assert any(line.startswith(R01_LINE) for line in lines)
    assert lines[-1].startswith("检查 9 个文件（2 个案件），截至 2026-06-30：1 个错误，")
    assert lines[-1].endswith("未通过。")


def test_clean_file_exit_zero_and_exact_output(example_repo):
    result = run("--repo", example_repo, "check", example_repo / "cases/2023/鲁0404行初15号.yaml",
                 "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    # The one warning is the law's: served Fri 2023-06-02, the 15-day appeal period's last day Sat 06-17
    # moves to Mon 06-19 (民事诉讼法 第八十五条), so the judgment cannot take effect on the 06-18 recorded.
    assert result.output == (
        "cases/2023/鲁0404行初15号.yaml:59:17: 警告 R12 记录的生效日期2023年6月18日早于法定日期："
        "一审判决书于2023年6月2日送达，本机关的上诉期限至2023年6月19日届满，无人上诉的，判决书最早于次日生效。\n\n"
        "检查 1 个文件（1 个案件），截至 2023-12-31：0 个错误，1 个警告，0 个提示。通过。\n")


def test_schema_error_exit_one(example_repo):
    case = example_repo / "cases/2023/鲁0404行初15号.yaml"
    case.write_text(case.read_text("utf-8").replace("risk: high", "risk: 很高"), "utf-8")
    result, report = run_json("--repo", example_repo, "check", case, "--as-of", "2023-12-31")
    assert result.exit_code == 1
    (f,) = [f for f in report["findings"] if f["rule"] == "schema"]
    assert (f["file"], f["line"], f["column"]) == ("cases/2023/鲁0404行初15号.yaml", 13, 7)
    assert f["case_no"] == "（2023）鲁0404行初15号" and f["agency"] == "scjgj"


def test_strict_makes_warnings_fail(example_repo):
    (example_repo / "cases/2023/鲁0404行初22号.yaml").unlink()  # the one with the R01 error
    # No joint meeting is recorded for 2024H1: an A02 warning once that half-year has ended.
    args = ("--repo", example_repo, "check", "--as-of", "2024-07-31")
    result, report = run_json(*args)
    assert result.exit_code == 0
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("A02", "warning"), ("R12", "warning")]
    assert run(*args, "--strict").exit_code == 1


def test_cannot_run_exit_two(tmp_path, example_repo):
    assert run("--repo", tmp_path / "nowhere", "check").exit_code == 2
    result = run("--repo", tmp_path, "check")
    assert result.exit_code == 2
    assert "不是案件库" in result.output
    assert run("--repo", example_repo, "check", "--as-of", "2023-13-01").exit_code == 2
    assert run("--repo", example_repo, "check", "--format", "xml").exit_code == 2


def test_repository_found_from_a_subfolder(example_repo, monkeypatch):
    monkeypatch.chdir(example_repo / "cases" / "2023")
    result = run("check", "鲁0404行初15号.yaml", "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output


def test_repository_from_environment(example_repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", "--as-of", "2026-06-30", env={"YZDOCS_REPO": str(example_repo)})
    assert result.exit_code == 1 and "R01" in result.output


def test_no_repository_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YZDOCS_REPO", raising=False)
    result = run("check")
    assert result.exit_code == 2
    assert "找不到案件库" in result.output


def test_github_format_annotations(example_repo):
    result = run("--repo", example_repo, "check", "--as-of", "2026-06-30", "--format", "github")
    lines = result.output.splitlines()
    r01 = [line for line in lines if "title=R01" in line]
    assert r01 == [line for line in lines if line.startswith(
        "::error file=cases/2023/鲁0404行初22号.yaml,line=21,col=14,title=R01::")]
    assert len(r01) == 1
    assert lines[-1].startswith("检查 9 个文件")


def test_github_format_is_default_in_actions(example_repo):
    result = run("--repo", example_repo, "check", "--as-of", "2026-06-30", env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::")


def test_junit_report_to_file(example_repo, tmp_path):
    out = tmp_path / "junit.xml"
    result = run("--repo", example_repo, "check", "--as-of", "2026-06-30", "--format", "junit", "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("检查 9 个文件")
    suite = ET.parse(out).getroot()
    assert suite.tag == "testsuite" and suite.get("failures") == "1"
    failing = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failing == ["cases/2023/鲁0404行初22号.yaml"]


def test_json_is_deterministic(example_repo):
    first = run("--repo", example_repo, "check", "--as-of", "2026-06-30", "--format", "json").output
    second = run("--repo", example_repo, "check", "--as-of", "2026-06-30", "--format", "json").output
    assert first == second
    json.loads(first)


def test_duplicate_case_number_across_files(example_repo):
    src = example_repo / "cases/2023/鲁0404行初22号.yaml"
    copy = example_repo / "cases/2023/副本.yaml"
    copy.write_bytes(src.read_bytes())
    _, report = run_json("--repo", example_repo, "check", "--as-of", "2026-06-30")
    dup = [f for f in report["findings"] if f["rule"] == "schema" and "重复" in f["message"]]
    assert sorted(f["file"] for f in dup) == ["cases/2023/副本.yaml", "cases/2023/鲁0404行初22号.yaml"]
    # A pre-commit run on one file still sees the other (cheap scan of the rest).
    _, one = run_json("--repo", example_repo, "check", copy, "--as-of", "2026-06-30")
    (f,) = [f for f in one["findings"] if f["rule"] == "schema" and "重复" in f["message"]]
    assert "cases/2023/鲁0404行初22号.yaml" in f["message"] and f["line"] == 1


def test_file_in_the_wrong_place_is_a_warning(example_repo):
    src = example_repo / "cases/2023/鲁0404行初22号.yaml"
    dest = example_repo / "cases/2024/鲁0404行初22号.yaml"
    dest.parent.mkdir()
    src.rename(dest)
    _, report = run_json("--repo", example_repo, "check", dest, "--as-of", "2023-12-31")
    (f,) = [f for f in report["findings"] if f["rule"] == "schema"]
    assert f["severity"] == "warning"
    assert "cases/2023/鲁0404行初22号.yaml" in f["message"]


def test_symlink_outside_the_repository_is_not_read(example_repo, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("case_no: 机密\n", "utf-8")
    os.symlink(secret, example_repo / "cases/2023/link.yaml")
    os.symlink(tmp_path, example_repo / "cases/outside")
    _, report = run_json("--repo", example_repo, "check", "--as-of", "2023-12-31")
    (f,) = [f for f in report["findings"] if f["file"] == "cases/2023/link.yaml"]
    assert f["rule"] == "yaml" and "符号链接" in f["message"]
    assert not [f for f in report["findings"] if "机密" in f["message"] or f["file"].startswith("cases/outside")]


def test_paths_missing_or_outside(example_repo, tmp_path):
    result, report = run_json("--repo", example_repo, "check", tmp_path / "nope.yaml", "--as-of", "2023-12-31")
    assert result.exit_code == 1
    assert "不存在" in report["findings"][0]["message"]
    outside = tmp_path / "x.yaml"
    outside.write_text("a: 1\n")
    _, report = run_json("--repo", example_repo, "check", outside, "--as-of", "2023-12-31")
    assert "不在案件库" in report["findings"][0]["message"]


def test_errors_in_agencies_are_reported_when_named(example_repo):
    agencies = example_repo / "agencies.yaml"
    agencies.write_text(agencies.read_text("utf-8").replace("kind: town", "kind: village"), "utf-8")
    _, report = run_json("--repo", example_repo, "check", agencies, "--as-of", "2023-12-31")
    (f,) = report["findings"]
    assert (f["file"], f["rule"]) == ("agencies.yaml", "schema") and "village" in f["message"]


def test_copied_file_that_kept_the_old_number(example_repo):
    # The common slip: copy a case file, rename it, forget to change case_no.
    src = example_repo / "cases/2023/鲁0404行初22号.yaml"
    copy = example_repo / "cases/2023/鲁0404行初23号.yaml"
    copy.write_bytes(src.read_bytes())
    _, report = run_json("--repo", example_repo, "check", copy, "--as-of", "2026-06-30")
    schema = sorted((f["severity"], f["message"]) for f in report["findings"] if f["rule"] == "schema")
    assert [sev for sev, _ in schema] == ["error", "warning"]
    assert "重复" in schema[0][1] and "cases/2023/鲁0404行初22号.yaml" in schema[0][1]
    assert "文件位置与案号不一致" in schema[1][1]
