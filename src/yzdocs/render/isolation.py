"""Rendering in a worker process under an address-space bound.

The sandbox (render/sandbox.py) counts the work a template asks for; this is
the second wall behind it, for memory a template grows in one step the sandbox
cannot see. A worker also ends when its parent does (Linux: the kernel sends
SIGKILL), so a killed run leaves no worker holding the output lock. Build
workers start this way; so does the one worker that renders a report from a
template override (built-in templates are trusted and render in-process).
"""

from __future__ import annotations

import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from yzdocs.errors import RenderError

WORKER_MEMORY = 3 << 30  # address space of one rendering worker


def worker_start() -> None:
    """Initialiser of every rendering worker."""
    import ctypes

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the run
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the call took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=worker_start)


def call_isolated(label: str, func, *args):
    """``func(*args)`` in one bounded worker; a worker that dies is a RenderError naming ``label``."""
    executor = pool(1)
    try:
        return executor.submit(func, *args).result()
    except MemoryError:
        raise RenderError(f"{label} 渲染时超出内存上限（{WORKER_MEMORY >> 30} GB）。") from None
    except BrokenProcessPool as exc:
        raise RenderError(f"{label} 渲染时工作进程异常退出（多为超出内存上限）：{exc}") from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
