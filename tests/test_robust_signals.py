"""SIGTERM, Ctrl-C and SIGKILL during PDF conversion and builds (issue 12, item 15).

An interrupted run removes its temporary folders, stops LibreOffice, leaves
no half-written file and says so in Chinese (exit 130). A run killed outright
cannot clean up: the next conversion sweeps what it left — folders and
LibreOffice processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PROJECT, require
from yzdocs.output import scratch

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate import generate_repo  # noqa: E402

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="Linux /proc")


def _using(folder: Path) -> list[int]:
    """Live processes whose command line names ``folder``."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if str(folder).encode() in (entry / "cmdline").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except (OSError, IndexError):
            continue
    return found


def _wait_for(predicate, seconds=300.0):  # a state awaited; the limit only ends a hang
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    require("soffice")
    root = tmp_path_factory.mktemp("signals") / "repo"
    generate_repo(root, cases=60, agencies=5, seed=13)
    subprocess.run([sys.executable, "-m", "yzdocs", "--repo", str(root), "build"], check=True,
                   capture_output=True, env=dict(os.environ, PYTHONPATH=str(PROJECT / "src")))
    return root


def _start(root: Path, tmp: Path, *args: str) -> subprocess.Popen:
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(PROJECT / "src"), TMPDIR=str(tmp))
    # A shell without job control starts background commands with SIGINT ignored, and Python then
    # keeps ignoring it (as a command-line tool should): the child gets Ctrl-C's default back here.
    return subprocess.Popen([sys.executable, "-m", "yzdocs", "--repo", str(root), *args, "--force"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _finish(proc: subprocess.Popen, seconds: float = 300) -> tuple[str, str]:
    """Its output once it has ended; one that hangs is killed so that it outlives no test."""
    try:
        return proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"still running after {seconds:g} s: {err[-2000:]}")


def _leftovers(root: Path, tmp: Path) -> tuple[list, list, list]:
    return (sorted(p.name for p in tmp.iterdir()), _using(tmp),
            [p for p in (root / "out").rglob("*") if p.name.endswith(".tmp")])


def _freeze(tmp: Path) -> None:
    """Stop LibreOffice (its whole session) where it is: the conversion cannot finish before the
    signal reaches yzdocs, however fast or busy the machine is. yzdocs kills it with SIGKILL,
    which a stopped process obeys."""
    for pid in _using(tmp):
        try:
            os.killpg(os.getpgid(pid), signal.SIGSTOP)
        except ProcessLookupError:
            continue


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_conversion_cleans_up(built, tmp_path, signum):
    proc = _start(built, tmp_path / "tmp", "pdf")
    assert _wait_for(lambda: _using(tmp_path / "tmp")), "LibreOffice did not start"
    _freeze(tmp_path / "tmp")
    assert proc.poll() is None  # still converting
    proc.send_signal(signum)
    out, err = _finish(proc)
    assert proc.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err + out
    assert _wait_for(lambda: _leftovers(built, tmp_path / "tmp") == ([], [], [])), \
        _leftovers(built, tmp_path / "tmp")


def test_a_killed_conversion_is_swept_by_the_next(built, tmp_path):
    tmp = tmp_path / "tmp"
    proc = _start(built, tmp, "pdf")
    assert _wait_for(lambda: _using(tmp)), "LibreOffice did not start"
    _freeze(tmp)  # so that it is still there, mid-conversion, when its run dies
    proc.kill()
    proc.communicate()
    left = sorted(p.name for p in tmp.iterdir())
    assert [n for n in left if n.startswith(f"yzdocs-pdf-{proc.pid}-")]
    assert _using(tmp)  # LibreOffice outlived the run that started it
    nxt = _start(built, tmp, "pdf")  # everything is unchanged: it converts nothing, but sweeps
    _finish(nxt, 600)
    assert nxt.returncode == 0
    assert _wait_for(lambda: not _using(tmp))
    assert sorted(p.name for p in tmp.iterdir()) == []


def test_interrupted_build_leaves_only_whole_documents(tmp_path):
    root = tmp_path / "repo"
    generate_repo(root, cases=300, agencies=5, seed=17)
    proc = _start(root, tmp_path / "tmp", "build", "-j", "2")
    assert _wait_for(lambda: any((root / "out").rglob("*.docx")) if (root / "out").exists() else False)
    # Held still while the signal is sent, the build cannot have finished first, however fast it is.
    os.kill(proc.pid, signal.SIGSTOP)
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    os.kill(proc.pid, signal.SIGCONT)
    out, err = _finish(proc)
    assert proc.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err + out
    assert not [p for p in (root / "out").rglob("*") if p.name.endswith(".tmp")]
    assert not _using(root)  # no worker left
    again = subprocess.run([sys.executable, "-m", "yzdocs", "--repo", str(root), "build"], capture_output=True,
                           text=True, env=dict(os.environ, PYTHONPATH=str(PROJECT / "src")), timeout=600)
    assert again.returncode == 0 and "未正常结束" not in again.stderr, again.stderr


def test_sweep_removes_only_folders_of_dead_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    names = [f"yzdocs-pdf-{dead}-abc", f"yzdocs-lo-profile-{dead}-def", f"yzdocs-pdf-{os.getpid()}-live",
             "yzdocs-notes", "other-1-2"]
    for name in names:
        (tmp_path / name).mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                                str(tmp_path / f"yzdocs-lo-profile-{dead}-def")])
    assert _wait_for(lambda: _using(tmp_path))
    try:
        removed = scratch.sweep()
        assert sorted(p.name for p in removed) == sorted(names[:2])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])
        assert sleeper.wait(timeout=10) == -signal.SIGKILL
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.fixture
def endless_soffice(tmp_path, monkeypatch):
    """A stand-in for LibreOffice that never finishes; scratch folders in ``tmp_path``."""
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nwhile :; do sleep 1; done\n")
    script.chmod(0o755)
    yield str(script)
    scratch.stop_processes_using(tmp_path)  # whatever a failing test left running


def _interrupt_then_check(tmp_path, soffice):
    from yzdocs.output import pdf
    with pytest.raises(KeyboardInterrupt):
        pdf.run_soffice([tmp_path / "a.docx"], tmp_path / "out", pdfa=False, timeout=600, soffice=soffice)
    # a stand-in left running would loop for ever: the limit only ends that hang
    assert _wait_for(lambda: not _using(tmp_path), seconds=60), _using(tmp_path)


def test_an_interrupt_while_the_watchdog_starts_still_stops_libreoffice(tmp_path, monkeypatch, endless_soffice):
    # The window CI once hit on a loaded machine: Ctrl-C while the watchdog thread was starting.
    class Interrupted(threading.Timer):
        def start(self):
            assert _wait_for(lambda: _using(tmp_path))  # the stand-in is running
            raise KeyboardInterrupt

    monkeypatch.setattr(threading, "Timer", Interrupted)
    _interrupt_then_check(tmp_path, endless_soffice)


def test_an_interrupt_as_libreoffice_starts_still_stops_it(tmp_path, monkeypatch, endless_soffice):
    real, started = subprocess.Popen, []

    def interrupted(*args, **kwargs):  # started, then Ctrl-C before Popen returns it
        started.append(real(*args, **kwargs))
        assert _wait_for(lambda: _using(tmp_path))
        raise KeyboardInterrupt

    from yzdocs.output import pdf
    monkeypatch.setattr(pdf.subprocess, "Popen", interrupted)
    _interrupt_then_check(tmp_path, endless_soffice)
    started[0].wait()
    started[0].stdout.close()
