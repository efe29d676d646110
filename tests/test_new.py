"""`yzdocs new`: a generated case file that passes check, and refusals."""

from __future__ import annotations

from conftest import run, run_json

CASE = "cases/2023/鲁0404行初99号.yaml"


def _schema_findings(repo, as_of="2023-03-14"):
    _, report = run_json("--repo", repo, "check", "--as-of", as_of)
    return [f for f in report["findings"] if f["rule"] in ("yaml", "schema")]


def test_new_case_is_written_and_checks_clean(empty_repo):
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj",
                 "--received", "2023-03-13", "--as-of", "2023-03-14")
    assert result.exit_code == 0, result.output
    assert f"已新建 {CASE}" in result.output
    # 收到 2023-03-13（周一）：R01 3日内 → 3月16日；R02 15日内 → 3月28日；R03 期满后3日 → 3月31日
    assert "R01  2023-03-16" in result.output
    assert "R02  2023-03-28" in result.output
    assert "R03  2023-03-31" in result.output
    text = (empty_repo / CASE).read_text("utf-8")
    assert "case_no: （2023）鲁0404行初99号" in text
    assert "received_on: 2023-03-13" in text
    assert "# 审级: first 一审 | second 二审 | retrial 再审" in text
    assert "\n# hearings:" in text and "\n# judgment:" in text  # not yet happened: commented out
    assert _schema_findings(empty_repo) == []


def test_national_day_deadline(empty_repo):
    # docs/domain.md: notice received 2023-09-27 → R01 due 2023-10-07 (a make-up working Saturday)
    result = run("--repo", empty_repo, "new", "(2023)鲁0404行初100号", "--defendant", "tanshan",
                 "--received", "2023-09-27", "--risk", "high", "--as-of", "2023-09-27")
    assert result.exit_code == 0, result.output
    assert "R01  2023-10-07" in result.output
    text = (empty_repo / "cases/2023/鲁0404行初100号.yaml").read_text("utf-8")
    assert "case_no: （2023）鲁0404行初100号" in text  # half-width input, canonical full-width stored
    assert "risk: high" in text and "\nguarantee:" in text  # R08 needs the guarantee for a high-risk case
    assert _schema_findings(empty_repo, "2023-09-27") == []


def test_uncommenting_every_section_still_parses(empty_repo):
    run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj", "--received", "2023-03-13")
    path = empty_repo / CASE
    lines = path.read_text("utf-8").splitlines()
    # drop the file's header comment, then remove "# " from every commented-out field
    body = [ln[2:] if ln.startswith("# ") and ":" in ln.split("#")[1] and not ln.startswith("# 行政")
            and not ln.startswith("# 尚未") and not ln.startswith("# 填写") else ln for ln in lines]
    path.write_text("\n".join(body) + "\n", "utf-8")
    findings = _schema_findings(empty_repo)
    # the only problems: the required dates of an empty hearing item, nothing about syntax
    assert findings and all(f["rule"] == "schema" for f in findings)
    assert {f["message"].split("（")[0] for f in findings} >= {"“开庭日期”"}


def test_refuses_to_overwrite_same_case_number_anywhere(example_repo):
    moved = example_repo / "cases" / "elsewhere.yaml"
    (example_repo / "cases/2023/鲁0404行初15号.yaml").rename(moved)
    before = moved.read_bytes()
    result = run("--repo", example_repo, "new", "(2023)鲁0404行初15号", "--defendant", "scjgj")
    assert result.exit_code == 2
    assert "已有案件文件 cases/elsewhere.yaml" in result.output
    assert moved.read_bytes() == before
    assert not (example_repo / "cases/2023/鲁0404行初15号.yaml").exists()


def test_refuses_existing_file_at_the_conventional_path(empty_repo):
    target = empty_repo / CASE
    target.parent.mkdir(parents=True)
    target.write_text("not: [valid\n", "utf-8")
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj")
    assert result.exit_code == 2 and "不会覆盖" in result.output
    assert target.read_text("utf-8") == "not: [valid\n"


