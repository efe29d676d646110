"""Support for the render/build tests: reading a generated document back as text."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn


def document_lines(data: bytes) -> list[str]:
    """Body paragraphs ("P| …") and table rows ("T| a | b"), in document order.

    Merged cells appear once per row; line breaks inside a paragraph read back as "\\n".
    """
    document = docx.Document(io.BytesIO(data))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("P| " + docx.text.paragraph.Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append("¶".join(p.text for p in cell.paragraphs))
                lines.append("T| " + " | ".join(cells))
    return lines

