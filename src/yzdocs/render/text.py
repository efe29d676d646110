"""Normalising user text before it goes into a document, reporting what changed.

Staff paste text from Word, WPS and web pages. XML 1.0 cannot hold most C0
control characters, U+FFFE/U+FFFF or lone surrogates: they are removed and
each removal is reported (never silently). Line structure is kept: ``\\r\\n``,
``\\r`` and ``\\x0b`` (Word's manual line break) become line breaks, a blank
line starts a new paragraph; tabs stay tabs.

The result uses the conventions of docxtpl's ``resolve_listing`` (applied to
the rendered XML): ``\\n`` → ``<w:br/>``, ``\\a`` → a new paragraph with the
same paragraph and run properties, ``\\t`` → ``<w:tab/>``. ``\\a`` itself is
an illegal character in user text, so it can only come from here.
"""

from __future__ import annotations

import re
from typing import Any

# Characters XML 1.0 forbids (tab, LF and CR are allowed but handled above).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")
_SPECIAL = re.compile("[\x00-\x08\x0a-\x1f\ufffe\uffff\ud800-\udfff]")  # anything to do at all
PARAGRAPH = "\a"
_NAMES = {"\x0c": "换页符", "\x00": "空字符", "\x1b": "ESC", "\ufffe": "非字符", "\uffff": "非字符"}


def normalise(text: str, where: str, warnings: list[str]) -> str:
    """``text`` ready for a document; a removal appends a Chinese warning naming ``where``."""
    if not _SPECIAL.search(text):  # the common case: plain text
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    removed = _ILLEGAL.findall(text)
    if removed:
        text = _ILLEGAL.sub("", text)
        counts: dict[str, int] = {}
        for ch in removed:
            counts[ch] = counts.get(ch, 0) + 1
        listed = "、".join(
            f"U+{ord(ch):04X}{'（' + _NAMES[ch] + '）' if ch in _NAMES else ''}×{n}"
            for ch, n in sorted(counts.items())
        )
        warnings.append(f"{where}：删除了 XML 不允许的字符 {listed}")
    if "\n" in text:
        text = text.strip("\n")
        text = _BLANK_LINES.sub(PARAGRAPH, text)
    return text


def normalise_context(value: Any, warnings: list[str], where: str = "") -> Any:
    """A copy of ``value`` with every string (and dict key) normalised."""
    if isinstance(value, str):
        return normalise(value, where or "（根）", warnings)
    if isinstance(value, dict):
        return {
            (normalise(k, where, warnings) if isinstance(k, str) else k):
                normalise_context(v, warnings, f"{where}.{k}" if where else str(k))
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [normalise_context(v, warnings, f"{where}[{i}]") for i, v in enumerate(value)]
    return value
