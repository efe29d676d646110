"""Scratch folders for one run, and the sweep of those a dead run left behind.

Every temporary folder yzdocs makes is named ``yzdocs-<kind>-<pid>-…`` in the
system's temporary directory, and LibreOffice keeps its own temporary files
inside the run's profile folder. A run that ends normally, by Ctrl-C or by
SIGTERM removes its folders (``TemporaryDirectory`` and the CLI's signal
handler). A run killed outright (SIGKILL, power loss) cannot: the next run
that starts LibreOffice sweeps folders whose process is gone, first killing a
LibreOffice still working in them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

_NAME = re.compile(r"yzdocs-[a-z-]+?-(\d+)-")


def scratch_dir(kind: str) -> tempfile.TemporaryDirectory:
    """A private temporary folder for this process, removed when the ``with`` block ends."""
    return tempfile.TemporaryDirectory(prefix=f"yzdocs-{kind}-{os.getpid()}-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its folder alone
    return True


def _processes_using(folder: Path) -> list[int]:
    """Processes whose command line names ``folder`` (LibreOffice names its profile); Linux only."""
    needle = str(folder).encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def stop_processes_using(folder: Path) -> None:
    """Kill (SIGKILL) every process working in ``folder``; Linux only (elsewhere none is found)."""
    for pid in _processes_using(folder):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def sweep() -> list[Path]:
    """Remove the scratch folders of yzdocs runs that no longer exist; return what was removed."""
    removed = []
    if os.name != "posix":
        return removed
    root = Path(tempfile.gettempdir())
    try:
        candidates = sorted(root.glob("yzdocs-*"))
    except OSError:
        return removed
    for folder in candidates:
        match = _NAME.match(folder.name)
        try:
            mine = folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.geteuid()
        except OSError:
            continue
        if not match or not mine or _alive(int(match.group(1))):
            continue
        stop_processes_using(folder)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
