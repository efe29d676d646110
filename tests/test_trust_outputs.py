"""The repository is untrusted: what its text may do to the programs that read our outputs (issue 12).

Each test builds the hostile input, runs the command, and checks the outcome:
formulas in the workbook, a huge number, newlines and control characters in
CI output, full-width digits in case numbers.
"""

from __future__ import annotations

import re
import zipfile
from xml.dom import minidom

from openpyxl import load_workbook

from conftest import run
from reports_repo import new_repo, write_case

HOSTILE = '"（2023）鲁0404行初98号\\n::error file=README.md::pwned\\u001b[31m\\u0007\\u2028::stop-commands::x"'


def _repo(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "reported_on: 2023-03-03\n")
    return root


def test_data_never_becomes_a_formula_in_the_workbook(tmp_path):
    root = _repo(tmp_path)
    agencies = root / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    name = re.search(r"name: (.+)", text).group(1)
    agencies.write_text(text.replace(f"name: {name}", 'name: \'=HYPERLINK("http://127.0.0.1:9/"&B2,"点此")\'', 1),
                        encoding="utf-8")
    write_case(root, 2, "reported_on: 2023-03-03\n", agency="scjgj").write_text(
        (root / "cases" / "2023" / "鲁0404行初2号.yaml").read_text(encoding="utf-8")
        .replace("cause: 行政处罚", "cause: '+cmd|'' /C calc''!A0'").replace("原告2", "'@SUM(1+1)'"), encoding="utf-8")
    out = tmp_path / "s.xlsx"
    result = run("--repo", root, "report", "stats", "--period", "2023", "--format", "xlsx", "-o", out,
                 "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    cells = [c for ws in load_workbook(out) for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(isinstance(c.value, str) and c.value.startswith("=HYPERLINK") for c in cells)  # kept, as text


def test_one_huge_number_is_a_finding_and_the_rest_is_checked(tmp_path):
    root = _repo(tmp_path)
    write_case(root, 2, "reported_on: 2023-03-03\nremarks: " + "9" * 5000 + "\n")
    write_case(root, 3, "reported_on: 2023-03-09\n")  # reported late: R01 must still be found
    for fmt in ("text", "junit"):
        result = run("--repo", root, "check", "--as-of", "2023-12-31", "--format", fmt)
        assert result.exit_code == 1, result.output
        assert "有 5,000 位，超出可处理的范围" in result.output and "R01" in result.output
        assert "Exceeds the limit" not in result.output
    built = run("--repo", root, "build", "-o", tmp_path / "out", "-j", "1")
    assert built.exit_code == 1 and "超出可处理的范围" in built.output
    assert (tmp_path / "out" / "2023" / "鲁0404行初3号" / "行政应诉案件报备表.docx").exists()


def test_ci_outputs_escape_newlines_and_control_characters(tmp_path):
    root = _repo(tmp_path)
    path = write_case(root, 98, "reported_on: 2023-03-03\n")
    path.write_text(re.sub(r"^case_no: .*$", lambda m: f"case_no: {HOSTILE}", path.read_text(encoding="utf-8"),
                           flags=re.M), encoding="utf-8")
    text = run("--repo", root, "check", "--as-of", "2023-12-31").output
    github = run("--repo", root, "check", "--as-of", "2023-12-31", "--format", "github").output
    for output in (text, github):
        lines = output.splitlines()
        # no line a runner would read as a command other than our own annotations
        assert not [line for line in lines if "pwned" in line and not line.startswith(("::error file=cases/", "cases/"))]
        assert not [line for line in lines if line.startswith("::stop-commands")]
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028]", output)
    assert "\\x1b[31m\\x07" in text and "\\n::error file=README.md::pwned" in text  # shown, not dropped
    junit = tmp_path / "j.xml"
    run("--repo", root, "check", "--as-of", "2023-12-31", "--format", "junit", "-o", junit)
    document = minidom.parse(str(junit))  # well-formed XML 1.0
    assert "pwned" in document.toxml()


def test_full_width_digits_in_a_case_number_are_the_same_case(tmp_path):
    root = _repo(tmp_path)
    twin = write_case(root, 5, "reported_on: 2023-03-03\n")
    twin.write_text(twin.read_text(encoding="utf-8").replace("（2023）鲁0404行初5号", "（2023）鲁０４０４行初1号"),
                    encoding="utf-8")
    result = run("--repo", root, "check", "--as-of", "2023-12-31")
    assert "案号“（2023）鲁０４０４行初1号”中有全角数字（中文输入法），请改为半角：（2023）鲁0404行初1号。" in result.output
    assert "重复" in result.output  # the same case as 鲁0404行初1号


def test_terminal_outputs_escape_control_characters_from_case_text(tmp_path):
    root = _repo(tmp_path)
    path = write_case(root, 7, "reported_on: 2023-03-03\n")
    path.write_text(path.read_text(encoding="utf-8").replace("cause: 行政处罚", 'cause: "行政处罚\\e[31m红\\a\\u2028x"')
                    .replace("defence: 王强", 'defence: "王\\e]0;pwned\\a五"')
                    .replace("原告7", '"原告\\e[2J七"'), encoding="utf-8")
    outputs = [run("--repo", root, *args) for args in (
        ["show", "（2023）鲁0404行初7号", "--as-of", "2023-12-31"],
        ["agenda", "--as-of", "2023-03-02"],
        ["build", "-o", tmp_path / "out", "-j", "1"],
        ["report", "stats", "--period", "2023", "--as-of", "2023-12-31"],
    )]
    for result in outputs:
        assert "Traceback" not in result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]", result.output), result.output
    assert "行政处罚\\x1b[31m红\\x07\\u2028x" in outputs[0].output  # shown escaped, not dropped
    assert "王\\x1b]0;pwned\\x07五" in outputs[1].output
