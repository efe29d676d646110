"""Plain-text tables that line up in a terminal: a Chinese character takes two columns."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Display width: wide and full-width characters count two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def table(header: list[str], rows: list[list[str]], right: set[int] = frozenset(), gap: int = 2) -> list[str]:
    """Lines of ``rows`` under ``header``, each column as wide as its widest cell; ``right``: the columns
    (figures) aligned right."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(header))]
    return [(" " * gap).join(pad(c, widths[i], i in right) for i, c in enumerate(row)).rstrip() for row in cells]
