"""Atomic file writes: a crash, kill or Ctrl-C never leaves a half-written file.

Each file's bytes go to a temporary file in the target's directory (same
file system); the data is flushed to disk (fdatasync) and only then renamed
over the target with ``os.replace`` — atomic on POSIX and Windows. On any
failure, including KeyboardInterrupt, the temporary files are removed and
no target was touched. Temporary names start with ``.`` and end with
``.tmp`` so they never look like a finished document.

``AtomicBatch`` does this for many files at once: all are written, then all
are synced, then all are renamed. The disk sync dominates the cost of a
small document, and syncing a batch lets the disk overlap the work.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from yzdocs.errors import OutputError

# mkstemp creates files 0600; a document gets the permissions of a normal new file.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


_REASONS = {errno.ENOSPC: "磁盘空间已满", errno.EDQUOT: "磁盘配额已用完", errno.EROFS: "文件系统只读",
            errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限"}


def reason(exc: OSError) -> str:
    """Why a write failed, in Chinese for the causes a user can fix."""
    return _REASONS.get(exc.errno) or exc.strerror or str(exc)


def _flush_to_disk(fd: int) -> None:
    """Data (and size) durable on disk; fdatasync skips the timestamps nobody needs."""
    getattr(os, "fdatasync", os.fsync)(fd)


class AtomicBatch:
    """Write several files so that each is either its old or its complete new content."""

    def __init__(self, *, sync: bool = True):
        self._pending: list[list] = []  # [fd or None once closed, temporary path, target]
        self._sync = sync  # False: atomic against a crash of the program, not against power loss

    def write(self, path: Path, data: bytes) -> None:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"无法写入 {path}：{reason(exc)}") from exc
        self._pending.append([fd, tmp, path])
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except OSError as exc:
            raise OutputError(f"无法写入 {path}：{reason(exc)}") from exc

    def commit(self) -> None:
        """Sync every file, then rename each into place."""
        try:
            for entry in self._pending if self._sync else ():
                _flush_to_disk(entry[0])
            for entry in self._pending:
                fd, entry[0] = entry[0], None
                os.close(fd)
            for _, tmp, path in self._pending:
                os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"无法写入输出文件：{reason(exc)}") from exc
        self._pending = []

    def abort(self) -> None:
        """Remove the temporary files not yet renamed; no target is touched."""
        for fd, tmp, _ in self._pending:
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self._pending = []

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.abort()
                raise
        else:
            self.abort()


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (creating parent directories); ``sync=False`` for files that
    are regenerated anyway (the site): no disk flush, still never half-written."""
    with AtomicBatch(sync=sync) as batch:
        batch.write(path, data)


def is_temporary(name: str) -> bool:
    """A name this module gives its temporary files."""
    return name.startswith(".") and name.endswith(".tmp")


def sweep_temporaries(folder: Path) -> int:
    """Remove the temporary files a writer killed outright (SIGKILL, power loss) left under ``folder``;
    only regular files, no symlinked folder followed. Call it only while no writer can be running
    there (the build's lock held). Returns how many were removed."""
    removed = 0
    for parent, _, names in os.walk(folder, followlinks=False):
        for name in names:
            path = os.path.join(parent, name)
            try:
                if is_temporary(name) and stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
                    removed += 1
            except OSError:
                continue
    return removed


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
