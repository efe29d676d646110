"""Hostile YAML through the `yzdocs check` command, in a fresh process each.

Each file is rejected with a clear finding within bounded time and memory.
The bounds are the constants of yzdocs.loading: files over MAX_FILE_BYTES
(1 MiB) are refused before reading, nesting over MAX_DEPTH (64) before
composing, more than MAX_NODES (100,000) values after alias expansion while
walking. Here: under TIME_LIMIT seconds and MEMORY_LIMIT_MB peak RSS for the
whole `yzdocs check` process (the interpreter alone is ~20 MB). The time is the process's CPU
time, so a busy machine does not make it fail; unbounded, each input would run for minutes to hours.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from childrun import run_child, yzdocs_argv
from conftest import PROJECT, CONTRACT_REPO
from yzdocs import loading

TIME_LIMIT = 15.0  # CPU seconds; a bounded check of one file takes well under one
MEMORY_LIMIT_MB = 300


def test_bounds_are_the_loading_constants():
    assert (loading.MAX_FILE_BYTES, loading.MAX_DEPTH, loading.MAX_NODES) == (1 << 20, 64, 100_000)


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "cases" / "2023").mkdir(parents=True)
    for name in ("yzdocs.yaml", "agencies.yaml"):
        shutil.copy(CONTRACT_REPO / name, root / name)
    return root


def check_file(root: Path, path: Path) -> tuple[int, str, float, float]:
    """(exit code, output, CPU seconds, peak RSS in MB) of `python -m yzdocs check PATH`, measured on
    that process alone."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT / "src"))
    proc = run_child(yzdocs_argv("--repo", root, "check", path, "--as-of", "2024-01-01"), env=env, timeout=120)
    return proc.returncode, proc.output, proc.cpu_seconds, proc.peak_mb


def assert_rejected(root: Path, name: str, content: bytes | None = None, *, size: int | None = None,
                    message: str) -> None:
    path = root / "cases" / "2023" / name
    if content is not None:
        path.write_bytes(content)
    else:
        with open(path, "wb") as fh:  # sparse: a huge file that costs no disk
            fh.truncate(size)
    code, out, seconds, peak = check_file(root, path)
    assert code == 1, out
    assert "Traceback" not in out
    assert f"cases/2023/{name}:1:1: 错误 [yaml]" in out or f"cases/2023/{name}:" in out, out
    assert message in out, out
    assert seconds < TIME_LIMIT, seconds
    assert peak < MEMORY_LIMIT_MB, peak


def test_billion_laughs(repo):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")  # 10^9 values
    assert_rejected(repo, "bomb.yaml", ("\n".join(lines) + "\n").encode(), message="别名炸弹")


def test_flow_nesting_200000_levels(repo):
    assert_rejected(repo, "flow.yaml", b"case_no: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
                    message=f"嵌套层级超过 {loading.MAX_DEPTH} 层")


def test_block_sequence_nesting_100000_levels(repo):
    assert_rejected(repo, "block.yaml", b"- " * 100_000 + b"x\n", message=f"嵌套层级超过 {loading.MAX_DEPTH} 层")


def test_block_mapping_nesting_1000_levels(repo):
    text = "".join(" " * i + f"k{i}:\n" for i in range(1000)) + " " * 1000 + "v\n"
    assert len(text) < loading.MAX_FILE_BYTES
    assert_rejected(repo, "mapping.yaml", text.encode(), message=f"嵌套层级超过 {loading.MAX_DEPTH} 层")


def test_fifty_megabyte_file(repo):
    assert_rejected(repo, "big.yaml", size=50 * 1024 * 1024, message="文件过大")


def test_one_ten_megabyte_line(repo):
    assert_rejected(repo, "line.yaml", b"notes: " + b"x" * (10 * 1024 * 1024) + b"\n", message="文件过大")


def test_just_under_the_size_bound_is_read_in_bounded_time(repo):
    # A 1 MiB file of one long value is read (not refused) and costs little.
    body = b"notes: " + b"x" * (loading.MAX_FILE_BYTES - 100) + b"\n"
    path = repo / "cases" / "2023" / "long.yaml"
    path.write_bytes(body)
    code, out, seconds, peak = check_file(repo, path)
    assert code == 1 and "文件过大" not in out and "缺少必填字段" in out
    assert seconds < TIME_LIMIT and peak < MEMORY_LIMIT_MB
