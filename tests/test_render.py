"""Rendering: nothing lost, text normalisation, page setup and fonts, errors that name the problem."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from test_render_support import document_lines
from yzdocs.errors import RenderError
from yzdocs.render.context import build_context
from yzdocs.render.engine import render_file
from yzdocs.render.kinds import KINDS
from yzdocs.render.templates import template_for
from yzdocs.render.text import normalise

HOSTILE = ('A&B <w:t>x</w:t> ]]> "双引号" \'单引号\' {{ x }} {% if %} {# c #} 𠀀𪚥 😀👨‍👩‍👧 '
           "第一行\x0b第二行\x0c换页\r\n回车换行\tTab")
LONG = "长" * 10_000

SETTINGS = {"district": "峄城区", "government": "峄城区人民政府", "justice_bureau": "峄城区司法局",
            "committee_office": "区依法治区委员会办公室", "court": "枣庄市峄城区人民法院"}


def hostile_case(text: str) -> tuple[dict, dict]:
    """A case with every free-text field set to ``text``; the agency's too."""
    agencies = {"x": {"id": "x", "name": text, "kind": "department", "principal": text, "principal_title": text,
                      "deputy": text, "deputy_title": text}}
    case = {
        "case_no": "（2023）鲁0404行初15号", "court": text, "level": "first", "cause": text, "act": text,
        "plaintiffs": [{"name": text, "kind": "person", "agent": text}], "defendant": "x",
        "third_parties": [text], "risk": "high",
        "responsibility": {"leader_reviewed_on": date(2023, 3, 14),
                           "staff": {k: text for k in ("report", "defence", "hearing", "mediation", "performance")}},
        "received_on": date(2023, 3, 13), "reported_on": date(2023, 3, 15),
        "defence": {"submitted_on": date(2023, 3, 27), "reported_on": date(2023, 3, 30)},
        "mediation": {"plan_on": date(2023, 3, 20), "plan": text, "result": "failed"},
        "guarantee": {"unit": text, "leader": text, "person": text, "resolve_by": date(2023, 5, 31)},
        "hearings": [{"date": date(2023, 4, 18), "heads_reported_on": date(2023, 4, 13),
                      "heads": [{"name": text, "title": text, "role": "principal", "spoke": True}],
                      "absence_reason": text, "delegate": text}],
        "judgment": {"received_on": date(2023, 6, 2), "form": "judgment", "result": "revoked",
                     "loss_causes": ["evidence"]},
        "loss_analysis": {"reported_on": date(2023, 6, 9), "problems": text, "causes": text, "measures": text},
        "remarks": text,
        "notes": text,  # internal: never printed
    }
    return case, agencies


def _render(kind, case, agencies):
    context = build_context(kind, case, SETTINGS, agencies, 0 if kind == "hearing-heads" else None)
    return render_file(template_for(kind).path, context)


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_text_comes_back_literally(kind):
    case, agencies = hostile_case(HOSTILE)
    data, warnings = _render(kind, case, agencies)
    text = "\n".join(document_lines(data))
    # Every printable character comes back, in order; the line breaks became breaks.
    for piece in ('A&B <w:t>x</w:t> ]]> "双引号" \'单引号\' {{ x }} {% if %} {# c #} 𠀀𪚥 😀👨‍👩‍👧 第一行',
                  "第二行换页", "回车换行\tTab"):
        assert piece in text
    assert "\x0c" not in text and "\x0b" not in text
    # The form feed was removed and reported, naming the field.
    assert warnings and all("U+000C" in w for w in warnings)
    assert any(w.startswith("cause：") or ".name：" in w for w in warnings)
    # Valid OOXML: every XML part parses and python-docx reopens the file.
    docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("kind", list(KINDS))
def test_long_paragraph_kept_whole(kind):
    case, agencies = hostile_case(LONG)
    data, warnings = _render(kind, case, agencies)
    assert warnings == []
    assert LONG in "\n".join(document_lines(data))


def test_blank_lines_make_paragraphs_and_line_breaks_stay_in_one():
    case, agencies = hostile_case("甲")
    case["loss_analysis"]["problems"] = "第一段\r\n\r\n第二段第一行\x0b第二行\n\n\n第三段"
    data, warnings = _render("loss-analysis", case, agencies)
    lines = document_lines(data)
    start = lines.index("P| 一、存在问题")
    assert lines[start + 1:start + 4] == ["P| 第一段", "P| 第二段第一行\n第二行", "P| 第三段"]
    # The new paragraphs keep the body paragraph's style (first-line indent).
    document = docx.Document(io.BytesIO(data))
    styles = {p.text: p.style.style_id for p in document.paragraphs}
    assert styles["第一段"] == styles["第三段"] == "BodyText"


