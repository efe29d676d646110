"""`yzdocs serve`: the site on 127.0.0.1 for a local look, rebuilt when the repository changes.

Only the loopback address is bound (the site shows every case; publishing it
is CI's job). A background thread watches the repository's YAML files and
settings (their contents, once a second) and rebuilds; a failed rebuild
keeps the last site and prints why.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from pathlib import Path

from yzdocs.errors import YzdocsError
from yzdocs.loading import file_digest

WATCHED = ("cases", "circulars", "meetings", "reports")
SETTINGS = ("yzdocs.yaml", "agencies.yaml", "holidays.yaml")


def snapshot(root: Path) -> tuple:
    """What a rebuild depends on: every watched file's path and content digest.

    By content, not by (size, modification time): an edit that keeps the size within one timestamp
    tick (a date typed over another) changes neither, and was missed. Reading the YAML files once a
    second is cheap beside the rebuild it saves a user from starting by hand."""
    paths = [root / name for name in SETTINGS if (root / name).is_file()]
    for folder in WATCHED:
        if (root / folder).is_dir():
            paths += sorted((root / folder).rglob("*.y*ml"))
    return tuple((path.relative_to(root).as_posix(), file_digest(path)) for path in paths)


MAX_CONNECTIONS = 32  # open at once; more are closed at once (300 idle ones held 300 threads)
IDLE_SECONDS = 10  # a connection that sends nothing this long is closed


class _Site(http.server.SimpleHTTPRequestHandler):
    """Only regular files inside the site, reached without a symlink; only to this machine's own names.

    A symlink committed in the site folder served /etc/passwd, and a page fetched with ``Host:
    attacker.example`` (DNS rebinding: a web page making the user's browser call 127.0.0.1) was
    answered. Neither is now: no directory listings, no links followed, other hosts get 421."""

    timeout = IDLE_SECONDS

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in {f"127.0.0.1:{port}", f"localhost:{port}"}:
            self.send_error(421, "Misdirected Request")
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        base = Path(self.directory)
        if path.is_symlink() or not path.is_file() or os.path.realpath(path) != str(path.absolute()) \
                or base not in path.absolute().parents:
            self.send_error(404, "File not found")
            return None
        return super().send_head()

    def list_directory(self, path):
        self.send_error(404, "File not found")
        return None


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # accepted (and, beyond the slots, closed) at once rather than left waiting

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def serve(root: Path, out: Path, rebuild, *, port: int = 8000, echo=print, stop: threading.Event | None = None,
          interval: float = 1.0) -> None:
    """Serve ``out`` until interrupted (or ``stop`` is set); call ``rebuild()`` when the repository changes."""
    handler = functools.partial(_Site, directory=str(Path(out).resolve()))
    server = _Server(("127.0.0.1", port), handler)
    stop = stop or threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, rebuild, echo, stop, interval), daemon=True)
    watcher.start()
    echo(f"网站：http://127.0.0.1:{server.server_address[1]}/index.html （Ctrl-C 结束）")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while not stop.wait(0.2):
            pass
    finally:
        server.shutdown()
        server.server_close()
        stop.set()


def _watch(root: Path, rebuild, echo, stop: threading.Event, interval: float) -> None:
    last = snapshot(root)
    while not stop.wait(interval):
        now = snapshot(root)
        if now == last:
            continue
        last = now
        try:
            result = rebuild()
            echo(f"已重新生成：更新 {len(result.written)} 个文件（{time.strftime('%H:%M:%S')}）")
        except YzdocsError as exc:
            echo(f"重新生成失败，仍显示上一次的网站：{exc}")
