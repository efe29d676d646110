"""Every sentence of the bureau's documents true and in its voice (issue 21): no 「情况情况」, no 0-clauses, no
comparison with nothing, the authority of the 约谈, and another district's documents without 峄城区.

Expected sentences are read off the sample's files by hand (the comments say which).
"""

from __future__ import annotations

import yaml
from docx import Document

from conftest import copy_sample, run


def text_of(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_special_circular_title_says_情况_once_and_record_stores_it(tmp_path):
    # 2023H1: one item, 行初15号's case report three days late (cases/2023/鲁0404行初15号.yaml, R01)
    repo = copy_sample(tmp_path / "repo")
    for old in (repo / "circulars").glob("2023-*.yaml"):
        old.unlink()  # not yet circulated
    result = run("--repo", repo, "report", "special-circular", "--period", "2023H1", "--as-of", "2023-07-10",
                 "--number", "峄司通〔2023〕5号", "--record", "-o", tmp_path / "s.docx")
    assert result.exit_code == 0, result.output
    title = "关于峄城区坛山街道办事处未及时报备案件基本情况的通报"
    assert title in text_of(tmp_path / "s.docx").replace("\n", "") and "情况情况" not in text_of(tmp_path / "s.docx")
    recorded = yaml.safe_load((repo / "circulars" / "2023-5.yaml").read_text(encoding="utf-8"))
    assert recorded["title"] == title


def test_district_circular_says_no_empty_or_false_sentence(tmp_path):
    # 2025H1 as of 2025-07-20 (cases/2025/*): one high-risk case among the new ones, no special circular
    # recorded in 2025 (circulars/ holds 2023 and 2024 only)
    repo = copy_sample(tmp_path / "repo")
    result = run("--repo", repo, "report", "district", "--period", "2025H1", "--as-of", "2025-07-20",
                 "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "d.docx")
    assert "本期没有印发专项通报。" in text and "专项通报0期" not in text
    assert "较高的0件" not in text and "为—）" not in text and "0件，已履行0件" not in text
    assert "《关于加强和规范行政应诉工作的意见》（峄政办发〔2023〕2号）" in text
    assert "区依法治区委员会办公室、我局将把各单位" in text
    # nobody stands out: the busiest units have 2 new cases each, below 3
    assert "新收案件明显较多" not in text and "新收案件较多" not in text
    # the rules' day counts, in words
    assert "收到应诉通知后3日内报备案件基本情况" in text and "收到判决书或裁定书后10日内报送" in text


def test_interview_notices_convey_the_district_governments_decision(tmp_path):
    # 2025: 吴林街道 refused to perform 行初31号 (principal), 自然资源局 lost 行终23号 without mediation (deputy)
    repo = copy_sample(tmp_path / "repo")
    result = run("--repo", repo, "report", "assessment", "--year", "2025", "--format", "docx", "--as-of", "2026-01-20",
                 "--notice-number", "吴林街道办事处=峄司通〔2026〕2号", "-o", tmp_path / "a.docx")
    assert result.exit_code == 0, result.output
    assert "约谈通知（峄城区自然资源局）的发文字号未填写" in result.output
    assert "约谈通知（峄城区吴林街道办事处）的发文字号未填写" not in result.output
    notice = text_of(tmp_path / "2025年度约谈通知（峄城区吴林街道办事处）.docx")
    assert "峄司通〔2026〕2号" in notice
    assert "经区政府同意，由区政府主要领导约谈你单位主要负责人（主任马文涛）" in notice
    assert "经研究，决定" not in notice
    report = text_of(tmp_path / "a.docx")
    assert "以上约谈建议，请区政府审定。" in report and "签发人：王建华" in report


def test_notice_number_for_an_agency_not_interviewed_is_refused(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    result = run("--repo", repo, "report", "assessment", "--year", "2025", "--format", "docx", "--as-of", "2026-01-20",
                 "--notice-number", "scjgj=峄司通〔2026〕9号", "-o", tmp_path / "a.docx")
    assert result.exit_code == 2 and "不需要约谈" in result.output


def test_agency_report_states_the_problems_found(tmp_path):
    # 市场监管局 2024: 行初19号 filed its defence 2 days late and was lost (loss_analysis.problems recorded)
    repo = copy_sample(tmp_path / "repo")
    result = run("--repo", repo, "report", "agency", "--agency", "市场监管局", "--period", "2024",
                 "--as-of", "2025-01-20", "-o", tmp_path / "r.docx")
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    problems = paragraphs[paragraphs.index("七、存在问题和下一步措施") + 1:]
    assert problems[0].startswith("（2024）鲁0404行初19号：答辩状及证据应于2024年3月19日前提交法院")
    assert problems[1].startswith("（2024）鲁0404行初19号败诉，存在的问题：")


def test_another_district_gets_its_own_documents(tmp_path):
    repo = tmp_path / "xuecheng"
    assert run("init", repo, "--district", "薛城区").exit_code == 0
    agencies = repo / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace(
        "agencies:\n", "agencies:\n  - id: scj\n    name: 薛城区市场监督管理局\n    kind: department\n", 1), encoding="utf-8")
    assert run("--repo", repo, "new", "（2025）鲁0403行初5号", "--defendant", "市场监督管理局",
               "--received", "2025-03-03").exit_code == 0
    result = run("--repo", repo, "report", "district", "--period", "2025H1", "--as-of", "2025-07-20",
                 "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "d.docx")
    assert "峄" not in text
    assert "薛城区司法局文件" in text and "薛司通〔2025〕" in text and "根据本区行政应诉工作制度关于" in text
    assert "较2024年下半年" not in text  # the repository starts with its first case: nothing to compare
    rules = repo / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "  title:      #", "  title: 关于规范行政应诉工作的通知  #").replace(
        "  number:     #", "  number: 薛政办发〔2024〕9号  #"), encoding="utf-8")
    run("--repo", repo, "report", "district", "--period", "2025H1", "--as-of", "2025-07-20", "-o", tmp_path / "e.docx")
    assert "根据《关于规范行政应诉工作的通知》（薛政办发〔2024〕9号）关于开展" in text_of(tmp_path / "e.docx")


def test_a_second_instance_loss_states_the_appeals_result():
    from yzdocs.render.context import decision

    case = {"level": "second", "appellant": "other", "judgment": {"result": "revoked"}}
    court = "枣庄市中级人民法院"
    # the other party appealed and the agency lost: the first-instance judgment was changed
    assert decision(case, court, "终审") == "枣庄市中级人民法院终审判决撤销一审判决，改判撤销被诉行政行为"
    # the agency appealed and lost: its appeal was dismissed
    case["appellant"] = "agency"
    assert decision(case, court, "终审") == "枣庄市中级人民法院终审判决驳回上诉、维持原判（一审判决撤销被诉行政行为）"
    # what the case file records wins over the inference
    case["judgment"]["disposition"] = "amended"
    assert decision(case, court, "终审").endswith("撤销一审判决，改判撤销被诉行政行为")
    # a first-instance loss says the judgment itself
    assert decision({"level": "first", "judgment": {"result": "illegal"}}, "枣庄市峄城区人民法院", "") == \
        "枣庄市峄城区人民法院判决确认被诉行政行为违法"
