"""Atomic file writes: a crash, kill or Ctrl-C never leaves a half-written file.

The bytes go to a temporary file in the target's directory (same file
system), are flushed and fsync'ed, and the temporary file is renamed over
the target with ``os.replace`` — atomic on POSIX and Windows. On any
failure, including KeyboardInterrupt, the temporary file is removed.
Temporary names start with ``.`` and end with ``.tmp`` so they are easy to
recognise and never look like a finished document.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from yzdocs.errors import OutputError

# mkstemp creates files 0600; a document gets the permissions of a normal new file.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (creating parent directories)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), FILE_MODE)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}：{exc.strerror or exc}") from exc
        raise


def sync_directory(directory: Path) -> None:
    """Make renames in ``directory`` durable (POSIX; a no-op on Windows).

    Not done per document: the rename is already atomic, and the manifest
    (synced after each write) records only files whose rename has happened.
    """
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
