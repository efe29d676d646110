"""Template overrides are untrusted (issue 12, items 1, 4, 15).

A linked image must never be fetched (a loopback HTTP server counts the
requests: 0), active content is refused by name, and a template that asks for
unbounded work ends in bounded time and memory with a message naming it.
"""

from __future__ import annotations

import http.server
import io
import resource
import struct
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from childrun import run_child, yzdocs_argv
from conftest import run
from yzdocs.errors import RenderError
from yzdocs.render.isolation import call_isolated
from yzdocs.render.templates import builtin_dir
from yzdocs.reports import documents

REMARKS = "{{ remarks or '无' }}".encode()  # the case-report template's 备注 cell


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture
def server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        do_OPTIONS = do_HEAD = do_PROPFIND = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def _rewrite(source: Path, target: Path, change) -> Path:
    """Copy a .docx, passing every member through ``change(name, blob) -> blob``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
    return target


def linked_image_docx(target: Path, url: str, source: Path | None = None) -> Path:
    """A document whose picture is linked (r:link, TargetMode External) to ``url``, not embedded."""
    document = docx.Document(str(source)) if source else docx.Document()
    document.add_paragraph("链接图片：")
    document.add_picture(io.BytesIO(PNG))
    plain = target.with_suffix(".plain.docx")
    document.save(str(plain))

    def link(name, blob):
        if name == "word/document.xml":
            return blob.replace(b'r:embed="', b'r:link="')
        if name == "word/_rels/document.xml.rels":
            text = blob.decode()
            start = text.index('Target="media/')
            end = text.index('"', start + 8)
            return (text[:start] + f'Target="{url}" TargetMode="External"' + text[end + 1:]).encode()
        return blob
    return _rewrite(plain, target, link)


def _template(repo: Path, kind: str, change) -> Path:
    (repo / "templates").mkdir(exist_ok=True)
    return _rewrite(builtin_dir() / f"{kind}.docx", repo / "templates" / f"{kind}.docx", change)


def test_linked_image_template_is_refused_and_nothing_is_fetched(example_repo, server, tmp_path):
    url, hits = server
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (example_repo / "templates").mkdir()
    linked_image_docx(example_repo / "templates" / "case-report.docx", f"{url}/x.png", builtin_dir() / "case-report.docx")
    checked = run("--repo", example_repo, "templates", "check")
    assert checked.exit_code == 1 and f"外部链接 {url}/x.png" in checked.output
    built = run("--repo", example_repo, "build", "-j", "1")
    assert built.exit_code == 1 and "会读取外部文件、访问网络或运行代码的内容，已拒绝" in built.output
    assert hits == []


def test_pdf_conversion_has_no_network_and_follows_no_link(server, tmp_path):
    # a document made elsewhere (not from a template): LibreOffice must still not fetch its linked image
    url, hits = server
    document = linked_image_docx(tmp_path / "linked.docx", f"{url}/y.png")
    result = run("preview", document, "-o", tmp_path / "linked.png")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "linked.png").read_bytes()[:4] == b"\x89PNG"
    time.sleep(0.5)
    assert hits == []


@pytest.mark.parametrize("what, change, named", [
    ("INCLUDETEXT", lambda n, b: b.replace(REMARKS, b'</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                                           b'<w:r><w:instrText> INCLUDETEXT "/etc/passwd" </w:instrText></w:r>'
                                           b'<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>')
     if n == "word/document.xml" else b, "INCLUDETEXT 域"),
    ("DDE", lambda n, b: b.replace(REMARKS, b'</w:t></w:r><w:fldSimple w:instr=" DDEAUTO cmd \'/c calc\' "/>'
                                   b'<w:r><w:t>') if n == "word/document.xml" else b, "DDEAUTO 域"),
    ("attached template", lambda n, b: b.replace(b"</w:settings>", b'<w:attachedTemplate r:id="rId9"/></w:settings>')
     if n == "word/settings.xml" else b, "附加模板"),
])
def test_active_content_is_refused_by_name(example_repo, what, change, named):
    _template(example_repo, "case-report", change)
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1 and named in result.output, (what, result.output)


def test_macros_and_ole_objects_are_refused(example_repo):
    target = _template(example_repo, "case-report", lambda n, b: b)
    with zipfile.ZipFile(target, "a") as z:
        z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
        z.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0")
    result = run("--repo", example_repo, "templates", "check")
    assert "宏（VBA）" in result.output and "嵌入的 OLE 对象" in result.output


def test_a_zip_member_declaring_3_gb_is_refused_before_reading(example_repo):
    target = _template(example_repo, "case-report", lambda n, b: b)
    with zipfile.ZipFile(target, "a") as z:
        z.writestr("word/media/big.bin", b"0123456789")
    data = bytearray(target.read_bytes())
    at = data.index(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4:][:0], data.rindex(b"word/media/big.bin") - 46)
    struct.pack_into("<I", data, at + 24, 3_000_000_000)  # the central directory's uncompressed size
    target.write_bytes(bytes(data))
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1 and "过大" in result.output and "word/media/big.bin" in result.output


BOMBS = [
    "{{ (9**(9**9)) > 1 }}",
    "{{ ('x' * 3000000000)|length }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'x'|center(3000000000) }}",
    "{{ 'x'.ljust(3000000000) }}",
    "{{ '%999999999d' % 1 }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
]


@pytest.mark.parametrize("bomb", BOMBS)
def test_template_resource_bombs_end_in_bounded_time_and_memory(example_repo, tmp_path, bomb):
    _template(example_repo, "case-report", lambda n, b: b.replace(REMARKS, bomb.encode())
              if n == "word/document.xml" else b)
    proc = run_child(yzdocs_argv("--repo", example_repo, "build", "-j", "1", "-o", tmp_path / "o"))
    assert proc.returncode == 1, proc.output
    assert "templates/case-report.docx" in proc.output and "超出资源限制" in proc.output
    # unbounded, each bomb runs for hours or until memory is exhausted; bounded, for a few seconds
    assert proc.cpu_seconds < 60 and proc.peak_mb < 1024, (proc.cpu_seconds, proc.peak_mb)
    # the other documents were still built
    assert list((tmp_path / "o").rglob("答辩状报备函.docx"))


def test_include_is_refused_with_a_clear_message(example_repo):
    _template(example_repo, "case-report", lambda n, b: b.replace(REMARKS, b"{% include '/etc/passwd' %}")
              if n == "word/document.xml" else b)
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1 and "模板不能引用其他文件" in result.output
    assert "no loader" not in result.output and "TypeError" not in result.output


def test_an_encrypted_or_oddly_compressed_member_is_refused(example_repo):
    target = example_repo / "templates" / "case-report.docx"
    target.parent.mkdir()
    with zipfile.ZipFile(builtin_dir() / "case-report.docx") as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == "word/styles.xml" else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, zin.read(info), compress_type=method)
    result = run("--repo", example_repo, "templates", "check")
    assert result.exit_code == 1 and "word/styles.xml 经过加密或使用了 Word 不用的压缩方式" in result.output
    assert "Traceback" not in result.output


def test_a_report_from_an_override_renders_in_a_bounded_worker(tmp_path):
    """The district circular from a copy of the built-in template: same bytes (its three charts
    come back from the worker), produced by call_isolated."""
    from reports_repo import stats_repo

    repo = stats_repo(tmp_path / "repo")
    args = ("report", "district", "--period", "2023H1", "--number", "峄司通〔2023〕9号", "--as-of", "2023-07-15")
    builtin = tmp_path / "builtin.docx"
    assert run("--repo", repo, *args, "-o", builtin).exit_code == 0
    (repo / "templates").mkdir()
    (repo / "templates" / "district-circular.docx").write_bytes((builtin_dir() / "district-circular.docx").read_bytes())
    override = tmp_path / "override.docx"
    calls = []
    real = documents.call_isolated
    documents.call_isolated = lambda *a: calls.append(a[0]) or real(*a)
    try:
        result = run("--repo", repo, *args, "-o", override)
    finally:
        documents.call_isolated = real
    assert result.exit_code == 0, result.output
    assert calls == ["案件库模板 district-circular.docx"]
    assert override.read_bytes() == builtin.read_bytes()


def test_the_worker_bound_holds(tmp_path):
    if not hasattr(resource, "RLIMIT_AS"):
        pytest.skip("no address-space limit on this system")
    with pytest.raises(RenderError, match="超出内存上限"):
        call_isolated("案件库模板 x.docx", bytearray, 4 << 30)
    assert call_isolated("案件库模板 x.docx", len, "五个字符串") == 5
