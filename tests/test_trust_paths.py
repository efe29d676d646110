"""Settings and symlinks cannot make yzdocs read or write outside the repository (issue 12, items 2–3).

A planted token in a file outside the repository must never appear in any
output; a write aimed outside must be refused, with nothing created there.
"""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import CONTRACT_REPO, run

TOKEN = "ghp_PLANTEDTOKEN0123456789"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(CONTRACT_REPO, root)
    return root


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(f"years:\n  2023:\n    rest: [{TOKEN}]\nname: {TOKEN}\nagencies: [{{id: {TOKEN}}}]\n", encoding="utf-8")
    return path


def _setting(repo, line: str) -> None:
    """Set one key of yzdocs.yaml (replacing the line that sets it, if any)."""
    settings = repo / "yzdocs.yaml"
    key = line.split(":")[0]
    lines = [x for x in settings.read_text(encoding="utf-8").splitlines() if not x.startswith(f"{key}:")]
    settings.write_text("\n".join(lines + [line]) + "\n", encoding="utf-8")


def _check(repo):
    return run("--repo", repo, "check", "--as-of", "2023-12-31")


@pytest.mark.parametrize("value", ["../outside/secret.yaml", "/etc/passwd", "{secret}"])
def test_holidays_setting_outside_is_refused_and_not_echoed(repo, secret, value):
    _setting(repo, f"holidays: {value.format(secret=secret)}")
    result = _check(repo)
    assert result.exit_code == 1
    assert "不是案件库内的相对路径" in result.output
    assert TOKEN not in result.output and "root:" not in result.output


@pytest.mark.parametrize("name", ["holidays.yaml", "yzdocs.yaml", "agencies.yaml"])
def test_a_symlinked_data_file_pointing_outside_is_not_read(repo, secret, name):
    (repo / name).unlink(missing_ok=True)
    (repo / name).symlink_to(secret)
    result = _check(repo)
    assert result.exit_code == 1, result.output
    assert "指向案件库之外，出于安全考虑未读取" in result.output
    assert TOKEN not in result.output


def test_rules_file_outside_is_refused(repo, secret):
    _setting(repo, f"rules: {secret}")
    result = _check(repo)
    assert "不是案件库内的相对路径" in result.output and TOKEN not in result.output
    _setting(repo, "rules: policy.yaml")
    (repo / "policy.yaml").symlink_to(secret)
    result = _check(repo)
    assert result.exit_code == 2 and "不在案件库之内，出于安全考虑未读取" in result.output
    assert TOKEN not in result.output


@pytest.mark.parametrize("value", ["../elsewhere", "{tmp}/elsewhere"])
def test_output_setting_outside_is_refused(repo, tmp_path, value):
    _setting(repo, f"output: {value.format(tmp=tmp_path)}")
    assert "不是案件库内的相对路径" in _check(repo).output
    result = run("--repo", repo, "build", "-j", "1")
    assert result.exit_code == 2 and "不是案件库内的相对路径" in result.output
    assert not (tmp_path / "elsewhere").exists()


def test_output_folder_symlinked_outside_is_refused(repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "out").symlink_to(elsewhere)
    assert "不在案件库之内" in _check(repo).output
    for args in (("build", "-j", "1"), ("bundle", "（2023）鲁0404行初15号"),
                 ("bundle", "--period", "2023", "--as-of", "2023-12-31"),
                 ("report", "stats", "--period", "2023", "--format", "xlsx", "--as-of", "2023-12-31")):
        result = run("--repo", repo, *args)
        assert result.exit_code == 2 and "不在案件库之内" in result.output, (args, result.output)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("sub", ["reports", "bundles"])
def test_a_subfolder_of_out_symlinked_outside_is_refused(repo, tmp_path, sub):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "out").mkdir()
    (repo / "out" / sub).symlink_to(elsewhere)
    args = (("report", "stats", "--period", "2023", "--format", "xlsx", "--as-of", "2023-12-31") if sub == "reports"
            else ("bundle", "（2023）鲁0404行初15号"))
    result = run("--repo", repo, *args)
    assert result.exit_code == 2 and "不在输出目录" in result.output, result.output
    assert list(elsewhere.iterdir()) == []


def test_the_lock_file_never_follows_a_symlink(repo, tmp_path):
    target = tmp_path / "victim"
    (repo / "out").mkdir()
    (repo / "out" / ".yzdocs.lock").symlink_to(target)
    result = run("--repo", repo, "build", "-j", "1")
    assert result.exit_code == 2 and "锁文件" in result.output
    assert not target.exists()
    os.unlink(repo / "out" / ".yzdocs.lock")
    assert run("--repo", repo, "build", "-j", "1").exit_code == 0
