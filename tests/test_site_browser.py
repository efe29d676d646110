"""The site in a real browser (issue 15): Debian's Chromium, headless, no browser download.

Each page is loaded from ``file://`` (as from a shared folder) with
``--dump-dom``, which prints the DOM after the page's scripts ran, and with
the browser's log on stderr, where every console message — a script error,
a Content-Security-Policy refusal — appears as a ``CONSOLE`` line.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from urllib.parse import quote

import pytest

from conftest import copy_sample, require, run

AS_OF = "2025-12-31"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    chromium = require("chromium", "chromium-browser")
    base = tmp_path_factory.mktemp("browser")
    root = copy_sample(base / "repo")
    hostile = root / "cases" / "2025" / "鲁0404行初23号.yaml"
    text = hostile.read_text(encoding="utf-8")
    payload = ("<script>document.title='XSS-script'</script>"
               "<img src=x onerror=\\\"document.title='XSS-onerror'\\\">")
    hostile.write_text(re.sub(r"^cause: .*$", f'cause: "行政处罚{payload}"', text, count=1, flags=re.M), encoding="utf-8")
    out = base / "site"
    result = run("--repo", root, "site", "--as-of", AS_OF, "-o", out)
    assert result.exit_code == 0, result.output
    return chromium, out, base / "profile"


def load(site, page: str, query: str = "") -> tuple[str, list[str]]:
    chromium, out, profile = site
    url = (out / page).as_uri() + (f"?{query}" if query else "")
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert proc.returncode == 0 and "</html>" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout, console


def rows(dom: str, table: str) -> list[str]:
    body = dom.split(f'<table id="{table}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr data-agency=[^>]*>", body)


def test_overview(site):
    dom, console = load(site, "index.html")
    assert console == []
    assert "<h1>峄城区行政应诉督办</h1>" in dom
    assert "R08 化解高风险案件行政争议" in dom and "（2024）鲁0404行初5号" in dom
    assert '<form class="filters" data-for="urgent-items">' in dom  # shown: the script ran
    n = len(rows(dom, "urgent-items"))
    assert f"显示 {n} / {n} 项" in dom and n >= 5
    assert dom.count("<svg") == 3


def test_agency_page(site):
    dom, console = load(site, "agencies/tanshan.html")
    assert console == []
    assert "<h1>峄城区坛山街道办事处</h1>" in dom and "与全区对比" in dom and "日历订阅" in dom
    assert "R08 化解高风险案件行政争议" in dom


def test_case_page(site):
    dom, console = load(site, "cases/2024/鲁0404行初62号.html")
    assert console == []
    assert "<h1>（2024）鲁0404行初62号</h1>" in dom
    assert "R07 制定行政争议调解和解方案" in dom and "时间线" in dom


def test_filters_change_what_is_shown(site):
    everything, _ = load(site, "index.html")
    agencies = re.findall(r'<tr data-agency="([^"]*)"', everything.split('id="urgent-items"', 1)[1].split("</table>")[0])
    wanted = agencies[0]
    dom, console = load(site, "index.html", f"agency={quote(wanted)}")
    assert console == []
    shown = [r for r in rows(dom, "urgent-items") if " hidden" not in r]
    hidden = [r for r in rows(dom, "urgent-items") if " hidden" in r]
    assert shown and hidden
    assert all(f'data-agency="{wanted}"' in r for r in shown)
    assert not any(f'data-agency="{wanted}"' in r for r in hidden)
    assert f"显示 {len(shown)} / {len(agencies)} 项" in dom
    dom, _ = load(site, "findings.html", "status=error")
    visible = [r for r in rows(dom, "all-findings") if " hidden" not in r]
    assert visible and all('data-status="error"' in r for r in visible)


def test_hostile_case_text_does_not_run(site):
    dom, console = load(site, "cases/2025/鲁0404行初23号.html")
    assert console == []  # nothing ran, nothing was even tried
    assert "<title>（2025）鲁0404行初23号 · 峄城区行政应诉督办</title>" in dom
    assert "XSS-script" in dom and "&lt;script&gt;" in dom  # shown as text
    assert "<script>document.title" not in dom and "<img src=\"x\"" not in dom


def test_printed_page_is_a4_without_navigation(site, tmp_path):
    from pypdf import PdfReader

    chromium, out, profile = site
    pdf = tmp_path / "index.pdf"
    proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                           f"--print-to-pdf={pdf}", (out / "index.html").as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and pdf.is_file(), proc.stderr[-2000:]
    reader = PdfReader(pdf)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    # the PDF's text maps some ideographs to Kangxi radicals (⾏ for 行): compare after NFKC
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    assert "逾期和7日内到期的事项" in text and "各单位情况" in text
    assert "日历订阅" not in text and "显示" not in text  # navigation and filters are not printed
