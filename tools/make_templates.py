"""Write the built-in document templates (templates/docx/<kind>.docx).

    python tools/make_templates.py [OUT_DIR]

The body of each template is composed with python-docx; the package around it
is written here by hand so it stays lean: python-docx's default skeleton
carries ~900 KB of uncompressed styles, latent styles, a theme, a glossary
and a thumbnail, which every render would have to copy. Ours holds only the
styles the templates use (~6 KB), a font table, settings and two footers.

Page and type follow GB/T 9704-2012 《党政机关公文格式》: A4; margins top 37
mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block); a
22-line grid (line pitch 579 twips); body 3号 (16 pt) 仿宋_GB2312, title 2号
(22 pt) 方正小标宋简体 centred, level-1 headings 黑体, level-2 楷体_GB2312;
page numbers "— 1 —" in 4号 (14 pt) 宋体, right on odd pages and left on even
pages, one character in from the margin. Forms are tables on the same page
setup; table text is 4号 仿宋 so a four-column form fits the 156 mm width.

The output is deterministic (fixed zip timestamps and entry order): running
the script twice gives identical files, so the committed templates can be
checked against it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from yzdocs.output.package import zip_entries

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ooxml_order import order_xml  # noqa: E402
from theme import THEME  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# 28 characters a line (GB/T 9704 §5.2.2): 156 mm / 28 = 15.79 pt per character, so 3号 (16 pt)
# is condensed by 0.25 pt (5 twips): 28 × 15.75 pt fit the 442 pt line, 29 do not. Word's own
# "指定行和字符网格" (docGrid linesAndChars, charSpace -849) cannot be used: LibreOffice puts
# each 16 pt character into two 15.79 pt grid cells and prints 14 characters a line.
CONDENSED = -5

# No extra space between Chinese and digits in tables (Word's autospace; LibreOffice 7.4 adds
# its own regardless, which the column widths of make_report_templates.py allow for).
NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
GRID_PPR = NO_AUTOSPACE + '<w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20"/><w:jc w:val="center"/>'

# The 成文日期 ends four characters in from the right (1280 twips). A date prints 7.25
# (2023年6月9日) to 8.25 (2025年12月31日) characters wide — digits, and the space word
# processors put between digits and Chinese — so the box is centred 3.9 characters further
# in: the name is off the date's centre by at most a quarter of a character. (An exact centre
# would need the indent computed per document, i.e. a template placeholder in an XML
# attribute, which makes the template itself invalid Open XML.)
TEXT_WIDTH = round(156 * 1440 / 25.4)  # twips
CHAR = 320 + CONDENSED
DATE_CENTRE = TEXT_WIDTH - 1280 - round(3.9 * CHAR)
SIGNATURE_HALF = 10 * CHAR  # room for a name of 20 characters
SIGNATURE_LEFT = DATE_CENTRE - SIGNATURE_HALF
SIGNATURE_RIGHT = TEXT_WIDTH - DATE_CENTRE - SIGNATURE_HALF  # negative: may pass the margin

# The seal (印章, 42 mm ≈ 4.1 lines of 10.2 mm) presses on the 署名 and 成文日期 from a little above
# their middle, its top within one line below the body (GB/T 9704 §7.3.5.1): with two blank lines
# before the 署名 its top falls 5 mm below the body's last line; with one it would cover that line.
LINE = 579  # twips: 22 lines in the 225 mm text block
SIGNATURE_GAP = 2 * LINE

# Column widths of every form (mm): label, value, label, value = 156 mm. A line of the first label
# column holds 6 characters at 4号 (（原审原告）), of the second 5 (负责人类别); longer labels carry
# their own line breaks, between words, so no character is ever left alone on a line. Court names
# and case numbers get whole rows.
FORM_COLUMNS = (32, 48, 27, 49)


# --------------------------------------------------------------------------- styles

def _twips(mm):
    return round(mm * 1440 / 25.4)


def _rfonts(east_asia: str) -> str:
    return (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
            f'w:eastAsia="{east_asia}" w:cs="{LATIN_FONT}"/>')


def _pstyle(style_id, name, *, font, size_pt, ppr="", rpr="", based="Normal", next_="Normal"):
    half = int(size_pt * 2)
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based_on}<w:next w:val="{next_}"/><w:qFormat/>'
            f'<w:pPr>{ppr}</w:pPr>'
            f'<w:rPr>{_rfonts(font)}{rpr}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
            f'</w:style>')


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr>'
    f'{_rfonts(BODY_FONT)}<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    '</w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>'
    '</w:docDefaults>'
    # Normal: 3号仿宋 on the 22-line grid.
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:pPr><w:snapToGrid w:val="1"/></w:pPr><w:rPr>{_rfonts(BODY_FONT)}<w:spacing w:val="{CONDENSED}"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
    '</w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>'
    + _pstyle("Title", "公文标题", font=TITLE_FONT, size_pt=22,
              ppr='<w:jc w:val="center"/><w:spacing w:after="579"/>')
    + _pstyle("Subtitle", "副标题", font=H2_FONT, size_pt=16, ppr='<w:jc w:val="center"/>')
    + _pstyle("Heading1", "一级标题", font=H1_FONT, size_pt=16,
              ppr='<w:keepNext/><w:ind w:firstLine="640"/><w:outlineLvl w:val="0"/>')
    + _pstyle("Heading2", "二级标题", font=H2_FONT, size_pt=16,
              ppr='<w:keepNext/><w:ind w:firstLine="640"/><w:outlineLvl w:val="1"/>')
    + _pstyle("BodyText", "正文", font=BODY_FONT, size_pt=16, ppr='<w:ind w:firstLine="640"/>')
    + _pstyle("Addressee", "主送机关", font=BODY_FONT, size_pt=16, ppr='<w:jc w:val="left"/>')
    # 附件说明 (§7.3.4): 「附件：」 two characters in, the names aligned after it, the first a line below
    # the text; a second name (2．…) starts under the first.
    + _pstyle("Attachment", "附件说明", font=BODY_FONT, size_pt=16,
              ppr='<w:keepNext/><w:spacing w:before="579"/><w:ind w:left="1600" w:hanging="960"/>')
    + _pstyle("AttachmentMore", "附件说明（续）", font=BODY_FONT, size_pt=16,
              ppr='<w:keepNext/><w:ind w:left="1600"/>')
    + _pstyle("AttachmentLabel", "附件标识", font=H1_FONT, size_pt=16, ppr='<w:jc w:val="left"/>',
              next_="AttachmentTitle")
    + _pstyle("AttachmentTitle", "附件标题", font=TITLE_FONT, size_pt=22,
              ppr='<w:jc w:val="center"/><w:spacing w:before="579" w:after="579"/>')
    # Sender and date: right-aligned, four characters in from the right margin.
    + _pstyle("Signature", "发文机关署名", font=BODY_FONT, size_pt=16,
              ppr='<w:jc w:val="right"/><w:ind w:right="1280"/>')
    # 署名 centred on the 成文日期 (GB/T 9704 §7.3.5.1): a centred paragraph whose box is
    # symmetric about the date's centre, wide enough for a long name.
    + _pstyle("SignatureFirst", "发文机关署名（首行）", font=BODY_FONT, size_pt=16,
              ppr=f'<w:keepNext/><w:spacing w:before="{SIGNATURE_GAP}"/><w:ind w:left="{SIGNATURE_LEFT}" '
                  f'w:right="{SIGNATURE_RIGHT}"/><w:jc w:val="center"/>',
              next_="Signature")
    + _pstyle("TableText", "表格文字", font=BODY_FONT, size_pt=14,
              ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/>')
    + _pstyle("TableLabel", "表格栏目", font=BODY_FONT, size_pt=14, based="TableText",
              ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="40" w:after="40"/><w:jc w:val="center"/>')
    # Data tables of reports (many columns): 五号 (10.5 pt), so a date (2024年12月31日) and a case
    # number (（2024）鲁0404行初26号) each fit one line of their column.
    + _pstyle("GridText", "数据表文字", font=BODY_FONT, size_pt=10.5, ppr=GRID_PPR)
    + _pstyle("GridLabel", "数据表栏目", font=H1_FONT, size_pt=10.5, based="GridText", ppr=GRID_PPR)
    # Tables of six columns with case numbers and dates: 小五 (9 pt), so a case number, two dates and a
    # unit's short name each fit one line of their column.
    + _pstyle("GridSmall", "数据表文字（小五）", font=BODY_FONT, size_pt=9, ppr=GRID_PPR)
    + _pstyle("GridSmallLabel", "数据表栏目（小五）", font=H1_FONT, size_pt=9, based="GridSmall", ppr=GRID_PPR)
    # 版记: 4号仿宋, one character in from each side; 印发日期 at a right tab one character in.
    + _pstyle("Imprint", "版记", font=BODY_FONT, size_pt=14,
              ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH - 280}"/></w:tabs><w:snapToGrid w:val="0"/>'
                  '<w:spacing w:before="60" w:after="60"/><w:jc w:val="left"/>')
    + _pstyle("ImprintRule", "版记分隔线", font=BODY_FONT, size_pt=1,
              ppr='<w:shd w:val="clear" w:color="auto" w:fill="000000"/><w:snapToGrid w:val="0"/>')
    + _pstyle("Note", "表注", font=BODY_FONT, size_pt=12,
              ppr='<w:snapToGrid w:val="0"/><w:spacing w:before="120"/><w:jc w:val="left"/>')
    + _pstyle("Footer", "页脚", font=PAGE_FONT, size_pt=14, based="",
              ppr='<w:snapToGrid w:val="0"/>')
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders></w:tblPr></w:style>'
    '</w:styles>'
)

# Each face with the one Word and WPS put in its place on a PC without it (w:altName): the GB2312
# faces ship with few Windows installations, 仿宋 / 楷体 / 宋体 / 黑体 with all of them.
FALLBACKS = {BODY_FONT: "仿宋", TITLE_FONT: "宋体", H1_FONT: "SimHei", H2_FONT: "楷体", PAGE_FONT: "SimSun"}

FONTS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">'
    + f'<w:font w:name="{LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{FALLBACKS[name]}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        for name, family in ((BODY_FONT, "modern"), (TITLE_FONT, "script"), (H1_FONT, "modern"),
                             (H2_FONT, "modern"), (PAGE_FONT, "auto")))
    + "</w:fonts>"
)

SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>'
    '<w:drawingGridVerticalSpacing w:val="579"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="15"/></w:compat></w:settings>'
)


def _footer(align: str, indent: str) -> str:
    """A page number "— 1 —": a PAGE field between em dashes, 4号宋体."""
    def run(inner):
        return f'<w:r><w:rPr>{_rfonts(PAGE_FONT)}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>{inner}</w:r>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:jc w:val="{align}"/><w:ind {indent}/></w:pPr>'
        + run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p></w:ftr>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>'
)

PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    '<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>'
    '</Relationships>'
)


def _core(title: str) -> str:
    # yzdocs rewrites these at render time (dates from the data); fixed here.
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{title}</dc:title><dc:creator>yzdocs</dc:creator><cp:lastModifiedBy>yzdocs</cp:lastModifiedBy>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-01T00:00:00Z</dcterms:modified>'
        '</cp:coreProperties>'
    )


APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>yzdocs</Application></Properties>'
)


# --------------------------------------------------------------------------- body helpers

class Builder:
    """Composes a document body with python-docx using the style ids above."""

    def __init__(self):
        self._closing_at = None  # index of the paragraph closing() added, until signature() uses it
        self.doc = Document()
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def para(self, text="", style="BodyText", *, align=None):
        p = self.doc.add_paragraph()
        p._p.style = style
        if align is not None:
            p.alignment = align
        if text:
            p.add_run(text)
        return p

    def title(self, text):
        return self.para(text, "Title")

    def heading(self, text, level=1):
        return self.para(text, f"Heading{level}")

    def last_text(self, expr, lines=4):
        """The text's last paragraph: when it is short (at most ``lines`` full lines of 28 characters) it
        goes with the closing line and the signature to a new page if they do not fit there, so the page
        the seal sits on carries text, not 特此报告。 alone (GB/T 9704 §7.3.5). A longer one is not held:
        Word and LibreOffice move a kept paragraph whole, which would leave a hole on the page before;
        its last lines then reach the closing's page of themselves."""
        self.para("{%%p if (%s)|length <= %d %%}" % (expr, 28 * lines))
        self.para("{{ %s }}" % expr).paragraph_format.keep_with_next = True
        self.para("{%p else %}")
        self.para("{{ %s }}" % expr)
        self.para("{%p endif %}")

    def closing(self, text):
        """The body's last line (特此报告。…): it goes with the signature to a new page if need be,
        so the page the seal sits on always carries body text (GB/T 9704 §7.3.5)."""
        self._closing_at = len(self.doc.paragraphs)
        self.para(text)

    def signature(self, sender="{{ sender }}", date="{{ doc_date }}"):
        """署名 and 成文日期, kept with the closing line and anything between (附件说明)."""
        paragraphs = self.doc.paragraphs
        start = len(paragraphs) - 1 if self._closing_at is None else self._closing_at
        for p in paragraphs[start:]:
            p.paragraph_format.keep_with_next = True
        self.para(sender, "SignatureFirst")
        self.para(date, "Signature")
        self._closing_at = None

    def table(self, rows):
        """rows: lists of 4 cell texts; None merges the cell into its left neighbour.

        A cell text beginning with "#" is a label (centred). A row given as a
        str is a docxtpl row tag ({%tr … %}) spanning the whole table.
        """
        table = self.doc.add_table(rows=len(rows), cols=len(FORM_COLUMNS))
        table._tbl.tblPr.style = "TableGrid"
        table.alignment = 1  # centred on the page
        tbl_pr = table._tbl.tblPr
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(_twips(sum(FORM_COLUMNS))))
        width.set(qn("w:type"), "dxa")
        tbl_pr.append(width)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for col, mm in zip(table.columns, FORM_COLUMNS):
            col.width = Mm(mm)
        for r, cells in enumerate(rows):
            row = table.rows[r]
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never splits across pages
            if isinstance(cells, str):
                cells = [cells, None, None, None]
            start = 0
            for c in range(1, len(cells) + 1):
                if c == len(cells) or cells[c] is not None:
                    if c - start > 1:
                        row.cells[start].merge(row.cells[c - 1])
                    start = c
            for c, text in enumerate(cells):
                if text is None:
                    continue
                cell = row.cells[c]
                cell.width = Mm(sum(FORM_COLUMNS[c:c + _span(cells, c)]))
                cell.vertical_alignment = 1  # centre
                for i, line in enumerate(text.split("\n")):
                    p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    label = line.startswith("#")
                    p._p.style = "TableLabel" if label else "TableText"
                    if line.lstrip("#"):
                        p.add_run(line.lstrip("#"))
        return table

    def note(self, text):
        return self.para(text, "Note")

    def document_xml(self) -> bytes:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        # page number's 一字线 7 mm below the text block (GB/T 9704 §7.5), measured in the PDF
        section.header_distance, section.footer_distance = Mm(15), Mm(22.3)
        sect_pr = section._sectPr
        for ref_type, rid in (("default", "rId4"), ("even", "rId5")):
            ref = OxmlElement("w:footerReference")
            ref.set(qn("w:type"), ref_type)
            ref.set(qn("r:id"), rid)
            sect_pr.insert(0, ref)
        for old in sect_pr.findall(qn("w:docGrid")) + sect_pr.findall(qn("w:cols")):
            sect_pr.remove(old)
        cols = OxmlElement("w:cols")
        cols.set(qn("w:space"), "425")
        sect_pr.append(cols)
        # 22 lines (GB/T 9704 §5.2.2); the 28 characters a line come from CONDENSED (see there).
        grid = OxmlElement("w:docGrid")
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), "579")
        sect_pr.append(grid)
        return etree.tostring(self.doc.element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _span(cells, c):
    n = 1
    while c + n < len(cells) and cells[c + n] is None:
        n += 1
    return n




# --------------------------------------------------------------------------- the six kinds

STAFF = ("案件报备：{{ staff.report }}\n答辩举证：{{ staff.defence }}\n出庭应诉：{{ staff.hearing }}\n"
         "调解和解：{{ staff.mediation }}\n履行判决：{{ staff.performance }}")
# the unit's full name (up to 13 characters) gets a whole row; the date its own
HEAD = [["#填报单位\n#（盖章）", "{{ sender }}", None, None], ["#填报日期", "{{ doc_date }}", None, None]]
# second instance and retrial: the first-instance number (who appealed is in the parties' labels:
# 上诉人（原审原告）…)
APPEAL_ROWS = [
    "{%tr if original_case_no %}",
    ["#原审案号", "{{ original_case_no }}", None, None],
    "{%tr endif %}",
]


def role_label(role: str) -> str:
    """A party's label cell: 上诉人 and, under it when there is one, （原审原告）."""
    return (f"#{{{{ parties.{role}_title }}}}\n{{%p if parties.{role}_note %}}\n#{{{{ parties.{role}_note }}}}\n"
            "{%p endif %}")


def case_report(b: Builder):
    b.title("行政应诉案件报备表")
    b.table([
        *HEAD,
        # a case number (12–13 em) does not fit a half-width column: whole rows
        ["#案号", "{{ case_no }}", None, None],
        ["#受理法院", "{{ court }}", None, None],
        ["#审级", "{{ level }}", "#案由", "{{ cause }}"],
        *APPEAL_ROWS,
        ["#被诉行政行为", "{{ act }}", None, None],
        [role_label("plaintiff"), "{{ plaintiffs_agents }}", None, None],
        [role_label("defendant"), "{{ defendant }}", None, None],
        ["#共同被告", "{{ co_defendants or '无' }}", "#第三人", "{{ third_parties or '无' }}"],
        "{%tr if compensation.claimed %}",
        ["#请求赔偿金额", "{{ compensation.claimed }}", None, None],
        "{%tr endif %}",
        ["#收到应诉\n#通知日期", "{{ received_on }}", "#败诉风险", "{{ risk }}"],
        ["#主要负责人\n#过问情况",
         "{% if leader_reviewed_on %}{{ agency.principal_title }}{{ agency.principal }}于{{ leader_reviewed_on }}"
         "亲自过问、研究案件{% else %}尚未过问{% endif %}", None, None],
        ["#专人", STAFF, None, None],
        ["#备注", "{{ remarks or '无' }}", None, None],
    ])
    b.note("注：收到应诉通知后3日内将本表报{{ justice_bureau }}备案。")


def hearing_heads(b: Builder):
    b.title("出庭应诉负责人报备表")
    b.table([
        *HEAD,
        # a case number (12–13 em) does not fit a half-width column: whole rows
        ["#案号", "{{ case_no }}", None, None],
        ["#受理法院", "{{ court }}", None, None],
        ["#案由", "{{ cause }}", "#开庭日期", "{{ hearing.date }}（第{{ hearing.no }}次开庭）"],
        [role_label("plaintiff"), "{{ plaintiffs_agents }}", None, None],
        [role_label("defendant"), "{{ defendant }}", None, None],
        ["#序号", "#出庭负责人姓名", "#职务", "#负责人类别"],
        "{%tr for head in hearing.heads %}",
        ["#{{ loop.index }}", "{{ head.name }}", "{{ head.title }}", "{{ head.role }}"],
        "{%tr endfor %}",
        "{%tr if not hearing.heads %}",
        ["#—", "无负责人出庭（理由见下栏）", None, None],
        "{%tr endif %}",
        ["#负责人不能\n#出庭的\n#正当理由", "{{ hearing.absence_reason or '无' }}", "#委托出庭\n#工作人员",
         "{{ hearing.delegate or '无' }}"],
        ["#出庭应诉专人", "{{ staff.hearing }}", None, None],
    ])
    b.note("注：开庭3日前将出庭负责人名单报{{ justice_bureau }}备案；负责人应当出庭、出声、出解。")


def defence_report(b: Builder):
    b.title("{{ heading }}")
    b.para("{{ justice_bureau }}：", "Addressee")
    # One page, as a letter should be: the filing in the first paragraph (who, when, how, by whom), the
    # parties and the act in the second — no section headings for two short paragraphs.
    b.para("{{ parties.case }}，{{ court }}已立案受理，案号为{{ case_no }}。"
           "我单位于{{ received_on }}收到{{ parties.papers }}，"
           "于{{ defence.filed_on }}{{ defence.by_mail }}向{{ court }}提交{{ parties.pleading }}及证据材料"
           "{% if staff.defence %}（答辩举证专人：{{ staff.defence }}）{% endif %}。"
           "现将{{ parties.pleading }}报送你局备案。")
    b.para("{{ parties.plaintiff }}：{{ plaintiffs }}；{{ parties.defendant }}：{{ defendant }}"
           "{% if co_defendants %}；共同被告：{{ co_defendants }}{% endif %}"
           "{% if third_parties %}；第三人：{{ third_parties }}{% endif %}。"
           "{% if original_case_no %}原审案号：{{ original_case_no }}。{% endif %}被诉行政行为：{{ act }}。")
    b.closing("请予备案。")
    b.para("附件：{{ case_no }}{{ parties.pleading }}", "Attachment")
    b.signature()


def mediation_plan(b: Builder):
    b.title("行政争议调解和解方案")
    b.para("{{ case_no }}", "Subtitle")
    b.heading("一、案件基本情况")
    b.para("{{ parties.filed }}，案由为{{ cause }}。我单位于{{ received_on }}收到{{ parties.papers }}。")
    # 争议焦点、原告诉求、研判、化解方案: numbered in the context, an empty one left out
    b.para("{%p for section in mediation.sections %}")
    b.heading("{{ section.heading }}")
    b.para("{{ section.text }}")
    b.para("{%p endfor %}")
    # 工作安排 is always last and outside the loop, so the signature can keep with its text
    b.heading("{{ mediation.work.heading }}")
    b.para("{{ mediation.work.text }}")
    b.signature()


def guarantee(b: Builder):
    b.title("一案一包保责任表")
    b.table([
        *HEAD,
        # a case number (12–13 em) does not fit a half-width column: whole rows
        ["#案号", "{{ case_no }}", None, None],
        ["#受理法院", "{{ court }}", None, None],
        [role_label("plaintiff"), "{{ plaintiffs }}", None, None],
        [role_label("defendant"), "{{ defendant }}", None, None],
        ["#案由", "{{ cause }}", "#败诉风险", "{{ risk }}"],
        ["#被诉行政行为", "{{ act }}", None, None],
        ["#包保责任单位", "{{ guarantee.unit }}", "#包保领导", "{{ guarantee.leader }}"],
        ["#包保责任人", "{{ guarantee.person }}", "#化解时限", "{{ guarantee.resolve_by }}"],
        ["#调解和解方案", "{{ mediation.plan or '尚未制定（开庭前制定）' }}", None, None],
        ["#化解情况", "{% if guarantee.resolved_on %}已于{{ guarantee.resolved_on }}化解{% else %}"
         "正在化解，化解时限为{{ guarantee.resolve_by }}{% endif %}", None, None],
    ])
    b.note("注：包保领导亲自协调、责任部门主动跟进，力争通过调解和解结案。")


def loss_analysis(b: Builder):
    b.title("{{ heading }}")
    b.para("{{ committee_office }}、{{ justice_bureau }}：", "Addressee")
    b.para("{{ parties.case }}，案号为{{ case_no }}，{{ judgment.decision }}。{{ compensation.sentence }}"
           "我单位于{{ judgment.received_on }}收到{{ judgment.form }}。现将败诉原因分析报告如下：")
    b.heading("一、存在问题")
    b.para("{{ loss_analysis.problems }}")
    b.heading("二、败诉原因")
    b.para("{{ loss_analysis.causes }}")
    b.para("{%p if judgment.causes_sentence %}")
    b.para("{{ judgment.causes_sentence }}")
    b.para("{%p endif %}")
    b.heading("三、改进措施")
    b.last_text("loss_analysis.measures")
    b.closing("特此报告。")
    b.para("附件：{{ case_no }}{{ judgment.form }}", "Attachment")
    b.signature()


KINDS = {
    "case-report": ("行政应诉案件报备表", case_report),
    "hearing-heads": ("出庭应诉负责人报备表", hearing_heads),
    "defence-report": ("答辩状报备函", defence_report),
    "mediation-plan": ("行政争议调解和解方案", mediation_plan),
    "guarantee": ("一案一包保责任表", guarantee),
    "loss-analysis": ("败诉案件分析报告", loss_analysis),
}


def write_template(kind: str, out_dir: Path) -> Path:
    name, compose = KINDS[kind]
    builder = Builder()
    compose(builder)
    return write_package(out_dir / f"{kind}.docx", name, builder)


def write_package(path: Path, name: str, builder) -> Path:
    """The lean package around a composed body: the same parts for every template."""
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", PACKAGE_RELS.encode()),
        ("docProps/core.xml", _core(name).encode()),
        ("docProps/app.xml", APP.encode()),
        ("word/document.xml", order_xml(builder.document_xml())),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.encode()),
        ("word/styles.xml", order_xml(STYLES.encode())),
        ("word/settings.xml", order_xml(SETTINGS.encode())),
        ("word/fontTable.xml", FONTS.encode()),
        ("word/footer1.xml", order_xml(_footer("right", 'w:right="280"').encode())),
        ("word/footer2.xml", order_xml(_footer("left", 'w:left="280"').encode())),
        ("word/theme/theme1.xml", THEME.encode()),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_entries(parts))
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else OUT
    for kind in KINDS:
        path = write_template(kind, out_dir)
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
