"""`yzdocs site` (issue 15) without a browser: pages, links, escaping, feeds, determinism, history.

The browser half is tests/test_site_browser.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from icalendar import Calendar

from conftest import copy_sample, require, run
from reports_repo import new_repo, write_case

AS_OF = "2025-12-31"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def build(root: Path, out: Path, *extra) -> str:
    result = run("--repo", root, "site", "--as-of", AS_OF, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample repository, built (documents) and as a site."""
    root = copy_sample(tmp_path_factory.mktemp("site") / "repo")
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    out = root / "out" / "site"
    build(root, out)
    return root, out


def test_every_page_kind_is_written(sample):
    root, out = sample
    for name in ("index.html", "agencies.html", "findings.html", "feeds.html", "assets/site.css", "assets/site.js",
                 "feeds/district.ics", "agencies/scjgj.html", "feeds/scjgj.ics",
                 "cases/2024/鲁0404行初62号.html", "cases/2024/鲁04行终156号.html"):
        assert (out / name).is_file(), name
    assert len(list((out / "cases").rglob("*.html"))) == len(list((root / "cases").rglob("*.yaml")))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>峄城区行政应诉督办</h1>" in index and "逾期和7日内到期的事项" in index
    assert "2025年下半年" in index and "2025年度" in index and "<svg" in index


def test_every_link_resolves_to_a_file_of_the_site(sample):
    _, out = sample
    pages = sorted(out.rglob("*.html"))
    checked = 0
    for page in pages:
        for link in links_of(page):
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: external link {link}"
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(out)}: {link}"
            assert out.resolve() in target.parents
            checked += 1
    assert checked > 500


def test_case_pages_link_their_documents_and_they_are_copies(sample):
    root, out = sample
    page = out / "cases/2024/鲁0404行初62号.html"
    documents = [unquote(link) for link in links_of(page) if "/files/" in link]
    assert any(d.endswith("败诉案件分析报告.docx") for d in documents)
    for link in documents:
        copy = (page.parent / link).resolve()
        original = root / "out" / copy.relative_to((out / "files").resolve())
        assert copy.read_bytes() == original.read_bytes()


def test_every_page_forbids_external_loads(sample):
    _, out = sample
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        assert not re.search(r'(src|href)="(https?:)?//', text), page


def test_findings_page_says_what_check_says(sample):
    root, out = sample
    check = run("--repo", root, "check", "--as-of", AS_OF).output
    summary = re.search(r"(\d+) 个错误，(\d+) 个警告，(\d+) 个提示", check).groups()
    text = (out / "findings.html").read_text(encoding="utf-8")
    assert f"错误 {summary[0]} 项、警告 {summary[1]} 项、提示 {summary[2]} 项" in text
    # the first table lists every finding once
    first = text.split('<table id="all-findings"', 1)[1].split("</table>", 1)[0]
    assert first.count("<tr data-agency") == sum(map(int, summary))


def test_two_builds_give_the_same_bytes_and_the_second_writes_nothing(sample, tmp_path):
    root, out = sample
    other = tmp_path / "again"
    build(root, other)
    mine = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert mine == theirs
    assert "更新 0 个文件" in build(root, out)


def test_feeds_parse_and_keep_their_uids(tmp_path):
    root = new_repo(tmp_path / "repo")
    path = write_case(root, 1, "", received="2025-12-20", year=2025)
    out = tmp_path / "site"
    build(root, out)
    first = Calendar.from_ical((out / "feeds" / "scjgj.ics").read_bytes())
    events = {str(e["uid"]): e.decoded("dtstart") for e in first.walk("VEVENT")}
    assert len(events) >= 3 and str(first["x-wr-calname"]) == "峄城区市场监督管理局行政应诉待办"
    path.write_text(path.read_text(encoding="utf-8").replace("received_on: 2025-12-20", "received_on: 2025-12-22"),
                    encoding="utf-8")
    build(root, out)
    second = Calendar.from_ical((out / "feeds" / "scjgj.ics").read_bytes())
    moved = {str(e["uid"]): e.decoded("dtstart") for e in second.walk("VEVENT")}
    assert set(moved) == set(events) and moved != events  # the same items, moved
    district = Calendar.from_ical((out / "feeds" / "district.ics").read_bytes())
    assert {str(e["uid"]) for e in district.walk("VEVENT")} >= set(moved)


def test_hostile_text_is_escaped(tmp_path):
    root = new_repo(tmp_path / "repo")
    path = write_case(root, 1, "reported_on: 2023-03-03\n")
    payload = "<script>document.title='XSS'</script><img src=x onerror=\\\"alert(1)\\\">"
    path.write_text(path.read_text(encoding="utf-8").replace("cause: 行政处罚", f'cause: "{payload}"')
                    .replace("原告1", '"原告\\" onmouseover=\\"alert(2)"'), encoding="utf-8")
    out = tmp_path / "site"
    build(root, out)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>document" not in text and "<img src=x" not in text and '" onmouseover="' not in text
    case = (out / "cases/2023/鲁0404行初1号.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#39;XSS&#39;&lt;/script&gt;" in case


def test_source_links_follow_the_url_template(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")  # not reported: an R01 finding
    settings = root / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8") + "source_url: https://git.example.cn/cases/blob/main/{path}#L{line}\n",
                        "utf-8")
    out = tmp_path / "site"
    build(root, out)
    text = (out / "findings.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.cn/cases/blob/main/cases/2023/鲁0404行初1号.yaml#L' in text


def _git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="李娜", GIT_AUTHOR_EMAIL="ln@example.cn", GIT_COMMITTER_NAME="李娜",
               GIT_COMMITTER_EMAIL="ln@example.cn", GIT_AUTHOR_DATE="2025-03-04T09:30:00+08:00",
               GIT_COMMITTER_DATE="2025-03-04T09:30:00+08:00")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_case_pages_show_who_recorded_what_and_git_config_runs_nothing(tmp_path):
    require("git")
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "登记（2023）鲁0404行初1号")
    planted = tmp_path / "pwned"
    with open(root / ".git" / "config", "a", encoding="utf-8") as fh:
        fh.write(f"[core]\n\tfsmonitor = touch {planted}\n\tpager = touch {planted}\n"
                 f"[log]\n\tshowSignature = true\n[gpg]\n\tprogram = touch {planted}\n")
    out = tmp_path / "site"
    build(root, out)
    text = (out / "cases/2023/鲁0404行初1号.html").read_text(encoding="utf-8")
    assert "2025-03-04 09:30" in text and "李娜" in text and "登记（2023）鲁0404行初1号" in text
    assert not planted.exists()


