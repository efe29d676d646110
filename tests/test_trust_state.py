"""The repository's config and the build's state files are untrusted input too (issue 22, items 6–9 and 11):
a rule message cannot inflate output, an oversized state file is not read, a year-1 date crashes nothing,
a line break in a name is refused and breaks no writer.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from icalendar import Calendar

from childrun import run_child, yzdocs_argv
from conftest import run
from reports_repo import new_repo, write_case
from yzdocs.rules.policy import BUILTIN_DIR, DEFAULT_POLICY


def test_a_format_spec_in_a_rule_message_is_refused_when_the_rules_load(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    text = (BUILTIN_DIR / f"{DEFAULT_POLICY}.yaml").read_text(encoding="utf-8")
    assert "      late: 案件基本情况应于{due}前" in text
    (root / "rules.yaml").write_text(text.replace("      late: 案件基本情况应于{due}前",
                                                  "      late: 案件基本情况应于{due:>200000000}前"), "utf-8")
    settings = root / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8").replace("rules: yicheng-2023", "rules: rules.yaml"), "utf-8")
    for command in (("check",), ("site", "-o", tmp_path / "site")):
        child = run_child(yzdocs_argv("--repo", root, *command))
        assert child.returncode == 2, command
        assert "{due} 带有格式说明（“:>200000000”），不允许" in child.stderr
        assert child.peak_mb < 300 and len(child.stdout) < 10_000


@pytest.mark.parametrize("conversion", ["{due!r}", "{due:,}", "{n:0>9999999}"])
def test_every_format_spec_and_conversion_is_refused(tmp_path, conversion):
    from yzdocs.errors import ConfigError
    from yzdocs.rules.policy import load_policy

    text = (BUILTIN_DIR / f"{DEFAULT_POLICY}.yaml").read_text(encoding="utf-8")
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace("      late: 案件基本情况应于{due}前", f"      late: 案件基本情况应于{conversion}前"), "utf-8")
    with pytest.raises(ConfigError, match="带有格式说明"):
        load_policy(str(path.name), tmp_path)


def test_an_oversized_manifest_is_ignored_not_read(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    manifest = root / "out" / ".yzdocs-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["padding"] = "x" * (8 << 20)
    manifest.write_text(json.dumps(data), "utf-8")
    site = run_child(yzdocs_argv("--repo", root, "site", "-o", tmp_path / "site"))
    assert site.returncode == 0 and site.peak_mb < 300
    assert not list((tmp_path / "site").glob("files/**/*.docx"))  # an unread record links nothing
    again = run("--repo", root, "build", "-j", "1")
    assert again.exit_code == 0 and "大得不像 yzdocs 写的" in again.output


@pytest.mark.parametrize("where", ["received_on: 0001-01-01", "hearings:\n  - date: 0001-01-01\n"])
def test_a_year_one_date_is_a_finding_and_crashes_no_command(tmp_path, where):
    root = new_repo(tmp_path / "repo")
    path = write_case(root, 1, "" if where.startswith("received") else where)
    if where.startswith("received"):
        path.write_text(path.read_text("utf-8").replace("received_on: 2023-03-01", where, 1), "utf-8")
    check = run("--repo", root, "check", "--as-of", "2023-06-30")
    assert check.exit_code == 1 and "日期 0001-01-01 不在 1990 年至 2100 年之间" in check.output
    for command in (("agenda",), ("show", "（2023）鲁0404行初1号"), ("report", "stats", "--period", "2023"),
                    ("site", "-o", tmp_path / "site"), ("check", "--format", "junit", "-o", tmp_path / "j.xml"),
                    ("list",)):
        child = run_child(yzdocs_argv("--repo", root, *command))
        assert "Traceback" not in child.stderr, (command, child.stderr[-400:])
        assert child.returncode in (0, 1, 2), command


@pytest.mark.parametrize("name", ["|\n      峄城区市场\n      监督管理局", '"峄城区市场\\r监督管理局"'])
def test_a_line_break_in_a_name_is_refused_and_breaks_no_writer(tmp_path, name):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    agencies = root / "agencies.yaml"
    text = agencies.read_text("utf-8")
    assert "    name: 峄城区市场监督管理局" in text
    agencies.write_text(text.replace("    name: 峄城区市场监督管理局", f"    name: {name}", 1), "utf-8")
    check = run("--repo", root, "check")
    assert check.exit_code == 1 and "只能写一行，不能换行" in check.output
    site = run_child(yzdocs_argv("--repo", root, "site", "-o", tmp_path / "site"))
    assert "Traceback" not in site.stderr and site.returncode in (0, 1, 2)
    for feed in (tmp_path / "site" / "feeds").glob("*.ics"):
        calendar = Calendar.from_ical(feed.read_bytes())
        assert "\r" not in str(calendar.get("x-wr-calname")) and "\n" not in str(calendar.get("x-wr-calname"))
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


def test_a_data_folder_linked_out_of_the_repository_is_not_read(tmp_path):
    """`cases -> /` made check read 16,000 files and print their contents; now not one file is read."""
    outside = tmp_path / "outside"
    (outside / "2023").mkdir(parents=True)
    (outside / "2023" / "secret.yaml").write_text("case_no: 秘密内容\n", "utf-8")
    root = new_repo(tmp_path / "repo")
    shutil.rmtree(root / "cases")
    (root / "cases").symlink_to(outside, target_is_directory=True)
    check = run("--repo", root, "check")
    assert check.exit_code == 1 and "目录 cases/ 是指向案件库之外的符号链接" in check.output
    assert "秘密内容" not in check.output and "secret" not in check.output


def test_templates_linked_out_of_the_repository_are_refused(tmp_path):
    from yzdocs.render.templates import builtin_dir

    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    (root / "templates").symlink_to(builtin_dir(), target_is_directory=True)
    for command in (("build", "-j", "1"), ("templates", "check")):
        result = run("--repo", root, *command)
        assert result.exit_code == 2 and "指向案件库之外（符号链接），出于安全考虑未使用" in result.output, command
    assert not list((root / "out").rglob("*.docx"))


def _git(*args, cwd):
    import subprocess

    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": str(cwd)}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.mark.parametrize("key", ["remote.origin.uploadpack", "core.sshCommand", "core.fsmonitor", "diff.external",
                                 "gpg.program", "core.pager", "core.alternateRefsCommand", "credential.helper"])
def test_a_partial_clone_missing_objects_runs_nothing_of_its_config(tmp_path, key):
    """A repository folder received from someone else: a promisor remote with a missing object would be
    fetched lazily while its history is read, running the remote's upload-pack command."""
    from conftest import require
    from yzdocs.site.history import file_history

    require("git")
    marker = tmp_path / "PWNED"
    source = tmp_path / "src"
    (source / "cases").mkdir(parents=True)
    _git("init", "-q", cwd=source)
    for n in (1, 2):
        (source / "cases" / "x.yaml").write_text(f"a: {n}\n", "utf-8")
        _git("add", "-A", cwd=source)
        _git("commit", "-qm", f"c{n}", cwd=source)
    _git("config", "uploadpack.allowFilter", "true", cwd=source)
    _git("clone", "-q", "--filter=tree:0", "--no-checkout", f"file://{source}", "repo", cwd=tmp_path)
    program = f"sh -c 'touch {marker}; exit 1'"
    _git("config", key, program, cwd=tmp_path / "repo")
    if key != "remote.origin.uploadpack":
        _git("config", "remote.origin.uploadpack", program, cwd=tmp_path / "repo")
    file_history(tmp_path / "repo")
    assert not marker.exists()