def test_normalise_reports_every_removed_character():
    warnings = []
    assert normalise("a\x00b\x1bc\ufffed\ud800e\tf", "notes", warnings) == "abcde\tf"
    assert warnings == ["notes：删除了 XML 不允许的字符 U+0000（空字符）×1、U+001B（ESC）×1、U+D800×1、U+FFFE（非字符）×1"]


def test_normalise_line_endings():
    assert normalise("a\r\nb\rc\x0bd", "x", []) == "a\nb\nc\nd"
    assert normalise("a\n \n\u3000\nb\n", "x", []) == "a\ab"


def test_missing_variable_names_template_place_and_variable(tmp_path):
    source = template_for("case-report").path
    broken = tmp_path / "case-report.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            if info.filename == "word/document.xml":
                blob = blob.replace("{{ remarks or '无' }}".encode(), b"{{ remark }}")
            zout.writestr(info, blob)
    case, agencies = hostile_case("甲")
    context = build_context("case-report", case, SETTINGS, agencies)
    with pytest.raises(RenderError) as err:
        render_file(broken, context)
    message = str(err.value)
    assert "case-report.docx" in message and "remark" in message and "表格 1 第 19 行第 2 列" in message


def test_syntax_error_is_a_render_error(tmp_path):
    source = template_for("loss-analysis").path
    broken = tmp_path / "loss-analysis.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            if info.filename == "word/document.xml":
                blob = blob.replace(b"{{ loss_analysis.problems }}", b"{% if x %}")
            zout.writestr(info, blob)
    with pytest.raises(RenderError, match="语法错误"):
        render_file(broken, {})


def test_sandbox_blocks_unsafe_attribute_access(tmp_path):
    source = template_for("loss-analysis").path
    broken = tmp_path / "loss-analysis.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            if info.filename == "word/document.xml":
                blob = blob.replace(b"{{ loss_analysis.problems }}", b"{{ cause.__class__.__mro__ }}")
            zout.writestr(info, blob)
    case, agencies = hostile_case("甲")
    with pytest.raises(RenderError):
        render_file(broken, build_context("loss-analysis", case, SETTINGS, agencies))


# ----------------------------------------------------------------------------- GB/T 9704 page and type

@pytest.mark.parametrize("kind", list(KINDS))
def test_page_setup_and_fonts(kind):
    case, agencies = hostile_case("甲")
    data, _ = _render(kind, case, agencies)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    # A4 as Word stores it: 11906 × 16838 twips (210 × 297 mm).
    size = section._sectPr.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    assert abs(section.page_width - Mm(210)) <= 635 and abs(section.page_height - Mm(297)) <= 635
    # Margins to the nearest twip: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
    for value, mm in ((section.top_margin, 37), (section.bottom_margin, 35),
                      (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(value - Mm(mm)) <= 635  # one twip = 635 EMU
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"

    styles = document.styles
    def east_asia(style):
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))
    assert east_asia(styles["公文标题"]) == "方正小标宋简体" and styles["公文标题"].font.size == Pt(22)
    assert styles["公文标题"].paragraph_format.alignment == 1  # centred
    assert east_asia(styles["正文"]) == "仿宋_GB2312" and styles["正文"].font.size == Pt(16)
    assert east_asia(styles["一级标题"]) == "黑体" and styles["一级标题"].font.size == Pt(16)
    assert east_asia(styles["二级标题"]) == "楷体_GB2312"
    assert east_asia(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size == Pt(16)
    assert east_asia(styles["表格文字"]) == "仿宋_GB2312"
    assert document.paragraphs[0].style.name == "公文标题"

    # Page numbers "— 1 —": a PAGE field between em dashes, 4号 (14 pt) 宋体, on odd and even pages.
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert "PAGE" in paragraph._p.xml
        for run in paragraph.runs:
            assert run.font.size == Pt(14)
            assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert document.settings.odd_and_even_pages_header_footer


def test_templates_are_lean():
    for kind in KINDS:
        path = template_for(kind).path
        assert path.stat().st_size < 10_000
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        # a minimal theme (Word requires one), none of python-docx's default bulk
        assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "word/glossary/document.xml"} & names
        assert "word/theme/theme1.xml" in names


def test_same_input_same_bytes():
    case, agencies = hostile_case("甲")
    assert _render("case-report", case, agencies)[0] == _render("case-report", case, agencies)[0]
