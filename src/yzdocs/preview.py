"""First page of a document as PNG: LibreOffice → PDF → pdftoppm.

Lets a person (or a test) look at a generated document without Word.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from yzdocs.errors import OutputError, YzdocsError
from yzdocs.output.atomic import write_atomic
from yzdocs.output.pdf import DEFAULT_TIMEOUT, run_soffice
from yzdocs.output.scratch import scratch_dir


class PopplerMissing(YzdocsError):
    """pdftoppm is not on PATH."""

    exit_code = 2

    def __init__(self):
        super().__init__("未找到 pdftoppm，无法生成预览图。请安装：apt-get install poppler-utils")


def render_first_page(source: Path, png: Path | None = None, *, dpi: int = 100,
                      timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Write page 1 of ``source`` (.docx or .pdf) to ``png`` (default: beside it)."""
    source = Path(source)
    if not source.is_file():
        raise OutputError(f"找不到文件：{source}")
    if source.suffix.lower() not in (".docx", ".pdf"):
        raise OutputError(f"只能预览 .docx 或 .pdf 文件：{source}")
    png = Path(png) if png else source.with_suffix(".png")
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise PopplerMissing()
    with scratch_dir("preview") as tmp:
        if source.suffix.lower() == ".pdf":
            pdf = source
        else:
            done, log = run_soffice([source.resolve()], Path(tmp) / "pdf", pdfa=False, timeout=timeout)
            if not done:
                raise OutputError(f"LibreOffice 未能转换 {source}：{log.splitlines()[-1] if log else '无输出'}")
            pdf = next(iter(done.values()))
        prefix = Path(tmp) / "page"
        proc = subprocess.run(
            [pdftoppm, "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(prefix)],
            capture_output=True, timeout=timeout,
        )
        out = prefix.with_suffix(".png")
        if proc.returncode != 0 or not out.is_file():
            raise OutputError(f"pdftoppm 渲染失败：{proc.stderr.decode('utf-8', 'replace').strip()}")
        png.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(png, out.read_bytes())
    return png
