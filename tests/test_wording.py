"""Wording true to each case, checked in the generated documents of the sample repository.

Expected sentences are written from the case files and the seed, not taken
from the code: a form says only what was known on its date, internal notes
never reach a document, nothing to report is a warning rather than an empty
form, and no rule code (R01 …) appears in a document.
"""

from __future__ import annotations

import re

import pytest
from docx import Document

from conftest import PROJECT, copy_sample, run
from yzdocs.build import build_repository


def text_of(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("wording")
    result = build_repository(PROJECT, out_dir=out, jobs=1, force=True)
    return out, result


def test_internal_notes_never_reach_a_document(built):
    out, _ = built
    # cases/2024/鲁0404行初41号.yaml: notes say what happened at the hearing, months after the report
    report = text_of(out / "2024" / "鲁0404行初41号" / "行政应诉案件报备表.docx")
    assert "开庭时仅委托律师出庭" not in report
    for path in out.rglob("*.docx"):
        assert "法院裁定驳回起诉" not in text_of(path) or "73号" not in str(path)


def test_a_form_says_only_what_was_known_on_its_date(built):
    out, _ = built
    # cases/2023/鲁0404行初28号.yaml: guarantee form dated with the report (2023), resolved 2023-11-15
    form = text_of(out / "2023" / "鲁0404行初28号" / "一案一包保责任表.docx")
    assert "已于2023年11月15日化解" not in form
    assert "正在化解，化解时限为" in form


def test_a_hearing_without_heads_is_a_warning_not_an_empty_form(built):
    out, result = built
    assert not list((out / "2024" / "鲁0404行初41号").glob("出庭应诉负责人报备表*.docx"))
    assert any("鲁0404行初41号" in w and "第1次开庭（2024年7月4日）没有记录出庭负责人" in w for w in result.warnings)


def test_loss_analysis_states_the_decision_in_words(built):
    out, _ = built
    # cases/2024/鲁0404行初41号.yaml: judgment, result illegal
    text = text_of(out / "2024" / "鲁0404行初41号" / "败诉案件分析报告.docx")
    assert "判决确认被诉行政行为违法" in text
    assert "裁判结果为" not in text and "原因类别：" not in text


def test_no_rule_code_in_any_document(built, tmp_path):
    out, _ = built
    repo = tmp_path / "repo"
    copy_sample(repo)
    reports = tmp_path / "reports"
    for args in (("district", "--period", "2024"), ("agency", "--agency", "scjgj", "--period", "2024"),
                 ("assessment", "--year", "2024", "--format", "docx"),
                 ("special-circular", "--period", "2024", "--include-circulated")):
        assert run("--repo", repo, "report", *args, "--as-of", "2025-12-31", "-o",
                   reports / f"{args[0]}.docx").exit_code == 0
    code = re.compile(r"[RA]\d\d")
    for path in [*out.rglob("*.docx"), *reports.glob("*.docx")]:
        assert not code.search(text_of(path)), path.name
    assessment = text_of(reports / "assessment.docx")
    assert "合格" in assessment


def test_plaintiffs_agents_are_printed_on_the_forms(built):
    out, _ = built
    # cases/2023/鲁0404行初28号.yaml: the plaintiff's agent is a lawyer named 高某
    for name in ("行政应诉案件报备表.docx", "出庭应诉负责人报备表-1.docx"):
        assert "（委托代理人：山东某某律师事务所律师 高某）" in text_of(out / "2023" / "鲁0404行初28号" / name)


# --- second instance, retrial, compensation, mediation plan (sample cases written for these) ---

def _docs(out, year, stem):
    return {p.stem: text_of(p) for p in (out / year / stem).glob("*.docx")}


def test_appeal_by_the_other_party_speaks_of_appellant_and_appeal(built):
    out, _ = built
    # cases/2024/鲁04行终156号.yaml: appellant other, original （2024）鲁0404行初47号
    docs = _docs(out, "2024", "鲁04行终156号")
    assert "上诉人峄城区某某建筑工程有限公司与我单位行政处罚上诉一案" in docs["答辩状报备函"]
    assert "收到应诉通知书及上诉状副本" in docs["答辩状报备函"]
    assert "上诉人（原审原告）：峄城区某某建筑工程有限公司；被上诉人（原审被告）：峄城区综合行政执法局" in docs["答辩状报备函"]
    assert "原审原告峄城区某某建筑工程有限公司不服（2024）鲁0404行初47号一审裁判，向枣庄市中级人民法院提起上诉" \
        in docs["行政争议调解和解方案"]
    # the label cell (上诉人 over （原审原告）), then the name
    assert "上诉人\n（原审原告）\n峄城区某某建筑工程有限公司" in docs["行政应诉案件报备表"]
    assert "原审案号\n（2024）鲁0404行初47号" in docs["行政应诉案件报备表"]
    assert "上诉方" not in docs["行政应诉案件报备表"]  # who appealed is in the parties' labels, not 「上诉方：对方当事人」
    for name, text in docs.items():
        assert "提起行政诉讼" not in text and "起诉状" not in text, name


def test_appeal_by_the_agency_reports_its_appeal(built):
    out, _ = built
    # cases/2025/鲁04行终23号.yaml: appellant agency, the 中院 upheld the revocation
    docs = _docs(out, "2025", "鲁04行终23号")
    # the agency is the appellant: it had no answer to file, so no 答辩状报备函 (its appeal was filed on
    # 2024-12-27, before the second-instance notice; a letter dated after it would tell events out of order)
    assert "答辩状报备函" not in docs
    assert "我单位不服（2024）鲁0404行初62号一审裁判，向枣庄市中级人民法院提起上诉" in docs["行政争议调解和解方案"]
    assert "枣庄市中级人民法院终审判决驳回上诉、维持原判（一审判决撤销被诉行政行为）" in docs["败诉案件分析报告"]
    assert "上诉人\n（原审被告）" in docs["行政应诉案件报备表"] and "被上诉人\n（原审原告）" in docs["一案一包保责任表"]
    for name, text in docs.items():
        assert "提起行政诉讼" not in text and "起诉状" not in text, name


def test_mediation_plan_has_the_sections_of_the_seed(built):
    out, _ = built
    plan = _docs(out, "2024", "鲁04行终156号")["行政争议调解和解方案"].splitlines()
    headings = [line for line in plan if line[:2] in {f"{n}、" for n in "一二三四五六"}]
    assert headings == ["一、案件基本情况", "二、争议焦点", "三、上诉人诉求", "四、败诉风险研判", "五、调解和解方案", "六、工作安排"]
    assert "经研判，本案败诉风险等级为低。一审判决认定事实清楚" in "\n".join(plan)
    # a plan with only the plan text recorded: no empty sections, numbering without gaps
    plain = _docs(out, "2023", "鲁0404行初15号")["行政争议调解和解方案"].splitlines()
    assert [line for line in plain if line[1:2] == "、"] == [
        "一、案件基本情况", "二、败诉风险研判", "三、调解和解方案", "四、工作安排"]


def test_compensation_case_prints_the_amounts(built):
    out, _ = built
    # cases/2024/鲁0404行赔初2号.yaml: claimed 86000, awarded 42500
    docs = _docs(out, "2024", "鲁0404行赔初2号")
    assert "原告请求赔偿86000元，法院判决我单位赔偿42500元。" in docs["败诉案件分析报告"]
    assert "提起行政赔偿诉讼，请求赔偿86000元" in docs["行政争议调解和解方案"]
    assert "请求赔偿金额\n86000元" in docs["行政应诉案件报备表"]
    for name, text in docs.items():
        assert "不服" not in text and "赔偿请求" not in text, name


def test_an_appeal_without_appellant_is_neutral_and_warned(tmp_path):
    repo = tmp_path / "repo"
    copy_sample(repo)
    path = repo / "cases" / "2024" / "鲁04行终156号.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("appellant: other", "appellant:"), encoding="utf-8")
    result = build_repository(repo, out_dir=tmp_path / "out", jobs=1, force=True)
    assert any("鲁04行终156号" in w and "没有填写上诉方" in w for w in result.warnings)
    letter = text_of(tmp_path / "out" / "2024" / "鲁04行终156号" / "答辩状报备函.docx")
    assert "原审原告：峄城区某某建筑工程有限公司；原审被告：峄城区综合行政执法局" in letter
    assert "提起行政诉讼" not in letter


def test_district_circular_and_assessment_leave_out_the_district_government(tmp_path):
    # cases/2023/鲁04行初31号.yaml is the only case against 峄城区人民政府 (qzf): received 2023-10-23,
    # judgment received 2024-02-26 (so 2023: 1 new, 0 concluded); 峄城区阴平镇人民政府's 2023 case had no hearing
    repo = tmp_path / "repo"
    copy_sample(repo)
    assert run("--repo", repo, "report", "district", "--period", "2023", "--as-of", "2025-12-31",
               "-o", tmp_path / "d.docx").exit_code == 0
    document = Document(str(tmp_path / "d.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "以峄城区人民政府为被告的案件（新收1件、审结0件）计入全区合计，不列入各单位情况。" in text
    rows = {r.cells[0].text: [c.text for c in r.cells] for t in document.tables for r in t.rows}
    assert "区政府" not in rows and "峄城区人民政府" not in rows and rows["全区合计"][1] == "12"
    assert rows["阴平镇"][5:] == ["0", "无开庭", "无开庭"]  # the short name agencies.yaml gives (short)
    assert run("--repo", repo, "report", "assessment", "--year", "2023", "--format", "docx", "--as-of", "2025-12-31",
               "-o", tmp_path / "a.docx").exit_code == 0
    assessed = [r.cells[0].text for t in Document(str(tmp_path / "a.docx")).tables for r in t.rows][1:]
    assert "区政府" not in assessed and len(assessed) == 8


def test_special_circular_states_what_was_not_done(tmp_path):
    # cases/2024/鲁0404行初41号.yaml: no head at the hearing of 2024-07-04 (R05), nothing done since
    repo = tmp_path / "repo"
    copy_sample(repo)
    assert run("--repo", repo, "report", "special-circular", "--period", "2024", "--include-circulated",
               "--as-of", "2025-12-31", "-o", tmp_path / "s.docx").exit_code == 0
    text = text_of(tmp_path / "s.docx")
    assert "第1次开庭（2024年7月4日）行政机关负责人未出庭应诉，且未说明正当理由。" in text
    # the table's last column says what was missed, not a date never to come
    assert "实际办理\n日期" in text and "负责人未出庭" in text and "截至通报时未办理" not in text
    assert "也未记录" not in text
