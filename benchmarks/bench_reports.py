"""Benchmark `yzdocs report stats` and the district circular with charts.

    python benchmarks/bench_reports.py [--quick] [--cases N]

Targets (issue 5): stats over 10,000 cases in at most 5 s, the district
circular with charts in at most 5 s. The first run validates every case file
(Cerberus) and fills the report cache; the timed runs are the ones staff
repeat, with the cache warm. Both are printed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIMIT = 5.0


def timed(args: list[str]) -> float:
    """Seconds of one in-process CLI call (which must succeed)."""
    from click.testing import CliRunner

    from yzdocs.cli import main as cli

    began = time.perf_counter()
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    elapsed = time.perf_counter() - began
    if result.exit_code != 0:
        raise RuntimeError(f"failed ({result.exit_code}): {' '.join(args)}\n{result.output}")
    return elapsed


def stats_cold(root: Path, as_of: str) -> dict:
    """`report stats` with no cache: validates every case file and fills the cache."""
    from yzdocs.reports.loader import cache_path

    cache_path(root).unlink(missing_ok=True)
    return {"seconds": timed(["--repo", str(root), "report", "stats", "--period", "2024", "--format", "json",
                              "-o", str(Path(root) / "out" / "s.json"), "--as-of", as_of])}


def stats_warm(root: Path, as_of: str, fmt: str = "json") -> dict:
    """`report stats` with the cache warm (the run staff repeat)."""
    return {"seconds": timed(["--repo", str(root), "report", "stats", "--period", "2024", "--format", fmt,
                              "-o", str(Path(root) / "out" / f"s.{fmt}"), "--as-of", as_of])}


def district(root: Path, as_of: str) -> dict:
    """The district circular with its three charts (cache warm)."""
    return {"seconds": timed(["--repo", str(root), "report", "district", "--period", "2024H1",
                              "-o", str(Path(root) / "out" / "d.docx"), "--as-of", as_of])}


def main(argv=None) -> int:
    from benchmarks.generate import generate_repo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000")
    parser.add_argument("--cases", type=int, default=None)
    args = parser.parse_args(argv)
    cases = args.cases or (1000 if args.quick else 10000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        began = time.perf_counter()
        summary = generate_repo(root, cases=cases, agencies=30, seed=1)
        print(f"generated {cases} cases in {time.perf_counter() - began:.1f} s")
        as_of = summary["as_of"].isoformat()
        cold = stats_cold(root, as_of)["seconds"]
        print(f"report stats, cold (validates every file, fills the cache): {cold:.2f} s")
        ok = True
        for name, elapsed in (("report stats --format json", stats_warm(root, as_of)["seconds"]),
                              ("report stats --format xlsx", stats_warm(root, as_of, "xlsx")["seconds"]),
                              ("report district (3 charts)", district(root, as_of)["seconds"])):
            verdict = "ok" if elapsed <= LIMIT else f"SLOW (limit {LIMIT:.0f} s)"
            ok &= elapsed <= LIMIT
            print(f"{name}, {cases} cases: {elapsed:.2f} s  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
