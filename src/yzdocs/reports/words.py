"""Sentences from numbers: counts, rates and comparisons as a circular words them."""

from __future__ import annotations

from yzdocs.render.format import cn_date
from yzdocs.schema import enum_label


def pct(rate: float | None, none: str = "—") -> str:
    """A rate as printed; ``none`` when there is nothing to divide by (无开庭、无审结 in tables)."""
    return none if rate is None else f"{rate * 100:.1f}%"


def compare_count(now: int, before: int, label: str) -> str:
    if now == before:
        return f"与{label}持平"
    return f"较{label}{'增加' if now > before else '减少'}{abs(now - before)}件"


def compare_rate(now: float | None, before: float | None, label: str) -> str:
    """「较上期上升N个百分点」; nothing when either period has no rate (never 「上期为—」)."""
    if now is None or before is None:
        return ""
    diff = round((now - before) * 100, 1)
    if diff == 0:
        return f"与{label}持平"
    return f"较{label}{'上升' if diff > 0 else '下降'}{abs(diff):.1f}个百分点"


def plaintiffs(case: dict) -> str:
    return "、".join(p.get("name", "") for p in case.get("plaintiffs") or () if isinstance(p, dict))


def result_label(case: dict) -> str:
    result = (case.get("judgment") or {}).get("result")
    return enum_label("case", ("judgment", "result"), result) if result else "未结"


def form_label(case: dict) -> str:
    form = (case.get("judgment") or {}).get("form")
    return enum_label("case", ("judgment", "form"), form) if form else "裁判文书"


def cause_labels(codes) -> str:
    return "、".join(enum_label("case", ("judgment", "loss_causes", 0), c) for c in codes or ())


def date_of(value) -> str:
    return cn_date(value) or "—"


def blank_number(settings: dict, year: int, setting: str = "circular_prefix") -> str:
    """A 发文字号 left for the bureau to number (峄司通〔2025〕　号); ``setting`` names the code of
    its kind: circulars (通报, ``circular_prefix``) or reports to the 区政府 (报告, ``report_prefix``)."""
    return f"{settings.get(setting)}〔{year}〕　号"


def concluded(unit: dict) -> str:
    """「审结一审案件N件，其中败诉M件，败诉率R」 in the statistics' 口径 (stats.BASIS_NOTES)."""
    what = "一审案件" if unit["loss_rate_basis"] == "first_instance" else "行政争议（按最终生效结果）"
    if not unit["concluded"]:
        return f"没有审结的{what}"
    if not unit["losses"]:
        return f"审结{what}{unit['concluded']}件，没有败诉"
    return f"审结{what}{unit['concluded']}件，其中败诉{unit['losses']}件，败诉率{pct(unit['loss_rate'])}"


DISPOSITION_LABELS = {"upheld": "维持原判", "amended": "改判", "remanded": "发回重审", "unknown": "处理结果未记录"}


def review_text(review: dict) -> str:
    """维持原判2件、改判1件 …: what the higher instance did."""
    return "、".join(f"{label}{review[k]}件" for k, label in DISPOSITION_LABELS.items() if review[k])


def reviews(unit: dict) -> str:
    """「；二审审结N件（维持原判…）」 for the higher instances decided in the period, or nothing."""
    parts = [f"{label}审结{unit[key]['concluded']}件（{review_text(unit[key])}）"
             for key, label in (("appeals", "二审"), ("retrials", "再审")) if unit[key]["concluded"]]
    return "；" + "，".join(parts) if parts else ""
