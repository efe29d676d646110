"""Write docs/images/<kind>.png: the first page of each document kind, as `yzdocs preview` shows it; for the
bureau's own documents (reports, circulars, notices) the first and the last page side by side, the 版记
being at the foot of the last.

Run from the project root after changing a template (needs LibreOffice and
pdftoppm). Images are small on purpose (40 dpi, 16-colour palette): they show
the layout, not the text.

    python tools/make_doc_images.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
AS_OF = ("--as-of", "2025-12-31")
# kind -> the sample document shown (case documents under the build output, reports made below)
CASE_DOCS = {
    "case-report": "2024/鲁04行终156号/行政应诉案件报备表.docx",
    "hearing-heads": "2025/鲁04行终23号/出庭应诉负责人报备表-1.docx",
    "defence-report": "2024/鲁04行终156号/答辩状报备函.docx",
    "mediation-plan": "2025/鲁04行终23号/行政争议调解和解方案.docx",
    "guarantee": "2024/鲁0404行赔初2号/一案一包保责任表.docx",
    "loss-analysis": "2024/鲁0404行赔初2号/败诉案件分析报告.docx",
}
REPORTS = {
    "special-circular": ("special-circular", "--period", "2024", "--include-circulated"),
    "agency-report": ("agency", "--agency", "scjgj", "--period", "2024"),
    "district-circular": ("district", "--period", "2024"),
    "assessment": ("assessment", "--year", "2024", "--format", "docx"),
}
REPORT_AS_OF = ("--as-of", "2025-01-20")


def yzdocs(*args) -> None:
    subprocess.run([sys.executable, "-m", "yzdocs", *map(str, args)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def _last_page(docx: Path, out: Path):
    yzdocs("pdf", docx)
    pdf = docx.with_suffix(".pdf")
    pages = int(next(line.split()[-1] for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                     text=True).stdout.splitlines()
                     if line.startswith("Pages:")))
    subprocess.run(["pdftoppm", "-r", "40", "-f", str(pages), "-l", str(pages), "-png", "-singlefile", str(pdf),
                    str(out / "last")], check=True)
    return Image.open(out / "last.png").convert("RGB")


def _beside(first, last):
    sheet = Image.new("RGB", (first.width + last.width + 8, max(first.height, last.height)), (128, 128, 128))
    sheet.paste(first, (0, 0))
    sheet.paste(last, (first.width + 8, 0))
    return sheet


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        yzdocs("build", "-o", out / "build", "-j", "2", "--force")
        sources = {kind: out / "build" / rel for kind, rel in CASE_DOCS.items()}
        for kind, args in REPORTS.items():
            target = out / "reports" / f"{kind}.docx"
            yzdocs("report", *args, *REPORT_AS_OF, "-o", target)
            sources[kind] = target
        sources["interview-notice"] = next((out / "reports").glob("*约谈通知*.docx"))
        for kind, source in sources.items():
            png = out / f"{kind}.png"
            yzdocs("preview", source, "-o", png, "--dpi", "40")
            image = Image.open(png).convert("RGB")
            if kind in REPORTS or kind == "interview-notice":
                image = _beside(image, _last_page(source, out))
            image.quantize(colors=16).save(IMAGES / f"{kind}.png", optimize=True)
            print(f"docs/images/{kind}.png  {(IMAGES / f'{kind}.png').stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm (poppler-utils) is needed")
    sys.exit(main())
