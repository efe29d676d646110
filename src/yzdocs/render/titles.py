"""Breaking a long title into lines the way GB/T 9704 §7.3.3 asks: at word boundaries, balanced.

A title (2号小标宋, 22 pt) longer than a line of the 156 mm text block is
broken "词意完整，排列对称，长短适宜" — never inside a word, the lines of
similar length (a trapezoid or diamond). Words come from jieba, the standard
Chinese segmenter, with a small vocabulary of this domain (报备, 答辩状 …);
case numbers, dates and the names passed in ``keep`` (agency names) are never
broken. The breaks are returned as ``\\n``, which the renderer turns into
line breaks.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from functools import lru_cache
from pathlib import Path

from yzdocs.usercache import cache_dir

LINE_EM = 19.5  # a 22 pt line holds 20.3 em in 156 mm; a little kept in hand for font metrics
_ATOMIC = re.compile(r"[（(]\d{4}[）)][^（）()\s]{1,12}?\d+号"  # case numbers
                     r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|上半年|下半年|度)?"  # dates and periods
                     r"|[〔\[]\d{4}[〕\]]\d+号")  # document numbers
_WEAK_START = tuple("的和与及、，。）》")


def em_width(text: str) -> float:
    """Width in ems: ASCII (digits, Latin) a little over half (as in the 仿宋/宋 faces), the rest full."""
    return sum(0.55 if ch.isascii() else 1.0 for ch in text)


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.CRITICAL)  # it logs its dictionary loading to stderr
    tokenizer = jieba.Tokenizer()
    cache = cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache)  # the prefix dictionary, built once (~1 s) and reused
    except OSError:
        pass
    with open(Path(__file__).with_name("title_words.txt"), "rb") as words_file:  # jieba leaves a path open
        tokenizer.load_userdict(words_file)
    return tokenizer


def words(title: str, keep=()) -> list[str]:
    """``title`` as units that must not be broken: protected spans, then jieba's words."""
    protected = [re.escape(k) for k in sorted({k for k in keep if k}, key=len, reverse=True)]
    pattern = re.compile("|".join(protected + [_ATOMIC.pattern])) if protected else _ATOMIC
    units, pos = [], 0
    for m in pattern.finditer(title):
        units += _tokenizer().lcut(title[pos:m.start()], HMM=True) if m.start() > pos else []
        units.append(m.group(0))
        pos = m.end()
    if pos < len(title):
        units += _tokenizer().lcut(title[pos:], HMM=True)
    return [u for u in units if u]


def break_title(title: str, keep=(), line_em: float = LINE_EM) -> str:
    """``title`` with ``\\n`` where its lines should break (unchanged when it fits one line)."""
    title = title.replace("\n", "")
    if em_width(title) <= line_em:
        return title
    units = words(title, keep)
    widths = [em_width(u) for u in units]
    best = None
    for lines in range(math.ceil(sum(widths) / line_em), len(units) + 1):
        for cuts in itertools.combinations(range(1, len(units)), lines - 1):
            bounds = (0, *cuts, len(units))
            parts = [sum(widths[a:b]) for a, b in zip(bounds, bounds[1:])]
            if max(parts) > line_em:
                continue
            mean = sum(parts) / lines
            cost = sum((w - mean) ** 2 for w in parts)
            cost += sum(4 for c in cuts if units[c].startswith(_WEAK_START))
            if best is None or cost < best[0]:
                best = (cost, bounds)
        if best is not None:
            break
    if best is None:  # a single unit longer than a line: let the word processor break it
        return title
    bounds = best[1]
    return "\n".join("".join(units[a:b]) for a, b in zip(bounds, bounds[1:]))
