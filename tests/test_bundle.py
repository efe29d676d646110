"""yzdocs bundle: contents, manifest hashes, UTF-8 names, determinism, --verify, PDFs, period bundles.

Expected documents are written down from the example case （2023）鲁0404行初15号
(cases/2023/鲁0404行初15号.yaml) and the kinds table: it was reported, had one
hearing, a defence, a mediation plan, is high-risk and was lost (judgment
revoked the act), so it gets all six kinds; its defendant is scjgj,
峄城区市场监督管理局.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import require
from yzdocs import __version__
from yzdocs.cli import main

CASE_NO = "（2023）鲁0404行初15号"
CASE_DOCS = [
    ("01-行政应诉案件报备表.docx", "行政应诉案件报备表", "case-report"),
    ("02-出庭应诉负责人报备表-1.docx", "出庭应诉负责人报备表（第1次开庭）", "hearing-heads"),
    ("03-答辩状报备函.docx", "答辩状报备函", "defence-report"),
    ("04-行政争议调解和解方案.docx", "行政争议调解和解方案", "mediation-plan"),
    ("05-一案一包保责任表.docx", "一案一包保责任表", "guarantee"),
    ("06-败诉案件分析报告.docx", "败诉案件分析报告", "loss-analysis"),
]
AGENCY = {"id": "scjgj", "name": "峄城区市场监督管理局"}
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def cli(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def case_zip(tmp_path_factory) -> Path:
    """The example case's bundle, made once (documents only) at the default place."""
    repo = tmp_path_factory.mktemp("bundle") / "caserepo"
    shutil.copytree(Path(__file__).parent / "caserepo", repo)
    result = cli("--repo", repo, "bundle", CASE_NO)
    assert result.exit_code == 0, result.output
    path = repo / "out" / "bundles" / "（2023）鲁0404行初15号.zip"
    assert f"已生成附件包 {path}" in result.output
    return path


def manifest_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json").decode("utf-8"))


def raw_entries(data: bytes) -> list[tuple[int, bytes, int, bytes]]:
    """(central flags, central name, local flags, local name) per entry, read from the raw bytes."""
    eocd = data.rindex(b"PK\x05\x06")
    count, _, cd_offset = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    pos, out = cd_offset, []
    for _ in range(count):
        assert data[pos:pos + 4] == b"PK\x01\x02"
        flags = struct.unpack("<H", data[pos + 8:pos + 10])[0]
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        local = struct.unpack("<I", data[pos + 42:pos + 46])[0]
        name = data[pos + 46:pos + 46 + n]
        assert data[local:local + 4] == b"PK\x03\x04"
        lflags = struct.unpack("<H", data[local + 6:local + 8])[0]
        ln = struct.unpack("<H", data[local + 26:local + 28])[0]
        out.append((flags, name, lflags, data[local + 30:local + 30 + ln]))
        pos += 46 + n + m + k
    return out


# ----------------------------------------------------------------------------- a case

def test_case_bundle_holds_the_documents_manifest_and_list(case_zip):
    with zipfile.ZipFile(case_zip) as zf:
        names = zf.namelist()
    assert names == sorted([n for n, _, _ in CASE_DOCS] + ["manifest.json", "附件清单.txt"])
    manifest = manifest_of(case_zip)
    assert manifest["format"] == "yzdocs-bundle/1"
    assert manifest["bundle"] == {"type": "case", "case_no": CASE_NO, "agency": AGENCY,
                                  "case_file": "cases/2023/鲁0404行初15号.yaml"}
    assert manifest["created_from"] == {"as_of": None, "source_date_epoch": None}
    assert [(e["file"], e["title"], e["kind"]) for e in manifest["files"]] == CASE_DOCS
    for entry in manifest["files"]:
        assert entry["case_no"] == CASE_NO
        assert entry["agency"] == AGENCY
        assert entry["tool_version"] == __version__
        assert entry["format"] == "docx"


