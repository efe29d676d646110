"""Charts read as a clerk reads them: the legend never covers a bar, a unit without a denominator is labelled.

The figures are drawn (Agg) and measured in display coordinates: every bar's
box is compared with the legend's box, with worst-case data (every bar at the
top of its scale, many units).
"""

from __future__ import annotations

import pytest

from yzdocs.reports import charts

NAMES = [f"某某单位{i}" for i in range(12)]


def _boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the layout engine places title and legend while drawing
    ax = fig.axes[0]
    legend = ax.get_legend()
    renderer = canvas.get_renderer()
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_height() > 0]
    return (legend.get_window_extent(renderer) if legend else None), bars, ax, renderer


@pytest.mark.parametrize("figure", [
    lambda: charts.cases_figure(NAMES, [9] * 12, [9] * 12, [9] * 12),
    lambda: charts.cases_figure(NAMES[:2], [1, 30], [30, 1], [30, 30]),
    lambda: charts.appearance_figure(NAMES, [1.0] * 12, [1.0] * 12),
    lambda: charts.appearance_figure(NAMES[:3], [1.0, None, 1.0], [1.0, None, 1.0]),
])
def test_the_legend_never_covers_a_bar(figure):
    legend, bars, ax, renderer = _boxes(figure())
    assert legend is not None and bars
    assert not [b for b in bars if b.overlaps(legend)]
    # the document's caption names the chart: no title of its own to repeat it
    assert ax.get_title() == ax.get_title("left") == ""


def test_units_without_hearings_say_so_instead_of_a_zero_bar():
    fig = charts.appearance_figure(["甲", "乙", "丙"], [1.0, None, 0.5], [0.0, None, 0.5])
    ax = fig.axes[0]
    labels = [(t.get_text(), t.xy[0]) for t in ax.texts]
    assert labels == [("无开庭", 1), ("0%", 0 + 0.19)]  # a 0 % principal rate is written, not an invisible bar
    # bars only at the units that had hearings: two rates each at x = 0 and 2
    centres = sorted(round(p.get_x() + p.get_width() / 2) for p in ax.patches)
    assert centres == [0, 0, 2, 2]


def test_units_without_concluded_cases_say_so():
    fig = charts.loss_rate_figure(["甲", "乙"], [None, 0.5])
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert texts == ["50%", "无审结"]
    assert [round(p.get_x() + p.get_width() / 2) for p in fig.axes[0].patches] == [1]
