"""The everyday path (issue 24): as-of means as of that day, agencies by name, `list`, drafts, init, slips.

Expected rows are read off the sample's case files by hand (the comments say which lines).
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date

from conftest import PROJECT, copy_sample, run
from yzdocs.rules.asof import known_on


def sample(*args):
    return run("--repo", PROJECT, *args)


# --- as of that day -------------------------------------------------------------------------------------

CASE = {
    "case_no": "（2025）鲁0404行初1号", "received_on": date(2025, 3, 1), "reported_on": date(2025, 3, 3),
    "defence": {"submitted_on": date(2025, 3, 10), "reported_on": date(2025, 3, 20)},
    "mediation": {"plan_on": date(2025, 4, 1), "plan": "协调"},
    "hearings": [{"date": date(2025, 4, 20), "heads_reported_on": date(2025, 4, 14), "heads": [{"name": "甲"}]}],
    "judgment": {"received_on": date(2025, 5, 6), "result": "revoked", "appeal": {"by": "agency",
                                                                                  "filed_on": date(2025, 5, 18)}},
    "judicial_suggestions": [{"received_on": date(2025, 2, 1)}, {"received_on": date(2025, 6, 1)}],
}


def test_a_case_before_it_was_received_does_not_exist():
    assert known_on(CASE, date(2025, 2, 28)) is None
    assert known_on(CASE, date(2025, 3, 1))["case_no"] == CASE["case_no"]


def test_what_happened_later_has_not_happened():
    seen = known_on(CASE, date(2025, 3, 15))
    assert seen["defence"] == {"submitted_on": date(2025, 3, 10)}  # reported on 3-20: not yet
    assert "mediation" not in seen  # the plan of 4-1, text and all
    assert "judgment" not in seen
    # the hearing is scheduled: its date stays, the heads' list reported on 4-14 does not
    assert seen["hearings"] == [{"date": date(2025, 4, 20), "heads": [{"name": "甲"}]}]
    assert seen["judicial_suggestions"] == [{"received_on": date(2025, 2, 1)}]


def test_a_judgment_received_but_not_yet_appealed():
    seen = known_on(CASE, date(2025, 5, 10))
    assert seen["judgment"] == {"received_on": date(2025, 5, 6), "result": "revoked"}
    assert known_on(CASE, date(2025, 12, 31)) == CASE  # everything had happened: nothing removed


def test_site_overview_counts_nothing_after_as_of(tmp_path):
    result = sample("site", "--as-of", "2025-07-03", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    text = re.sub(r"<[^>]+>|\s+", "", (tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    # no sample case was received, and no judgment served, from 1 to 3 July 2025
    assert "2025年下半年新收案件0件、审结0件" in text
    # the cases received from 29 September on are not on the site at all
    assert not (tmp_path / "site" / "cases" / "2025" / "鲁0404行初63号.html").exists()


def test_stats_as_of_count_only_what_had_happened():
    result = sample("report", "stats", "--period", "2025", "--as-of", "2025-02-20", "--format", "json")
    district = json.loads(result.output)["district"]
    # received in 2025 up to 02-20: 01-13, 01-20 (鲁04行终156号) and 02-17 — not those of 03-10 and later;
    # first-instance judgments received in 2025 up to 02-20: 行初70号 (01-13) and 行初78号 (02-17), both
    # dismissed; 行终156号's (01-20) is an appeal, counted apart; none of the later ones
    assert district["new_cases"] == 3
    assert district["concluded"] == 2 and district["losses"] == 0
    assert district["appeals"]["concluded"] == 1


def test_a_hearing_after_as_of_is_upcoming_not_held():
    result = sample("show", "（2025）鲁0404行初66号", "--as-of", "2025-12-15")
    assert "第1次开庭（定于该日）" in result.output and "无负责人出庭" not in result.output
    assert re.search(r"2026-01-08  ◆ \[未到期\] R05", result.output)
    planned = sample("show", "（2025）鲁0404行初63号", "--as-of", "2025-11-28").output
    assert "第1次开庭（定于该日；拟出庭负责人：" in planned
    held = sample("show", "（2025）鲁0404行初63号", "--as-of", "2025-12-04").output
    assert "第1次开庭（出庭负责人：" in held


# --- agencies by name, one --as-of parser ---------------------------------------------------------------

def test_agenda_agency_by_id_full_name_short_name_or_alias():
    outputs = {sample("agenda", "--as-of", "２０２５－１２－１５", "--agency", name, "--format", "json").output
               for name in ("scjgj", "峄城区市场监督管理局", "市场监督管理局", "区市场监管局")}
    assert len(outputs) == 1
    assert {i["agency"] for i in json.loads(outputs.pop())["items"]} == {"scjgj"}


def test_agenda_agency_part_of_a_name_gets_a_suggestion():
    result = sample("agenda", "--agency", "坛山")
    assert result.exit_code == 2
    assert "agencies.yaml 中没有“坛山”这个单位。是否应为“tanshan”（峄城区坛山街道办事处）？" in result.output


def test_agenda_ics_says_what_it_wrote(tmp_path):
    result = sample("agenda", "--as-of", "2025-12-15", "--agency", "zhzfj", "--ics", tmp_path / "a.ics")
    assert f"已写入日历文件 {tmp_path / 'a.ics'}（4 项待办）" in result.output  # the four rows of test_agenda_json
    assert (tmp_path / "a.ics").read_bytes().count(b"BEGIN:VEVENT") == 4


# --- yzdocs list ------------------------------------------------------------------------------------------

def rows(*args):
    result = sample("list", "--agency", "市场监督管理局", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [(c["case_no"], c["status"]) for c in json.loads(result.output)["cases"]]


def test_list_by_agency_as_of_a_day():
    # scjgj's cases: 行初3号, 60号 (2023), 19号, 78号 (2024), 63号 (received 2025-10-13: not yet on 2025-02-10);
    # 78号's judgment was received 2025-02-17, after the day: still open then
    assert rows("--as-of", "2025-02-10") == [
        ("（2024）鲁0404行初78号", "审理中"),
        ("（2024）鲁0404行初19号", "已审结（撤销）"),
        ("（2023）鲁0404行初60号", "已审结（部分撤销）"),
        ("（2023）鲁0404行初3号", "已审结（驳回诉讼请求）"),
    ]
    assert rows("--as-of", "2025-02-10", "--status", "open") == [("（2024）鲁0404行初78号", "审理中")]
    assert [n for n, _ in rows("--as-of", "2025-02-10", "--status", "lost")] == ["（2024）鲁0404行初19号",
                                                                                 "（2023）鲁0404行初60号"]
    assert [n for n, _ in rows("--year", "2023")] == ["（2023）鲁0404行初60号", "（2023）鲁0404行初3号"]


def test_list_by_text_and_overdue():
    found = json.loads(sample("list", "--text", "枣庄某某眼镜有限公司", "--format", "json").output)["cases"]
    assert [c["case_no"] for c in found] == ["（2025）鲁0404行初63号"]
    overdue = json.loads(sample("list", "--status", "overdue", "--as-of", "2025-12-31", "--format", "json").output)
    assert overdue["cases"] and all(c["overdue"] > 0 for c in overdue["cases"])


def test_list_text_output_lines_up_chinese_columns():
    from yzdocs.output.columns import width

    lines = sample("list", "--agency", "scjgj", "--as-of", "2025-02-10").output.splitlines()
    header, first = lines[0], lines[1]
    # the 单位 column starts at the same display column in the header and in every row
    start = width(header[:header.index("单位")])
    assert all(width(line[:line.index("峄城区")]) == start for line in lines[1:5])
    assert first.startswith("（2024）鲁0404行初78号") and lines[-1] == "共 4 件（截至 2025-02-10）。"


# --- drafts, init, slips ----------------------------------------------------------------------------------

def test_district_circular_for_a_half_year_not_over_is_a_draft(tmp_path):
    result = sample("report", "district", "--period", "2025H2", "--as-of", "2025-12-15", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0
    assert "2025年下半年尚未结束，本通报数据截至2025年12月15日，为阶段性数据；正式通报请于2026年1月1日起重新生成。" \
           "文档已标为草稿。" in result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(tmp_path / "d.docx").paragraphs)
    assert "情况的通报（草稿）" in text and "为阶段性数据" in text
    final = sample("report", "district", "--period", "2025H2", "--as-of", "2026-01-05", "-o", tmp_path / "f.docx")
    assert "草稿" not in final.output
    assert "草稿" not in "\n".join(p.text for p in Document(tmp_path / "f.docx").paragraphs)


def test_init_makes_a_git_repository_whose_ci_installs_from_the_lock(tmp_path):
    from conftest import require

    git = require("git")
    result = run("init", tmp_path / "repo", "--district", "薛城区")
    assert "已初始化 git 仓库" in result.output and "git 地址待填写" in result.output
    inside = subprocess.run([git, "-C", str(tmp_path / "repo"), "rev-parse", "--is-inside-work-tree"],
                            capture_output=True, text=True)
    assert inside.stdout.strip() == "true"
    assert "该目录已在 git 仓库中" in run("init", tmp_path / "repo").output
    for ci in (".github/workflows/yzdocs.yml", ".gitlab-ci.yml", ".gitea/workflows/yzdocs.yml"):
        text = (tmp_path / "repo" / ci).read_text(encoding="utf-8")
        assert "pip install --require-hashes -r /tmp/yzdocs/requirements.lock" in text, ci
        assert "pip install --no-deps /tmp/yzdocs" in text, ci
    with_source = run("init", tmp_path / "r2", "--source", "https://git.example.cn/yzdocs.git")
    assert "待填写" not in with_source.output
    assert "YZDOCS_GIT: https://git.example.cn/yzdocs.git" in (tmp_path / "r2" / ".gitlab-ci.yml").read_text("utf-8")


def test_a_mistyped_subcommand_gets_the_nearest():
    # the program's name as invoked (yzdocs; main under CliRunner), then the nearest command
    assert re.search(r"没有子命令“chek”。是否想输入 \S+ check？", run("chek").output)
    assert re.search(r"是否想输入 \S+ report district？", run("report", "distict").output)
    assert "是否想输入" not in run("xyzzy").output


def test_schema_fields_accepts_the_folder_name():
    assert run("schema", "--fields", "reports").output == run("schema", "--fields", "report").output


def test_new_writes_the_level_its_case_number_says(tmp_path):
    repo = tmp_path / "repo"
    run("init", repo)
    for number, level in (("（2026）鲁0404行初14号", "first"), ("（2026）鲁04行终3号", "second")):
        result = run("--repo", repo, "new", number, "--defendant", "qzf", "--received", "2026-01-05")
        assert result.exit_code == 0, result.output
    assert re.search(r"^level: first ", (repo / "cases/2026/鲁0404行初14号.yaml").read_text("utf-8"), re.M)
    assert re.search(r"^level: second ", (repo / "cases/2026/鲁04行终3号.yaml").read_text("utf-8"), re.M)


def test_stats_text_aligns_chinese_names(tmp_path):
    from yzdocs.output.columns import width

    root = copy_sample(tmp_path / "repo")
    lines = run("--repo", root, "report", "stats", "--period", "2025", "--as-of", "2025-12-31").output.splitlines()
    table = lines[2:lines.index("", 2)]
    assert table[0].startswith("单位") and table[1].startswith("全区")
    assert len({width(line) for line in table}) == 1  # figures right-aligned under their headers
