"""Report documents read back: docx (python-docx), charts in the package, xlsx (openpyxl), --record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest
from docx import Document

from conftest import run
from reports_repo import stats_repo

AS_OF = ("--as-of", "2023-12-31")


@pytest.fixture
def repo(tmp_path):
    return stats_repo(tmp_path / "repo")


def _text(path):
    doc = Document(path)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_district_circular_with_charts(repo, tmp_path):
    out = tmp_path / "d.docx"
    result = run("--repo", repo, "report", "district", "--period", "2023H1", "--number", "峄司通〔2023〕9号", "-o", out, *AS_OF)
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "关于2023年上半年全区\n行政应诉工作情况的通报" in text  # broken between words, balanced
    assert "峄司通〔2023〕9号" in text
    assert "峄城区市场监督管理局" in text and "峄城区坛山街道办事处" in text
    assert "全区新收行政诉讼案件4件" in text and "败诉率50.0%" in text
    assert "负责人出庭率66.7%" in text
    assert len(Document(out).inline_shapes) == 3
    with zipfile.ZipFile(out) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert len(media) == 3
        assert all(zf.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in media)
    again = tmp_path / "d2.docx"
    run("--repo", repo, "report", "district", "--period", "2023H1", "--number", "峄司通〔2023〕9号", "-o", again, *AS_OF)
    assert again.read_bytes() == out.read_bytes()


def test_agency_report(repo, tmp_path):
    result = run("--repo", repo, "report", "agency", "--agency", "scjgj", "--period", "2023H1", *AS_OF)
    assert result.exit_code == 0, result.output
    out = repo / "out" / "reports" / "峄城区市场监督管理局2023年上半年行政应诉案件统计分析报告.docx"
    text = _text(out)
    assert "峄城区市场监督管理局2023年上半年\n行政应诉案件统计分析报告" in text
    assert "（2023）鲁0404行初1号" in text and "（2023）鲁0404行初2号" in text
    assert "取证不规范" in text and "开展培训" in text  # loss cause and measure
    assert "新收行政诉讼案件2件" in text
    assert run("--repo", repo, "report", "agency", "--agency", "nobody", "--period", "2023H1").exit_code == 2


def test_special_circular_record_and_refuse_duplicate(repo, tmp_path):
    out = tmp_path / "c.docx"
    args = ("--repo", repo, "report", "special-circular", "--period", "2023H1", "--number", "峄司通〔2023〕3号")
    result = run(*args, "--record", "-o", out, *AS_OF)
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "峄司通〔2023〕3号" in text and "峄城区市场监督管理局" in text
    assert "（2023）鲁0404行初2号" in text
    assert "2023年4月6日" in text and "2023年4月10日" in text  # due and done
    recorded = repo / "circulars" / "2023-3.yaml"
    assert "rule: R01" in recorded.read_text("utf-8")
    check = run("--repo", repo, "check", "--format", "json", "--as-of", "2023-12-31")
    assert "circulars/2023-3.yaml" not in check.output
    again = run(*args, "--record", "-o", tmp_path / "c2.docx", *AS_OF)
    assert again.exit_code == 2
    assert recorded.read_text("utf-8").count("rule:") == 1
    # the item is circulated now: nothing is left to circulate for the period
    assert run("--repo", repo, "report", "special-circular", "--period", "2023H1", *AS_OF).exit_code == 1


def test_stats_xlsx(repo, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "s.xlsx"
    result = run("--repo", repo, "report", "stats", "--period", "2023H1", "--format", "xlsx", "-o", out, *AS_OF)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb["案件统计"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["单位", "新收案件", "审结案件", "败诉案件", "败诉率"]
    assert ws.freeze_panes == "B2"
    assert ws["A2"].value == "全区合计" and ws["B2"].value == 4
    assert ws["E2"].value == 0.5 and ws["E2"].number_format == "0.0%"
    assert ws.column_dimensions["A"].width >= 14  # 峄城区市场监督管理局: 10 CJK characters
    assert {"期限遵守", "违规统计", "未计入案件"} <= set(wb.sheetnames)
    assert wb["未计入案件"]["A2"].value == "cases/2023/鲁0404行初5号.yaml"
    again = tmp_path / "s2.xlsx"
    run("--repo", repo, "report", "stats", "--period", "2023H1", "--format", "xlsx", "-o", again, *AS_OF)
    assert again.read_bytes() == out.read_bytes()


def test_missing_cjk_font_is_an_error(monkeypatch):
    from yzdocs.errors import RenderError
    from yzdocs.reports import charts

    monkeypatch.setattr(charts, "CJK_FONTS", ("No Such Font",))
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        charts.cases_and_losses(["甲"], [1], [1], [0])


def test_charts_work_with_a_font_cache_built_before_the_cjk_fonts(tmp_path):
    # Python (and matplotlib's font cache) usually arrive before the CJK font
    # packages; the cache then lists no CJK face. Simulate that cache.
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    (cache,) = tmp_path.glob("fontlist-*.json")
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["ttflist"] = [f for f in data["ttflist"] if "CJK" not in f["name"] and "Fandol" not in f["name"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    script = ("from yzdocs.reports import charts; png = charts.cases_and_losses(['市场监督管理局'], [1], [1], [0]);"
              "print(charts.cjk_font(), png[:4] == b'\\x89PNG', sep='|')")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    font, is_png = done.stdout.strip().split("|")
    assert is_png == "True"
    assert font in ("Noto Sans CJK SC", "FandolHei")
    # and the doctored cache really had no CJK face (the test tests something)
    assert not [f for f in json.loads(cache.read_text(encoding="utf-8"))["ttflist"] if "CJK" in f["name"]]
