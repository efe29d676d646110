"""What a template package may not contain: anything that reaches outside the document.

A template override is a .docx written by someone else. Word and LibreOffice
follow a linked image (``TargetMode="External"``) to a file or a web address,
update ``INCLUDETEXT``/``INCLUDEPICTURE``/``LINK``/``DDE`` fields, load an
attached template and may run macros or OLE objects. None of that belongs in
an official document, so a template holding any of it is refused, naming what
and where (``yzdocs templates check`` and ``build`` alike). Member sizes are
checked from the zip directory before anything is read.
"""

from __future__ import annotations

import re
import zipfile

from yzdocs.errors import RenderError

MAX_MEMBER = 32 << 20  # one part of a template, uncompressed
MAX_TOTAL = 64 << 20  # the whole template, uncompressed
MAX_MEMBERS = 2_000

_EXTERNAL = re.compile(rb'<Relationship\b[^>]*TargetMode\s*=\s*["\']External["\'][^>]*>', re.I)
_TARGET = re.compile(rb'Target\s*=\s*["\']([^"\']*)["\']', re.I)
_FIELD = re.compile(r"\b(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDEAUTO|DDE|IMPORT)\b", re.I)
_INSTR = re.compile(rb'<w:instrText\b[^>]*>([^<]*)</w:instrText>|w:instr\s*=\s*"([^"]*)"')
_OLE = re.compile(rb"<(o:OLEObject|w:object|w:control|w:objectEmbed|w:objectLink)\b")


def check_sizes(zf: zipfile.ZipFile, label: str) -> None:
    """Refuse a package whose declared sizes are out of bounds (before reading any member)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise RenderError(f"模板 {label} 含有 {len(infos):,} 个部件，超出上限 {MAX_MEMBERS:,}，已拒绝。")
    odd = [i for i in infos if i.flag_bits & 0x1 or i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
    if odd:  # Word writes stored or deflated members, never encrypted ones
        raise RenderError(f"模板 {label} 的部件 {odd[0].filename} 经过加密或使用了 Word 不用的压缩方式，已拒绝。")
    big = [i for i in infos if i.file_size > MAX_MEMBER]
    if big or sum(i.file_size for i in infos) > MAX_TOTAL:
        what = f"部件 {big[0].filename} 解压后 {big[0].file_size:,} 字节" if big else "解压后总大小"
        raise RenderError(f"模板 {label} 过大（{what}，上限每个部件 {MAX_MEMBER >> 20} MB、"
                          f"合计 {MAX_TOTAL >> 20} MB），已拒绝。")


def active_content(entries: list[tuple[str, bytes]]) -> list[str]:
    """What in the package reaches outside the document, each in Chinese with its place."""
    found = []
    for name, blob in entries:
        lower = name.lower()
        if "vbaproject" in lower:
            found.append(f"{name}：宏（VBA）")
        elif lower.startswith(("word/embeddings/", "word/activex/")):
            found.append(f"{name}：嵌入的 OLE 对象或控件")
        if lower.endswith(".rels"):
            for rel in _EXTERNAL.findall(blob):
                target = _TARGET.search(rel)
                found.append(f"{name}：外部链接 {target.group(1).decode('utf-8', 'replace') if target else ''}")
        if lower.endswith(".xml"):
            if lower == "word/settings.xml" and b"attachedTemplate" in blob:
                found.append(f"{name}：附加模板（attachedTemplate）")
            for m in _INSTR.finditer(blob):
                instr = (m.group(1) or m.group(2) or b"").decode("utf-8", "replace")
                field = _FIELD.search(instr)
                if field:
                    found.append(f"{name}：{field.group(1).upper()} 域（{instr.strip()[:60]}）")
            if _OLE.search(blob):
                found.append(f"{name}：OLE 对象或控件")
        if lower == "[content_types].xml" and b"macroEnabled" in blob:
            found.append(f"{name}：启用宏的文档类型")
    return found


def refuse_active_content(entries: list[tuple[str, bytes]], label: str) -> None:
    found = active_content(entries)
    if found:
        raise RenderError(f"模板 {label} 含有会读取外部文件、访问网络或运行代码的内容，已拒绝："
                          + "；".join(found[:5]) + ("……" if len(found) > 5 else "")
                          + "。请删除这些内容（图片请“嵌入”而不是“链接”），或改用 yzdocs templates export 导出的模板。")
