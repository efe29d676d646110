"""Read-only inputs: check, build, report and agenda never modify the case repository.

Every file of the repository is hashed (content, mode, mtime) before and
after; the output directory (``out/`` inside the repository by default) is
the only place allowed to change.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, run

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate import generate_repo  # noqa: E402


def snapshot(root: Path, out: Path) -> dict[str, tuple]:
    """Every path under ``root`` except the output directory: (kind, sha256, mode, mtime)."""
    state = {}
    for path in sorted(root.rglob("*")):
        if path == out or out in path.parents:
            continue
        st = path.lstat()
        if path.is_symlink():
            state[str(path.relative_to(root))] = ("link", str(path.readlink()), st.st_mode, st.st_mtime_ns)
        elif path.is_dir():
            state[str(path.relative_to(root))] = ("dir", "", st.st_mode, st.st_mtime_ns)
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[str(path.relative_to(root))] = ("file", digest, st.st_mode, st.st_mtime_ns)
    return state


@pytest.fixture(params=["example", "generated"])
def repo(request, example_repo, tmp_path) -> tuple[Path, str]:
    if request.param == "example":
        return example_repo, "2023-12-31"
    root = tmp_path / "generated"
    summary = generate_repo(root, cases=30, agencies=5, seed=11)
    return root, summary["as_of"].isoformat()


COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["check", "cases"],
    ["build", "-j", "1"],
    ["build", "-j", "1"],  # the incremental rebuild too
    ["report", "stats", "--period", "2023"],
    ["report", "stats", "--period", "2023H1", "--format", "xlsx"],
    ["agenda"],
    ["agenda", "--format", "json"],
]


def test_commands_never_modify_the_repository(repo, monkeypatch):
    root, as_of = repo
    monkeypatch.chdir(root)
    out = root / "out"
    before = snapshot(root, out)
    assert before, "empty repository"
    for command in COMMANDS:
        extra = ["--as-of", as_of] if command[0] in ("check", "report", "agenda") else []
        result = run("--repo", root, *command, *extra)
        assert result.exit_code in (0, 1), (command, result.output)
        assert "Traceback" not in result.output
        assert snapshot(root, out) == before, f"{' '.join(command)} modified the case repository"
    assert list(out.rglob("*.docx")), "the build wrote its documents into out/"


def test_build_into_a_separate_directory_leaves_the_repository_byte_identical(example_repo, tmp_path):
    before = snapshot(example_repo, example_repo / "nonexistent")
    assert run("--repo", example_repo, "build", "-j", "1", "-o", tmp_path / "docs").exit_code == 0
    assert snapshot(example_repo, example_repo / "nonexistent") == before
    shutil.rmtree(tmp_path / "docs")