def test_manifest_hashes_match_the_bytes_and_the_build(case_zip):
    manifest = manifest_of(case_zip)
    build = json.loads((case_zip.parent.parent / ".yzdocs-manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(case_zip) as zf:
        for entry in manifest["files"] + [manifest["attachment_list"]]:
            data = zf.read(entry["file"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data) == entry["size"]
    # source inputs: the build manifest's input hash of the document's (case file, kind) group
    for entry in manifest["files"]:
        group = build["groups"][f"cases/2023/鲁0404行初15号.yaml|{entry['kind']}"]
        assert entry["inputs"] == group["inputs"]
        rel = group["outputs"][0]
        assert build["files"][rel]["sha256"] == entry["sha256"]


def test_every_entry_has_the_utf8_flag_in_local_and_central_headers(case_zip):
    entries = raw_entries(case_zip.read_bytes())
    assert len(entries) == len(CASE_DOCS) + 2
    for cflags, cname, lflags, lname in entries:
        assert cflags & 0x800, cname
        assert lflags & 0x800, lname
        assert cname == lname
        cname.decode("utf-8")  # the stored bytes are UTF-8
    assert "01-行政应诉案件报备表.docx".encode("utf-8") in [e[1] for e in entries]


def test_names_are_short_unique_and_valid_on_windows(case_zip):
    with zipfile.ZipFile(case_zip) as zf:
        names = zf.namelist()
    assert len(set(n.lower() for n in names)) == len(names)
    for name in names:
        assert len(name) <= 60
        assert "/" not in name and not WINDOWS_FORBIDDEN.search(name)
        assert not name.endswith((".", " "))
        assert name.split(".")[0].upper() not in WINDOWS_RESERVED


def test_attachment_list_opens_in_notepad(case_zip):
    with zipfile.ZipFile(case_zip) as zf:
        raw = zf.read("附件清单.txt")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    assert text.startswith("附件清单\r\n")
    assert f"案号：{CASE_NO}" in text and "被告：峄城区市场监督管理局" in text
    for name, title, _ in CASE_DOCS:
        assert name in text and title in text
    assert "共 6 个文件" in text


def test_same_inputs_give_the_same_bytes(example_repo, tmp_path):
    first = cli("--repo", example_repo, "bundle", CASE_NO, "-o", tmp_path / "a.zip")
    again = cli("--repo", example_repo, "bundle", "(2023)鲁0404行初15号", "-o", tmp_path / "b.zip")  # half-width
    other = tmp_path / "copy"
    shutil.copytree(example_repo, other)
    shutil.rmtree(other / "out")
    elsewhere = cli("--repo", other, "bundle", CASE_NO, "-o", tmp_path / "c.zip")
    for result in (first, again, elsewhere):
        assert result.exit_code == 0, result.output
    data = (tmp_path / "a.zip").read_bytes()
    assert data == (tmp_path / "b.zip").read_bytes() == (tmp_path / "c.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr for i in zf.infolist()} == {0o100644 << 16}


def test_source_date_epoch_sets_the_entry_times(example_repo, tmp_path):
    epoch = "1689897600"  # 2023-07-21 00:00:00 UTC
    result = cli("--repo", example_repo, "bundle", CASE_NO, "-o", tmp_path / "e.zip", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "e.zip") as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 7, 21, 0, 0, 0)}
    assert manifest_of(tmp_path / "e.zip")["created_from"]["source_date_epoch"] == epoch


def test_kind_selects_documents(example_repo, tmp_path):
    result = cli("--repo", example_repo, "bundle", CASE_NO, "--kind", "case-report", "--kind", "guarantee",
                 "-o", tmp_path / "k.zip")
    assert result.exit_code == 0, result.output
    assert [e["file"] for e in manifest_of(tmp_path / "k.zip")["files"]] == [
        "01-行政应诉案件报备表.docx", "02-一案一包保责任表.docx"]


def test_unknown_case_number_is_exit_2(example_repo):
    result = cli("--repo", example_repo, "bundle", "（2023）鲁0404行初99号")
    assert result.exit_code == 2
    assert "案件库中没有案号为 （2023）鲁0404行初99号 的案件文件" in result.output
    bad = cli("--repo", example_repo, "bundle", "十五号")
    assert bad.exit_code == 2
    assert "不是有效的案号" in bad.output
    assert "Traceback" not in result.output + bad.output


def test_case_with_schema_errors_is_exit_1(example_repo):
    path = example_repo / "cases" / "2023" / "鲁0404行初22号.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^risk: \w+", "risk: extreme", text, flags=re.M), encoding="utf-8")
    result = cli("--repo", example_repo, "bundle", "（2023）鲁0404行初22号")
    assert result.exit_code == 1, result.output
    assert "cases/2023/鲁0404行初22号.yaml 有错误，无法打包" in result.output
    assert not (example_repo / "out" / "bundles" / "（2023）鲁0404行初22号.zip").exists()


