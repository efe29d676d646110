"""Benchmark of `yzdocs build` against the naive docxtpl loop, side by side in one run.

    python benchmarks/bench_build.py            # 1,000 cases
    python benchmarks/bench_build.py --quick    # ~100 cases

1. Generates a repository (benchmarks/generate.py, fixed seed).
2. Naive loop: for every document, a new ``DocxTemplate``, ``render`` (same
   sandboxed environment and the same contexts) and ``save`` — measured on a
   sample of the documents, then extrapolated per document.
3. ``build_repository(..., jobs=2, force=True)``: documents per second, and
   the peak RSS of the build (this process plus its workers).
4. A no-op rebuild of the same repository (nothing changed).

Targets (issue 4): build throughput ≥ 4 × naive, peak RSS ≤ 300 MB, no-op ≤ 2 s.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def naive_loop(repo_root: Path, limit: int) -> tuple[int, float]:
    """(documents, seconds) of the naive loop over the first ``limit`` documents."""
    from docxtpl import DocxTemplate

    from yzdocs.render.context import build_context
    from yzdocs.render.engine import make_environment
    from yzdocs.render.kinds import KINDS, documents_for
    from yzdocs.render.templates import template_for
    from yzdocs.repo import load_repository

    repo = load_repository(repo_root)
    jobs = []
    for doc in repo.valid_cases():
        for kind in KINDS.values():
            for hearing in documents_for(kind, doc.data):
                jobs.append((kind.name, build_context(kind.name, doc.data, repo.settings, repo.agencies, hearing)))
    jobs = jobs[:limit]
    env = make_environment()
    started = time.perf_counter()
    for kind, context in jobs:
        template = DocxTemplate(str(template_for(kind).path))
        template.render(context, jinja_env=env)
        template.save(io.BytesIO())
    return len(jobs), time.perf_counter() - started


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest child) peak resident set size in MB."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def cold_build(repo_root: Path, jobs: int = 2) -> dict:
    """A full build (``force=True``): seconds, documents, phase timings, peak RSS."""
    from yzdocs.build import build_repository

    started = time.perf_counter()
    result = build_repository(repo_root, jobs=jobs, force=True)
    seconds = time.perf_counter() - started
    own, child = peak_rss_mb()
    return {"seconds": seconds, "documents": len(result.built), "skipped": len(result.skipped),
            "failed": len(result.failed), "timings": result.timings, "rss_main_mb": own, "rss_worker_mb": child}


def noop_build(repo_root: Path, jobs: int = 2) -> dict:
    """A rebuild with nothing changed: seconds, unchanged and (wrongly) rebuilt documents."""
    from yzdocs.build import build_repository

    started = time.perf_counter()
    result = build_repository(repo_root, jobs=jobs)
    return {"seconds": time.perf_counter() - started, "unchanged": len(result.unchanged),
            "built": len(result.built)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 100 cases")
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--naive-sample", type=int, default=400, help="documents timed in the naive loop")
    args = parser.parse_args(argv)
    cases = args.cases or (100 if args.quick else 1000)

    from generate import generate_repo

    work = Path(tempfile.mkdtemp(prefix="yzdocs-bench-"))
    try:
        repo = work / "repo"
        generate_repo(repo, cases=cases, agencies=max(5, cases // 50), seed=7)

        naive_docs, naive_seconds = naive_loop(repo, args.naive_sample)
        naive_rate = naive_docs / naive_seconds

        cold = cold_build(repo, args.jobs)
        built, build_seconds = cold["documents"], cold["seconds"]
        build_rate = built / build_seconds
        own_rss, child_rss = cold["rss_main_mb"], cold["rss_worker_mb"]
        result_timings = cold["timings"]

        noop = noop_build(repo, args.jobs)
        noop_seconds = noop["seconds"]

        ratio = build_rate / naive_rate
        print(f"cases                     {cases}")
        print(f"documents                 {built} (skipped {cold['skipped']}, failed {cold['failed']})")
        print(f"naive loop                {naive_rate:8.1f} docs/s  ({1000 * naive_seconds / naive_docs:.1f} ms/doc, "
              f"{naive_docs} docs timed)")
        print(f"yzdocs build -j {args.jobs}         {build_rate:8.1f} docs/s  ({build_seconds:.2f} s incl. loading "
              f"and validating {cases} cases)")
        render_rate = built / result_timings["render"]
        print(f"  of which                load+validate {result_timings['load']:.2f} s, render+write "
              f"{result_timings['render']:.2f} s ({render_rate:.1f} docs/s, {render_rate / naive_rate:.1f} x naive)")
        print(f"ratio                     {ratio:8.1f} x   (target >= 4)")
        print(f"peak RSS                  {own_rss:8.1f} MB main, {child_rss:.1f} MB largest worker "
              f"(target <= 300)")
        print(f"no-op rebuild             {noop_seconds:8.2f} s   ({noop['unchanged']} unchanged, "
              f"{noop['built']} built; target <= 2)")
        ok = ratio >= 4 and max(own_rss, child_rss) <= 300 and noop_seconds <= 2 and not noop["built"]
        print("PASS" if ok else "MISS")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