def test_the_output_folder_is_never_the_repository_or_its_own_folders(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    settings = root / "yzdocs.yaml"
    original = settings.read_text("utf-8")
    for output in (".", "cases", ".git", "templates/out"):
        settings.write_text(re.sub(r"^output: .*$", f"output: {output}", original, flags=re.M), "utf-8")
        check = run("--repo", root, "check")
        assert check.exit_code == 1 and "不能与案件库自己的文件混在一起" in check.output, output
        build = run("--repo", root, "build", "-j", "1")
        assert build.exit_code == 2 and "已拒绝" in build.output, output


@pytest.fixture
def served(tmp_path):
    """A running `serve` of a small site; yields (base URL, site folder)."""
    import threading
    import time
    from datetime import date

    from yzdocs.site.build import build_site
    from yzdocs.site.serve import serve

    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    out = tmp_path / "site"
    build_site(root, out, date(2023, 12, 31))
    said, stop = [], threading.Event()
    thread = threading.Thread(target=serve, args=(root, out, lambda: None),
                              kwargs=dict(port=0, echo=said.append, stop=stop, interval=3600))
    thread.start()
    deadline = time.monotonic() + 300  # a state, with a limit only against a hang
    while not said and time.monotonic() < deadline:
        time.sleep(0.02)
    yield said[0].split("网站：")[1].split("index.html")[0], out
    stop.set()
    thread.join(timeout=300)


def _get(url, host=None):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""
    except (urllib.error.URLError, OSError):
        return None, b""


def test_serve_follows_no_symlink_and_lists_no_folder(served):
    base, out = served
    (out / "passwd.html").symlink_to("/etc/passwd")
    (out / "etc").symlink_to("/etc", target_is_directory=True)
    assert _get(base + "passwd.html")[0] == 404
    assert _get(base + "etc/")[0] == 404 and _get(base + "etc/passwd")[0] == 404
    assert _get(base + "cases/")[0] == 404  # no directory listing
    status, body = _get(base + "index.html")
    assert status == 200 and "行政应诉".encode() in body


def test_serve_answers_only_its_own_names(served):
    base, _ = served
    port = base.rsplit(":", 1)[1].strip("/")
    assert _get(base + "index.html", host="attacker.example")[0] == 421
    assert _get(base + "index.html", host=f"attacker.example:{port}")[0] == 421
    assert _get(base + "index.html", host=f"localhost:{port}")[0] == 200


def test_serve_bounds_idle_connections(served):
    import socket
    import threading
    import time

    from yzdocs.site.serve import MAX_CONNECTIONS

    base, _ = served
    host, port = base.split("//")[1].strip("/").split(":")
    before = threading.active_count()
    idle = [socket.create_connection((host, int(port))) for _ in range(300)]
    try:
        # every connection the server took is either held in one of its slots or closed at once
        deadline = time.monotonic() + 300  # a limit against a hang only
        while sum(_closed(s) for s in idle) < 300 - MAX_CONNECTIONS and time.monotonic() < deadline:
            time.sleep(0.05)
        assert threading.active_count() - before <= MAX_CONNECTIONS + 2
    finally:
        for s in idle:
            s.close()
    deadline = time.monotonic() + 300
    while _get(base + "index.html")[0] != 200 and time.monotonic() < deadline:  # served again once they go
        time.sleep(0.05)
    assert _get(base + "index.html")[0] == 200


def _closed(sock) -> bool:
    """Whether the server closed this connection (a read returns EOF or fails at once)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_the_site_writes_and_deletes_nothing_through_a_symlink(tmp_path):
    from yzdocs.site.build import SITE_MANIFEST

    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "important.txt"
    victim.write_text("keep", "utf-8")
    site = root / "out" / "site"
    site.mkdir(parents=True)
    # a committed record naming a committed link to a file outside: the last run "wrote" it
    (site / "old.html").symlink_to(victim)
    (site / SITE_MANIFEST).write_text(json.dumps(["old.html"]), "utf-8")
    assert run("--repo", root, "site").exit_code == 0
    assert victim.read_text("utf-8") == "keep" and (site / "old.html").is_symlink()
    # a committed folder link inside the site: the pages would be written outside
    shutil.rmtree(site / "cases", ignore_errors=True)
    (site / "cases").symlink_to(outside, target_is_directory=True)
    result = run("--repo", root, "site")
    assert result.exit_code == 2 and "是符号链接，已拒绝写入" in result.output
    assert sorted(p.name for p in outside.iterdir()) == ["important.txt"]
    # the site folder itself a committed link
    shutil.rmtree(site)
    site.symlink_to(outside, target_is_directory=True)
    result = run("--repo", root, "site")
    assert result.exit_code == 2 and "是符号链接，已拒绝写入" in result.output
    assert sorted(p.name for p in outside.iterdir()) == ["important.txt"]


def test_build_names_no_path_outside_its_output_folder(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    manifest = root / "out" / ".yzdocs-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["groups"]["cases/2023/gone.yaml|case-report"] = {"inputs": "x", "outputs": [
        "../../../../../../etc/passwd", "/etc/passwd", "2023/gone.docx"]}
    manifest.write_text(json.dumps(data), "utf-8")
    result = run("--repo", root, "build", "-j", "1")
    assert result.exit_code == 0 and "passwd" not in result.output


def test_schema_vscode_writes_nothing_through_a_symlink(tmp_path):
    root = new_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".vscode").symlink_to(outside, target_is_directory=True)
    result = run("--repo", root, "schema", "--vscode")
    assert result.exit_code == 2 and "是符号链接，出于安全考虑未写入" in result.output
    assert not list(outside.iterdir())


def _published(site):
    return sorted(p.relative_to(site / "files").as_posix() for p in (site / "files").rglob("*") if p.is_file()) \
        if (site / "files").exists() else []


def test_the_site_publishes_only_documents_this_yzdocs_made_from_the_case_as_it_stands(tmp_path):
    root = new_repo(tmp_path / "repo")
    case = write_case(root, 1, "")
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    out = root / "out"
    assert run("--repo", root, "site", "-o", tmp_path / "site").exit_code == 0
    built = _published(tmp_path / "site")
    assert built and all(name.endswith(".docx") for name in built)
    # files a repository carries in its out/: a page with script named by the manifest, a PDF beside a .docx
    manifest = out / ".yzdocs-manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    key = next(iter(data["groups"]))
    (out / "evil.html").write_text("<script>alert(1)</script>", "utf-8")
    data["groups"][key]["outputs"].append("evil.html")
    data["files"]["evil.html"] = {"sha256": "0" * 64, "size": 25, "mtime_ns": 0}
    manifest.write_text(json.dumps(data), "utf-8")
    docx = out / built[0]
    docx.with_suffix(".pdf").write_bytes(b"%PDF-1.4 not made by yzdocs")
    assert run("--repo", root, "site", "-o", tmp_path / "site2").exit_code == 0
    published = _published(tmp_path / "site2")
    assert "evil.html" not in " ".join(published) and not [p for p in published if p.endswith(".pdf")]
    assert not any("evil" in p.read_text("utf-8") for p in (tmp_path / "site2").rglob("*.html"))
    # a document whose bytes were replaced after the build
    docx.write_bytes(docx.read_bytes().replace(b"word/", b"word/", 1) + b"\0")
    assert run("--repo", root, "site", "-o", tmp_path / "site3").exit_code == 0
    assert built[0] not in _published(tmp_path / "site3")
    # the case edited after the build: its old documents are stale, not published
    assert run("--repo", root, "build", "-j", "1", "--force").exit_code == 0
    case.write_text(case.read_text("utf-8").replace("cause: 行政处罚", "cause: 行政许可"), "utf-8")
    assert run("--repo", root, "site", "-o", tmp_path / "site4").exit_code == 0
    assert _published(tmp_path / "site4") == []
    # built again, published again
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    assert run("--repo", root, "site", "-o", tmp_path / "site5").exit_code == 0
    assert _published(tmp_path / "site5") == built


def test_a_committed_output_folder_is_rebuilt_not_believed(tmp_path):
    """A fresh clone carrying out/ (documents and manifest made elsewhere): build renders every document."""
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "")
    assert run("--repo", root, "build", "-j", "1").exit_code == 0
    clone = tmp_path / "clone"
    shutil.copytree(root, clone)  # with out/, as a commit would carry it; this user's yzdocs never wrote it
    first = next((clone / "out").rglob("*.docx"))
    first.write_bytes(b"PK not a document yzdocs made")
    result = run("--repo", clone, "build", "-j", "1")
    assert result.exit_code == 0
    assert first.read_bytes().startswith(b"PK\x03\x04") and b"not a document" not in first.read_bytes()
