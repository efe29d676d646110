"""Benchmark of `yzdocs check` against the naive loop, side by side in one run.

    python benchmarks/bench_check.py            # 1,000 cases
    python benchmarks/bench_check.py --quick    # 200 cases

1. Naive loop: for every case file ``yaml.safe_load`` + a NEW
   ``cerberus.Validator(fields)`` + ``validate``, with the fields of
   ``schemas/case.yaml``. A plain Validator has no ``check_with`` rules (case
   number syntax, agency ids): they are removed from its schema, so the naive
   loop does a little less work than yzdocs. It also reads case files only,
   while yzdocs reads circulars, meetings and reports too.
2. ``yzdocs.check.run_check`` (load + schema + rules), and
   ``load_repository`` alone (load + schema, no rules): the rules' share.
3. Single-file latency as a pre-commit hook sees it:
   ``python -m yzdocs --repo R check FILE`` in a fresh interpreter.

Targets: issue 2 — check ≥ 4 × the naive loop; one file ≤ 0.3 s with no
python-docx/docxtpl import. Issue 3 — rules add ≤ 25 %.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

# Modules the single-file check path must not import (issue 2).
HEAVY = ("docx", "docxtpl", "matplotlib", "openpyxl", "lxml", "jinja2", "icalendar")


def _without_check_with(rule):
    if isinstance(rule, dict):
        return {k: _without_check_with(v) for k, v in rule.items() if k != "check_with"}
    if isinstance(rule, list):
        return [_without_check_with(v) for v in rule]
    return rule


def case_files(root: Path) -> list[Path]:
    return sorted(p for p in (Path(root) / "cases").rglob("*.yaml") if not p.name.startswith("."))


def naive_check(root: Path) -> dict:
    """The naive loop over every case file: seconds, files, invalid files."""
    import cerberus
    import yaml

    from yzdocs.schema import load_schema

    fields = _without_check_with(load_schema("case")["fields"])
    files = case_files(root)
    invalid = 0
    started = time.perf_counter()
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            invalid += 1
            continue
        validator = cerberus.Validator(fields)
        if not validator.validate(data if isinstance(data, dict) else {}):
            invalid += 1
    return {"seconds": time.perf_counter() - started, "files": len(files), "invalid": invalid}


def yzdocs_check(root: Path, as_of: date | None = None) -> dict:
    """``run_check`` over the whole repository (a fresh process pays schema compilation, so do we)."""
    from yzdocs.check import run_check

    started = time.perf_counter()
    result = run_check(Path(root), (), as_of)
    return {"seconds": time.perf_counter() - started, "files": result.files, "cases": result.cases,
            **result.summary}


def schema_only(root: Path) -> dict:
    """``load_repository``: loading and schema validation, no rules."""
    from yzdocs.repo import load_repository

    started = time.perf_counter()
    repo = load_repository(Path(root))
    return {"seconds": time.perf_counter() - started, "files": len(repo.documents()),
            "findings": len(repo.findings)}


def single_file_latency(root: Path, case_file: Path, runs: int = 5, as_of: str | None = None) -> dict:
    """Wall time of ``python -m yzdocs --repo R check FILE`` in fresh interpreters (median, all)."""
    cmd = [sys.executable, "-m", "yzdocs", "--repo", str(root), "check", str(case_file)]
    if as_of:
        cmd += ["--as-of", as_of]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    times, codes = [], set()
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
        codes.add(proc.returncode)
    # What that path imports, with the cost of each top-level package (µs, cumulative).
    proc = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env, text=True)
    imports = {}
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].strip()
            top = name.split(".")[0]
            if name == top:
                imports[top] = max(imports.get(top, 0), int(parts[1]))
    heavy = sorted(m for m in imports if m in HEAVY)
    interpreter = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"])
        interpreter.append(time.perf_counter() - started)
    return {"median": statistics.median(times), "times": times, "exit_codes": sorted(codes),
            "heavy_imports": heavy, "interpreter": statistics.median(interpreter),
            "top_imports": sorted(imports.items(), key=lambda kv: -kv[1])[:8]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 cases")
    parser.add_argument("--cases", type=int, default=None)
    args = parser.parse_args(argv)
    cases = args.cases or (200 if args.quick else 1000)

    from generate import generate_repo

    with tempfile.TemporaryDirectory(prefix="yzdocs-bench-") as tmp:
        root = Path(tmp) / "repo"
        summary = generate_repo(root, cases=cases, agencies=max(5, cases // 50), seed=1)
        naive = naive_check(root)
        ours = yzdocs_check(root, summary["as_of"])
        plain = schema_only(root)
        latency = single_file_latency(root, case_files(root)[0], as_of=summary["as_of"].isoformat())
    ratio = naive["seconds"] / ours["seconds"]
    overhead = ours["seconds"] / plain["seconds"] - 1
    print(f"cases                   {cases}")
    print(f"naive loop              {naive['seconds']:7.2f} s  ({cases / naive['seconds']:.0f} files/s)")
    print(f"yzdocs check            {ours['seconds']:7.2f} s  ({cases / ours['seconds']:.0f} files/s)")
    print(f"ratio                   {ratio:7.1f} x  (target >= 4)")
    print(f"load + schema only      {plain['seconds']:7.2f} s;  rules add {100 * overhead:.0f} % (target <= 25 %)")
    print(f"single file, fresh      {latency['median']:7.2f} s  (target <= 0.2; bare interpreter "
          f"{latency['interpreter']:.2f} s; heavy imports: {', '.join(latency['heavy_imports']) or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
