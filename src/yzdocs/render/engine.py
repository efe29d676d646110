"""Rendering a .docx template with a context: safe, lossless, fast, reproducible.

docxtpl's own ``DocxTemplate.render`` reloads the package with python-docx and
makes Jinja recompile the whole document XML for every document — about 90 %
of its cost. Here a template is prepared once per file content (cached by
path and SHA-256): the XML parts holding tags are run through docxtpl's
``patch_xml`` (its public tag pre-processor: ``{%p``, ``{%tr``, ``{%tc`` …)
and compiled by a sandboxed Jinja environment. Rendering then only evaluates
the compiled templates, resolves line breaks/paragraphs/tabs with docxtpl's
``resolve_listing`` and writes a fresh zip of the package.

Safety: templates are files staff edit, so Jinja runs sandboxed; autoescape
escapes ``& < > " '`` in every value, so user text containing ``<w:t>``,
``]]>`` or ``{{ x }}`` comes out literally; ``StrictUndefined`` turns a
misspelt variable into a RenderError naming template, place and variable;
every rendered part is parsed strictly, so an invalid document is never
written.

Reproducibility: zip entries keep the template's order and get a fixed
timestamp; ``docProps/core.xml`` is rewritten with author ``yzdocs`` and the
given timestamp, so equal inputs give equal bytes.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import threading
import traceback
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from lxml import etree

from yzdocs.errors import RenderError
from yzdocs.output.package import zip_entries
from yzdocs.render.active import check_sizes, refuse_active_content
from yzdocs.render.format import FILTERS
from yzdocs.render.sandbox import BoundedEnvironment, BoundExceeded, bounded_concat
from yzdocs.render.text import normalise_context

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Parts that may hold tags: the body, headers, footers, foot- and endnotes.
_TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_PARA_START = re.compile(r"<w:p([ >])")
_PARA_MARK = re.compile(r"\n<w:p([ >])")
_PARA_NUMBER = re.compile(r'<w:p yzp="(\d+)"')
_PARA_NUMBER_ATTR = re.compile(r' yzp="\d+"')
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# patch_xml and resolve_listing are pure string transforms; one instance serves all.
_DOCXTPL = DocxTemplate(None)


def make_environment() -> BoundedEnvironment:
    env = BoundedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.add_filters(FILTERS)
    return env


@dataclass
class Part:
    name: str
    template: Any  # jinja2.Template
    locations: list[str]  # where line n of the source is in the document (index n-1)
    fix_tables: bool
    template_source: str  # the Jinja source after docxtpl's tag pre-processing


class CompiledTemplate:
    """One template file, parsed and compiled once; renders many documents."""

    def __init__(self, label: str, data: bytes, env: BoundedEnvironment):
        self.label = label
        self.env = env
        self.sha256 = hashlib.sha256(data).hexdigest()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                check_sizes(zf, label)  # from the zip directory, before reading
                self.entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
        except (zipfile.BadZipFile, zlib.error, OSError) as exc:  # compression and encryption checked above
            raise RenderError(f"模板 {label} 不是有效的 .docx 文件（{exc}）") from exc
        refuse_active_content(self.entries, label)
        names = [name for name, _ in self.entries]
        if "word/document.xml" not in names:
            raise RenderError(f"模板 {label} 缺少 word/document.xml，不是 Word 文档")
        self.parts: dict[str, Part] = {}
        for name, blob in self.entries:
            if _TEMPLATED.fullmatch(name) and (b"{" in blob):
                self.parts[name] = self._compile(name, blob, env)

    def _compile(self, name: str, blob: bytes, env) -> Part:
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError as exc:
            raise RenderError(f"模板 {self.label} 的 {name} 不是有效的 XML（{exc}）") from exc
        xml = etree.tostring(root, encoding="unicode")
        # Each paragraph starts a source line and carries its number through
        # patch_xml (which may drop whole paragraphs or rows), so a Jinja line
        # number can be mapped back to a paragraph or table cell.
        counter = itertools.count(1)
        xml = _PARA_START.sub(lambda m: f'\n<w:p yzp="{next(counter)}"{m.group(1)}', xml)
        source = _DOCXTPL.patch_xml(xml)
        paragraphs = describe_paragraphs(root, name)
        locations, where = [], "文档开头"
        for line in source.split("\n"):
            m = _PARA_NUMBER.match(line)
            if m:
                where = paragraphs[int(m.group(1)) - 1]
            locations.append(where)
        source = _PARA_NUMBER_ATTR.sub("", source)
        try:
            tree = env.parse(source, name=f"{self.label}:{name}", filename=f"{self.label}:{name}")
            loads = next(tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)), None)
            if loads is not None:
                raise RenderError(f"模板 {self.label}{_location(locations, loads.lineno)}使用了 include、import 或 extends："
                                  "模板不能引用其他文件，请把需要的内容直接写在模板中。")
            code = env.compile(tree, name=f"{self.label}:{name}", filename=f"{self.label}:{name}")
        except TemplateSyntaxError as exc:
            where = _location(locations, exc.lineno)
            raise RenderError(
                f"模板 {self.label}{where}有语法错误：{exc.message}。"
                f"请检查该处的 {{{{ }}}} 和 {{% %}} 标记是否成对、拼写是否正确。"
            ) from exc
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        return Part(name, template, locations, "{%tc" in xml or "{%- tc" in xml, source)

    def render(self, context: dict, *, title: str = "", timestamp: datetime | None = None
               ) -> tuple[bytes, list[str]]:
        """The document's bytes and the warnings about changed text."""
        warnings: list[str] = []
        ctx = normalise_context(context, warnings)
        rendered: dict[str, bytes] = {}
        budget = self.env.start()  # time and work bounds for this document
        for name, part in self.parts.items():
            rendered[name] = self._render_part(part, ctx, budget)
        rendered.update(_core_properties(self.entries, title, timestamp))
        return self._zip(rendered), warnings

    def _render_part(self, part: Part, ctx: dict, budget) -> bytes:
        try:
            xml = bounded_concat(part.template.generate(ctx), budget)
        except (MemoryError, RecursionError) as exc:
            raise RenderError(f"模板 {self.label} 超出资源限制（{'内存' if isinstance(exc, MemoryError) else '嵌套层级'}），"
                              "已停止生成。请检查模板中的循环和运算。") from None
        except BoundExceeded as exc:
            where = _location(part.locations, _template_line(exc, part.template))
            raise RenderError(f"模板 {self.label}{where}超出资源限制，已停止生成：{exc}。"
                              "公文模板不需要这么大的计算量，请检查模板中的循环和运算。") from exc
        except UndefinedError as exc:
            where = _location(part.locations, _template_line(exc, part.template))
            raise RenderError(
                f"模板 {self.label}{where}引用了不存在的变量：{exc.message}。"
                f"请改用 yzdocs templates check 列出的变量名。"
            ) from exc
        except TemplateError as exc:
            where = _location(part.locations, _template_line(exc, part.template))
            raise RenderError(f"模板 {self.label}{where}无法生成：{exc}") from exc
        xml = _PARA_MARK.sub(r"<w:p\1", xml)
        if "\n" in xml or "\t" in xml or "\a" in xml:
            xml = _DOCXTPL.resolve_listing(xml)
        try:
            etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise RenderError(
                f"模板 {self.label} 的 {part.name} 生成的 XML 无效（{exc}）；"
                f"请检查模板中的循环和条件标记是否跨越了段落或表格的边界。"
            ) from exc
        if part.fix_tables:  # a column loop: widen/narrow the table grid to match
            return XML_DECLARATION.encode() + etree.tostring(_DOCXTPL.fix_tables(xml), encoding="UTF-8")
        return (XML_DECLARATION + xml).encode("utf-8")

    def _zip(self, replaced: dict[str, bytes]) -> bytes:
        return zip_entries((name, replaced.get(name, blob)) for name, blob in self.entries)


