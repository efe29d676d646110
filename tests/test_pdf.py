"""PDF export: batching, fonts, A4, text, PDF/A, incrementality, determinism.

The documents are built here with python-docx the way GB/T 9704 letters
are: title 方正小标宋简体 22 pt, level-1 heading 黑体, level-2 heading
楷体_GB2312, body 仿宋_GB2312 16 pt, A4 with a 37 mm top and 28 mm left margin.
None of those fonts exists on a Linux machine; the shipped fontconfig file
must turn them into the free faces listed in EXPECTED_FACES.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import require
from yzdocs.cli import main
from yzdocs.output import pdf as pdfmod
from yzdocs.output.pdf import LibreOfficeMissing, convert

CASE_NO = "（2023）鲁0404行初15号"
BODY = (f"峄城区人民政府收到枣庄市峄城区人民法院{CASE_NO}案件应诉通知书后，"
        "依法按期提交答辩状及证据材料，行政机关负责人出庭应诉。")

# Written down from fonts.conf: the face each GB/T 9704 font name must become.
EXPECTED_FACES = {
    "方正小标宋简体": "FandolSong-Bold",
    "黑体": "FandolHei-Regular",
    "楷体_GB2312": "FandolKai-Regular",
    "仿宋_GB2312": "FandolFang-Regular",
}
A4 = (595.28, 841.89)  # points: 210 × 297 mm


@pytest.fixture(scope="module")
def tools():
    for tool in ("soffice", "pdftotext", "fc-match"):
        require(tool)


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def make_docx(path: Path, title: str, pages: int = 1, extra: str = "") -> Path:
    """A GB/T 9704-like letter of ``pages`` pages (explicit page breaks)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(heading.add_run(title), "方正小标宋简体", 22)
    set_font(doc.add_paragraph().add_run("一、案件基本情况"), "黑体", 16)
    set_font(doc.add_paragraph().add_run("（一）应诉准备"), "楷体_GB2312", 16)
    for page in range(pages):
        if page:
            doc.add_page_break()
        set_font(doc.add_paragraph().add_run(BODY + extra), "仿宋_GB2312", 16)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def embedded_fonts(pdf: Path) -> set[str]:
    """PostScript names of the fonts used on every page, subset tag removed,
    descendant fonts of Type0 (CID) fonts included."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            items = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            for item in items:
                names.add(re.sub(r"^[A-Z]{6}\+", "", str(item["/BaseFont"]).lstrip("/")))
    return names


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    # pdftotext puts spaces between CJK and digit runs; compare without them.
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def batch(tools, tmp_path_factory):
    """One convert() call over four documents, two of them with the same stem."""
    root = tmp_path_factory.mktemp("batch")
    docs = {
        "letter": make_docx(root / "答辩状报备函.docx", "答辩状报备函"),
        "report": make_docx(root / "统计分析报告.docx", "行政应诉案件统计分析报告", pages=3),
        "circular": make_docx(root / "专项通报.docx", "专项通报", pages=2),
        "same_stem": make_docx(root / "sub" / "答辩状报备函.docx", "答辩状报备函"),
    }
    progress = []
    result = convert(list(docs.values()), progress=lambda done, total: progress.append((done, total)))
    return docs, result, progress


def test_batch_converts_everything_in_one_process(batch):
    docs, result, progress = batch
    assert [f.status for f in result.files] == ["converted"] * 4
    # two files named 答辩状报备函.docx: staged under names of their own, still one process
    assert result.processes == 1
    assert progress == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    for docx in docs.values():
        pdf = docx.with_suffix(".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_pages_are_a4_and_counted(batch):
    from pypdf import PdfReader

    docs, _, _ = batch
    expected_pages = {"letter": 1, "report": 3, "circular": 2, "same_stem": 1}
    for kind, docx in docs.items():
        pages = PdfReader(docx.with_suffix(".pdf")).pages
        assert len(pages) == expected_pages[kind], kind
        for page in pages:
            box = page.mediabox
            assert abs(float(box.width) - A4[0]) <= 1 and abs(float(box.height) - A4[1]) <= 1


def test_text_reads_back_with_case_number(batch):
    docs, _, _ = batch
    text = pdf_text(docs["report"].with_suffix(".pdf"))
    assert text.count(CASE_NO) == 3
    for phrase in ("行政应诉案件统计分析报告", "一、案件基本情况", "（一）应诉准备", "行政机关负责人出庭应诉"):
        assert phrase in text


def test_embedded_fonts_are_the_mapped_chinese_faces(batch):
    docs, _, _ = batch
    for docx in docs.values():
        names = embedded_fonts(docx.with_suffix(".pdf"))
        assert names == set(EXPECTED_FACES.values()), names
        assert not any(re.search(r"jp|JP|Japan|DejaVu|Liberation|Sans-?Serif", n) for n in names)


def test_fonts_conf_maps_every_gbt9704_name():
    require("fc-match")
    expected = {
        "仿宋_GB2312": "FandolFang", "仿宋": "FandolFang", "FangSong": "FandolFang",
        "FangSong_GB2312": "FandolFang",
        "方正小标宋简体": "FandolSong:Bold", "小标宋": "FandolSong:Bold", "方正小标宋_GBK": "FandolSong:Bold",
        "黑体": "FandolHei:Regular", "SimHei": "FandolHei:Regular",
        "楷体_GB2312": "FandolKai", "楷体": "FandolKai", "KaiTi": "FandolKai",
        "宋体": "FandolSong:Regular", "SimSun": "FandolSong:Regular",
    }
    env = dict(os.environ, FONTCONFIG_FILE=str(pdfmod.fonts_conf()))
    for name, want in expected.items():
        out = subprocess.run(["fc-match", "-f", "%{family[0]}:%{style[0]}", name],
                             capture_output=True, env=env, check=True).stdout.decode()
        family, style = out.split(":", 1)
        want_family, _, want_style = want.partition(":")
        assert family == want_family, (name, out)
        if want_style:
            assert style == want_style, (name, out)


def test_pdfa_carries_pdfa_2b_identification(tools, tmp_path):
    from pypdf import PdfReader

    docx = make_docx(tmp_path / "归档.docx", "答辩状报备函")
    result = convert([docx], pdfa=True)
    assert [f.status for f in result.files] == ["converted"]
    reader = PdfReader(docx.with_suffix(".pdf"))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xmp)
    assert "/OutputIntents" in root
    assert embedded_fonts(docx.with_suffix(".pdf")) == set(EXPECTED_FACES.values())


def test_incremental(tools, tmp_path):
    one = make_docx(tmp_path / "一.docx", "专项通报")
    two = make_docx(tmp_path / "二.docx", "专项通报")
    first = convert([one, two])
    assert len(first.converted) == 2
    assert (tmp_path / pdfmod.MANIFEST_NAME).is_file()

    again = convert([one, two])
    assert again.converted == [] and len(again.unchanged) == 2 and again.processes == 0

    make_docx(two, "专项通报", extra="（已修改）")  # new content in 二.docx only
    changed = convert([one, two])
    assert [f.docx.name for f in changed.converted] == ["二.docx"]
    assert [f.docx.name for f in changed.unchanged] == ["一.docx"]

    two.with_suffix(".pdf").unlink()  # a deleted PDF is redone
    assert [f.docx.name for f in convert([one, two]).converted] == ["二.docx"]
    # switching to PDF/A redoes everything, --force too
    assert len(convert([one, two], pdfa=True).converted) == 2
    assert len(convert([one, two], pdfa=True, force=True).converted) == 2


@pytest.mark.parametrize("pdfa", [False, True])
def test_same_docx_gives_same_pdf_bytes(tools, tmp_path, monkeypatch, pdfa):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    docx = make_docx(tmp_path / "通报.docx", "专项通报")
    convert([docx], pdfa=pdfa)
    first = docx.with_suffix(".pdf").read_bytes()
    time.sleep(1.1)  # LibreOffice stamps the export time to the second
    convert([docx], pdfa=pdfa, force=True)
    assert docx.with_suffix(".pdf").read_bytes() == first
    # python-docx's default core properties say modified 2013-12-23T23:15:00Z
    assert b"(D:20131223231500" in first


def test_source_date_epoch_sets_the_pdf_dates(tools, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1678320000")  # 2023-03-09 00:00:00 UTC
    docx = make_docx(tmp_path / "函.docx", "答辩状报备函")
    convert([docx], pdfa=True)
    pdf = docx.with_suffix(".pdf")
    assert PdfReader(pdf).metadata["/CreationDate"].startswith("D:20230309000000")
    assert b"<xmp:CreateDate>2023-03-09T00:00:00" in pdf.read_bytes()


def test_cli_pdf_lines_and_summary(tools, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_docx(tmp_path / "out" / "2023" / "答辩状报备函.docx", "答辩状报备函")
    make_docx(tmp_path / "out" / "专项通报.docx", "专项通报")
    (tmp_path / "out" / "~$专项通报.docx").write_bytes(b"Word lock file")
    runner = CliRunner()
    result = runner.invoke(main, ["pdf"])  # default: ./out
    assert result.exit_code == 0, result.output
    assert "已转换  out/2023/答辩状报备函.pdf" in result.output
    assert "已转换  out/专项通报.pdf" in result.output
    assert "共 2 个文件：转换 2 个，未变化 0 个，失败 0 个" in result.output
    again = runner.invoke(main, ["pdf", "out"])
    assert "未变化  out/专项通报.pdf" in again.output
    assert "转换 0 个，未变化 2 个" in again.output


def test_missing_libreoffice_gives_chinese_message_and_exit_2(tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "函.docx", "答辩状报备函")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(LibreOfficeMissing):
        convert([docx])
    result = CliRunner().invoke(main, ["pdf", str(docx)])
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output
    assert "apt-get install --no-install-recommends libreoffice-writer-nogui" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_missing_input_is_a_user_error(tmp_path):
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "无此文件.docx")])
    assert result.exit_code == 2
    assert "找不到文件或目录" in result.output


def broken_docx(path: Path) -> Path:
    """A ZIP with the docx structure whose document.xml is not XML."""
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                    '</Relationships>')
        zf.writestr("word/document.xml", "<<< not xml")
    return path


def test_failed_conversion_is_retried_once_and_reported(tools, tmp_path):
    good = make_docx(tmp_path / "好.docx", "专项通报")
    bad = broken_docx(tmp_path / "坏.docx")
    text = tmp_path / "文本.docx"
    text.write_bytes("这不是 Word 文档".encode())
    result = convert([good, bad, text])
    assert [f.docx.name for f in result.converted] == ["好.docx"]
    assert sorted(f.docx.name for f in result.failed) == ["坏.docx", "文本.docx"]
    by_name = {f.docx.name: f.message for f in result.failed}
    assert by_name["坏.docx"].startswith("转换失败（已重试一次）")
    assert "不是有效的 Word 文档" in by_name["文本.docx"]
    assert result.processes == 2  # the batch, then one retry for 坏.docx
    assert not bad.with_suffix(".pdf").exists() and not text.with_suffix(".pdf").exists()

    cli = CliRunner().invoke(main, ["pdf", str(tmp_path)])
    assert cli.exit_code == 1
    assert "失败" in cli.output and "未变化" in cli.output


def test_timeout_kills_libreoffice(tools, tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "函.docx", "答辩状报备函")
    started = time.monotonic()
    result = convert([docx], timeout=0.3)  # LibreOffice takes seconds to start: it is stopped first
    assert time.monotonic() - started < 120  # killed, not waited for (a hang would be the 300 s default)
    assert [f.status for f in result.files] == ["failed"]
    assert "超过 0.3 秒" in result.failed[0].message


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io

    from yzdocs.cli import pdf as cli_pdf

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli_pdf._progress_bar() as progress:
        for done in range(4):
            progress(done, 3)
    assert "转换为 PDF" in terminal.getvalue() and "3/3" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with cli_pdf._progress_bar() as progress:
        assert progress is None
    assert pipe.getvalue() == ""