def test_one_of_case_period_or_verify(example_repo):
    assert cli("--repo", example_repo, "bundle").exit_code == 2
    assert cli("--repo", example_repo, "bundle", CASE_NO, "--period", "2023H1").exit_code == 2


# ----------------------------------------------------------------------------- --verify

def rewrite(source: Path, target: Path, change: dict[str, bytes] | None = None, add: dict | None = None) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (change or {}).get(info.filename, src.read(info)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)


def test_verify_ok(case_zip):
    result = cli("bundle", "--verify", case_zip)
    assert result.exit_code == 0, result.output
    assert "校验通过" in result.output and "7 个文件与清单一致" in result.output


def test_verify_finds_a_rewritten_member(case_zip, tmp_path):
    with zipfile.ZipFile(case_zip) as zf:
        original = zf.read("03-答辩状报备函.docx")
    tampered = tmp_path / "改动.zip"
    rewrite(case_zip, tampered, change={"03-答辩状报备函.docx": original + b"\0"},
            add={"说明.txt": "后加的文件".encode("utf-8")})
    result = cli("bundle", "--verify", tampered)
    assert result.exit_code == 1
    assert "校验不通过" in result.output
    assert "内容与清单不符（已被改动）：03-答辩状报备函.docx" in result.output
    assert "清单中没有的文件：说明.txt" in result.output
    assert "01-行政应诉案件报备表.docx" not in result.output


def test_verify_finds_a_missing_member(case_zip, tmp_path):
    with zipfile.ZipFile(case_zip) as src, zipfile.ZipFile(tmp_path / "少.zip", "w") as dst:
        for info in src.infolist():
            if info.filename != "05-一案一包保责任表.docx":
                dst.writestr(info.filename, src.read(info))
    result = cli("bundle", "--verify", tmp_path / "少.zip")
    assert result.exit_code == 1
    assert "缺少文件：05-一案一包保责任表.docx" in result.output


def test_verify_of_something_else_is_exit_2(tmp_path):
    (tmp_path / "a.zip").write_bytes(b"not a zip")
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as zf:
        zf.writestr("x.docx", b"x")
    for name, message in (("a.zip", "不是 zip 附件包"), ("b.zip", "中没有 manifest.json"), ("c.zip", "找不到文件")):
        result = cli("bundle", "--verify", tmp_path / name)
        assert result.exit_code == 2, name
        assert message in result.output
        assert "Traceback" not in result.output


# ----------------------------------------------------------------------------- PDFs

def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)  # pdftotext spaces CJK and digit runs and wraps table cells


def test_pdf_bundle_has_readable_pdfs(example_repo, tmp_path):
    for tool in ("soffice", "pdftotext"):
        require(tool)
    result = cli("--repo", example_repo, "bundle", CASE_NO, "--pdf")
    assert result.exit_code == 0, result.output
    path = example_repo / "out" / "bundles" / "（2023）鲁0404行初15号.zip"
    manifest = manifest_of(path)
    pdfs = [e for e in manifest["files"] if e["format"] == "pdf"]
    assert [e["file"] for e in pdfs] == [n.replace(".docx", ".pdf") for n, _, _ in CASE_DOCS]
    assert [e["title"] for e in pdfs] == [t for _, t, _ in CASE_DOCS]
    with zipfile.ZipFile(path) as zf:
        for entry in pdfs:
            data = zf.read(entry["file"])
            assert data.startswith(b"%PDF-")
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert CASE_NO in pdf_text(data, tmp_path), entry["file"]
    assert cli("bundle", "--verify", path).exit_code == 0
    again = cli("--repo", example_repo, "bundle", CASE_NO, "--pdf", "-o", tmp_path / "again.zip")
    assert again.exit_code == 0
    assert (tmp_path / "again.zip").read_bytes() == path.read_bytes()


def test_build_pdf_converts_the_current_documents(example_repo):
    for tool in ("soffice", "pdftotext"):
        require(tool)
    result = cli("--repo", example_repo, "build", "--kind", "case-report", "--pdf")
    assert result.exit_code == 0, result.output
    assert "PDF：转换 2 个，未变 0 个，失败 0 个" in result.output
    for stem in ("鲁0404行初15号", "鲁0404行初22号"):
        assert (example_repo / "out" / "2023" / stem / "行政应诉案件报备表.pdf").read_bytes().startswith(b"%PDF-")
    again = cli("--repo", example_repo, "build", "--kind", "case-report", "--pdf")
    assert "PDF：转换 0 个，未变 2 个" in again.output


