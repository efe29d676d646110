"""Reading one YAML file into data plus the position of every value.

A problem is a value, not an exception: ``load_yaml_file`` always returns a
Document, whose ``findings`` say what is wrong (rule ``yaml``) so one bad file
never stops a batch. Loading is safe (no tags beyond YAML's own), rejects
duplicate keys, and flags YAML 1.1 surprises (``yes`` read as a boolean,
``0123`` as octal, ``1:30`` as sexagesimal) because the editor, which reads
YAML 1.2, and PyYAML would disagree about them.
"""

from __future__ import annotations

from datetime import datetime

import hashlib

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from yzdocs import slips
from yzdocs.findings import ERROR, Finding

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Bounds on hostile input. A real case file is a few KB with ~200 nodes.
MAX_FILE_BYTES = 1 << 20  # 1 MiB: larger files are refused before reading
MAX_DEPTH = 64  # nesting; libyaml's recursive composer crashes near 100,000
MAX_NODES = 100_000  # after alias expansion: stops "billion laughs"
MAX_NUMBER_CHARS = 100  # a plain number longer than this is refused (int() stops at 4,300 digits, slowly)

TOO_DEEP = f"文件嵌套层级超过 {MAX_DEPTH} 层，未读取。案件文件不需要这么深的结构。"

TAG = "tag:yaml.org,2002:"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_PLAIN_BOOL = {"true", "True", "TRUE", "false", "False", "FALSE"}

Path_ = tuple  # a data path: keys and list indices from the root


@dataclass
class Document:
    """One YAML file of the repository, read as far as it could be."""

    rel: str  # repository-relative POSIX path
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    marks: dict = field(default_factory=dict, repr=False)  # path -> (line, col) of the value
    key_marks: dict = field(default_factory=dict, repr=False)  # path -> (line, col) of the key
    flagged: set = field(default_factory=set, repr=False)  # paths already reported at load
    # A document read back from a cache has its data but not its lines: they are read again from this file
    # the first time a position is asked for, so a finding points at the same line, cache or no cache.
    source: Any = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the data is usable: no error findings."""
        return not any(f.severity == ERROR for f in self.findings)

    def position(self, path: Path_) -> tuple[int, int]:
        """(line, column) of the value at ``path``; else of its nearest present ancestor's key."""
        path = tuple(path)
        if self.source is not None:
            self._read_marks()
        if path in self.marks:
            return self.marks[path]
        while path:
            path = path[:-1]
            if path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
        return self.marks.get((), (1, 1))

    def _read_marks(self) -> None:
        source, self.source = self.source, None
        again = load_yaml_file(source, self.rel)
        self.marks, self.key_marks = again.marks, again.key_marks

    def add(self, rule: str, message: str, path: Path_ = (), *, severity: str = ERROR,
            at_key: bool = False, **extra) -> None:
        """Record a finding located at ``path`` (its key when ``at_key``)."""
        path = tuple(path)
        line, col = self.position(path)  # reads a cached document's lines first
        if at_key and path in self.key_marks:
            line, col = self.key_marks[path]
        self.findings.append(Finding(rule, severity, message, self.rel, line, col, **extra))


class _Abort(Exception):
    """Stops the walk over a hostile document; the finding is already recorded."""


