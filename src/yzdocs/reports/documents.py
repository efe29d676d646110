"""Rendering a report template through the shared engine, with chart images.

The engine (render/engine.py) renders sandboxed with StrictUndefined and
writes the template's own parts only. Charts use docxtpl's ``InlineImage``:
its ``tpl.current_rendering_part`` is the small ``_ImageCollector`` below,
which hands out the drawing XML (python-docx's ``CT_Inline``) and keeps the
PNG; the images, their relationships and the png content type are then added
to the package with fixed zip timestamps, so the bytes stay reproducible.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

from yzdocs.render.engine import render_file
from yzdocs.render.isolation import call_isolated
from yzdocs.render.titles import break_title
from yzdocs.render.templates import template_for
from yzdocs.output.package import rezip

IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CHART_WIDTH_MM = 150


class _ImageCollector:
    """Stands in for python-docx's story part while the engine renders."""

    def __init__(self):
        self.images: list[tuple[str, str, bytes]] = []  # (rId, part name, png)

    @property
    def current_rendering_part(self):
        return self

    def new_pic_inline(self, image_descriptor, width, height):
        from docx.image.image import Image
        from docx.oxml.shape import CT_Inline

        blob = image_descriptor.getvalue() if hasattr(image_descriptor, "getvalue") else Path(image_descriptor).read_bytes()
        image = Image.from_blob(blob)
        cx, cy = image.scaled_dimensions(width, height)
        n = len(self.images) + 1
        rid, name = f"rIdChart{n}", f"chart{n}.png"
        self.images.append((rid, f"word/media/{name}", blob))
        return CT_Inline.new_pic_inline(1000 + n, rid, name, cx, cy)


def render_report(kind: str, root: Path, context: dict, *, title: str, doc_date: date,
                  charts: dict[str, bytes] | None = None, agencies: dict | None = None) -> tuple[bytes, list[str]]:
    """The report document's bytes and the engine's warnings about changed text.

    The ``agencies``' names are kept whole when the title is broken into lines."""
    from docx.shared import Emu, Mm
    from docxtpl import InlineImage

    collector = _ImageCollector()
    context = dict(context)
    names = [a.get("name") or "" for a in (agencies or {}).values()]
    context.setdefault("heading", break_title(str(context.get("title", "")), keep=names))
    for name, png in (charts or {}).items():
        # Emu: python-docx's Length subclasses pickle by value, and Mm(value) would scale it again
        # on the way to a worker; Emu(value) is the value.
        context[name] = InlineImage(collector, io.BytesIO(png), width=Emu(Mm(CHART_WIDTH_MM)))
    template = template_for(kind, root)
    stamp = datetime(doc_date.year, doc_date.month, doc_date.day, tzinfo=timezone.utc)
    label = f"{template.origin}模板 {kind}.docx"
    if template.override:  # a template from the repository: in a worker with a memory bound
        data, warnings, images = call_isolated(label, _render, template.path, context, title, stamp, label, collector)
    else:
        data, warnings, images = _render(template.path, context, title, stamp, label, collector)
    if images:
        data = _add_images(data, images)
    return data, warnings


def _render(path, context, title, stamp, label, collector):
    """The document, the engine's warnings and the chart images the template placed. The collector is
    passed beside the context (whose images refer to it) so that a worker's copy is the one returned."""
    data, warnings = render_file(path, context, title=title, timestamp=stamp, label=label)
    return data, warnings, collector.images


def _add_images(data: bytes, images) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
        types = zf.read("[Content_Types].xml").decode("utf-8")
    extra = "".join(f'<Relationship Id="{rid}" Type="{IMAGE_REL}" Target="{part[5:]}"/>' for rid, part, _ in images)
    rels = rels.replace("</Relationships>", extra + "</Relationships>")
    if not re.search(r'Extension="png"', types, re.I):
        types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    return rezip(data, {"word/_rels/document.xml.rels": rels.encode("utf-8"),
                        "[Content_Types].xml": types.encode("utf-8")},
                 add=[(part, png) for _, part, png in images])


def cn_numeral(n: int) -> str:
    """1 → 一 … 99 → 九十九 (for （一） headings)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else digits[tens] + "十") + (digits[ones] if ones else "")