def test_path_is_not_a_case_number(empty_repo):
    for bad in ("../../etc/passwd", "cases/2023/x.yaml", "（2023）鲁0404行初99号/../../x", "（2023）鲁0404行初099号"):
        result = run("--repo", empty_repo, "new", bad, "--defendant", "scjgj")
        assert result.exit_code == 2, bad
        assert "不是有效的案号" in result.output
    assert not (empty_repo / "cases").exists()


def test_unknown_defendant_suggests_closest(empty_repo):
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjg")
    assert result.exit_code == 2
    assert "agencies.yaml 中没有“scjg”这个单位。是否应为“scjgj”（峄城区市场监督管理局）？" in result.output
    assert not (empty_repo / "cases").exists()


def test_defendant_by_name(empty_repo):
    for number, name in (("（2023）鲁0404行初98号", "峄城区坛山街道办事处"), ("（2023）鲁0404行初99号", "坛山街道办事处")):
        result = run("--repo", empty_repo, "new", number, "--defendant", name, "--received", "2023-03-13")
        assert result.exit_code == 0, result.output
    for stem in ("鲁0404行初98号", "鲁0404行初99号"):
        assert "defendant: tanshan" in (empty_repo / "cases" / "2023" / f"{stem}.yaml").read_text("utf-8")


def test_received_defaults_to_today(empty_repo):
    from datetime import date

    before = date.today()
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj")
    after = date.today()  # the run may cross midnight: either day is right
    assert result.exit_code == 0, result.output
    text = (empty_repo / CASE).read_text("utf-8")
    assert any(f"received_on: {day.isoformat()}" in text for day in {before, after}), text


def test_skeleton_is_deterministic(tmp_path, empty_repo):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(empty_repo, other)
    for repo in (empty_repo, other):
        run("--repo", repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj", "--received", "2023-03-13")
    assert (empty_repo / CASE).read_bytes() == (other / CASE).read_bytes()


def test_new_high_risk_case_passes_check_the_day_it_is_made(empty_repo):
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj", "--risk", "high",
                 "--received", "2023-03-13", "--as-of", "2023-03-13")
    assert result.exit_code == 0, result.output
    check, report = run_json("--repo", empty_repo, "check", empty_repo / CASE, "--as-of", "2023-03-13")
    assert check.exit_code == 0, check.output
    # not yet due (received Mon 2023-03-13, records due Thu 03-16): reminders, never errors
    assert sorted((f["rule"], f["severity"], f["due"]) for f in report["findings"]) == [
        ("R01", "info", "2023-03-16"), ("R08", "info", "2023-03-16"),
        ("R10", "info", "2023-03-16"), ("R10", "info", "2023-03-16")]
    _, later = run_json("--repo", empty_repo, "check", empty_repo / CASE, "--as-of", "2023-03-17")
    assert {(f["rule"], f["severity"]) for f in later["findings"]} == {("R01", "error"), ("R08", "error"), ("R10", "error")}


def test_new_records_review_and_staff(empty_repo):
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj",
                 "--received", "2023-03-13", "--reviewed", "2023-03-14", "--as-of", "2023-03-14",
                 *[a for role in ("report", "defence", "hearing", "mediation", "performance")
                   for a in ("--staff", f"{role}=周婷")])
    assert result.exit_code == 0, result.output
    text = (empty_repo / CASE).read_text("utf-8")
    assert "leader_reviewed_on: 2023-03-14" in text and "performance: 周婷" in text
    _, report = run_json("--repo", empty_repo, "check", empty_repo / CASE, "--as-of", "2023-03-14")
    assert [f["rule"] for f in report["findings"]] == ["R01"]


def test_new_refuses_a_malformed_staff_assignment(empty_repo):
    result = run("--repo", empty_repo, "new", "（2023）鲁0404行初99号", "--defendant", "scjgj", "--staff", "boss=张三")
    assert result.exit_code == 2
    assert "应写成 职责=姓名" in result.output
    assert not (empty_repo / CASE).exists()
