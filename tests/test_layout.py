"""Documents judged as printed: the PDF LibreOffice makes, read page by page.

Every kind is generated from the sample repository, the contract repository,
and a sweep of cases whose text grows a line at a time, so that the end of
the body crosses page boundaries; everything is converted in one LibreOffice
run and each page's text read back with pdftotext. Checked (GB/T 9704-2012):
no page holds only the 署名/成文日期 or the 抄送 (§7.3.5); no page ends with a
heading; a full body line holds 28 characters (§5.2.2); a title breaks only
between words (§7.3.3); table rows never split across pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import CONTRACT_REPO, PROJECT, copy_sample, require, run
from yzdocs.build import build_repository



@pytest.fixture(autouse=True)
def _tools():
    require("soffice", "libreoffice")
    require("pdftotext")

AS_OF = ("--as-of", "2025-12-31")
SWEEP = 24  # loss analyses whose 改进措施 grow by one line each
LONG_LINE_CASE = "（2023）鲁0404行初199号"
HAN = "行政机关负责人出庭应诉制度落实情况良好案件报备及时答辩举证规范调解和解工作扎实"  # no digits, no punctuation
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S{0,20}$")


def _sweep_repo(root: Path) -> Path:
    shutil.copytree(CONTRACT_REPO, root)
    base = (CONTRACT_REPO / "cases" / "2023" / "鲁0404行初15号.yaml").read_text(encoding="utf-8")
    sentence = "组织执法人员开展程序规范专题培训，完善现场检查笔录和证据收集工作制度，定期开展案卷评查。"
    for i in range(SWEEP):
        number = f"（2023）鲁0404行初{100 + i}号"
        text = base.replace("（2023）鲁0404行初15号", number)
        text = re.sub(r"(?m)^(  measures: ).*$", lambda m: m.group(1) + (sentence * 30)[:60 + 28 * i], text)
        (root / "cases" / "2023" / f"鲁0404行初{100 + i}号.yaml").write_text(text, encoding="utf-8")
    text = base.replace("（2023）鲁0404行初15号", LONG_LINE_CASE)
    text = re.sub(r"(?m)^(  measures: ).*$", lambda m: m.group(1) + HAN * 4, text)
    (root / "cases" / "2023" / "鲁0404行初199号.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> list[tuple[Path, list[str]]]:
    """(docx, its pages' text) for every document, all converted by one LibreOffice run."""
    from yzdocs.output.pdf import convert

    out = tmp_path_factory.mktemp("layout")
    build_repository(PROJECT, out_dir=out / "sample", jobs=1, force=True)
    sweep = _sweep_repo(out / "sweep-repo")
    build_repository(sweep, out_dir=out / "sweep", kinds=["loss-analysis"], jobs=1, force=True)
    repo = out / "repo"  # the sample repository's data, for the reports
    copy_sample(repo)
    for args in (("district", "--period", "2024"), ("district", "--period", "2024H2"),
                 ("district", "--period", "2025H1"), ("agency", "--agency", "scjgj", "--period", "2024"),
                 ("agency", "--agency", "yinping", "--period", "2024H1"),
                 ("assessment", "--year", "2024", "--format", "docx"),
                 ("special-circular", "--period", "2024H1", "--include-circulated"),
                 ("special-circular", "--period", "2024", "--include-circulated")):
        result = run("--repo", repo, "report", *args, *AS_OF, "-o", out / "reports" / f"{'-'.join(args[:3])}.docx")
        assert result.exit_code == 0, result.output
    docs = sorted(out.rglob("*.docx"))
    result = convert(docs)
    assert not result.failed, [f.message for f in result.failed]
    return [(d, _pages(d.with_suffix(".pdf"))) for d in docs]


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def _lines(page: str) -> list[str]:
    lines = (re.sub(r"\s+", "", line) for line in page.splitlines())
    return [line for line in lines if line and not PAGE_NUMBER.match(line)]


def _styled(docx: Path, *styles: str) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs if p.style is not None and p.style.style_id in styles]


