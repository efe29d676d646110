"""`yzdocs import court-list`: new cases, hearing dates added without touching anything else."""

from __future__ import annotations

import difflib

import pytest

from conftest import run, run_json

HEADER = "案号,原告,被告,案由,立案日期,开庭日期\n"
KNOWN = "cases/2023/鲁0404行初15号.yaml"
NEW = "cases/2023/鲁0404行初40号.yaml"


def _schema_findings(repo):
    _, report = run_json("--repo", repo, "check", "--as-of", "2023-07-01")
    return [f for f in report["findings"] if f["rule"] in ("yaml", "schema")]


def _snapshot(repo):
    return {p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted((repo / "cases").rglob("*.yaml"))}


def _write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


LIST = (HEADER
        + "（2023）鲁0404行初15号,张某某,峄城区市场监督管理局,行政处罚,2023-03-10,2023-04-18；2023-05-20\n"
        + "(2023)鲁0404行初40号,李某、王某,峄城区市场监督管理局,行政许可,2023/6/1,2023年7月5日\n")


def test_dry_run_writes_nothing(example_repo, tmp_path):
    before = _snapshot(example_repo)
    result = run("--repo", example_repo, "import", "court-list", _write_csv(tmp_path / "l.csv", LIST))
    assert result.exit_code == 0, result.output
    assert "将新建 1 个案件文件" in result.output and NEW in result.output
    assert "2023-05-20" in result.output and "--apply 时添加" in result.output
    assert "没有写入任何文件" in result.output
    assert _snapshot(example_repo) == before


def test_apply_adds_only_the_hearing_lines_and_creates_case(example_repo, tmp_path):
    original = (example_repo / KNOWN).read_text("utf-8")
    result = run("--repo", example_repo, "import", "court-list", _write_csv(tmp_path / "l.csv", LIST), "--apply")
    assert result.exit_code == 0, result.output
    edited = (example_repo / KNOWN).read_text("utf-8")
    diff = [ln for ln in difflib.ndiff(original.splitlines(), edited.splitlines()) if ln[:2] in ("+ ", "- ")]
    assert diff == ["+   - date: 2023-05-20"]  # every comment and line staff wrote survives byte for byte
    created = (example_repo / NEW).read_text("utf-8")
    assert "defendant: scjgj" in created and "cause: 行政许可" in created
    assert "received_on: 2023-06-01" in created and "暂按法院立案日期填写" in created
    assert "  - name: 李某" in created and "  - name: 王某" in created
    assert "hearings:" in created and "  - date: 2023-07-05" in created
    assert _schema_findings(example_repo) == []
    # a second --apply changes nothing
    after_first = _snapshot(example_repo)
    again = run("--repo", example_repo, "import", "court-list", tmp_path / "l.csv", "--apply")
    assert again.exit_code == 0, again.output
    assert "清单与案件库一致" in again.output
    assert _snapshot(example_repo) == after_first


def test_gbk_csv_with_title_row_and_alias(example_repo, tmp_path):
    agencies = example_repo / "agencies.yaml"
    agencies.write_text(agencies.read_text("utf-8").replace(
        "    deputy_title: 副主任\n", "    deputy_title: 副主任\n    aliases: [坛山街道]\n"), "utf-8")
    text = ("峄城区人民法院行政案件清单（2023年）\n" + HEADER
            + "（2023）鲁0404行初41号,孙某,坛山街道,行政强制,2023-08-01,\n")
    path = _write_csv(tmp_path / "gbk.csv", text, "gbk")
    result = run("--repo", example_repo, "import", "court-list", path, "--apply")
    assert result.exit_code == 0, result.output
    created = (example_repo / "cases/2023/鲁0404行初41号.yaml").read_text("utf-8")
    assert "defendant: tanshan" in created and "  - name: 孙某" in created
    assert _schema_findings(example_repo) == []


def test_utf8_bom_csv(empty_repo, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "（2023）鲁0404行初7号,周某,scjgj,行政处罚,2023-02-01,\n").encode("utf-8"))
    result = run("--repo", empty_repo, "import", "court-list", path, "--apply")
    assert result.exit_code == 0, result.output
    assert (empty_repo / "cases/2023/鲁0404行初7号.yaml").is_file()


