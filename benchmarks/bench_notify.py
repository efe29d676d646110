"""Benchmark `yzdocs notify` against `agenda` over the same cases, and against the naive way.

Target (issue 23): notify over 1,000 cases takes no longer than `agenda` over the same cases plus
the sending. Measured side by side in one run (each in a fresh process, see run.py):

- agenda: the whole repository judged once, every open obligation listed (`yzdocs agenda`);
- notify, dry run: the same judgement, then the schedule and every agency's messages;
- notify, sending: the same, each message delivered through Apprise to a local HTTP receiver
  (one json:// destination per agency's staff and deputy, and the bureau's);
- naive: one agenda per agency (`agenda --agency` in a loop), which judges the repository again
  for every agency.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def working_day(as_of: str) -> str:
    """The generated repository's as-of day, or the first working day after it (a rest day sends nothing)."""
    from datetime import timedelta

    from yzdocs.calendar import Calendar

    day, calendar = date.fromisoformat(as_of), Calendar()
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return day.isoformat()


def agenda(root: Path, as_of: str) -> dict:
    from yzdocs.agenda import build_agenda, to_text
    from yzdocs.repo import load_repository

    began = time.perf_counter()
    items = build_agenda(load_repository(root), date.fromisoformat(as_of))
    to_text(items, date.fromisoformat(as_of))
    return {"seconds": time.perf_counter() - began, "items": len(items)}


def naive(root: Path, as_of: str) -> dict:
    from yzdocs.agenda import build_agenda, to_text
    from yzdocs.repo import load_repository

    began = time.perf_counter()
    repo = load_repository(root)
    n = 0
    for aid in repo.agencies:
        items = build_agenda(repo, date.fromisoformat(as_of), agency=aid)
        to_text(items, date.fromisoformat(as_of))
        n += len(items)
    return {"seconds": time.perf_counter() - began, "items": n}


def _receiver():
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def notify(root: Path, as_of: str, *, send: bool) -> dict:
    from yzdocs.notify import notify as run
    from yzdocs.repo import load_base

    server = _receiver() if send else None
    targets = Path(root) / "notify-bench.yaml"
    if send:
        url = f"json://127.0.0.1:{server.server_address[1]}"
        agencies = "\n".join(f"  {aid}: {{staff: [\"{url}/{aid}\"], deputy: [\"{url}/{aid}-deputy\"]}}"
                             for aid in load_base(root).agencies)
        targets.write_text(f"district: [\"{url}/district\"]\nagencies:\n{agencies}\n", encoding="utf-8")
    began = time.perf_counter()
    result = run(root, date.fromisoformat(as_of), targets_file=targets if send else None, dry_run=not send)
    seconds = time.perf_counter() - began
    if server is not None:
        server.shutdown()
    failed = len(result.failed)
    if failed:
        raise SystemExit(f"{failed} deliveries failed")
    return {"seconds": seconds, "messages": len(result.plan), "deliveries": len(result.deliveries)}
