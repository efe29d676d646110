"""Adding hearing dates to a case file staff wrote, changing nothing else.

ruamel.yaml's round-trip mode keeps comments, key order and quoting; the
result is then compared line by line with the original, and an edit that
would alter or drop any existing line (an unusual indentation ruamel cannot
reproduce, say) is refused rather than written. The edited text must also
pass the loader and the case schema before it replaces the file.
"""

from __future__ import annotations

import difflib
import io
from datetime import date
from pathlib import Path

from yzdocs import schema
from yzdocs.errors import YzdocsError
from yzdocs.findings import ERROR
from yzdocs.loading import Document, load_yaml_text
from yzdocs.output.atomic import write_atomic


def add_hearings(path: Path, dates: list[date], agency_ids: set | None = None) -> bool:
    """Append a ``- date:`` item per missing date; False when every date is already there."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0:].decode("utf-8")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    try:
        _, indent, offset = load_yaml_guess_indent(text)
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 16  # never fold a long line staff wrote
        yaml.indent(mapping=2, sequence=indent or 4, offset=offset if indent else 2)
        data = yaml.load(text)
    except YAMLError as exc:
        raise YzdocsError(f"{path.name} 无法解析（{exc}），未修改。") from None
    items = data.get("hearings")
    have = {h.get("date") for h in items or () if isinstance(h, dict)}
    new = [CommentedMap([("date", d)]) for d in sorted(dates) if d not in have]
    if not new:
        return False
    if items is not None:
        items.extend(new)
    elif "hearings" in data:
        data["hearings"] = CommentedSeq(new)
    else:
        data.insert(_position(list(data)), "hearings", CommentedSeq(new))
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    changed = [ln for ln in difflib.ndiff(text.splitlines(), result.splitlines()) if ln[:2] == "- "]
    if changed:
        raise YzdocsError(f"{path.name} 的格式无法在不改动原有内容的情况下自动添加开庭日期"
                          f"（{'、'.join(d.isoformat() for d in dates)}），未修改。请手工添加。")
    doc = load_yaml_text(result, Document(path.name))
    if doc.ok:
        schema.validate(doc, "case", agency_ids)
    errors = [f.message for f in doc.findings if f.severity == ERROR]
    if errors:
        raise YzdocsError(f"添加开庭日期后 {path.name} 未通过校验（{'；'.join(errors)}），未修改。")
    if crlf:
        result = result.replace("\n", "\r\n")
    write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + result.encode("utf-8"))
    return True


def _position(keys: list) -> int:
    """Where `hearings` goes among the present keys: after those the schema puts before it."""
    order = list(schema.load_schema("case")["fields"])
    before = set(order[:order.index("hearings")])
    present = [i for i, k in enumerate(keys) if k in before]
    return present[-1] + 1 if present else len(keys)
