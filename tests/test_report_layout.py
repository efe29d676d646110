"""The bureau's own documents as printed (issue 21): every report kind converted by LibreOffice and measured
on the page in mm — 版头, red rule, 版记 at the foot of the last page, the seal's room, no half-empty
page, no unit's name broken in a table cell.

GB/T 9704-2012: the text block is 156 × 225 mm from 28 mm left and 37 mm top; a line of the 22-line
grid is 10.2 mm. Glyph boxes sit a little inside their lines, so "two blank lines" (20.4 mm between
lines) reads as 16–23 mm between the glyphs.
"""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import copy_sample, require, run
import printed as P

REPORTS = {
    "district-2024": ("district", "--period", "2024", "--as-of", "2025-01-20"),
    "district-2025H1": ("district", "--period", "2025H1", "--as-of", "2025-07-20"),
    "special-2024": ("special-circular", "--period", "2024", "--include-circulated", "--as-of", "2025-01-20"),
    "agency-2024": ("agency", "--agency", "scjgj", "--period", "2024", "--as-of", "2025-01-20"),
    "assessment-2025": ("assessment", "--year", "2025", "--format", "docx", "--as-of", "2026-01-20",
                        "--notice-number", "wulin=峄司通〔2026〕2号"),
}
SEAL = 42.0  # mm, the diameter of a bureau's seal


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """docx path -> its PDF, for every report kind (the assessment's 约谈通知 included), one LibreOffice run."""
    require("soffice", "libreoffice")
    require("pdftoppm")
    from yzdocs.output.pdf import convert

    root = tmp_path_factory.mktemp("reports")
    repo = copy_sample(root / "repo")
    for name, args in REPORTS.items():
        out = root / "out" / name / f"{name}.docx"
        result = run("--repo", repo, "report", *args, "-o", out)
        assert result.exit_code == 0, result.output
    docs = sorted((root / "out").rglob("*.docx"))
    result = convert(docs)
    assert not result.failed, [f.message for f in result.failed]
    return {d: d.with_suffix(".pdf") for d in docs}


def _with_masthead(printed):
    return {d: pdf for d, pdf in printed.items() if not d.name.startswith("agency")}


def test_every_kind_printed(printed):
    names = {d.name for d in printed}
    assert {"district-2024.docx", "special-2024.docx", "agency-2024.docx", "assessment-2025.docx",
            "2025年度约谈通知（峄城区吴林街道办事处）.docx", "2025年度约谈通知（峄城区自然资源局）.docx"} <= names


def test_masthead_spacing_and_red_rule(printed):
    for docx, pdf in _with_masthead(printed).items():
        words = P.words(pdf)[0]
        masthead = next(w for w in words if w[4].endswith("文件"))
        number = next(w for w in words if "〔" in w[4])
        [red] = P.rules(P.raster(pdf, 1), "red")
        title = min((w for w in words if w[1] > red.bottom), key=lambda w: w[1])
        assert 16 <= number[1] - masthead[3] <= 23, (docx.name, "number two lines under the masthead")
        assert 3 <= red.top - number[3] <= 5.5, (docx.name, "red rule 4 mm under the number")
        assert abs(red.left - P.TEXT_LEFT) < 1 and abs(red.width - P.TEXT_WIDTH) < 1, (docx.name, red)
        assert 16 <= title[1] - red.bottom <= 23, (docx.name, "title two lines under the red rule")


def test_numbers_filled_or_left_for_hand_filling(printed):
    for docx, pdf in _with_masthead(printed).items():
        first = "".join(P.text_lines(pdf)[0])
        if "吴林街道" in docx.name:
            assert "峄司通〔2026〕2号" in first  # given on the command line
        elif docx.name.startswith("special"):
            assert "峄司通〔2025〕1号" in first  # the next number of the year
        else:
            assert "〔2025〕号" in first or "〔2026〕号" in first, docx.name  # 〔年〕　号 to fill by hand
    assessment = next(pdf for d, pdf in printed.items() if d.name == "assessment-2025.docx")
    assert "签发人：王建华" in "".join(P.text_lines(assessment)[0])  # from yzdocs.yaml's signer


def test_imprint_rules_end_on_the_last_line_of_the_text_block(printed):
    for docx, pdf in _with_masthead(printed).items():
        last = P.pages(pdf)
        rules = P.rules(P.raster(pdf, last), "black", P.TEXT_WIDTH - 2)
        assert len(rules) == 3, (docx.name, rules)  # 抄送 between the first two, 印发 between the last two
        first, middle, bottom = rules
        assert abs(bottom.bottom - P.TEXT_BOTTOM) < 0.8, (docx.name, bottom)
        assert all(abs(r.left - P.TEXT_LEFT) < 1 and abs(r.width - P.TEXT_WIDTH) < 1 for r in rules)
        # 0.35 mm, 0.25 mm, 0.35 mm: the rules are lines exactly that tall (a pixel is 0.17 mm: read the file)
        heights = [p._p.pPr.find(qn("w:spacing")).get(qn("w:line")) for p in Document(str(docx)).paragraphs
                   if p.style.style_id == "ImprintRule"]
        assert heights == ["20", "15", "20"], (docx.name, heights)
        lines = P.text_lines(pdf)[last - 1]
        assert any(line.startswith("抄送：") for line in lines) and any(line.endswith("印发") for line in lines)


def test_the_seal_has_its_room(printed):
    """A 42 mm seal pressed centred a little above the 署名 and 成文日期 (§7.3.5.1): its top within one line
    below the text above it, its bottom clear of the 版记."""
    for docx, pdf in _with_masthead(printed).items():
        sender = Document(str(docx)).paragraphs
        name = next(p.text for p in sender if p.style.style_id == "SignatureFirst")
        pages = P.words(pdf)
        page = next(i for i, words in enumerate(pages) if any(w[4] == name for w in words))
        words = pages[page]
        signed = next(w for w in words if w[4] == name)
        date = max((w for w in words if w[1] > signed[3] and abs(w[1] - signed[3]) < 8), key=lambda w: w[3])
        above = max(w[3] for w in words if w[3] < signed[1] - 1)
        centre = (signed[1] + date[3]) / 2 - 2
        top, bottom = centre - SEAL / 2, centre + SEAL / 2
        assert 0 <= top - above <= P.LINE_MM, (docx.name, top - above)
        if page == len(pages) - 1:
            imprint = P.rules(P.raster(pdf, page + 1), "black", P.TEXT_WIDTH - 2)[0]
            assert bottom < imprint.top, (docx.name, bottom, imprint.top)


def test_no_half_empty_page_in_the_middle(printed):
    """A page before the last holds at least half a text block, unless the next starts a 附件 (§7.3.6)."""
    for docx, pdf in printed.items():
        texts = P.text_lines(pdf)
        n = P.pages(pdf)
        for page in range(1, n):
            if texts[page] and texts[page][0].startswith("附件"):
                continue
            assert P.lowest_ink(P.raster(pdf, page)) > P.TEXT_TOP + 225 / 2, (docx.name, page)


def test_no_unit_name_broken_in_a_table_cell(printed):
    for docx, pdf in printed.items():
        names = {cell.text for table in Document(str(docx)).tables for row in table.rows[1:] for cell in row.cells[:2]
                 if cell.text and any(cell.text.endswith(k) for k in ("局", "处", "府", "镇", "街道", "合计"))}
        lines = [line for page in P.text_lines(pdf) for line in page]
        for name in names:
            assert any(name in line for line in lines), (docx.name, name)
