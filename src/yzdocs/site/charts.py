"""Small horizontal bar charts as inline SVG, drawn here so the page fetches nothing.

Each chart is one rate per agency (0–100 %), the district's value drawn as a
line across the bars. Names and values are escaped; the SVG carries its own
<title> and the same numbers are in the tables beside it (charts are never
the only place a number is).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from yzdocs.reports.stats import percent

ROW, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 22, 210, 300, 56


def bar_chart(title: str, rows: list[tuple[str, float | None]], district: float | None = None,
              *, good_high: bool = True) -> Markup:
    """``rows``: (agency name, rate or None for “no data”)."""
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = ROW * (len(rows) + 1) + 8
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (name, rate) in enumerate(rows):
        y = ROW * i + 4
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" class="label">{escape(name)}</text>')
        if rate is None:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 15}" class="none">无数据</text>')
            continue
        length = round(BAR_WIDTH * max(0.0, min(rate, 1.0)), 1)
        tone = "good" if (rate >= 0.95 if good_high else rate <= 0.1) else "warn"
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW - 8}" class="bar {tone}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 15}" class="value">{percent(rate)}</text>')
    if district is not None:
        x = LABEL_WIDTH + round(BAR_WIDTH * max(0.0, min(district, 1.0)), 1)
        bottom = ROW * len(rows) + 4
        parts.append(f'<line x1="{x}" y1="2" x2="{x}" y2="{bottom}" class="district"/>')
        parts.append(f'<text x="{x}" y="{bottom + 14}" text-anchor="middle" class="district-label">'
                     f'全区 {percent(district)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