def file_digest(path: Path) -> str:
    """SHA-256 of a repository file, read in blocks: a file of any size costs no more memory than 1 MiB."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def read_head(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes of a repository file (b"" when unreadable)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(limit)
    except OSError:
        return b""


def load_yaml_file(path: Path, rel: str) -> Document:
    doc = Document(rel)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.add("yaml", f"文件过大（{size:,} 字节，上限 {MAX_FILE_BYTES:,} 字节），未读取。案件文件通常只有几 KB，请检查是否误放了其他文件。")
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.add("yaml", f"无法读取文件：{exc.strerror or exc}")
        return doc
    text = _decode(raw, doc)
    if text is not None:
        load_yaml_text(text, doc)
    return doc


def _decode(raw: bytes, doc: Document) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/GB18030 编码（Windows 记事本、WPS 常见的“ANSI”编码）"
        except UnicodeDecodeError:
            guess = "编码无法识别"
        doc.findings.append(Finding(
            "yaml", ERROR, f"文件不是 UTF-8 编码，{guess}；第 {line} 行起无法读取。请用编辑器“另存为”UTF-8 编码后再提交。",
            doc.rel, line, 1))
        return None


def load_yaml_text(text: str, doc: Document) -> Document:
    """Parse ``text`` into ``doc`` (data, marks and findings)."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        doc.add("yaml", "文件是空的（没有任何内容）。请填写内容或删除该文件。")
        return doc
    loader = Loader(text)
    try:
        if _depth_bound(text) > MAX_DEPTH and _event_depth(text) > MAX_DEPTH:
            doc.add("yaml", TOO_DEEP)
            return doc
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # PyYAML >= 6.0.4 has a limit of its own
            doc.add("yaml", TOO_DEEP)
        else:
            _report_syntax(exc, doc, text)
        return doc
    except yaml.reader.ReaderError as exc:  # the C reader gives a UTF-8 byte offset, no mark
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        doc.findings.append(Finding(
            "yaml", ERROR, f"第 {line} 行有不可见的控制字符 U+{exc.character:04X}（多为从其他软件粘贴带入），"
            "YAML 不允许直接写入。请删除该字符。", doc.rel, line, col))
        return doc
    except yaml.YAMLError as exc:
        doc.add("yaml", f"YAML 格式错误：{exc}")
        return doc
    finally:
        loader.dispose()
    if node is None:
        doc.add("yaml", "文件是空的（没有任何内容）。请填写内容或删除该文件。")
        return doc
    walker = _Walker(doc, loader)
    try:
        data = walker.build(node, (), 0)
    except _Abort:
        return doc
    if not isinstance(data, dict):
        doc.add("yaml", "文件的顶层应是“字段: 值”形式的映射，而不是列表或单个值。")
        return doc
    doc.data = data
    return doc


def _depth_bound(text: str) -> int:
    """A cheap upper bound on nesting depth: flow brackets plus block indentation."""
    block = max((len(ln) - len(ln.lstrip(" -?")) for ln in text.splitlines()), default=0)
    return text.count("[") + text.count("{") + block + 2


def _event_depth(text: str) -> int:
    """Exact nesting depth from libyaml's (non-recursive) event stream, counted up to MAX_DEPTH + 1.

    Stopping there matters: libyaml re-examines every open flow level for each
    token, so reading all of 200,000 nested ``[`` would take minutes.
    """
    depth = deepest = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


_SYNTAX_HINTS = [
    ("expected a single document", "文件中有多个 YAML 文档（出现了 --- 分隔线）。每个文件只能写一个案件，请删除多余的 ---。"),
    ("mapping values are not allowed", "此处不能出现“冒号+空格”。值中含有“: ”时请给整个值加引号。"),
    ("cannot start any token", "此处有 YAML 不允许的字符（常见原因：用 Tab 缩进，或值以 @、` 开头）。请用空格缩进，或给值加引号。"),
    ("could not find expected ':'", "缺少“: ”（字段名后应有冒号和空格），或上一行的引号没有闭合。"),
    ("found undefined alias", "引用了未定义的锚点（*名称）。"),
    ("did not find expected key", "缩进不一致：同一层级的字段应左对齐。"),
    ("did not find expected '-' indicator", "列表项缩进不一致：同一列表的“- ”应左对齐。"),
    ("found unexpected end of stream", "文件意外结束（常见原因：引号或括号没有闭合）。"),
    ("special characters are not allowed", "文件中有不可见的控制字符（多为从其他软件粘贴带入），请删除该字符。"),
    ("found duplicate anchor", "同一个锚点（&名称）定义了两次。"),
]


_UNKNOWN_SYNTAX = ("YAML 格式错误：此处的写法 YAML 无法读取。请对照相邻的字段检查缩进、冒号后的空格和引号，"
                   "或运行 yzdocs new 生成的模板对照填写。")


def _report_syntax(exc: yaml.MarkedYAMLError, doc: Document, text: str) -> None:
    mark = exc.problem_mark or exc.context_mark
    found = slips.line_slips(text, mark.line + 1 if mark else 0)
    if found:  # the parser's complaint is a consequence of these
        doc.findings += [Finding("yaml", ERROR, message, doc.rel, line, col) for line, col, message in found]
        return
    problem = f"{exc.context or ''} {exc.problem or ''}".strip()
    hint = next((h for key, h in _SYNTAX_HINTS if key in problem), _UNKNOWN_SYNTAX)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    doc.findings.append(Finding("yaml", ERROR, hint, doc.rel, line, col))


