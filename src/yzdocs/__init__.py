"""yzdocs — 行政应诉案件库工具 (administrative-litigation response toolkit)."""

__version__ = "0.1.0"
