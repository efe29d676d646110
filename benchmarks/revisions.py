"""Before/after: `check`, `build -j 2 --force` and `site` of two source trees on one generated repository.

Runs alternate (before, after, before, …) so load on the shared machine hits
both alike; the medians and their ratio are printed. Use it to show that a
change costs no more than it may (issue 12: check and build ≤ 5 % slower):

    git worktree add /tmp/before <commit>
    python benchmarks/revisions.py /tmp/before .
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_repo  # noqa: E402

COMMANDS = {"check": ["check", "--as-of", "2025-12-31"], "build": ["build", "-j", "2", "--force"],
            "site": ["site", "--as-of", "2025-12-31"]}


def timed(src: Path, root: Path, args: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(src / "src"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "yzdocs", "--repo", str(root), *args], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        generate_repo(root, cases=args.cases, agencies=9, seed=7)
        for name, command in COMMANDS.items():
            runs: dict[str, list[float]] = {"before": [], "after": []}
            extra = ["-o", str(Path(tmp) / name)] if name in ("build", "site") else []
            for _ in range(args.repeat):
                for label in ("before", "after"):
                    runs[label].append(timed(getattr(args, label).resolve(), root, command + extra))
            before, after = statistics.median(runs["before"]), statistics.median(runs["after"])
            print(f"{name}: before {before:.2f} s, after {after:.2f} s, after/before {after / before:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
