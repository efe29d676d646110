"""Benchmark `yzdocs site` against the naive way, side by side in one run.

    python benchmarks/bench_site.py [--quick] [--cases N]

Target (issue 15): 10,000 cases in at most 10 s on this machine (warm report
cache — the run CI repeats on every push — and also the cold first run). The
naive way renders each case page as `yzdocs show` would compute it (a fresh
rules context and a search for the case, per case) into a Jinja environment
created per page; it is timed on a sample of cases and compared per page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def site(root: Path, as_of: str, out: Path, *, cold: bool = False) -> dict:
    from yzdocs.reports.loader import cache_path
    from yzdocs.site.build import build_site

    if cold:
        cache_path(root).unlink(missing_ok=True)
    began = time.perf_counter()
    result = build_site(root, out, date.fromisoformat(as_of))
    return {"seconds": time.perf_counter() - began, "pages": result.pages, "written": len(result.written)}


def naive(root: Path, as_of: str, limit: int) -> dict:
    """Case pages the naive way: `show`'s library call per case, a new Jinja environment per page."""
    import jinja2

    from yzdocs.reports import loader
    from yzdocs.site.pages import HERE, environment
    from yzdocs.site.build import _documents
    from yzdocs.site.model import gather
    from yzdocs.timeline import case_timeline

    repo = loader.load(root)
    day = date.fromisoformat(as_of)
    model = gather(repo, day, {}, _documents(repo))  # for the page furniture only (not timed)
    cases = {c.rel: c for c in model.cases}
    docs = [d for d in repo.valid_cases()][:limit]
    began = time.perf_counter()
    for doc in docs:
        _, entries = case_timeline(repo, doc.data["case_no"], day)
        env = environment()
        env.loader = jinja2.FileSystemLoader(str(HERE / "templates"))
        view = cases[doc.rel]
        view.entries = entries
        env.get_template("case.html").render(root="../../", site=model, case=view, case_pages={}, agency_pages={},
                                             base_url="", agency_names={}, source=str, source_file=str,
                                             errors=0, warnings=0, infos=0)
    return {"seconds": time.perf_counter() - began, "pages": len(docs)}


def main(argv=None) -> int:
    from generate import generate_repo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 cases")
    parser.add_argument("--cases", type=int, default=None)
    args = parser.parse_args(argv)
    cases = args.cases or (2000 if args.quick else 10000)
    with tempfile.TemporaryDirectory(prefix="yzdocs-bench-") as tmp:
        root = Path(tmp) / "repo"
        as_of = generate_repo(root, cases=cases, agencies=30, seed=1)["as_of"].isoformat()
        cold = site(root, as_of, Path(tmp) / "cold", cold=True)
        shutil.rmtree(Path(tmp) / "cold")
        warm = site(root, as_of, Path(tmp) / "site")
        noop = site(root, as_of, Path(tmp) / "site")
        slow = naive(root, as_of, min(200, cases))
    per_page_ours = warm["seconds"] / warm["pages"]
    per_page_naive = slow["seconds"] / slow["pages"]
    print(f"cases {cases:,}: cold {cold['seconds']:.2f} s, warm {warm['seconds']:.2f} s ({warm['pages']:,} pages), "
          f"no-op {noop['seconds']:.2f} s ({noop['written']} written); naive {per_page_naive * 1000:.1f} ms/page "
          f"vs {per_page_ours * 1000:.2f} ms/page: {per_page_naive / per_page_ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
