"""Charts of the district circular: matplotlib (Agg) with a CJK font.

A chart whose labels would print as boxes is worse than none, so a missing
CJK font is an error naming the packages to install, and a glyph the font
lacks (matplotlib's "Glyph … missing" warning) is an error too. The PNG is
reproducible: fixed size and dpi, no software/date metadata.
"""

from __future__ import annotations

import io
import os
import warnings

from yzdocs.errors import RenderError

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "FandolHei", "FandolSong",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei")
SIZE = (7.5, 3.6)  # inches; 150 mm wide in the document
DPI = 150
COLOURS = ("#1f4e79", "#c00000", "#7f7f7f")
# Registered by path, so a matplotlib font cache built before these packages
# were installed (Python installed first, the usual order) does not matter.
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # fonts-noto-cjk
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolHei-Regular.otf",  # texlive-lang-chinese
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolSong-Regular.otf",
)


def cjk_font() -> str:
    from matplotlib import font_manager

    installed = {f.fname for f in font_manager.fontManager.ttflist}
    for path in FONT_FILES:
        if path not in installed and os.path.exists(path):
            font_manager.fontManager.addfont(path)
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise RenderError("找不到可显示中文的字体，无法生成统计图（否则汉字会显示为方框）。"
                      "请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk）"
                      "或 texlive-lang-chinese（FandolHei）。")


def _figure():
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    font = cjk_font()
    fig = Figure(figsize=SIZE, dpi=DPI)
    fig.set_layout_engine("constrained")
    return fig, font


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    missing = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    if missing:
        raise RenderError(f"统计图字体缺少字形，无法正确显示：{missing[0]}")
    return buffer.getvalue()


def _style(ax, font, labels, *, legend=False):
    # the document's caption under the chart names it (图1 …): no title repeating it; a legend sits
    # above the plot area, right, never over a bar
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontfamily=font, fontsize=8, rotation=35 if len(labels) > 4 else 0,
                       ha="right" if len(labels) > 4 else "center")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(prop={"family": font, "size": 8}, frameon=False, ncols=3, loc="lower right",
                  bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2)


def _label_empty(ax, font, xs, rates, text):
    """A unit without a denominator is labelled (无开庭、无审结) where its bar would stand, centred on it and
    clear of the axis — never drawn as a 0 % bar."""
    for x, rate in zip(xs, rates):
        if rate is None:
            ax.annotate(text, (x, 0), ha="center", va="bottom", fontsize=7, fontfamily=font,
                        xytext=(0, 4), textcoords="offset points")


def _unit(ax, font, text):
    """The y-axis unit upright above the axis (件, %), read without turning the page."""
    ax.set_ylabel(text, fontfamily=font, fontsize=9, rotation=0, ha="right", va="bottom")
    ax.yaxis.set_label_coords(0, 1.02)


def cases_figure(names: list[str], new: list[int], concluded: list[int], losses: list[int]):
    fig, font = _figure()
    ax = fig.add_subplot()
    w = 0.27
    xs = range(len(names))
    for k, (values, label) in enumerate(((new, "新收"), (concluded, "审结"), (losses, "败诉"))):
        ax.bar([x + (k - 1) * w for x in xs], values, w, label=label, color=COLOURS[k])
    ax.yaxis.get_major_locator().set_params(integer=True)
    _unit(ax, font, "件")
    _style(ax, font, names, legend=True)
    return fig


def _percent_axis(ax, top=1.12):
    from matplotlib.ticker import PercentFormatter

    ax.set_ylim(0, top)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def loss_rate_figure(names: list[str], rates: list[float | None]):
    fig, font = _figure()
    ax = fig.add_subplot()
    xs = list(range(len(names)))
    bars = ax.bar([x for x, r in zip(xs, rates) if r is not None], [r for r in rates if r is not None], 0.6,
                  color=COLOURS[1])
    for bar, rate in zip(bars, [r for r in rates if r is not None]):
        ax.annotate(f"{rate * 100:.0f}%", (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                    va="bottom", fontsize=7, fontfamily=font, xytext=(0, 2), textcoords="offset points")
    _label_empty(ax, font, xs, rates, "无审结")
    _percent_axis(ax)
    _style(ax, font, names)
    return fig


def appearance_figure(names: list[str], head: list[float | None], principal: list[float | None]):
    fig, font = _figure()
    ax = fig.add_subplot()
    w = 0.38
    xs = list(range(len(names)))
    heard = [x for x, r in zip(xs, head) if r is not None]
    ax.bar([x - w / 2 for x in heard], [r for r in head if r is not None], w, label="负责人出庭率", color=COLOURS[0])
    ax.bar([x + w / 2 for x in heard], [principal[x] or 0 for x in heard], w, label="主要负责人出庭率",
           color=COLOURS[2])
    _label_empty(ax, font, xs, head, "无开庭")
    # a 0 % bar has no height: say 0 % so it is not read as "no data"
    for offset, rates in ((-w / 2, head), (w / 2, principal)):
        for x, rate in zip(xs, rates):
            if rate == 0 and head[x] is not None:
                ax.annotate("0%", (x + offset, 0), ha="center", va="bottom", fontsize=7, fontfamily=font,
                            xytext=(0, 2), textcoords="offset points")
    ax.axhline(1.0, color=COLOURS[1], linewidth=0.8, linestyle="--", label="目标100%")
    _percent_axis(ax, 1.12)
    _style(ax, font, names, legend=True)
    return fig


def cases_and_losses(names: list[str], new: list[int], concluded: list[int], losses: list[int]) -> bytes:
    return _png(cases_figure(names, new, concluded, losses))


def loss_rates(names: list[str], rates: list[float | None]) -> bytes:
    return _png(loss_rate_figure(names, rates))


def appearance_rates(names: list[str], head: list[float | None], principal: list[float | None]) -> bytes:
    return _png(appearance_figure(names, head, principal))
