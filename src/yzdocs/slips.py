"""Input-method slips: full-width punctuation, spaces and digits typed where YAML needs ASCII.

A Chinese input method left on produces ``risk：medium`` (full-width colon),
indentation with ideographic spaces (U+3000), ``－ name:`` list items and
``２０２３－０５－０８`` dates. The YAML parser then reports something
misleading, often on the next line; these helpers name the character, the
line and the fix instead.
"""

from __future__ import annotations

import re
import unicodedata

WIDE_INDENT = "行首用全角空格（U+3000，中文输入法的空格）缩进，YAML 只认半角空格。请删除后用半角空格缩进。"
_KEY_COLON = re.compile(r"^([ ]*(?:- )?)([A-Za-z_][A-Za-z0-9_]*)[ \u3000]*：")
_NO_SPACE = re.compile(r"^([ ]*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/:])")
_WIDE_INDENT = re.compile(r"^[ ]*\u3000")
_WIDE_DASH = re.compile(r"^([ ]*)[－—–][ \u3000]")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "−": "-"})


def line_slips(text: str, upto_line: int) -> list[tuple[int, int, str]]:
    """(line, column, message) for each slip on lines 1..``upto_line`` (where the parser stopped)."""
    found = []
    for number, line in enumerate(text.splitlines()[:upto_line], 1):
        if m := _KEY_COLON.match(line):
            key = m.group(2)
            found.append((number, m.end(), f"字段名“{key}”后用了全角冒号“：”（中文输入法），YAML 需要半角冒号加空格。"
                                          f"请改为“{key}: ”。"))
        elif m := _NO_SPACE.match(line):
            fixed = f"{line[:m.end()]} {line[m.end():]}".strip()
            found.append((number, m.end(), f"字段名“{m.group(2)}”的冒号后缺少空格，YAML 把整行读成了一段文字。"
                                          f"请改为“{fixed}”。"))
        elif _WIDE_INDENT.match(line):
            found.append((number, line.index("\u3000") + 1, WIDE_INDENT))
        elif m := _WIDE_DASH.match(line):
            found.append((number, len(m.group(1)) + 1, f"列表项用了全角的“{line.strip()[0]}”，YAML 需要半角“- ”。请改为“- ”。"))
    return found


def key_slip(key: str) -> str | None:
    """A mapping key that starts with a full-width space or dash: indentation or a list item was meant."""
    if key.startswith("\u3000"):
        return WIDE_INDENT
    if key[:1] in "－—–" and len(key) > 1:
        return f"“{key}”开头用了全角的“{key[0]}”，YAML 把它读成了字段名；列表项需要半角“- ”。请改为“- {key[1:].strip()}”。"
    return None


def half_width(text: str) -> str:
    """``text`` with full-width digits, letters and dashes made ASCII (２０２３－０５－０８ → 2023-05-08)."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def date_slip(text: str) -> str | None:
    """The message for a date typed with full-width digits or hyphens, else None."""
    if text.isascii():
        return None
    fixed = half_width(text)
    if not _DATE.fullmatch(fixed):
        return None
    return f"日期“{text}”中有全角数字或全角连字符（中文输入法），请改为半角：{fixed}"