def describe_paragraphs(root, part_name: str) -> list[str]:
    """A Chinese description of where each w:p of a part is, in document order."""
    kind = {"word/document.xml": "正文"}.get(part_name, "页眉页脚" if "header" in part_name or "footer" in part_name
                                             else "脚注尾注")
    out = []
    tables = {tbl: i for i, tbl in enumerate(root.iter(f"{_W}tbl"), 1)}
    body_n = 0
    for p in root.iter(f"{_W}p"):
        cell = next((a for a in p.iterancestors(f"{_W}tc")), None)
        if cell is None:
            body_n += 1
            out.append(f"{kind}第 {body_n} 段")
            continue
        row = cell.getparent()
        tbl = row.getparent()
        r = list(tbl.iterchildren(f"{_W}tr")).index(row) + 1
        c = list(row.iterchildren(f"{_W}tc")).index(cell) + 1
        out.append(f"{kind}表格 {tables.get(tbl, '?')} 第 {r} 行第 {c} 列")
    return out


def _location(locations: list[str], lineno: int | None) -> str:
    if not lineno or lineno < 1:
        return ""
    return f"（{locations[min(lineno, len(locations)) - 1]}）"


def _template_line(exc: BaseException, template) -> int | None:
    """The line of the template where ``exc`` happened (Jinja rewrites tracebacks to it)."""
    filename = template.filename
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def _core_properties(entries, title: str, timestamp: datetime | None) -> dict[str, bytes]:
    if not any(name == "docProps/core.xml" for name, _ in entries):
        return {}
    stamp = (timestamp or datetime(1980, 1, 1, tzinfo=timezone.utc)).astimezone(timezone.utc)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = (
        XML_DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>yzdocs</dc:creator>"
        "<cp:lastModifiedBy>yzdocs</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{iso}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    return {"docProps/core.xml": xml.encode("utf-8")}


# ----------------------------------------------------------------------------- cache

_cache: dict[tuple[str, str], CompiledTemplate] = {}
_stat: dict[str, tuple[int, int, str]] = {}  # path -> (mtime_ns, size, sha256)
_lock = threading.Lock()
_env: BoundedEnvironment | None = None


def load_template(path: Path, label: str | None = None) -> CompiledTemplate:
    """The compiled template at ``path``, compiled once per content (keyed by SHA-256)."""
    global _env
    path = Path(path)
    key_path = str(path.resolve())
    try:
        st = path.stat()
        known = _stat.get(key_path)
        if known and known[:2] == (st.st_mtime_ns, st.st_size) and (key_path, known[2]) in _cache:
            return _cache[(key_path, known[2])]
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"无法读取模板 {path}：{exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    with _lock:
        compiled = _cache.get((key_path, digest))
        if compiled is None:
            if _env is None:
                _env = make_environment()
            compiled = CompiledTemplate(label or f"{path.parent.name}/{path.name}", data, _env)
            # Keep only the newest content of each path.
            for key in [k for k in _cache if k[0] == key_path]:
                del _cache[key]
            _cache[(key_path, digest)] = compiled
        _stat[key_path] = (st.st_mtime_ns, st.st_size, digest)
    return compiled


def render_file(template_path: Path, context: dict, *, title: str = "",
                timestamp: datetime | None = None, label: str | None = None) -> tuple[bytes, list[str]]:
    """Render the template at ``template_path``: (docx bytes, warnings)."""
    return load_template(template_path, label).render(context, title=title, timestamp=timestamp)
