"""Batched vs one-process-per-file PDF conversion, side by side.

    python benchmarks/bench_pdf.py            # 50 documents
    python benchmarks/bench_pdf.py --quick    # 10 documents

Target (issue 6): the batched path at least 5x faster than one LibreOffice
process per file.  Both paths use the same code (yzdocs.output.pdf.convert)
with force=True; the per-file path simply calls it once per document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]  # itself the sample case repository


def make_documents(folder: Path, n: int) -> list[Path]:
    """The first ``n`` documents that ``yzdocs build`` writes for the sample repository."""
    from yzdocs.build import build_repository

    build_repository(PROJECT, out_dir=Path(folder), jobs=1, force=True)
    docs = sorted(Path(folder).rglob("*.docx"))
    if len(docs) < n:
        raise RuntimeError(f"the sample repository gives {len(docs)} documents, fewer than {n}")
    return docs[:n]


def batched(docs: list[Path]) -> dict:
    """One convert() call for all documents: seconds and LibreOffice processes started."""
    from yzdocs.output.pdf import convert

    started = time.perf_counter()
    result = convert(docs, force=True)
    seconds = time.perf_counter() - started
    if len(result.converted) != len(docs):
        raise RuntimeError(f"batched conversion failed: {result.failed}")
    return {"seconds": seconds, "documents": len(docs), "processes": result.processes}


def stem_batches(docs: list[Path]) -> dict:
    """yzdocs 0.1's `yzdocs pdf`: one LibreOffice process per batch of distinct file names.

    Every case folder holds the same names (行政应诉案件报备表.docx …), so a
    repository took about one process per case. Kept here as the baseline.
    """
    from yzdocs.output.pdf import find_soffice, run_soffice

    batches: list[list[Path]] = []
    for p in docs:
        batch = next((b for b in batches if all(q.stem != p.stem for q in b)), None)
        if batch is None:
            batches.append([p])
        else:
            batch.append(p)
    soffice = find_soffice()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="yzdocs-bench-pdf-") as tmp:
        for n, batch in enumerate(batches):
            done, log = run_soffice(batch, Path(tmp) / f"b{n}", pdfa=False, timeout=300, soffice=soffice)
            if len(done) != len(batch):
                raise RuntimeError(f"conversion failed: {log}")
    return {"seconds": time.perf_counter() - started, "documents": len(docs), "processes": len(batches)}


def per_file(docs: list[Path]) -> dict:
    """One convert() call, hence one LibreOffice process, per document."""
    from yzdocs.output.pdf import convert

    started = time.perf_counter()
    processes = 0
    for doc in docs:
        single = convert([doc], force=True)
        if len(single.converted) != 1:
            raise RuntimeError(f"conversion of {doc} failed: {single.failed}")
        processes += single.processes
    return {"seconds": time.perf_counter() - started, "documents": len(docs), "processes": processes}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 documents instead of 50")
    parser.add_argument("-n", type=int, help="number of documents")
    args = parser.parse_args()
    n = args.n or (10 if args.quick else 50)

    with tempfile.TemporaryDirectory(prefix="yzdocs-bench-") as tmp:
        docs = make_documents(Path(tmp), n)
        t_batch = batched(docs)["seconds"]
        t_single = per_file(docs)["seconds"]

    print(f"documents:            {n}")
    print(f"batched (1 process):  {t_batch:7.2f} s  ({t_batch / n:.3f} s/document)")
    print(f"one process per file: {t_single:7.2f} s  ({t_single / n:.3f} s/document)")
    ratio = t_single / t_batch
    print(f"speed-up:             {ratio:7.1f}x  (target >= 5x)")
    return 0 if ratio >= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