def test_every_kind_and_the_sweep_are_printed(printed):
    names = {d.stem.split("-")[0] for d, _ in printed}
    assert {"行政应诉案件报备表", "出庭应诉负责人报备表", "答辩状报备函", "行政争议调解和解方案", "一案一包保责任表",
            "败诉案件分析报告"} <= names
    # the sweep, the long-line case and the contract's own lost case
    assert sum(1 for d, _ in printed if d.parent.parent.name == "2023" and "sweep" in str(d)) == SWEEP + 2
    # the sweep really carries the end of the text across pages
    page_counts = {len(pages) for d, pages in printed if "sweep" in str(d)}
    assert len(page_counts) >= 2, page_counts


def test_no_page_holds_only_the_signature_or_the_copy_line(printed):
    offenders = []
    for docx, pages in printed:
        furniture = "".join(re.sub(r"\s+", "", t) for t in _styled(docx, "SignatureFirst", "Signature"))
        furniture += "".join(re.sub(r"\s+", "", t) for t in _styled(docx, "Note") if t.startswith("抄送"))
        for number, page in enumerate(pages, 1):
            text = "".join(_lines(page))
            if furniture and text and text in furniture:
                offenders.append(f"{docx.parent.name}/{docx.name} 第{number}页：{text}")
    assert offenders == [], "\n".join(offenders)


CLOSINGS = ("特此报告。", "请予备案。", "特此通知。", "特此通报。")


def _last_text_before_closing(docx: Path) -> str:
    texts = [p.text for p in Document(str(docx)).paragraphs]
    at = next((i for i, t in enumerate(texts) if t in CLOSINGS), 0)
    return texts[at - 1] if at else ""


def test_the_closing_line_never_stands_on_a_page_without_the_text(printed):
    # GB/T 9704 §7.3.5: the page the seal sits on carries body text — not only 特此报告。, the 附件 note
    # and the signature: a last paragraph of up to 4 lines goes with them when they do not fit (a longer
    # one is not held — it would move whole and leave a hole; the sweep's long texts show that case)
    offenders = []
    for docx, pages in printed:
        if len(_last_text_before_closing(docx)) > 4 * 28:
            continue
        furniture = {re.sub(r"\s+", "", t) for t in _styled(docx, "SignatureFirst", "Signature")}
        for number, page in enumerate(pages, 1):
            lines = _lines(page)
            if not any(line in CLOSINGS for line in lines):
                continue
            text = [line for line in lines if line not in CLOSINGS and line not in furniture
                    and not line.startswith(("附件", "抄送", "峄城区司法局", "（此页无正文）"))]
            if not text:
                offenders.append(f"{docx.parent.name}/{docx.name} 第{number}页：{''.join(lines)}")
    assert offenders == [], "\n".join(offenders)


def test_no_page_ends_with_a_heading(printed):
    offenders = []
    for docx, pages in printed:
        for number, page in enumerate(pages[:-1], 1):
            lines = _lines(page)
            if lines and HEADING.match(lines[-1]):
                offenders.append(f"{docx.parent.name}/{docx.name} 第{number}页末行：{lines[-1]}")
    assert offenders == [], "\n".join(offenders)


def test_a_full_body_line_holds_28_characters(printed):
    [(docx, pages)] = [(d, p) for d, p in printed if d.parent.name == "鲁0404行初199号"]
    lines = [line for page in pages for line in _lines(page) if line and set(line) <= set(HAN)]
    assert len(lines) >= 5, lines
    first, *full, last = lines
    assert len(first) == 26  # indented two characters
    assert [len(line) for line in full] == [28] * len(full)
    assert len(HAN * 4) == 26 + 28 * len(full) + len(last)


def test_titles_break_only_between_words(printed):
    from yzdocs.render.titles import _tokenizer

    checked = 0
    for docx, pages in printed:
        titles = [t for t in _styled(docx, "Title") if "\n" in t]
        for title in titles:
            parts = [re.sub(r"\s+", "", p) for p in title.split("\n")]
            whole = "".join(parts)
            printed_lines = [line for page in pages for line in _lines(page)]
            start = next((i for i, line in enumerate(printed_lines) if line == parts[0]), None)
            assert start is not None, (docx, parts, printed_lines[:5])
            assert printed_lines[start:start + len(parts)] == parts  # LibreOffice added no break of its own
            bounds, pos = {0}, 0
            for word in _tokenizer().lcut(whole, HMM=False):
                pos += len(word)
                bounds.add(pos)
            cut = 0
            for part in parts[:-1]:
                cut += len(part)
                assert cut in bounds, f"{docx.name}: “{whole[:cut]}|{whole[cut:]}” breaks inside a word"
            checked += 1
    assert checked >= 10


