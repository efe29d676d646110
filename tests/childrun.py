"""Run a command in a child process and measure that child alone.

``resource.getrusage(RUSAGE_CHILDREN)`` in the test process reports the peak of *any* child it
ever waited for, and wall-clock time depends on whatever else the machine is doing. A small
launcher forks the command instead and reports, through a pipe, the command's own rusage from
``os.wait4``: its peak resident memory and the CPU time it used. Linux counts in a process's
peak RSS the process it was forked from (the copy before exec), so the launcher, not this
test process of hundreds of MB, is the parent.

CPU time still grows a little on a loaded machine (shared caches), so bounds on it stay generous:
they tell bounded work (seconds) from unbounded work (minutes to hours), not fast from slow.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

LAUNCHER = ("import os, sys; fd = int(sys.argv[1]); pid = os.fork()\n"
            "if pid == 0: os.execvp(sys.argv[2], sys.argv[2:])\n"
            "_, status, usage = os.wait4(pid, 0)\n"
            "os.write(fd, ('%d %f' % (usage.ru_maxrss, usage.ru_utime + usage.ru_stime)).encode())\n"
            "sys.exit(os.waitstatus_to_exitcode(status))")


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float  # user + system time of the command itself
    peak_mb: float      # its own peak resident set

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_child(argv: list, *, env: dict | None = None, timeout: float = 600) -> ChildRun:
    """Run ``argv`` (a list of str/Path) to its end; ``timeout`` only guards against a hang."""
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(write_end), *map(str, argv)],
                                stdout=out, stderr=err, env=env, pass_fds=(write_end,), start_new_session=True)
        os.close(write_end)
        try:
            proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:  # a hang: the command and the launcher go together
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        with os.fdopen(read_end, "rb") as fh:
            peak_kb, cpu = (fh.read().decode() or "0 0").split()
        out.seek(0)
        err.seek(0)
        return ChildRun(proc.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), float(cpu), int(peak_kb) / 1024)


def yzdocs_argv(*args) -> list:
    """The CLI as a command line for :func:`run_child`."""
    return [sys.executable, "-m", "yzdocs", *args]
