"""Messages say who and what: agency names, the closest case number, what was not checked, no empty reports."""

from __future__ import annotations

from conftest import PROJECT, run


def test_a01_names_the_agency_in_every_format():
    text = run("--repo", PROJECT, "check", "--as-of", "2025-12-31").output
    a01 = [line for line in text.splitlines() if " A01 " in line]
    assert a01 and all("峄城区" in line for line in a01)
    assert "峄城区阴平镇人民政府2024年上半年有行政应诉案件" in text
    junit = run("--repo", PROJECT, "check", "--as-of", "2025-12-31", "--format", "junit").output
    assert "峄城区阴平镇人民政府2024年上半年" in junit
    github = run("--repo", PROJECT, "check", "--as-of", "2025-12-31", "--format", "github").output
    assert "峄城区阴平镇人民政府2024年上半年" in github


def test_show_suggests_the_case_number_with_its_year():
    result = run("--repo", PROJECT, "show", "鲁0404行初15号")
    assert result.exit_code == 2
    assert "是否是：（2023）鲁0404行初15号？" in result.output


def test_show_suggests_close_numbers_for_a_typo_but_not_wild_guesses():
    typo = run("--repo", PROJECT, "show", "（2023）鲁0404行初151号").output
    assert "是否是：" in typo and "（2023）鲁0404行初15号" in typo
    assert "是否是" not in run("--repo", PROJECT, "show", "（2030）鲁0404行初1号").output


def test_bundle_suggests_the_case_number(tmp_path):
    result = run("--repo", PROJECT, "bundle", "鲁0404行初15号", "-o", tmp_path / "x.zip")
    assert result.exit_code == 2
    assert "是否是：（2023）鲁0404行初15号？" in result.output
    assert not (tmp_path / "x.zip").exists()


def test_check_of_a_file_that_is_not_repository_data():
    result = run("--repo", PROJECT, "check", PROJECT / "README.md")
    assert result.exit_code == 1
    assert "“" in result.output and "不是案件库的数据文件，未检查" in result.output
    assert "通过。" not in result.output.replace("未通过。", "")


def test_assessment_of_a_year_without_data():
    result = run("--repo", PROJECT, "report", "assessment", "--year", "1999")
    assert result.exit_code == 2
    assert "1999 年没有在办案件，也没有印发专项通报，没有可考核的数据。案件库中的案件收于 2023—2025 年。" in result.output


def test_special_circular_with_nothing_new_explains_and_offers_a_draft(tmp_path):
    # 2023H1's violations are all in circulars/2023-1.yaml already
    result = run("--repo", PROJECT, "report", "special-circular", "--period", "2023H1", "--as-of", "2025-12-31")
    assert result.exit_code == 1
    assert "已在此前登记的专项通报" in result.output and "--include-circulated" in result.output
    draft = run("--repo", PROJECT, "report", "special-circular", "--period", "2023H1", "--as-of", "2025-12-31",
                "--include-circulated", "-o", tmp_path / "draft.docx")
    assert draft.exit_code == 0, draft.output
    assert (tmp_path / "draft.docx").exists()
    refused = run("--repo", PROJECT, "report", "special-circular", "--period", "2023H1", "--include-circulated",
                  "--record")
    assert refused.exit_code == 2 and "不能与 --record 同时使用" in refused.output


def test_special_circular_with_no_violation_at_all():
    result = run("--repo", PROJECT, "report", "special-circular", "--period", "2025H2", "--as-of", "2025-12-31")
    assert result.exit_code == 1
    assert "期间内没有未及时报备（R01）" in result.output
