"""`yzdocs serve`: the site on 127.0.0.1 for a local look, rebuilt when the repository changes.

Only the loopback address is bound (the site shows every case; publishing it
is CI's job). A background thread watches the repository's YAML files and
settings (their contents, once a second) and rebuilds; a failed rebuild
keeps the last site and prints why.
"""

from __future__ import annotations

import functools
import http.server
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def serve(root: Path, out: Path, rebuild, *, port: int = 8000, echo=print, stop: threading.Event | None = None,
          interval: float = 1.0) -> None:
    """Serve ``out`` until interrupted (or ``stop`` is set); call ``rebuild()`` when the repository changes."""
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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
