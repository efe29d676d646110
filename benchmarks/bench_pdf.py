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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from test_pdf import make_docx  # noqa: E402  (the GB/T 9704-like test document)

from yzdocs.output.pdf import convert  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 documents instead of 50")
    parser.add_argument("-n", type=int, help="number of documents")
    args = parser.parse_args()
    n = args.n or (10 if args.quick else 50)

    with tempfile.TemporaryDirectory(prefix="yzdocs-bench-") as tmp:
        docs = [make_docx(Path(tmp) / f"文书{i:03d}.docx", "专项通报", pages=1 + i % 3) for i in range(n)]

        started = time.perf_counter()
        batched = convert(docs, force=True)
        t_batch = time.perf_counter() - started
        assert len(batched.converted) == n, batched.failed

        started = time.perf_counter()
        for doc in docs:
            single = convert([doc], force=True)
            assert len(single.converted) == 1, single.failed
        t_single = time.perf_counter() - started

    print(f"documents:            {n}")
    print(f"batched (1 process):  {t_batch:7.2f} s  ({t_batch / n:.3f} s/document)")
    print(f"one process per file: {t_single:7.2f} s  ({t_single / n:.3f} s/document)")
    ratio = t_single / t_batch
    print(f"speed-up:             {ratio:7.1f}x  (target >= 5x)")
    return 0 if ratio >= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
