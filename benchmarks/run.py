"""All benchmarks side by side in one run: yzdocs against the naive baselines.

    python benchmarks/run.py                 # full: 1,000 / 10,000 cases, 50 PDFs, medians of 3
    python benchmarks/run.py --quick         # CI: 200 / 2,000 cases, 10 PDFs, 1 run (< 3 min)
    python benchmarks/run.py --repeat 5 --json results.json

Every measurement runs in a fresh worker process (``run.py --worker NAME``),
so one phase's caches and memory do not flatter the next, and each worker
reports its own peak RSS (and that of its children: build workers,
LibreOffice). Figures are medians of ``--repeat`` runs. Targets are reported,
not enforced: a missed one prints 未达标; the exit code is non-zero only when
a benchmark crashed. The machine may be shared and noisy: ratios measured in
the same run are what count; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

FULL = {"notify": 1000, "check": 1000, "scale": 10000, "build": 1000, "naive_docs": 400, "reports": 10000, "pdf": 50,
        "pdf_sample": 162, "site": 10000, "naive_pages": 200, "repeat": 3}
QUICK = {"notify": 1000, "check": 200, "scale": 2000, "build": 200, "naive_docs": 100, "reports": 2000, "pdf": 10,
         "pdf_sample": 40, "site": 2000, "naive_pages": 100, "repeat": 1}
AGENCIES = 30  # a district has a few dozen agencies, whatever the number of cases


# ----------------------------------------------------------------------------- workers

def _worker(name: str, args: dict) -> dict:
    """Run one measurement in this (fresh) process; returns its figures."""
    import bench_build
    import bench_check
    import bench_notify
    import bench_pdf
    import bench_reports
    import bench_site

    root = Path(args["root"]) if "root" in args else None
    if name == "check-naive":
        return bench_check.naive_check(root)
    if name == "check-yzdocs":
        return bench_check.yzdocs_check(root, date.fromisoformat(args["as_of"]))
    if name == "check-schema":
        return bench_check.schema_only(root)
    if name == "build-naive":
        docs, seconds = bench_build.naive_loop(root, args["limit"])
        return {"documents": docs, "seconds": seconds}
    if name == "build-cold":
        return bench_build.cold_build(root, args["jobs"])
    if name == "build-noop":
        return bench_build.noop_build(root, args["jobs"])
    if name == "stats-cold":
        return bench_reports.stats_cold(root, args["as_of"])
    if name == "stats-warm":
        return bench_reports.stats_warm(root, args["as_of"])
    if name == "district":
        return bench_reports.district(root, args["as_of"])
    if name == "site-cold":
        return bench_site.site(root, args["as_of"], Path(args["out"]), cold=True)
    if name == "site":
        return bench_site.site(root, args["as_of"], Path(args["out"]))
    if name == "site-naive":
        return bench_site.naive(root, args["as_of"], args["limit"])
    if name == "agenda":
        return bench_notify.agenda(root, args["as_of"])
    if name == "notify-dry":
        return bench_notify.notify(root, args["as_of"], send=False)
    if name == "notify-send":
        return bench_notify.notify(root, args["as_of"], send=True)
    if name == "notify-naive":
        return bench_notify.naive(root, args["as_of"])
    if name == "pdf-make":
        return {"documents": [str(p) for p in bench_pdf.make_documents(Path(args["dir"]), args["n"])]}
    if name == "pdf-batched":
        return bench_pdf.batched([Path(p) for p in args["docs"]])
    if name == "pdf-stem-batches":
        return bench_pdf.stem_batches([Path(p) for p in args["docs"]])
    if name == "pdf-per-file":
        return bench_pdf.per_file([Path(p) for p in args["docs"]])
    raise SystemExit(f"unknown worker {name}")


def _worker_main(name: str, payload: str) -> int:
    result = _worker(name, json.loads(payload))
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    result["rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    result["rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    print("RESULT " + json.dumps(result, default=str))
    return 0


class Crash(Exception):
    pass


def measure(name: str, repeat: int = 1, **args) -> list[dict]:
    """``repeat`` runs of worker ``name``, each in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT),
                                                                    os.environ.get("PYTHONPATH")])))
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", name, json.dumps(args)],
                              capture_output=True, text=True, env=env)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if proc.returncode != 0 or not lines:
            raise Crash(f"{name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        result = json.loads(lines[-1][len("RESULT "):])
        result["process_seconds"] = time.perf_counter() - began
        runs.append(result)
    return runs


def med(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


# ----------------------------------------------------------------------------- report

class Report:
    def __init__(self):
        self.figures: dict[str, object] = {}
        self.targets: list[tuple[str, str, bool]] = []  # (what, figure vs target, met)
        self.crashes: list[str] = []

    def line(self, text: str = "") -> None:
        print(text, flush=True)

    def target(self, what: str, figure: str, met: bool) -> None:
        self.targets.append((what, figure, met))
        self.line(f"    -> {what}: {figure}  {'达标 (met)' if met else '未达标 (NOT MET)'}")

    def section(self, title: str) -> None:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        self.line(f"\n== {title}   [load average {load}]")


def _rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s" if seconds > 0 else "-"


def bench_check(rep: Report, cfg: dict, repo: Path, as_of: str) -> None:
    import bench_check as bc

    n, r = cfg["check"], cfg["repeat"]
    if n <= 500:  # a fraction of a second per run: one run is mostly noise, five cost a few seconds
        r = max(r, 5)
    rep.section(f"check: {n:,} cases, naive loop vs yzdocs (medians of {r})")
    naive = measure("check-naive", r, root=str(repo))
    ours = measure("check-yzdocs", r, root=str(repo), as_of=as_of)
    plain = measure("check-schema", r, root=str(repo))
    t_naive, t_ours, t_plain = med(naive), med(ours), med(plain)
    rep.line(f"  naive (safe_load + new Validator per file) {t_naive:7.2f} s  {_rate(n, t_naive):>8} files  "
             f"peak RSS {med(naive, 'rss_self_mb'):.0f} MB")
    rep.line(f"  yzdocs check (load + schema + rules)      {t_ours:7.2f} s  {_rate(n, t_ours):>8} files  "
             f"peak RSS {med(ours, 'rss_self_mb'):.0f} MB  ({ours[0]['errors']} errors, "
             f"{ours[0]['warnings']} warnings found)")
    rep.line(f"  yzdocs load + schema, no rules            {t_plain:7.2f} s  {_rate(n, t_plain):>8} files")
    ratio, overhead = t_naive / t_ours, t_ours / t_plain - 1
    rep.figures.update(check_naive=t_naive, check_yzdocs=t_ours, check_schema_only=t_plain, check_ratio=ratio,
                       rules_overhead=overhead, check_rss=med(ours, "rss_self_mb"),
                       check_naive_rss=med(naive, "rss_self_mb"))
    rep.target("check vs naive (issue 2, >= 4x)", f"{ratio:.1f}x", ratio >= 4)
    rep.target("rules overhead (issue 3, <= 25 %)", f"{100 * overhead:+.0f} %", overhead <= 0.25)

    case = bc.case_files(repo)[0]
    lat = bc.single_file_latency(repo, case, runs=max(5, r), as_of=as_of)
    rep.line(f"  single file, fresh interpreter ({n:,}-case repo): median {lat['median']:.3f} s of "
             f"{', '.join(f'{t:.2f}' for t in lat['times'])}; bare `python -c pass` {lat['interpreter']:.3f} s; "
             f"exit codes {lat['exit_codes']}")
    rep.line(f"  heavy modules imported on that path: {', '.join(lat['heavy_imports']) or 'none'}")
    rep.line(f"  above the bare interpreter: {lat['median'] - lat['interpreter']:.3f} s "
             f"({lat['median'] / max(lat['interpreter'], 1e-3):.1f}x the interpreter's start)")
    if lat["median"] > 0.2:
        rep.line("  -X importtime, largest top-level imports (ms): " +
                 ", ".join(f"{m} {us / 1000:.0f}" for m, us in lat["top_imports"]))
    rep.figures.update(single_file=lat["median"], single_file_heavy=lat["heavy_imports"],
                       interpreter=lat["interpreter"], single_file_imports=lat["top_imports"])
    rep.target("single-file check (issue 13, <= 0.2 s)", f"{lat['median']:.3f} s", lat["median"] <= 0.2)
    rep.target("no docx/docxtpl/matplotlib on the check path", ", ".join(lat["heavy_imports"]) or "none",
               not set(lat["heavy_imports"]) & {"docx", "docxtpl", "matplotlib"})


def bench_scaling(rep: Report, cfg: dict, small: Path, big: Path, as_of_small: str, as_of_big: str) -> None:
    r = cfg["repeat"]
    a, b = cfg["check"], cfg["scale"]
    rep.section(f"scaling of check: {a:,} -> {b:,} cases (medians of {r})")
    t_a = rep.figures.get("check_yzdocs") or med(measure("check-yzdocs", r, root=str(small), as_of=as_of_small))
    runs = measure("check-yzdocs", r, root=str(big), as_of=as_of_big)
    t_b = med(runs)
    ratio = t_b / t_a
    rep.line(f"  {a:>6,} cases {t_a:7.2f} s  {_rate(a, t_a):>8}")
    rep.line(f"  {b:>6,} cases {t_b:7.2f} s  {_rate(b, t_b):>8}  peak RSS {med(runs, 'rss_self_mb'):.0f} MB")
    rep.line(f"  time ratio {ratio:.1f} for {b / a:.0f}x the cases (linear = {b / a:.0f})")
    rep.figures.update(scale_small=t_a, scale_big=t_b, scale_ratio=ratio, scale_rss=med(runs, "rss_self_mb"))
    rep.target(f"check grows linearly ({a:,} -> {b:,}, ratio <= {1.2 * b / a:.0f})", f"{ratio:.1f}",
               ratio <= 1.2 * b / a)


def bench_build(rep: Report, cfg: dict, repo: Path) -> None:
    n, r = cfg["build"], cfg["repeat"]
    rep.section(f"build: {n:,} cases, -j 2 vs naive DocxTemplate loop (medians of {r})")
    naive = measure("build-naive", r, root=str(repo), limit=cfg["naive_docs"])
    per_doc = statistics.median(x["seconds"] / x["documents"] for x in naive)
    cold = measure("build-cold", r, root=str(repo), jobs=2)
    noop = measure("build-noop", r, root=str(repo), jobs=2)
    docs = cold[0]["documents"]
    t_cold = med(cold)
    rate_naive, rate_cold = 1 / per_doc, docs / t_cold
    render = statistics.median(x["timings"]["render"] for x in cold)
    rss_main, rss_worker = max(x["rss_self_mb"] for x in cold), max(x["rss_children_mb"] for x in cold)
    rep.line(f"  naive (new DocxTemplate per document)    {rate_naive:7.1f} docs/s  ({1000 * per_doc:.1f} ms/doc, "
             f"{naive[0]['documents']} documents timed)")
    rep.line(f"  yzdocs build -j 2, cold                  {rate_cold:7.1f} docs/s  ({docs:,} documents in "
             f"{t_cold:.2f} s, of which render+write {render:.2f} s; "
             f"{cold[0]['skipped']} cases skipped for errors)")
    rep.line(f"  peak RSS: main {rss_main:.0f} MB, largest worker {rss_worker:.0f} MB")
    t_noop = med(noop)
    rep.line(f"  no-op rebuild                            {t_noop:7.2f} s  ({noop[0]['unchanged']:,} unchanged, "
             f"{noop[0]['built']} rebuilt)")
    ratio = rate_cold / rate_naive
    rep.figures.update(build_naive_ms=1000 * per_doc, build_docs=docs, build_cold=t_cold, build_ratio=ratio,
                       build_rss_main=rss_main, build_rss_worker=rss_worker, build_noop=t_noop,
                       build_render=render)
    rep.target("build throughput vs naive (issue 4, >= 4x)", f"{ratio:.1f}x", ratio >= 4)
    rep.target("build peak RSS (issue 4, <= 300 MB)", f"{max(rss_main, rss_worker):.0f} MB",
               max(rss_main, rss_worker) <= 300)
    rep.target("no-op rebuild (issue 4, <= 2 s)", f"{t_noop:.2f} s", t_noop <= 2 and noop[0]["built"] == 0)


def bench_reports(rep: Report, cfg: dict, repo: Path, as_of: str) -> None:
    n, r = cfg["reports"], cfg["repeat"]
    rep.section(f"reports: {n:,} cases (medians of {r})")
    cold = measure("stats-cold", 1, root=str(repo), as_of=as_of)
    warm = measure("stats-warm", r, root=str(repo), as_of=as_of)
    dist = measure("district", r, root=str(repo), as_of=as_of)
    rep.line(f"  report stats, cold cache (validates every file)  {med(cold):7.2f} s  {_rate(n, med(cold)):>8} files")
    rep.line(f"  report stats, warm cache                         {med(warm):7.2f} s  "
             f"peak RSS {med(warm, 'rss_self_mb'):.0f} MB")
    rep.line(f"  report district (3 charts), warm cache           {med(dist):7.2f} s  "
             f"peak RSS {med(dist, 'rss_self_mb'):.0f} MB")
    rep.figures.update(stats_cold=med(cold), stats_warm=med(warm), district=med(dist))
    rep.target(f"report stats over {n:,} cases (issue 5, <= 5 s)", f"{med(warm):.2f} s", med(warm) <= 5)
    rep.target(f"district circular over {n:,} cases (issue 5, <= 5 s)", f"{med(dist):.2f} s", med(dist) <= 5)


def bench_site(rep: Report, cfg: dict, repo: Path, as_of: str, work: Path) -> None:
    n, r = cfg["site"], cfg["repeat"]
    rep.section(f"site: {n:,} cases, yzdocs site vs the naive way (medians of {r})")
    cold = measure("site-cold", 1, root=str(repo), as_of=as_of, out=str(work / "site-cold"))
    warm = [measure("site", 1, root=str(repo), as_of=as_of, out=str(work / f"site-{i}"))[0] for i in range(r)]
    noop = measure("site", r, root=str(repo), as_of=as_of, out=str(work / "site-0"))
    naive = measure("site-naive", 1, root=str(repo), as_of=as_of, limit=cfg["naive_pages"])
    pages = warm[0]["pages"]
    per_ours, per_naive = med(warm) / pages, med(naive) / naive[0]["pages"]
    rep.line(f"  naive (show per case, new Jinja environment per page)  {per_naive * 1000:7.1f} ms/page "
             f"({naive[0]['pages']} pages timed)")
    rep.line(f"  yzdocs site, warm report cache     {med(warm):7.2f} s  {pages:,} pages  {per_ours * 1000:.2f} ms/page  "
             f"peak RSS {med(warm, 'rss_self_mb'):.0f} MB")
    rep.line(f"  yzdocs site, cold (validates every file)  {med(cold):7.2f} s")
    rep.line(f"  yzdocs site, nothing changed       {med(noop):7.2f} s  ({noop[0]['written']} files written)")
    limit = 10 * n / 10000
    rep.figures.update(site_warm=med(warm), site_cold=med(cold), site_noop=med(noop), site_ratio=per_naive / per_ours)
    rep.target(f"site over {n:,} cases (issue 15, <= 10 s at 10,000: {limit:.0f} s here)", f"{med(warm):.2f} s",
               med(warm) <= limit)
    rep.target("site vs naive per page (issue 15)", f"{per_naive / per_ours:.1f}x", per_naive > per_ours)


def bench_notify(rep: Report, cfg: dict, repo: Path, as_of: str) -> None:
    import bench_notify

    n, r, as_of = cfg["notify"], cfg["repeat"], bench_notify.working_day(as_of)
    rep.section(f"notify: {n:,} cases, against agenda over the same cases and the naive way (medians of {r})")
    agenda = measure("agenda", r, root=str(repo), as_of=as_of)
    dry = measure("notify-dry", r, root=str(repo), as_of=as_of)
    sent = measure("notify-send", r, root=str(repo), as_of=as_of)
    naive = measure("notify-naive", 1, root=str(repo), as_of=as_of)
    t_a, t_d, t_s, t_n = med(agenda), med(dry), med(sent), med(naive)
    sending = t_s - t_d
    rep.line(f"  agenda (every open obligation)            {t_a:7.2f} s  ({agenda[0]['items']:,} items)")
    rep.line(f"  notify --dry-run (schedule + messages)    {t_d:7.2f} s  ({dry[0]['messages']} messages)  "
             f"{t_d / t_a:.2f}x agenda")
    rep.line(f"  notify, sending to a local receiver       {t_s:7.2f} s  ({sent[0]['deliveries']} deliveries, "
             f"sending {sending:.2f} s)")
    rep.line(f"  naive: one agenda per agency              {t_n:7.2f} s  {t_n / t_d:.1f}x notify")
    rep.figures.update(agenda=t_a, notify_dry=t_d, notify_send=t_s, notify_naive=t_n)
    # the same judgement as agenda, plus the schedule and the messages: at most a tenth more
    rep.target(f"notify over {n:,} cases <= agenda + sending (issue 23; 10 % margin for noise)",
               f"{t_s:.2f} s vs {t_a:.2f} + {sending:.2f} s", t_d <= t_a * 1.10)
    rep.target("notify vs naive per-agency agendas", f"{t_n / t_d:.1f}x", t_n > t_d)


def bench_pdf(rep: Report, cfg: dict, work: Path) -> None:
    n, r = cfg["pdf"], cfg["repeat"]
    rep.section(f"pdf: {n} documents, one batched LibreOffice vs one process per file (medians of {r})")
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        rep.line("  LibreOffice (soffice) not installed: skipped")
        return
    docs = measure("pdf-make", 1, dir=str(work / "pdf"), n=n)[0]["documents"]
    batch = measure("pdf-batched", r, docs=docs)
    single = measure("pdf-per-file", r, docs=docs)
    t_b, t_s = med(batch), med(single)
    rep.line(f"  batched                {t_b:7.2f} s  ({t_b / n:.3f} s/doc, {batch[0]['processes']} process(es)), "
             f"peak RSS soffice {med(batch, 'rss_children_mb'):.0f} MB")
    rep.line(f"  one process per file   {t_s:7.2f} s  ({t_s / n:.3f} s/doc, {single[0]['processes']} processes)")
    ratio = t_s / t_b
    rep.figures.update(pdf_batched=t_b, pdf_single=t_s, pdf_ratio=ratio)
    rep.target(f"pdf batched vs per file, {n} documents (issue 6, >= 5x)", f"{ratio:.1f}x", ratio >= 5)

    m = cfg["pdf_sample"]
    rep.section(f"yzdocs pdf on the sample repository's first {m} documents: one process for the run "
                f"vs 0.1's one process per batch of distinct names (medians of {r})")
    sample = measure("pdf-make", 1, dir=str(work / "pdf-sample"), n=m)[0]["documents"]
    run_ = measure("pdf-batched", r, docs=sample)
    old = measure("pdf-stem-batches", r, docs=sample)
    t_run, t_old = med(run_), med(old)
    rep.line(f"  one process for the run   {t_run:7.2f} s  ({run_[0]['processes']} process(es))")
    rep.line(f"  0.1: per batch of names   {t_old:7.2f} s  ({old[0]['processes']} processes)")
    rep.figures.update(pdf_run=t_run, pdf_previous=t_old, pdf_run_ratio=t_old / t_run)
    rep.target(f"yzdocs pdf vs 0.1 on {m} sample documents (issue 13, >= 2x)", f"{t_old / t_run:.1f}x",
               t_old / t_run >= 2)


# ----------------------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N and one run (CI)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (median); default 3, --quick 1")
    parser.add_argument("--only", action="append", choices=["check", "scaling", "build", "reports", "site", "notify", "pdf"],
                        help="run only these benchmarks (repeatable)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "ARGS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker_main(*args.worker)

    from generate import generate_repo

    cfg = dict(QUICK if args.quick else FULL)
    if args.repeat:
        cfg["repeat"] = args.repeat
    only = set(args.only or ["check", "scaling", "build", "reports", "site", "notify", "pdf"])
    rep = Report()
    began = time.perf_counter()
    rep.line(f"yzdocs benchmarks ({'quick' if args.quick else 'full'}): {platform.python_implementation()} "
             f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    rep.line(f"settings: {cfg}")
    work = Path(tempfile.mkdtemp(prefix="yzdocs-bench-"))
    repos: dict[int, tuple[Path, str]] = {}

    def repo_of(cases: int, seed: int = 1) -> tuple[Path, str]:
        if (cases, seed) not in repos:
            path = work / f"repo-{cases}-{seed}"
            t = time.perf_counter()
            summary = generate_repo(path, cases=cases, agencies=AGENCIES, seed=seed)
            rep.line(f"(generated {cases:,} cases, seed {seed}, in {time.perf_counter() - t:.1f} s)")
            repos[(cases, seed)] = (path, summary["as_of"].isoformat())
        return repos[(cases, seed)]

    steps = [
        ("check", lambda: bench_check(rep, cfg, *repo_of(cfg["check"]))),
        ("scaling", lambda: bench_scaling(rep, cfg, *repo_of(cfg["check"])[:1], *repo_of(cfg["scale"])[:1],
                                          repo_of(cfg["check"])[1], repo_of(cfg["scale"])[1])),
        ("build", lambda: bench_build(rep, cfg, repo_of(cfg["build"], seed=7)[0])),
        ("reports", lambda: bench_reports(rep, cfg, *repo_of(cfg["reports"]))),
        ("site", lambda: bench_site(rep, cfg, *repo_of(cfg["site"]), work)),
        ("notify", lambda: bench_notify(rep, cfg, *repo_of(cfg["notify"], seed=23))),
        ("pdf", lambda: bench_pdf(rep, cfg, work)),
    ]
    try:
        for name, step in steps:
            if name not in only:
                continue
            try:
                step()
            except Crash as exc:
                rep.crashes.append(name)
                rep.line(f"  CRASH in {name}: {exc}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    total = time.perf_counter() - began
    rep.line(f"\n== summary ({total:.0f} s wall; load average now "
             f"{' / '.join(f'{x:.2f}' for x in os.getloadavg())})")
    for what, figure, met in rep.targets:
        rep.line(f"  {'达标  ' if met else '未达标'}  {what}: {figure}")
    missed = [t for t in rep.targets if not t[2]]
    if missed:
        rep.line(f"  未达标 (targets not met): {len(missed)} of {len(rep.targets)} — reported, not a failure")
    if rep.crashes:
        rep.line(f"  CRASHED: {', '.join(rep.crashes)}")
    if args.json:
        args.json.write_text(json.dumps({"settings": cfg, "figures": rep.figures, "wall_seconds": total,
                                         "targets": rep.targets, "crashes": rep.crashes,
                                         "loadavg_end": os.getloadavg()}, indent=1, default=str) + "\n",
                             encoding="utf-8")
    return 1 if rep.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
