"""Shared fixtures: copies of the example repositories and a CLI runner."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from yzdocs.cli import main

HERE = Path(__file__).parent
PROJECT = HERE.parent
CONTRACT_REPO = HERE / "caserepo"
EXAMPLES = HERE / "examples"


APT_HINT = "apt-get install libreoffice-writer-nogui poppler-utils fontconfig chromium"


def require(*tools: str) -> str:
    """The path of the first of ``tools`` installed. Tests may skip only outside CI; in CI a missing tool
    is a failure (`.ci/run` installs them)."""
    for tool in tools:
        found = shutil.which(tool)
        if found:
            return found
    unavailable(f"{' / '.join(tools)} not installed ({APT_HINT})")


def unavailable(reason: str):
    """Skip a test this machine cannot run — except in CI, which must run every test."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    print(f"SKIP: {reason}", file=sys.__stderr__)
    pytest.skip(reason)


def mount_tmpfs(folder: Path, options: str = "defaults") -> None:
    """A real tmpfs at ``folder`` (a full disk, a read-only file system): root only; CI runs as root."""
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        unavailable("mounting a tmpfs is not permitted here (needs root)")


class FullDisk:
    """``os`` for the atomic writer, whose ``write`` fails with ENOSPC after ``budget`` bytes."""

    def __init__(self, budget: int):
        self.budget = budget

    def __getattr__(self, name):
        return getattr(os, name)

    def write(self, fd, data):
        if self.budget <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = os.write(fd, bytes(data[: max(1, min(len(data), self.budget))]))
        self.budget -= n
        return n


def copy_sample(dest: Path) -> Path:
    """The sample repository's data (the project root is the sample; in CI it also holds a venv)."""
    for name in ("cases", "circulars", "meetings", "reports"):
        shutil.copytree(PROJECT / name, dest / name)
    for name in ("yzdocs.yaml", "agencies.yaml"):
        shutil.copy(PROJECT / name, dest / name)
    return dest


# The suite never reads or fills the user's own cache folder (~/.cache/yzdocs): a stale entry there could
# make a test pass, and a test must not leave data behind. Set when this module is imported — before any
# test module copies os.environ for its child processes — so children use it too.
_USER_CACHE = tempfile.mkdtemp(prefix="yzdocs-test-cache-")
_PREVIOUS_CACHE = os.environ.get("XDG_CACHE_HOME")
os.environ["XDG_CACHE_HOME"] = _USER_CACHE


@pytest.fixture(autouse=True, scope="session")
def _own_user_cache():
    yield
    shutil.rmtree(_USER_CACHE, ignore_errors=True)
    if _PREVIOUS_CACHE is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = _PREVIOUS_CACHE


@pytest.fixture
def example_repo(tmp_path) -> Path:
    """A writable copy of tests/caserepo, the repository format staff write (the contract)."""
    dest = tmp_path / "caserepo"
    shutil.copytree(CONTRACT_REPO, dest)
    return dest


@pytest.fixture
def empty_repo(tmp_path) -> Path:
    """A repository with the example's settings and agencies and no cases."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("yzdocs.yaml", "agencies.yaml"):
        shutil.copy(CONTRACT_REPO / name, dest / name)
    return dest


def run(*args, env=None):
    """Invoke the CLI in-process; returns click's Result."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def run_json(*args):
    result = run(*args, "--format", "json")
    return result, json.loads(result.output)