def test_xlsx_built_with_openpyxl(example_repo, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["峄城区人民法院 行政案件信息共享清单"])
    ws.append(["序号", "案号", "原告", "被告", "案由", "立案日期", "开庭日期"])
    ws.append([1, "（2023）鲁0404行初22号", "峄城区某建材有限公司", "峄城区坛山街道办事处", "政府信息公开",
               datetime(2023, 5, 1), datetime(2023, 6, 27, 9, 30)])
    ws.append([2, "（2023）鲁0404行初50号", "吴某", "峄城区市场监督管理局", "行政处罚", datetime(2023, 9, 27), None])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    result = run("--repo", example_repo, "import", "court-list", path, "--apply")
    assert result.exit_code == 0, result.output
    assert "cases/2023/鲁0404行初50号.yaml" in result.output
    assert "（2023）鲁0404行初22号  开庭日期" not in result.output  # 2023-06-27 is already in the file
    assert _schema_findings(example_repo) == []


def test_unknown_defendants_and_malformed_numbers_reported_nothing_wrong_written(example_repo, tmp_path):
    before = _snapshot(example_repo)
    text = (HEADER
            + "2023鲁0404行初41号,赵某,峄城区市场监督管理局,行政许可,2023-06-01,\n"
            + "（2023）鲁0404行初42号,钱某,某某局,行政强制,2023-06-02,\n"
            + "../../etc/passwd,钱某,峄城区市场监督管理局,行政强制,2023-06-02,\n"
            + "（2023）鲁0404行初22号,峄城区某建材有限公司,峄城区市场监督管理局,行政许可,2023-05-01,\n")
    path = _write_csv(tmp_path / "bad.csv", text)
    result = run("--repo", example_repo, "import", "court-list", path, "--apply")
    assert result.exit_code == 1
    assert "第 2 行  “2023鲁0404行初41号”不是有效的案号：年份要加圆括号（）。请写：（2023）鲁0404行初41号。未导入该行。" \
        in result.output
    assert "第 3 行  （2023）鲁0404行初42号：被告“某某局”未在 agencies.yaml 中登记" in result.output
    assert "第 4 行  “../../etc/passwd”不是有效的案号。" in result.output
    # a known case with a different defendant and cause: reported for a person to check, not changed
    assert "被告" in result.output and "请人工核对" in result.output and "行政许可" in result.output
    assert _snapshot(example_repo) == before
    assert not (tmp_path / "etc").exists()


def test_columns_configured_in_settings(empty_repo, tmp_path):
    settings = empty_repo / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8") + "court_list: {case_no: 案件编号, defendant: [被诉单位]}\n", "utf-8")
    path = _write_csv(tmp_path / "c.csv", "案件编号,被诉单位,立案日期\n（2023）鲁0404行初8号,scjgj,2023-04-03\n")
    result = run("--repo", empty_repo, "import", "court-list", path)
    assert result.exit_code == 0, result.output
    assert "cases/2023/鲁0404行初8号.yaml" in result.output


def test_missing_case_number_column_is_explained(empty_repo, tmp_path):
    path = _write_csv(tmp_path / "c.csv", "编号,被告\n1,scjgj\n")
    result = run("--repo", empty_repo, "import", "court-list", path)
    assert result.exit_code == 2 and "找不到“案号”列" in result.output


@pytest.mark.parametrize("name", ["list.xls", "list.pdf"])
def test_unsupported_file_type(empty_repo, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"x")
    result = run("--repo", empty_repo, "import", "court-list", path)
    assert result.exit_code == 2 and "不支持的文件类型" in result.output


def test_crlf_and_bom_case_file_keeps_its_bytes(empty_repo, tmp_path):
    target = empty_repo / "cases/2023/鲁0404行初99号.yaml"
    target.parent.mkdir(parents=True)
    original = ("\ufeff# 记事本保存\r\ncase_no: '（2023）鲁0404行初99号'   # 案号\r\ndefendant: scjgj\r\n"
                "received_on: 2023-03-13\r\nhearings:\r\n  - date: 2023-04-18   # 第一次\r\n").encode("utf-8")
    target.write_bytes(original)
    path = _write_csv(tmp_path / "l.csv", HEADER + "（2023）鲁0404行初99号,,峄城区市场监督管理局,,,2023-05-09\n")
    result = run("--repo", empty_repo, "import", "court-list", path, "--apply")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == original + "  - date: 2023-05-09\r\n".encode("utf-8")
