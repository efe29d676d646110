"""Small inputs that ask for huge work, and inputs in the wrong encoding (issue 12, items 5, 12, 13)."""

from __future__ import annotations

import zipfile

from childrun import ChildRun, run_child, yzdocs_argv
from conftest import run
from reports_repo import new_repo, write_case

HEARING = """\
hearings:
  - &h
    date: 2023-04-20
    heads_reported_on: 2023-04-14
    heads: [{name: 刘建国, title: 局长, role: principal, spoke: true}]
    absence_reason: 无
"""


def _measure(args) -> tuple[ChildRun, float, float]:
    """Run the CLI in a child process: (result, its CPU seconds, its own peak RSS in MB). Unbounded work
    would take minutes and gigabytes; the bounds below are several times what the work costs."""
    proc = run_child(yzdocs_argv(*args))
    return proc, proc.cpu_seconds, proc.peak_mb


def test_hearings_written_as_1500_aliases_are_one_finding_in_bounded_work(tmp_path):
    root = new_repo(tmp_path / "repo")
    path = write_case(root, 1, "reported_on: 2023-03-03\n" + HEARING + "  - *h\n" * 1500)
    assert path.stat().st_size < 20_000
    check, seconds, _ = _measure(["--repo", root, "check", "--as-of", "2023-12-31"])
    assert "“开庭”（hearings）过长：1,501 项，上限 100 项" in check.stdout, check.stdout
    assert seconds < 20
    build, seconds, peak = _measure(["--repo", root, "build", "-j", "1", "-o", tmp_path / "out"])
    assert build.returncode == 1 and "过长" in build.stdout + build.stderr
    assert seconds < 20 and peak < 500, (seconds, peak)


def test_a_pasted_novel_in_a_name_is_a_finding(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "reported_on: 2023-03-03\n").write_text(
        (root / "cases" / "2023" / "鲁0404行初1号.yaml").read_text(encoding="utf-8").replace("原告1", "原" * 600),
        encoding="utf-8")
    result = run("--repo", root, "check", "--as-of", "2023-12-31")
    assert "“姓名或名称”（plaintiffs[0].name）过长：600 个字符，上限 500 个字符" in result.output
    assert "原" * 100 not in result.output  # the value itself is not echoed


def test_the_size_bound_holds_on_every_path(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "reported_on: 2023-03-03\n")
    big = write_case(root, 2, "reported_on: 2023-03-03\nremarks: |\n")
    with open(big, "a", encoding="utf-8") as fh:
        line = "  " + "很长的备注" * 20 + "\n"
        for _ in range(200_000):  # ~ 60 MB
            fh.write(line)
    for args in (["check", big], ["check"], ["build", "-j", "1", "-o", tmp_path / "out"], ["bundle", "（2023）鲁0404行初1号"],
                 ["bundle", "--period", "2023", "--as-of", "2023-12-31"]):
        proc, seconds, peak = _measure(["--repo", root, *args])
        out = proc.stdout + proc.stderr
        assert proc.returncode in (0, 1), (args, out)
        assert "Traceback" not in out and ("文件过大" in out or args[0] == "bundle"), (args, out)
        assert peak < 400, (args, peak)


def test_csv_with_bom_and_one_gbk_row_names_the_row(tmp_path):
    root = new_repo(tmp_path / "repo")
    rows = ["案号,原告,被告,案由,立案日期,开庭日期", "（2023）鲁0404行初7号,张三,峄城区市场监督管理局,行政处罚,2023-03-01,2023-04-20"]
    data = b"\xef\xbb\xbf" + "\n".join(rows).encode("utf-8") + "\n（2023）鲁0404行初8号,李四,峄城区市场监督管理局,行政处罚,2023-03-02,\n".encode("gbk")
    (tmp_path / "list.csv").write_bytes(data)
    result = run("--repo", root, "import", "court-list", tmp_path / "list.csv")
    assert result.exit_code == 2 and "第 3 行不是" in result.output and "Traceback" not in result.output


def test_xlsx_declaring_a_cell_at_xfd1048576_is_read_in_bounded_memory(tmp_path):
    from openpyxl import Workbook

    root = new_repo(tmp_path / "repo")
    wb = Workbook()
    wb.active.append(["案号", "原告", "被告", "案由", "立案日期", "开庭日期"])
    wb.active.append(["（2023）鲁0404行初7号", "张三", "峄城区市场监督管理局", "行政处罚", "2023-03-01", "2023-04-20"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    hostile = tmp_path / "list.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                blob = blob.replace(b'<dimension ref="A1:F2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in blob
            zout.writestr(info.filename, blob)
    assert hostile.stat().st_size < 10_000
    proc, seconds, peak = _measure(["--repo", root, "import", "court-list", hostile])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "（2023）鲁0404行初7号" in proc.stdout
    assert seconds < 30 and peak < 400, (seconds, peak)
