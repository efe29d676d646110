"""Case numbers (案号) per 最高人民法院关于人民法院案件案号的若干规定.

Form: （2023）鲁0404行初15号 — year, court code (province abbreviation plus 2
or 4 digits of the division code, or 最高法), case type, sequence number
without leading zeros, 号. Staff type full- and half-width parentheses; the
canonical form is full-width.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼兵"
ADMIN_TYPES = (
    "行赔初", "行赔终", "行赔再", "行赔申", "行赔监", "行赔抗",
    "行审复", "行初", "行终", "行再", "行申", "行监", "行抗", "行审", "行他", "行辖",
)

_PATTERN = re.compile(
    r"[（(](?P<year>(?:19|20)[0-9][0-9])[）)]"
    rf"(?P<court>最高法|[{PROVINCES}](?:[0-9][0-9]){{1,2}})"
    rf"(?P<kind>{'|'.join(ADMIN_TYPES)})"
    r"(?P<seq>[1-9][0-9]{0,5})号"
)

# The last character of the case type (案件类型代字) names the procedure.
LEVELS = {"初": "first", "终": "second", "再": "retrial", "申": "retrial", "监": "retrial", "抗": "retrial"}

FORM_HINT = "案号应形如“（2023）鲁0404行初15号”：年份、法院代字、案件类型（行初、行终等）、序号、“号”"


@dataclass(frozen=True)
class CaseNumber:
    year: int
    court: str
    kind: str
    seq: int

    def __str__(self) -> str:
        return f"（{self.year}）{self.court}{self.kind}{self.seq}号"

    @property
    def file_stem(self) -> str:
        """Conventional file name stem: court code, type and number (鲁0404行初15号)."""
        return f"{self.court}{self.kind}{self.seq}号"

    @property
    def level(self) -> str | None:
        """The level its type says: 行初 → first, 行终 → second, 行再/行申/行监/行抗 → retrial; None for
        the types that are no instance (行审, 行他, 行辖 …)."""
        return LEVELS.get(self.kind[-1])


def parse(text) -> CaseNumber | None:
    """The case number in ``text`` (surrounding blanks allowed), or None.

    Compared after NFKC: 「鲁０４０４」 typed with an input method is the same court as 「鲁0404」
    (schema.py still reports the full-width digits, see ``full_width_digits``).
    """
    if not isinstance(text, str):
        return None
    m = _PATTERN.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return None
    return CaseNumber(int(m["year"]), m["court"], m["kind"], int(m["seq"]))


# The commonest slips, each with what to say; applied in turn until the number parses.
_SLIPS = (
    (re.compile(r"^\s*[〔［\[【{｛]((?:19|20)\d\d)[〕］\]】}｝]"), r"（\1）",
     "年份要用圆括号（），不是六角括号〔〕或方括号（〔〕用于发文字号）"),
    (re.compile(r"^\s*((?:19|20)\d\d)(?=[^\d）)])"), r"（\1）", "年份要加圆括号（）"),
    (re.compile(r"\s+"), "", "案号中不能有空格"),
    (re.compile(r"(行[^\d]{1,2}?)0+([1-9]\d*)(号?)$"), r"\1\2\3", "序号前不加“0”"),
    (re.compile(r"(\d)$"), r"\1号", "序号后缺少“号”"),
)


def invalid_message(text: str) -> str:
    """What to say of ``text`` that is no case number: the slips found and the number to write, or the form."""
    fixed, said = unicodedata.normalize("NFKC", str(text)).strip(), []
    for pattern, repl, what in _SLIPS:
        changed = pattern.sub(repl, fixed, count=1)
        if changed != fixed:
            fixed, said = changed, said + [what]
    if said and parse(fixed):
        return f"“{text}”不是有效的案号：{'；'.join(said)}。请写：{parse(fixed)}。"
    return f"“{text}”不是有效的案号。{FORM_HINT}。"


def full_width_digits(text: str) -> bool:
    """True when ``text`` has digits other than ASCII 0-9 (full-width ０-９ and the like)."""
    return any(ch.isdigit() and not ch.isascii() for ch in text)


def canonical(text: str) -> str:
    """The canonical form of a valid case number; other text unchanged."""
    cn = parse(text)
    return str(cn) if cn else text


def suggestion(text: str, known) -> str:
    """「是否是 …？」 naming the known case numbers closest to ``text`` (a missing year, a typo); else ""."""
    import difflib

    known = sorted(set(known))
    wanted = canonical(str(text).strip())
    year, _, rest = wanted.partition("）")
    same_rest = [k for k in known if k.partition("）")[2] == (rest or wanted)]  # the year left out or wrong
    same_year = [k for k in known if rest and k.partition("）")[0] == year]
    close = same_rest or difflib.get_close_matches(wanted, same_year, n=3, cutoff=0.9)  # a typo
    return f"是否是：{'、'.join(close[:5])}？" if close else ""
