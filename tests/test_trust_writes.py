"""Outputs on a full or read-only disk (issue 12, item 11).

``check -o`` and ``agenda --ics`` write atomically: a failed write leaves the
previous file as it was and no temporary file behind, and the user reads a
Chinese reason with exit status 2 — never a traceback.
"""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from conftest import FullDisk, mount_tmpfs, run
from yzdocs.output import atomic

OLD = b"previous report\n"


def _outputs(tmp_path):
    """(command arguments, output file) for each command that writes a file the user names."""
    return [
        (["check", "--format", "junit", "-o"], tmp_path / "junit.xml"),
        (["check", "-o"], tmp_path / "report.txt"),
        (["agenda", "--as-of", "2023-06-30", "--ics"], tmp_path / "待办.ics"),
    ]


def _assert_clean_failure(result, target, why):
    assert result.exit_code == 2, result.output
    assert "无法写入" in result.output and why in result.output
    assert "Traceback" not in result.output
    assert target.read_bytes() == OLD  # the previous file is untouched
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("index", range(3))
@pytest.mark.parametrize("budget", [0, 200])
def test_full_disk_keeps_the_previous_file(example_repo, tmp_path, monkeypatch, index, budget):
    args, target = _outputs(tmp_path)[index]
    target.write_bytes(OLD)
    monkeypatch.setattr(atomic, "os", FullDisk(budget))
    result = run("--repo", example_repo, *args, target)
    _assert_clean_failure(result, target, "磁盘空间已满")


class _ReadOnlyTempfile:
    """``tempfile`` for the atomic writer on a file system mounted read-only."""

    @staticmethod
    def mkstemp(**_):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))


@pytest.mark.parametrize("index", range(3))
def test_read_only_file_system(example_repo, tmp_path, monkeypatch, index):
    args, target = _outputs(tmp_path)[index]
    target.write_bytes(OLD)
    monkeypatch.setattr(atomic, "tempfile", _ReadOnlyTempfile)
    _assert_clean_failure(run("--repo", example_repo, *args, target), target, "文件系统只读")


@pytest.fixture
def read_only_dir(tmp_path):
    """A real read-only directory holding the previous file: a ro tmpfs as root, else mode 0555."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        (folder / "previous").write_bytes(OLD)
        folder.chmod(0o555)
        yield folder, "没有写入权限"
        folder.chmod(0o755)
        return
    mount_tmpfs(folder)
    try:
        (folder / "previous").write_bytes(OLD)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
        yield folder, "文件系统只读"
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.parametrize("index", range(3))
def test_real_read_only_directory(example_repo, tmp_path, read_only_dir, index):
    folder, why = read_only_dir
    args, _ = _outputs(tmp_path)[index]
    target = folder / "previous"
    _assert_clean_failure(run("--repo", example_repo, *args, target), target, why)


def test_check_output_is_complete_after_success(example_repo, tmp_path):
    target = tmp_path / "junit.xml"
    target.write_bytes(OLD)
    result = run("--repo", example_repo, "check", "--format", "junit", "-o", target)
    assert result.exit_code in (0, 1)
    assert target.read_text(encoding="utf-8").rstrip().endswith("</testsuite>")
