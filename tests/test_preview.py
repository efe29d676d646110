"""`yzdocs preview`: first page of a document as PNG."""

from __future__ import annotations

import struct

from click.testing import CliRunner

from conftest import require
from test_pdf import make_docx

from yzdocs.cli import main
from yzdocs.preview import PopplerMissing, render_first_page


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def ink_fraction(path) -> float:
    """Share of pixels that are not near-white: a blank page is ~0."""
    from matplotlib.image import imread

    pixels = imread(path)[..., :3]
    return float((pixels.mean(axis=2) < 0.5).mean())


def test_preview_first_page_is_a4_and_not_blank(tmp_path):
    require("soffice")
    require("pdftoppm")
    docx = make_docx(tmp_path / "答辩状报备函.docx", "答辩状报备函", pages=2)
    png = render_first_page(docx, dpi=72)
    assert png == tmp_path / "答辩状报备函.png"
    # A4 at 72 dpi is 595.3 × 841.9 pt → 595/596 × 842 pixels
    width, height = png_size(png)
    assert width in (595, 596) and height in (841, 842)
    assert 0.002 < ink_fraction(png) < 0.2
    assert not (tmp_path / "答辩状报备函.pdf").exists()  # preview leaves no PDF behind


def test_preview_cli_with_output_and_dpi(tmp_path):
    require("soffice")
    require("pdftoppm")
    docx = make_docx(tmp_path / "通报.docx", "专项通报")
    out = tmp_path / "预览" / "第一页.png"
    result = CliRunner().invoke(main, ["preview", str(docx), "-o", str(out), "--dpi", "36"])
    assert result.exit_code == 0, result.output
    assert f"已生成预览：{out}" in result.output
    width, height = png_size(out)
    assert abs(width - 298) <= 1 and abs(height - 421) <= 1
    first = out.read_bytes()
    CliRunner().invoke(main, ["preview", str(docx), "-o", str(out), "--dpi", "36"])
    assert out.read_bytes() == first  # same document, same picture


def test_preview_of_a_pdf_needs_no_libreoffice(tmp_path):
    require("soffice")
    require("pdftoppm")
    from yzdocs.output.pdf import convert

    docx = make_docx(tmp_path / "函.docx", "答辩状报备函")
    convert([docx])
    png = render_first_page(docx.with_suffix(".pdf"), tmp_path / "p.png", dpi=30)
    assert png_size(png)[0] in (248, 249)


def test_preview_without_pdftoppm_exits_2(tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "函.docx", "答辩状报备函")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    try:
        render_first_page(docx)
    except PopplerMissing:
        pass
    else:
        raise AssertionError("PopplerMissing not raised")
    result = CliRunner().invoke(main, ["preview", str(docx)])
    assert result.exit_code == 2
    assert "apt-get install poppler-utils" in result.output


def test_preview_rejects_other_files(tmp_path):
    other = tmp_path / "案件.yaml"
    other.write_text("case_no: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["preview", str(other)])
    assert result.exit_code == 2
    assert "只能预览 .docx 或 .pdf 文件" in result.output
