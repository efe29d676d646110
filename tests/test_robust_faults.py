"""Faults during a build: SIGKILL at random points, a full disk, two builds at once.

After any of them the output directory holds only complete documents, the
next build succeeds, and afterwards every document matches the SHA-256 the
manifest records.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from conftest import PROJECT, FullDisk, mount_tmpfs, run
from yzdocs.build import build_repository
from yzdocs.output import atomic
from yzdocs.output.manifest import MANIFEST_NAME

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate import generate_repo  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(PROJECT / "src"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "repo"
    generate_repo(root, cases=30, agencies=5, seed=3)
    return root


def _copy(src: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(src, dest)
    return dest


def _build_cmd(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "yzdocs", "--repo", str(root), "build", *extra]


def _all_documents_open(out: Path) -> int:
    documents = sorted(out.rglob("*.docx"))
    for path in documents:
        docx.Document(path)  # raises on a truncated or corrupt package
    return len(documents)


def _matches_manifest(out: Path) -> int:
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.docx")}
    recorded = {rel for group in manifest["groups"].values() for rel in group["outputs"]}
    assert on_disk == recorded
    for rel in recorded:
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == manifest["files"][rel]["sha256"], rel
    return len(recorded)


# Loaded by every process of the build (PYTHONPATH): the N-th rename of a finished temporary file
# into place kills the build and its workers instead. Each kill so lands in the middle of a write —
# the file written, not yet renamed — wherever in the build N falls, however fast the machine is.
KILL_AT_RENAME = """
import os, signal
from yzdocs.output import atomic

class _KillAtRename:
    calls = 0
    def __getattr__(self, name):
        return getattr(os, name)
    def replace(self, src, dst):
        _KillAtRename.calls += 1
        if _KillAtRename.calls == int(os.environ["KILL_AT_RENAME"]):
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os.replace(src, dst)

atomic.os = _KillAtRename()
"""


def _temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_sigkill_at_random_points_leaves_only_complete_documents(generated, tmp_path):
    root = _copy(generated, tmp_path / "repo")
    out = root / "out"
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(KILL_AT_RENAME)
    rng = random.Random(20240229)
    for attempt in range(5):
        jobs = "1" if attempt % 2 else "2"
        env = dict(ENV, PYTHONPATH=f"{hook}{os.pathsep}{ENV['PYTHONPATH']}", KILL_AT_RENAME=str(rng.randint(1, 60)))
        proc = subprocess.run(_build_cmd(root, "-j", jobs, "--force"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env, start_new_session=True, timeout=600)
        assert proc.returncode == -signal.SIGKILL, attempt  # killed, not finished
        assert _temporaries(out), attempt  # in the middle of a write: its temporary file is left
        _all_documents_open(out)
        manifest = out / MANIFEST_NAME
        if manifest.exists():
            json.loads(manifest.read_text(encoding="utf-8"))  # never half written
    final = subprocess.run(_build_cmd(root, "-j", "2"), capture_output=True, text=True, env=ENV)
    assert final.returncode == 0, final.stderr
    assert "Traceback" not in final.stderr
    assert not _temporaries(out)  # what the killed builds left is swept
    count = _matches_manifest(out)
    assert count == _all_documents_open(out) > 100
    again = build_repository(root, jobs=1)
    assert again.built == [] and len(again.unchanged) == count


def _no_partial_files(out: Path) -> None:
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    _all_documents_open(out)


def test_full_disk_on_a_document_gives_a_clear_error_and_no_partial_file(example_repo, monkeypatch):
    monkeypatch.setattr(atomic, "os", FullDisk(30_000))
    result = run("--repo", example_repo, "build", "-j", "1")
    assert result.exit_code in (1, 2)
    assert "无法写入" in result.output and "Traceback" not in result.output
    assert "磁盘空间已满" in result.output
    _no_partial_files(example_repo / "out")
    monkeypatch.setattr(atomic, "os", os)
    assert run("--repo", example_repo, "build", "-j", "1").exit_code == 0
    assert _matches_manifest(example_repo / "out") == 10


def test_full_disk_before_anything_is_written(example_repo, monkeypatch):
    monkeypatch.setattr(atomic, "os", FullDisk(0))
    result = run("--repo", example_repo, "build", "-j", "1")
    assert result.exit_code == 2 and "无法写入" in result.output
    _no_partial_files(example_repo / "out")
    assert not list((example_repo / "out").rglob("*.docx"))


def test_tiny_tmpfs(example_repo, tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    mount_tmpfs(mount, "size=48k")
    try:
        result = subprocess.run(_build_cmd(example_repo, "-j", "1", "-o", str(mount)), capture_output=True,
                                text=True, env=ENV)
        assert result.returncode in (1, 2), result.stdout
        assert "无法写入" in result.stderr and "磁盘空间已满" in result.stderr and "Traceback" not in result.stderr
        _no_partial_files(mount)
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_two_builds_at_once(generated, tmp_path):
    root = _copy(generated, tmp_path / "repo")
    procs = [subprocess.Popen(_build_cmd(root, "-j", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=ENV, text=True) for _ in range(2)]
    results = [(p.wait(), p.stdout.read() + p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    loser = next(text for code, text in results if code == 2)
    assert "另一个 yzdocs build 正在" in loser and "Traceback" not in loser
    out = root / "out"
    assert _matches_manifest(out) == _all_documents_open(out) > 100


def _workers_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux /proc")
def test_killing_the_build_ends_its_workers_and_frees_the_lock(tmp_path):
    root = tmp_path / "repo"
    generate_repo(root, cases=400, agencies=5, seed=5)
    proc = subprocess.Popen(_build_cmd(root, "-j", "2", "--force"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=ENV)
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:  # wait for the pool to start
        workers = _workers_of(proc.pid)
        time.sleep(0.05)
    assert workers, "the build started no workers"
    os.kill(proc.pid, signal.SIGKILL)  # the main process only, as `kill -9 <pid>` does
    proc.wait()
    deadline = time.monotonic() + 120  # they die as soon as the kernel delivers PDEATHSIG
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
    again = subprocess.run(_build_cmd(root, "-j", "1"), capture_output=True, text=True, env=ENV, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "另一个 yzdocs build 正在" not in again.stderr
    assert f"上次的 build（进程 {proc.pid}）未正常结束，已接管输出目录" in again.stderr
    last = subprocess.run(_build_cmd(root, "-j", "1"), capture_output=True, text=True, env=ENV, timeout=300)
    assert "未正常结束" not in last.stderr  # a build that ended normally leaves no holder behind