def test_without_git_there_is_no_history_and_no_error(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    out = tmp_path / "site"
    build(root, out)
    assert "没有修改记录" in (out / "cases/2023/鲁0404行初1号.html").read_text(encoding="utf-8")


def test_removed_cases_lose_their_page_and_other_files_stay(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    gone = write_case(root, 2, "")
    out = tmp_path / "site"
    out.mkdir()
    (out / "说明.txt").write_text("not ours", encoding="utf-8")
    build(root, out)
    assert (out / "cases/2023/鲁0404行初2号.html").is_file()
    gone.unlink()
    output = build(root, out)
    assert "删除 1 个" in output and not (out / "cases/2023/鲁0404行初2号.html").exists()
    assert (out / "说明.txt").read_text(encoding="utf-8") == "not ours"


def test_the_site_is_never_written_over_the_repository(tmp_path):
    root = new_repo(tmp_path / "repo")
    for target in (root, root / "cases", root.parent):
        result = run("--repo", root, "site", "-o", target)
        assert result.exit_code == 2 and "网站不能输出到" in result.output
    assert run("--repo", root, "site", "--base-url", "intranet/yzdocs").exit_code == 2


def test_serve_binds_loopback_and_rebuilds_on_change(tmp_path):
    import threading
    import time
    import urllib.request
    from datetime import date

    from yzdocs.site.build import build_site
    from yzdocs.site.serve import serve

    root = new_repo(tmp_path / "repo")
    case = write_case(root, 1, "")
    out = tmp_path / "site"

    def rebuild():
        return build_site(root, out, date(2023, 12, 31))

    rebuild()
    said, stop = [], threading.Event()
    thread = threading.Thread(target=serve, args=(root, out, rebuild),
                              kwargs=dict(port=0, echo=said.append, stop=stop, interval=0.1))
    thread.start()
    try:
        def wait_for_messages(count):  # a state, with a limit only against a hang
            deadline = time.monotonic() + 300
            while len(said) < count and time.monotonic() < deadline:
                time.sleep(0.05)

        wait_for_messages(1)
        url = re.search(r"http://127\.0\.0\.1:\d+/", said[0]).group()
        page = url + "cases/2023/" + "%E9%B2%810404%E8%A1%8C%E5%88%9D1%E5%8F%B7.html"
        assert "行政处罚" in urllib.request.urlopen(page, timeout=10).read().decode("utf-8")
        case.write_text(case.read_text(encoding="utf-8").replace("cause: 行政处罚", "cause: 行政许可"), encoding="utf-8")
        wait_for_messages(2)
        assert said[1].startswith("已重新生成")
        assert "行政许可" in urllib.request.urlopen(page, timeout=10).read().decode("utf-8")
    finally:
        stop.set()
        thread.join(timeout=300)
    assert not thread.is_alive()


def test_serve_sees_an_edit_of_the_same_size_within_one_timestamp_tick(tmp_path):
    from yzdocs.site.serve import snapshot

    root = new_repo(tmp_path / "repo")
    case = write_case(root, 1, "")
    before, stat = snapshot(root), case.stat()
    case.write_text(case.read_text(encoding="utf-8").replace("cause: 行政处罚", "cause: 行政许可"), encoding="utf-8")
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as if within the same tick
    assert case.stat().st_size == stat.st_size and case.stat().st_mtime_ns == stat.st_mtime_ns
    assert snapshot(root) != before


def test_the_same_site_from_a_cold_or_warm_cache_and_any_hash_seed(tmp_path):
    """Same repository, same bytes (issue 24): a cold report cache, a warm one and another hash seed.
    Files with errors are included: their findings' lines come back from the cache's file, not from it."""
    import sys

    from conftest import EXAMPLES, PROJECT

    root = copy_sample(tmp_path / "repo")
    for path in sorted((EXAMPLES / "negative").glob("*.yaml"))[:12]:
        shutil.copy(path, root / "cases" / "2025" / path.name)
    cache = tmp_path / "cache"
    sites = []
    for seed in ("1", "2", "3"):  # cold, then warm twice
        out = tmp_path / f"site-{seed}"
        env = dict(os.environ, PYTHONPATH=str(PROJECT / "src"), PYTHONHASHSEED=seed, XDG_CACHE_HOME=str(cache))
        done = subprocess.run([sys.executable, "-m", "yzdocs", "--repo", str(root), "site", "-o", str(out),
                               "--as-of", "2025-07-03"], capture_output=True, text=True, env=env, timeout=600)
        assert done.returncode == 0, done.stderr
        sites.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
                      and not p.name.startswith(".yzdocs-site")})
        assert any(cache.rglob("*.json"))  # the report cache is in use
    assert sites[0].keys() == sites[1].keys() == sites[2].keys()
    differing = [name for name in sites[0] if not sites[0][name] == sites[1][name] == sites[2][name]]
    assert differing == []