def test_build_pdf_without_libreoffice_is_exit_2(example_repo, tmp_path):
    result = cli("--repo", example_repo, "build", "--kind", "case-report", "--pdf",
                 env={"PATH": str(tmp_path / "empty-bin")})
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output
    assert "Traceback" not in result.output
    bundled = cli("--repo", example_repo, "bundle", CASE_NO, "--pdf", env={"PATH": str(tmp_path / "empty-bin")})
    assert bundled.exit_code == 2
    assert "未找到 LibreOffice" in bundled.output


def test_pdf_command_defaults_to_the_repository_output_folder(example_repo, tmp_path, monkeypatch):
    from yzdocs.cli.pdf import default_output_dir
    from yzdocs.repo import load_settings

    settings = example_repo / "yzdocs.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("output: out ", "output: 公文 "), encoding="utf-8")
    assert load_settings(example_repo)["output"] == "公文"
    assert load_settings(example_repo)["justice_bureau"] == "峄城区司法局"
    assert default_output_dir(str(example_repo)) == (example_repo / "公文").resolve()
    monkeypatch.chdir(example_repo / "cases")
    assert default_output_dir(None) == (example_repo / "公文").resolve()
    monkeypatch.chdir(tmp_path)
    assert default_output_dir(None) == tmp_path / "out"  # outside any repository: ./out as before


# ----------------------------------------------------------------------------- a period

def test_period_bundle_holds_the_reports(example_repo):
    result = cli("--repo", example_repo, "bundle", "--period", "2023H1", "--as-of", "2023-07-10")
    assert result.exit_code == 0, result.output
    path = example_repo / "out" / "bundles" / "2023H1.zip"
    manifest = manifest_of(path)
    assert manifest["bundle"] == {"type": "period", "period": "2023H1", "label": "2023年上半年"}
    assert manifest["created_from"]["as_of"] == "2023-07-10"
    assert [(e["file"], e["kind"], e["agency"]) for e in manifest["files"]] == [
        ("01-2023年上半年全区行政应诉工作情况通报.docx", "district-circular", None),
        ("02-峄城区市场监督管理局2023年上半年行政应诉案件统计分析报告.docx", "agency-report", AGENCY),
        ("03-峄城区坛山街道办事处2023年上半年行政应诉案件统计分析报告.docx", "agency-report",
         {"id": "tanshan", "name": "峄城区坛山街道办事处"}),
        ("04-2023年上半年行政应诉案件统计.xlsx", "stats", None),
    ]
    with zipfile.ZipFile(path) as zf:
        for entry in manifest["files"]:
            data = zf.read(entry["file"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            # the same documents are left in out/reports/, as `yzdocs report` writes them
            assert (example_repo / "out" / "reports" / entry["file"][3:]).read_bytes() == data
    assert all(flags & 0x800 for flags, _, _, _ in raw_entries(path.read_bytes()))
    again = cli("--repo", example_repo, "bundle", "--period", "2023H1", "--as-of", "2023-07-10",
                "-o", example_repo / "again.zip")
    assert again.exit_code == 0
    assert (example_repo / "again.zip").read_bytes() == path.read_bytes()
    assert cli("bundle", "--verify", path).exit_code == 0


def test_period_bundle_includes_an_uncirculated_special_circular(example_repo):
    # Without the recorded circular 2023-1, the violations it named are circulated again.
    (example_repo / "circulars" / "2023-1.yaml").unlink()
    result = cli("--repo", example_repo, "bundle", "--period", "2023H1", "--as-of", "2023-07-10")
    assert result.exit_code == 0, result.output
    kinds = [e["kind"] for e in manifest_of(example_repo / "out" / "bundles" / "2023H1.zip")["files"]]
    assert kinds.count("special-circular") == 1


def test_bad_period_is_exit_2(example_repo):
    result = cli("--repo", example_repo, "bundle", "--period", "2023Q3")
    assert result.exit_code == 2
    assert "期间“2023Q3”格式不正确" in result.output
