"""Periods: half-years (2023H1, 2023H2) and years (2023), per docs/domain.md.

Shared by the half-year duties A01/A02 and by the reports."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from yzdocs.errors import YzdocsError

_FORM = re.compile(r"(\d{4})(?:[Hh]([12]))?")
_SPELLED = re.compile(r"(\d{4})\s*年?\s*(?:(上|下)半年|(?:年度|全年)?)")


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None = None  # 1, 2, or None for the whole year

    @classmethod
    def parse(cls, text: str) -> "Period":
        m = _FORM.fullmatch(str(text).strip())
        if not m or not 1900 < int(m.group(1)) < 2200:
            meant = cls.spelled(text)
            if meant and 1900 < meant.year < 2200:
                raise YzdocsError(f"期间“{text}”格式不正确：请写 {meant}。")
            raise YzdocsError(f"期间“{text}”格式不正确：请写 2023H1（上半年）、2023H2（下半年）或 2023（全年）。")
        return cls(int(m.group(1)), int(m.group(2)) if m.group(2) else None)

    @classmethod
    def spelled(cls, text: str) -> "Period | None":
        """The period ``text`` means when written in words or with an input method's digits
        (「2025上半年」, 「2025年下半年」, 「２０２５Ｈ１」, 「2025年度」), else None."""
        text = unicodedata.normalize("NFKC", str(text)).strip()
        if m := _FORM.fullmatch(text):
            return cls(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        if m := _SPELLED.fullmatch(text):
            return cls(int(m.group(1)), {"上": 1, "下": 2}.get(m.group(2)))
        return None

    @classmethod
    def half_of(cls, d: date) -> "Period":
        """The half-year containing ``d``."""
        return cls(d.year, 1 if d.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """2023年上半年 / 2023年下半年 / 2023年度."""
        if self.half is None:
            return f"{self.year}年度"
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"

    @property
    def short(self) -> str:
        """上半年 / 下半年 / 全年 (for file names and headings)."""
        return {1: "上半年", 2: "下半年", None: "全年"}[self.half]

    def contains(self, d) -> bool:
        return d is not None and self.start <= d <= self.end

    def previous(self) -> "Period":
        if self.half is None:
            return Period(self.year - 1)
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def next(self) -> "Period":
        if self.half is None:
            return Period(self.year + 1)
        return Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)
