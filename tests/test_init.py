"""`yzdocs init`: a new repository that passes check, is ready for CI, and never overwrites."""

from __future__ import annotations

import json

import yaml

from conftest import run, run_json

EXPECTED = {"yzdocs.yaml", "agencies.yaml", ".gitignore", ".pre-commit-config.yaml", ".github/workflows/yzdocs.yml",
            ".gitlab-ci.yml", ".gitea/workflows/yzdocs.yml", ".vscode/settings.json", "cases/.gitkeep",
            "circulars/.gitkeep", "meetings/.gitkeep", "reports/.gitkeep", ".vscode/yzdocs-schema/case.schema.json",
            ".github/workflows/yzdocs-notify.yml", ".gitea/workflows/yzdocs-notify.yml"}


def test_init_makes_a_repository_that_passes_check(tmp_path):
    repo = tmp_path / "新案件库"
    result = run("init", repo, "--district", "薛城区")
    assert result.exit_code == 0, result.output
    files = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    assert EXPECTED <= files
    check, report = run_json("--repo", repo, "check")
    assert check.exit_code == 0, check.output
    assert report["findings"] == []
    settings = yaml.safe_load((repo / "yzdocs.yaml").read_text("utf-8"))
    assert settings["government"] == "薛城区人民政府" and settings["court"] == "薛城区人民法院"
    assert "/out/" in (repo / ".gitignore").read_text("utf-8").splitlines()


def test_init_ci_files_run_the_check(tmp_path):
    run("init", tmp_path)
    for rel in (".github/workflows/yzdocs.yml", ".gitea/workflows/yzdocs.yml", ".gitlab-ci.yml"):
        text = (tmp_path / rel).read_text("utf-8")
        yaml.safe_load(text)  # valid YAML
        assert "yzdocs check" in text and "requirements.lock" in text
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == "yzdocs check" and hook["files"].endswith(r"\.ya?ml$")
    vscode = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    assert "./.vscode/yzdocs-schema/case.schema.json" in vscode["yaml.schemas"]


def test_init_schedules_the_daily_check_and_notify(tmp_path):
    run("init", tmp_path)
    for rel in (".github/workflows/yzdocs-notify.yml", ".gitea/workflows/yzdocs-notify.yml"):
        flow = yaml.safe_load((tmp_path / rel).read_text("utf-8"))
        assert flow[True]["schedule"] == [{"cron": "0 1 * * *"}]  # 09:00 in Beijing, every day
        steps = [s.get("run") for s in flow["jobs"]["notify"]["steps"]]
        assert steps.index("yzdocs check || true") < steps.index("yzdocs notify")
        notify = flow["jobs"]["notify"]["steps"][steps.index("yzdocs notify")]
        assert notify["env"] == {"SMTP_PASSWORD": "${{ secrets.SMTP_PASSWORD }}"}  # only what notify.yaml names
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["yzdocs-notify"]["script"][-2:] == ["yzdocs check || true", "yzdocs notify"]
    assert gitlab["yzdocs-notify"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert gitlab["yzdocs-check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE != "schedule"'}]


def test_a_first_case_in_a_new_repository(tmp_path):
    run("init", tmp_path)
    result = run("--repo", tmp_path, "new", "（2026）鲁0404行初1号", "--defendant", "qzf",
                 "--received", "2026-03-02", "--as-of", "2026-03-02")
    assert result.exit_code == 0, result.output
    check = run("--repo", tmp_path, "check", tmp_path / "cases/2026/鲁0404行初1号.yaml", "--as-of", "2026-03-02")
    assert check.exit_code == 0, check.output


def test_init_never_overwrites(tmp_path):
    run("init", tmp_path)
    (tmp_path / "agencies.yaml").write_text("agencies: []\n", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 0
    assert "已存在，未改动 agencies.yaml" in result.output
    assert (tmp_path / "agencies.yaml").read_text("utf-8") == "agencies: []\n"


def test_init_on_a_file_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = run("init", target)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
