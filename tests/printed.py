"""Measuring a printed page: rules, words and ink in the PDF LibreOffice makes, in mm from the page's top-left.

A clerk judges a document on paper; these helpers read what the paper shows —
a page rendered to pixels (pdftoppm) for rules and ink, the words' boxes
(pdftotext -bbox) for text — so a test states GB/T 9704's measures in mm.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

DPI = 150
MM = 25.4 / DPI  # one pixel in mm
PT = 25.4 / 72
TEXT_TOP, TEXT_BOTTOM, TEXT_LEFT, TEXT_WIDTH = 37.0, 262.0, 28.0, 156.0  # the text block (版心)
LINE_MM = 225 / 22  # one line of the 22-line grid


@dataclass(frozen=True)
class Rule:
    top: float
    bottom: float
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def thickness(self) -> float:
        return self.bottom - self.top


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def raster(pdf: Path, page: int):
    """Page ``page`` (1-based) as an RGB image."""
    from PIL import Image
    import io

    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png", str(pdf)],
                         capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def rules(image, colour: str = "black", min_width_mm: float = 100) -> list[Rule]:
    """Horizontal rules at least ``min_width_mm`` long: runs of ``colour`` pixels, adjacent rows merged."""
    width, height = image.size
    px = image.load()

    def ink(r, g, b):
        return r > 180 and g < 90 and b < 90 if colour == "red" else r < 90 and g < 90 and b < 90

    found = []
    for y in range(height):
        run = best = (0, 0)
        start = None
        for x in range(width):
            if ink(*px[x, y]):
                start = x if start is None else start
                run = (start, x)
                if run[1] - run[0] > best[1] - best[0]:
                    best = run
            else:
                start = None
        if (best[1] - best[0]) * MM >= min_width_mm:
            found.append((y, best))
    merged: list[Rule] = []
    for y, (x0, x1) in found:
        if merged and abs(y * MM - merged[-1].bottom) < 1.5 * MM:
            last = merged[-1]
            merged[-1] = Rule(last.top, (y + 1) * MM, min(last.left, x0 * MM), max(last.right, (x1 + 1) * MM))
        else:
            merged.append(Rule(y * MM, (y + 1) * MM, x0 * MM, (x1 + 1) * MM))
    return merged


def lowest_ink(image, above_mm: float = TEXT_BOTTOM + 2) -> float:
    """The bottom (mm) of the lowest non-white pixel above ``above_mm`` (the page number sits lower)."""
    width, _ = image.size
    px = image.load()
    for y in range(int(above_mm / MM), 0, -1):
        if any(sum(px[x, y]) < 600 for x in range(0, width, 2)):
            return (y + 1) * MM
    return 0.0


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word's box (x0, y0, x1, y1 in mm) and its text."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page in html.split("<page ")[1:]:
        out.append([(float(a) * PT, float(b) * PT, float(c) * PT, float(d) * PT, t) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return out


def text_lines(pdf: Path) -> list[list[str]]:
    """Per page, its lines of text with the spaces pdftotext puts between words removed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()] for page in text.split("\f")]
