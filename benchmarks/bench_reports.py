"""Benchmark `yzdocs report stats` and the district circular with charts.

    python benchmarks/bench_reports.py [--quick] [--cases N]

Targets (issue 5): stats over 10,000 cases in at most 5 s, the district
circular with charts in at most 5 s. The first run validates every case file
(Cerberus, ~10 ms a file) and fills the report cache; the timed runs are the
ones staff repeat, with the cache warm. Both are printed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner  # noqa: E402

from benchmarks.generate import generate_repo  # noqa: E402
from yzdocs.cli import main as cli  # noqa: E402

LIMIT = 5.0


def timed(args: list[str]) -> float:
    began = time.perf_counter()
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    elapsed = time.perf_counter() - began
    if result.exit_code != 0:
        raise SystemExit(f"failed ({result.exit_code}): {' '.join(args)}\n{result.output}")
    return elapsed


def main(argv=None) -> int:
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
        base = ["--repo", str(root), "report"]
        cold = timed(base + ["stats", "--period", "2024", "--format", "json", "-o", str(root / "s.json"), "--as-of", as_of])
        print(f"report stats, cold (validates every file, fills the cache): {cold:.2f} s")
        ok = True
        for name, cmd in (("report stats --format json", ["stats", "--period", "2024", "--format", "json",
                                                          "-o", str(root / "s.json")]),
                          ("report stats --format xlsx", ["stats", "--period", "2024", "--format", "xlsx",
                                                          "-o", str(root / "s.xlsx")]),
                          ("report district (3 charts)", ["district", "--period", "2024H1",
                                                          "-o", str(root / "d.docx")])):
            elapsed = timed(base + cmd + ["--as-of", as_of])
            verdict = "ok" if elapsed <= LIMIT else f"SLOW (limit {LIMIT:.0f} s)"
            ok &= elapsed <= LIMIT
            print(f"{name}, {cases} cases: {elapsed:.2f} s  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