class _Walker:
    """Builds Python data from the composed node tree, recording positions."""

    def __init__(self, doc: Document, loader):
        self.doc = doc
        self.loader = loader
        self.nodes = 0

    def build(self, node, path, depth):
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            self.doc.add("yaml", f"文件结构过于庞大（超过 {MAX_NODES:,} 个值或 {MAX_DEPTH} 层嵌套，可能是“别名炸弹”），未读取。")
            raise _Abort
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            self.check_tag(node, "seq", path)
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        self.check_tag(node, "map", path)
        return self.mapping(node, path, depth)

    def mapping(self, node: MappingNode, path, depth):
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result, seen = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.doc.findings.append(self._at(key_node, "字段名必须是简单文本，不能是列表或映射。"))
                continue
            key = self.scalar(key_node, path, is_key=True)
            child = path + (key,)
            if isinstance(key, str) and (slip := slips.key_slip(key)):
                self.doc.findings.append(self._at(key_node, slip))
                self.doc.flagged.add(path)
            self.doc.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                first = seen[key]
                self.doc.add("yaml", f"重复的字段“{key}”：第 {first} 行和第 {key_node.start_mark.line + 1} 行都写了它。"
                             "YAML 只会保留后一个，前一个会被悄悄丢弃。请删除或合并其中一个。", child, at_key=True)
            seen[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def check_tag(self, node, kind, path):
        if node.tag != TAG + kind:
            self.doc.findings.append(self._at(node, f"不支持的 YAML 标签 {node.tag}。出于安全考虑，yzdocs 只读取普通的文本、数字、日期、列表和映射。"))
            self.doc.flagged.add(path)

    def scalar(self, node: ScalarNode, path, is_key=False):
        tag, text = node.tag, node.value
        if node.style or tag == TAG + "str":  # quoted or block (plain style is None or ""): text
            if tag != TAG + "str":
                self.check_tag(node, "str", path)
            elif not is_key and (slip := slips.date_slip(text)):
                self.doc.findings.append(self._at(node, slip))
                self.doc.flagged.add(path)
            return text
        if tag == TAG + "null":
            return None
        if tag in (TAG + "int", TAG + "float") and len(text) > MAX_NUMBER_CHARS:
            # Python refuses int() of > 4,300 digits; no field needs more than a few
            self.doc.findings.append(self._at(node, f"数字“{text[:20]}…”有 {len(text):,} 位，超出可处理的范围，未读取。"
                                                    "如果这是文字（如编号），请加引号。"))
            self.doc.flagged.add(path)
            return text
        if tag == TAG + "bool" and text not in _PLAIN_BOOL:
            return self.surprise(node, path, "布尔值（是/否）", text in ("yes", "Yes", "YES", "on", "On", "ON"))
        if tag == TAG + "int" and not _PLAIN_INT.fullmatch(text):
            return self.surprise(node, path, "数字", self.loader.construct_yaml_int(node))
        if tag == TAG + "float" and not _PLAIN_FLOAT.fullmatch(text):
            return self.surprise(node, path, "数字", self.loader.construct_yaml_float(node))
        if tag == TAG + "timestamp":
            try:
                value = self.loader.construct_yaml_timestamp(node)
                if isinstance(value, datetime):  # every field is a day; a time would not compare with dates
                    self.doc.findings.append(self._at(node, f"“{text}”带有时间。日期只写年月日：{value.date().isoformat()}。"))
                    self.doc.flagged.add(path)
                    return text
                return value
            except ValueError:
                self.doc.findings.append(self._at(node, f"日期“{text}”不存在（请核对年、月、日）。"))
                self.doc.flagged.add(path)
                return text
        if tag in (TAG + "bool", TAG + "int", TAG + "float"):
            return self.loader.construct_object(node)
        self.check_tag(node, "str", path)
        return text

    def surprise(self, node, path, what, value):
        self.doc.findings.append(self._at(
            node, f"“{node.value}”被 YAML 读成了{what} {value!r}，而不是文字“{node.value}”。"
            f"如要写文字，请加引号：'{node.value}'；布尔值请写 true 或 false。"))
        self.doc.flagged.add(path)
        return node.value

    def _at(self, node, message):
        m = node.start_mark
        return Finding("yaml", ERROR, message, self.doc.rel, m.line + 1, m.column + 1)
