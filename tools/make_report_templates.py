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
        """发文机关标志 (red, 小标宋) and 发文字号 above a red rule: centred; for a report to a
        higher organ (上行文, GB/T 9704 §7.2.4) one character in from the left, with the
        签发人 one character in from the right on the same line."""
        p = self.para("", "Title")
        p.paragraph_format.space_after = Pt(0)
        # its top edge 35 mm below the text block's (GB/T 9704 §7.2.2), measured in the PDF
        p.paragraph_format.space_before = Mm(MASTHEAD_DROP_MM)
        run = p.add_run("{{ issuer }}文件")
        run.font.color.rgb = RED
        run.font.size = Pt(30)
        if upward:
            number = self.para("{{ number }}\t签发人：{{ signer }}", "Normal", align=0)
            number.paragraph_format.left_indent = Pt(16)
            tabs = OxmlElement("w:tabs")
            tab = OxmlElement("w:tab")
            tab.set(qn("w:val"), "right")
            tab.set(qn("w:pos"), str(base.TEXT_WIDTH - 320 - 320))  # from the indent: one character in
            tabs.append(tab)
            number._p.get_or_add_pPr().append(tabs)
        else:
            number = self.para("{{ number }}", "Normal", align=1)
        number.paragraph_format.space_before = Pt(14)
        number.paragraph_format.space_after = Pt(28)
        _borders(number, colour="FF0000", space=8, bottom=12)

    def grid(self, columns_mm, rows):
        """A table of len(columns_mm) columns; cell texts as in Builder.table ("#" = label)."""
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
                p = cell.paragraphs[0]
                p._p.style = "GridLabel" if text.startswith("#") else "GridText"
                if text.lstrip("#"):
                    p.add_run(text.lstrip("#"))
        return table

    def caption(self, text):
        p = self.para(text, "TableLabel")
        p.paragraph_format.space_after = Pt(8)
        p.paragraph_format.keep_with_next = True  # never the last line of a page
        return p

    def chart(self, variable):
        p = self.para("{{ %s }}" % variable, "TableLabel")
        p.paragraph_format.keep_with_next = True
        return p

    def loop(self, tag):
        """A paragraph holding only a {%p … %} tag (removed at render time)."""
        return self.para(tag, "BodyText")

    def paragraphs(self, variable, style="BodyText"):
        self.loop("{%%p for text in %s %%}" % variable)
        self.para("{{ text }}", style)
        self.loop("{%p endfor %}")

    def copy_to(self):
        """版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 in 4号仿宋 between rules as wide as the
        text block, the first and last 0.35 mm, the one between 0.25 mm; one character in from each side."""
        copy = self.para("{%% if copy_to %%}\u3000抄送：{{ copy_to }}。{%% endif %%}".replace("%%", "%"), "Imprint")
        copy.paragraph_format.keep_with_next = True
        _borders(copy, top=RULE_THICK, bottom=RULE_THIN)
        printed = self.para("\u3000{{ issuer }}\t{{ doc_date }}印发", "Imprint")
        _borders(printed, bottom=RULE_THICK)


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
    # widths (mm) measured in LibreOffice's PDF at 五号, which adds a little space between
    # Chinese and digits: a case number needs 47, a date 34; names and matters may wrap.
    b.grid((10, 18, 47, 13, 34, 34), [
        ["#序号", "#被通报单位", "#案号", "#通报事项", "#应办日期", "#实际办理日期"],
        "{%tr for row in rows %}",
        ["{{ row.no }}", "{{ row.agency }}", "{{ row.case_no }}", "{{ row.rule }}", "{{ row.due }}", "{{ row.done }}"],
        "{%tr endfor %}",
    ])
    b.heading("二、整改要求")
    b.paragraphs("requirements")
    b.closing("特此通报。")
    b.signature(then_more=True)
    b.copy_to()


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
    b.grid((10, 47, 18, 34, 34, 13), [
        ["#序号", "#案号", "#案由", "#收到应诉通知", "#审结日期", "#裁判结果"],
        "{%tr for c in cases %}",
        ["{{ c.no }}", "{{ c.case_no }}", "{{ c.cause }}", "{{ c.received_on }}", "{{ c.concluded_on }}", "{{ c.result }}"],
        "{%tr endfor %}",
    ])
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
    b.paragraphs("measures")
    b.closing("特此报告。")
    b.signature()


def district_circular(b: ReportBuilder):
    b.masthead()
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("intro")
    b.heading("一、全区行政诉讼案件基本情况")
    b.paragraphs("summary")
    b.chart("chart_cases")
    b.caption("图1  各单位新收、审结及败诉案件数")
    b.chart("chart_loss_rate")
    b.caption("图2  各单位行政诉讼败诉率")
    b.heading("二、行政机关负责人出庭应诉情况")
    b.paragraphs("appearance")
    b.chart("chart_appearance")
    b.caption("图3  各单位负责人出庭率和主要负责人出庭率")
    b.heading("三、各单位行政应诉工作情况")
    b.caption("{{ table_caption }}")
    b.grid((37, 13, 13, 13, 19, 13, 24, 24), [
        ["#单位", "#新收", "#审结", "#败诉", "#败诉率", "#开庭", "#负责人出庭率", "#主要负责人出庭率"],
        "{%tr for row in agency_rows %}",
        ["{{ row.name }}", "{{ row.new_cases }}", "{{ row.concluded }}", "{{ row.losses }}", "{{ row.loss_rate }}",
         "{{ row.heard_cases }}", "{{ row.head_rate }}", "{{ row.principal_rate }}"],
        "{%tr endfor %}",
    ])
    b.heading("四、执行生效裁判和落实司法建议情况")
    b.paragraphs("performance")
    b.heading("五、案件报备等制度落实情况")
    b.paragraphs("compliance")
    b.grid((60, 32, 32, 32), [
        ["#制度", "#应办件数", "#按期件数", "#按期率"],
        "{%tr for row in deadline_rows %}",
        ["{{ row.title }}", "{{ row.due }}", "{{ row.met }}", "{{ row.rate }}"],
        "{%tr endfor %}",
    ])
    b.heading("六、下一步工作要求")
    b.paragraphs("requirements")
    b.closing("特此通报。")
    b.signature(then_more=True)
    b.copy_to()


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
        ["#单位", "#专项通报次数", "#未及时答辩举证、未调解和解导致败诉", "#拒不履行生效判决",
         "#不落实司法建议", "#考核结果"],
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
    b.closing("特此报告。")
    b.signature()


def interview_notice(b: ReportBuilder):
    """One 约谈通知 per agency: its own document (文号, pages from 1), sent to that agency alone."""
    b.masthead()
    b.title("{{ heading }}")
    b.para("{{ addressee }}", "Addressee")
    b.paragraphs("body")
    b.closing("特此通知。")
    b.signature()


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
