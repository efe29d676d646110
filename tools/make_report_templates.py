"""Write the report templates (templates/docx/<kind>.docx) of `yzdocs report`.

    python tools/make_report_templates.py [OUT_DIR]

Kinds: special-circular (专项通报), agency-report (行政应诉案件统计分析报告),
district-circular (全区行政应诉工作情况通报, with charts) and assessment
(督办考核情况, followed by one 约谈通知 per agency to be interviewed).

The package, styles and page setup are those of tools/make_templates.py
(GB/T 9704-2012), reused by import; this script adds the 版头 of a circular
(red issuer line and the document number with 六角括号 above a red rule),
tables of any number of columns, and the bodies. Deterministic output.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_templates as base  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt, RGBColor  # noqa: E402

RED = RGBColor(0xFF, 0x00, 0x00)
MASTHEAD_DROP_MM = 29.6  # + the 5.4 mm between a 30 pt line's top and its glyphs' = 35 mm


RULE_THICK, RULE_THIN = 8, 6  # border widths in eighths of a point: 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.26 mm
# Masthead spacing, measured in LibreOffice's PDF (tests/test_report_layout.py): two blank 3号 lines
# (2 × 10.2 mm) between the 发文机关标志 and the 发文字号, the red rule 4 mm under the number, two
# blank lines between the rule and the title.
NUMBER_GAP_PT = 44
RULE_GAP_PT = 11
TITLE_GAP_PT = 48
# The 版记 keeps this far from the text above it: the lower part of a 42 mm seal pressed on the
# 署名 and 成文日期 reaches about 11 mm below the date (make_templates.SIGNATURE_GAP).
IMPRINT_CLEARANCE = round(1.5 * base.LINE)


def _element(tag, attributes):
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(key), value)
    return element


def _borders(paragraph, colour="000000", space=1, **sides):
    """Rules on the given sides of a paragraph, ``side=width`` in eighths of a point."""
    borders = OxmlElement("w:pBdr")
    for side, size in sides.items():
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space)), ("w:color", colour)):
            edge.set(qn(key), value)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


class ReportBuilder(base.Builder):
    def masthead(self, upward: bool = False):
        """发文机关标志 (red, 小标宋); two blank lines under it the 发文字号 (§7.2.3), 4 mm under that a
        red rule as wide as the text block (§7.2.4), and the title two blank lines under the rule
        (§7.3.1) — the title's own spacing (``title``). Centred; for a report to a higher organ
        (上行文) the number one character in from the left and the 签发人 one character in from the
        right on the same line, by tab stops, so the rule under them still spans the whole block."""
        p = self.para("", "Title")
        p.paragraph_format.space_after = Pt(0)
        # its top edge 35 mm below the text block's (GB/T 9704 §7.2.2), measured in the PDF
        p.paragraph_format.space_before = Mm(MASTHEAD_DROP_MM)
        run = p.add_run("{{ issuer }}文件")
        run.font.color.rgb = RED
        run.font.size = Pt(30)
        if upward:
            number = self.para("\t{{ number }}\t签发人：{{ signer }}", "Normal", align=0)
            tabs = OxmlElement("w:tabs")
            for kind, pos in (("left", base.CHAR), ("right", base.TEXT_WIDTH - base.CHAR)):
                tab = OxmlElement("w:tab")
                tab.set(qn("w:val"), kind)
                tab.set(qn("w:pos"), str(pos))
                tabs.append(tab)
            number._p.get_or_add_pPr().append(tabs)
        else:
            number = self.para("{{ number }}", "Normal", align=1)
        number.paragraph_format.space_before = Pt(NUMBER_GAP_PT)
        number.paragraph_format.space_after = Pt(0)
        _borders(number, colour="FF0000", space=RULE_GAP_PT, bottom=12)
        self._after_masthead = True

    def title(self, text):
        p = super().title(text)
        if getattr(self, "_after_masthead", False):  # two blank lines under the red rule (§7.3.1)
            p.paragraph_format.space_before = Pt(TITLE_GAP_PT)
            self._after_masthead = False
        return p

    def grid(self, columns_mm, rows, small=False):
        """A table of len(columns_mm) columns; cell texts as in Builder.table ("#" = label, "\\n" between
        lines); ``small``: 小五 instead of 五号."""
        text_style, label_style = ("GridSmall", "GridSmallLabel") if small else ("GridText", "GridLabel")
        table = self.doc.add_table(rows=len(rows), cols=len(columns_mm))
        table._tbl.tblPr.style = "TableGrid"
        table.alignment = 1
        tbl_pr = table._tbl.tblPr
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(base._twips(sum(columns_mm))))
        width.set(qn("w:type"), "dxa")
        tbl_pr.append(width)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for col, mm in zip(table.columns, columns_mm):
            col.width = Mm(mm)
        for r, cells in enumerate(rows):
            row = table.rows[r]
            if isinstance(cells, str):  # a docxtpl row tag spanning the table
                row.cells[0].merge(row.cells[-1])
                row.cells[0].paragraphs[0].add_run(cells)
                continue
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row never splits across pages
            if r == 0:  # the header row repeats on every page
                tr_pr.append(OxmlElement("w:tblHeader"))
            for c, text in enumerate(cells):
                cell = row.cells[c]
                cell.width = Mm(columns_mm[c])
                cell.vertical_alignment = 1
                label = text.startswith("#")
                for i, line in enumerate(text.lstrip("#").split("\n")):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    p._p.style = label_style if label else text_style
                    if line:
                        p.add_run(line)
        return table

    def caption(self, text):
        p = self.para(text, "TableLabel")
        p.paragraph_format.space_after = Pt(8)
        p.paragraph_format.keep_with_next = True  # never the last line of a page
        return p

    def chart(self, variable, caption):
        """A chart and, under it, its caption: kept together, and nothing else kept with them."""
        p = self.para("{{ %s }}" % variable, "TableLabel")
        p.paragraph_format.keep_with_next = True
        self.para(caption, "TableLabel").paragraph_format.space_after = Pt(8)
        return p

    def loop(self, tag):
        """A paragraph holding only a {%p … %} tag (removed at render time)."""
        return self.para(tag, "BodyText")

    def attachment_page(self, number, title):
        """A 附件 on a page of its own (§7.3.6): 「附件N」 in 3号黑体 at the top left, its title centred on
        the third line."""
        label = self.para("附件" + number, "AttachmentLabel")
        label.paragraph_format.page_break_before = True
        self.para(title, "AttachmentTitle")

    def paragraphs(self, variable, style="BodyText", *, last_with_closing=False):
        """One paragraph per item of ``variable``. ``last_with_closing``: the last item goes with the
        closing line (特此通报。) and the signature to a new page if they do not fit — the page the seal
        is on then carries a paragraph of the text, never the closing line alone (GB/T 9704 §7.3.5.4
        leaves the resolution to the drafter; moving the last paragraph is the one that needs no
        measuring)."""
        if not last_with_closing:
            self.loop("{%%p for text in %s %%}" % variable)
            self.para("{{ text }}", style)
            self.loop("{%p endfor %}")
            return
        self.loop("{%%p for text in %s[:-1] %%}" % variable)
        self.para("{{ text }}", style)
        self.loop("{%p endfor %}")
        self.loop("{%%p if %s %%}" % variable)
        self.para("{{ %s[-1] }}" % variable, style).paragraph_format.keep_with_next = True
        self.loop("{%p endif %}")

    def imprint(self):
        """版记 (GB/T 9704 §7.4): 抄送 (when there is one) and 印发机关/印发日期 in 4号仿宋 between rules
        as wide as the text block — the first and last 0.35 mm, the one between 0.25 mm — its last rule
        on the last line of the text block of the last page.

        Word's flowing text has no "foot of the last page"; a frame does (w:framePr, honoured by Word,
        WPS and LibreOffice alike): anchored at the end of the document, aligned to the bottom of the
        text block, no text beside it. LibreOffice drops the frame of a paragraph that has borders, so
        the rules are frame paragraphs of their own: an empty line exactly as tall as the rule, shaded
        black. Above the first rule an empty frame line keeps the seal's room (IMPRINT_CLEARANCE)."""
        self._framed(self._line(IMPRINT_CLEARANCE, "Imprint"))
        self._framed(self._line(RULE_THICK * 20 // 8, "ImprintRule"))
        self.loop("{%p if copy_to %}")
        self._framed(self.para("\u3000抄送：{{ copy_to }}。", "Imprint"))
        self._framed(self._line(RULE_THIN * 20 // 8, "ImprintRule"))
        self.loop("{%p endif %}")
        self._framed(self.para("\u3000{{ issuer }}\t{{ doc_date }}印发", "Imprint"))
        self._framed(self._line(RULE_THICK * 20 // 8, "ImprintRule"))

    def _line(self, twips, style):
        """An empty paragraph exactly ``twips`` tall (a rule when its style shades it)."""
        p = self.para("", style)
        p._p.get_or_add_pPr().append(_element(
            "w:spacing", {"w:before": "0", "w:after": "0", "w:line": str(twips), "w:lineRule": "exact"}))
        return p

    @staticmethod
    def _framed(paragraph):
        paragraph._p.get_or_add_pPr().append(_element("w:framePr", {
            "w:w": str(base.TEXT_WIDTH), "w:wrap": "notBeside",
            "w:vAnchor": "margin", "w:yAlign": "bottom", "w:hAnchor": "margin", "w:xAlign": "center"}))
        return paragraph


def special_circular(b: ReportBuilder):
    b.masthead()
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("intro")
    b.heading("一、基本情况")
    b.loop("{%p for group in groups %}")
    b.heading("{{ group.heading }}", 2)
    b.loop("{%p for item in group.entries %}")
    b.para("{{ item.text }}")
    b.loop("{%p endfor %}")
    b.loop("{%p endfor %}")
    b.caption("{{ table_caption }}")
    # widths (mm) measured in LibreOffice's PDF at 小五, which adds a little space between Chinese and
    # digits: a case number needs 41, a date 30, a short name of 7 characters 24, a matter of 5 19.
    b.grid((9, 24, 41, 19, 32, 31), [
        ["#序号", "#被通报\n单位", "#案号", "#通报事项", "#应办日期", "#实际办理\n日期"],
        "{%tr for row in rows %}",
        ["{{ row.no }}", "{{ row.agency }}", "{{ row.case_no }}", "{{ row.rule }}", "{{ row.due }}", "{{ row.done }}"],
        "{%tr endfor %}",
    ], small=True)
    b.heading("二、整改要求")
    b.paragraphs("requirements", last_with_closing=True)
    b.closing("特此通报。")
    b.signature()
    b.imprint()


def agency_report(b: ReportBuilder):
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("intro")
    b.heading("一、案件基本情况")
    b.paragraphs("summary")
    b.caption("{{ table_caption }}")
    b.grid((76, 40, 40), [
        ["#项目", "#{{ period_label }}", "#{{ previous_label }}"],
        "{%tr for row in figures %}",
        ["{{ row.label }}", "{{ row.now }}", "{{ row.before }}"],
        "{%tr endfor %}",
    ])
    b.heading("二、案件明细")
    b.para("{% if not cases %}本期无新收、审结或开庭的案件。{% else %}本期新收、审结、开庭或期末未结的案件共{{ cases | length }}件，明细如下。{% endif %}")
    b.grid((9, 41, 22, 30, 30, 24), [
        ["#序号", "#案号", "#案由", "#收到应诉\n通知日期", "#审结日期", "#裁判结果"],
        "{%tr for c in cases %}",
        ["{{ c.no }}", "{{ c.case_no }}", "{{ c.cause }}", "{{ c.received_on }}", "{{ c.concluded_on }}", "{{ c.result }}"],
        "{%tr endfor %}",
    ], small=True)
    b.heading("三、败诉案件及原因分析")
    b.para("{% if not losses %}本期无败诉案件。{% else %}本期败诉案件{{ losses | length }}件，逐案分析如下。{% endif %}")
    b.loop("{%p for loss in losses %}")
    b.heading("{{ loss.heading }}", 2)
    b.para("{{ loss.facts }}")
    b.para("存在问题：{{ loss.problems }}")
    b.para("败诉原因：{{ loss.causes }}")
    b.para("改进措施：{{ loss.measures }}")
    b.loop("{%p endfor %}")
    b.heading("四、负责人出庭应诉情况")
    b.paragraphs("appearance")
    b.heading("五、报备制度落实情况")
    b.paragraphs("compliance")
    b.heading("六、履行生效裁判和落实司法建议情况")
    b.paragraphs("performance")
    b.heading("七、存在问题和下一步措施")
    b.paragraphs("measures", last_with_closing=True)
    b.closing("特此报告。")
    b.signature()


def district_circular(b: ReportBuilder):
    """The body is text only; the statistics table and the charts are 附件 (GB/T 9704 §7.3.6), each on
    a page of its own after the signature. A chart or table in the text would be pushed to the next
    page whenever it does not fit, leaving half a page empty above it."""
    b.masthead()
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("intro")
    b.heading("一、全区行政诉讼案件基本情况")
    b.paragraphs("summary")
    b.heading("二、行政机关负责人出庭应诉情况")
    b.paragraphs("appearance")
    b.heading("三、执行生效裁判和落实司法建议情况")
    b.paragraphs("performance")
    b.heading("四、案件报备等制度落实情况")
    b.paragraphs("compliance")
    b.heading("五、下一步工作要求")
    b.paragraphs("requirements", last_with_closing=True)
    b.closing("特此通报。")
    b.para("附件：1．{{ table_caption }}", "Attachment")
    b.para("2．{{ charts_caption }}", "AttachmentMore")
    b.signature()
    b.attachment_page("1", "{{ table_caption }}")
    b.grid((37, 13, 13, 13, 19, 13, 24, 24), [
        ["#单位", "#新收", "#审结", "#败诉", "#败诉率", "#开庭", "#负责人\n出庭率", "#主要负责人\n出庭率"],
        "{%tr for row in agency_rows %}",
        ["{{ row.name }}", "{{ row.new_cases }}", "{{ row.concluded }}", "{{ row.losses }}", "{{ row.loss_rate }}",
         "{{ row.heard_cases }}", "{{ row.head_rate }}", "{{ row.principal_rate }}"],
        "{%tr endfor %}",
    ])
    b.note("{{ table_note }}")
    b.caption("{{ deadline_caption }}")
    b.grid((60, 32, 32, 32), [
        ["#制度", "#应办件数", "#按期件数", "#按期率"],
        "{%tr for row in deadline_rows %}",
        ["{{ row.title }}", "{{ row.due }}", "{{ row.met }}", "{{ row.rate }}"],
        "{%tr endfor %}",
    ])
    b.attachment_page("2", "{{ charts_caption }}")
    b.chart("chart_cases", "图1  各单位新收、审结及败诉案件数")
    b.chart("chart_loss_rate", "图2  各单位行政诉讼败诉率")
    b.chart("chart_appearance", "图3  各单位负责人出庭率和主要负责人出庭率")
    b.imprint()


def assessment(b: ReportBuilder):
    b.masthead(upward=True)  # a report to the 区政府
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("intro")
    b.heading("一、考核依据")
    b.paragraphs("basis")
    b.heading("二、考核结果")
    b.paragraphs("summary")
    b.grid((38, 18, 26, 18, 24, 32), [
        ["#单位", "#被专项\n通报次数", "#未及时答辩\n举证、未调解\n和解导致败诉", "#拒不履行\n生效判决",
         "#不落实\n司法建议", "#考核结果"],
        "{%tr for row in rows %}",
        ["{{ row.name }}", "{{ row.circulars }}", "{{ row.losses }}", "{{ row.refusals }}",
         "{{ row.suggestions }}", "{{ row.outcome }}"],
        "{%tr endfor %}",
    ])
    b.heading("三、需约谈的单位")
    b.loop("{%p if not interviews %}")
    b.para("本年度没有需要约谈的单位。")
    b.loop("{%p endif %}")
    b.loop("{%p for item in interviews %}")
    b.heading("{{ item.heading }}", 2)
    b.para("{{ item.text }}")
    b.loop("{%p endfor %}")
    b.loop("{%p if interview_request %}")
    b.para("{{ interview_request }}")
    b.loop("{%p endif %}")
    b.closing("特此报告。")
    b.signature()
    b.imprint()


def interview_notice(b: ReportBuilder):
    """One 约谈通知 per agency: its own document (文号, pages from 1), sent to that agency alone."""
    b.masthead()
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("body", last_with_closing=True)
    b.closing("特此通知。")
    b.signature()
    b.imprint()


KINDS = {
    "special-circular": ("专项通报", special_circular),
    "agency-report": ("行政应诉案件统计分析报告", agency_report),
    "district-circular": ("全区行政应诉工作情况通报", district_circular),
    "assessment": ("行政应诉工作督办考核情况", assessment),
    "interview-notice": ("约谈通知", interview_notice),
}


def write_template(kind: str, out_dir: Path) -> Path:
    name, compose = KINDS[kind]
    builder = ReportBuilder()
    compose(builder)
    return base.write_package(out_dir / f"{kind}.docx", name, builder)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else base.OUT
    for kind in KINDS:
        path = write_template(kind, out_dir)
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