def test_table_rows_never_split_and_report_headers_repeat(printed):
    for docx, _ in printed:
        document = Document(str(docx))
        for table in document.tables:
            rows = table._tbl.findall(qn("w:tr"))
            assert all(tr.find(qn("w:trPr")) is not None and tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
                       for tr in rows), docx.name
            if "reports" in docx.parts:
                assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None, docx.name


def test_dates_and_case_numbers_in_tables_are_never_split(printed):
    # a cell holding a date or a case number (free text in a whole row may wrap anywhere)
    pattern = re.compile(r"（\d{4}）[\u4e00-\u9fff]\d{2,4}[\u4e00-\u9fff]{1,4}\d+号|\d{4}年\d{1,2}月\d{1,2}日")
    checked, offenders = 0, []
    for docx, pages in printed:
        lines = [line for page in pages for line in _lines(page)]
        for table in Document(str(docx)).tables:
            for row in table.rows:
                for cell in row.cells:
                    value = cell.text.strip()
                    if pattern.fullmatch(value):
                        checked += 1
                        if not any(value in line for line in lines):
                            offenders.append(f"{docx.name}: {value}")
    assert checked > 300
    assert offenders == [], "\n".join(offenders)


MM = 25.4 / 72


def _boxes(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word's box in mm from the page's top-left corner, and its text."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(a) * MM, float(b) * MM, float(c) * MM, float(d) * MM, t) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def test_page_numbers_sit_7_mm_below_the_text_block(printed):
    # text block: 37 mm top margin + 225 mm = 262 mm; the number's 一字线 starts 7 mm lower (§7.5)
    tops = {round(y0) for docx, _ in printed[::7] for page in _boxes(docx.with_suffix(".pdf"))
            for _, y0, _, _, text in page if text.startswith("—")}
    assert tops == {269}


def test_masthead_35_mm_below_the_top_of_the_text_block(printed):
    circulars = [d for d, _ in printed if any(k in d.name for k in ("district", "special", "assessment", "约谈通知"))]
    assert circulars
    for docx in circulars:
        first = _boxes(docx.with_suffix(".pdf"))[0][0]
        assert first[4].endswith("文件") and abs(first[1] - (37 + 35)) < 1, (docx.name, first)


def test_signature_is_centred_on_the_date(printed):
    checked = 0
    for docx, _ in printed:
        senders = _styled(docx, "SignatureFirst")
        if len(senders) != 1:
            continue
        pages = _boxes(docx.with_suffix(".pdf"))  # the signature's page: before a report's 附件, if any
        name = re.sub(r"\s+", "", senders[0])
        words = next((p for p in pages if any(w[4] == name and w[0] > 90 for w in p)), pages[-1])
        sender = [w for w in words if w[4] == name and w[0] > 90]  # not the 版记's 印发机关 at the left
        date_line = [w for w in words if sender and w[1] > sender[0][1] and abs(w[1] - sender[0][1]) < 15]
        if not sender or not date_line:
            continue
        centre = (min(w[0] for w in date_line) + max(w[2] for w in date_line)) / 2
        assert abs((sender[0][0] + sender[0][2]) / 2 - centre) < 3, docx.name  # within half a character
        assert 156 + 28 - max(w[2] for w in date_line) > 4 * 5.6 - 1  # the date 右空四字
        checked += 1
    assert checked >= 20


def test_imprint_copy_line_on_the_last_page(printed):
    # where its rules lie is measured in tests/test_report_layout.py
    [(docx, pages)] = [(d, p) for d, p in printed if d.name == "district---period-2024.docx"]
    last = "".join(_lines(pages[-1]))
    assert "抄送：峄城区人民政府，区依法治区委员会办公室。" in last and last.endswith("印发")
