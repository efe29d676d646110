"""The 二(九) thresholds at, below and above each limit, on hand-built repositories."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import run
from reports_repo import new_repo, write_case, write_circular
from yzdocs.reports import assessment, loader, stats

ON_TIME = "defence: {submitted_on: 2023-03-10, reported_on: 2023-03-17}\n"  # due 03-16
LATE = "defence: {submitted_on: 2023-03-25, reported_on: 2023-03-27}\n"  # R02 violated
PLAN = "mediation: {plan_on: 2023-03-05, plan: 协商, result: failed}\n"


def lost(n, *, defence=ON_TIME, plan=PLAN, causes=None, performance="performed", suggestion=None, agency="scjgj"):
    body = "reported_on: 2023-03-02\n" + defence + plan
    body += ("judgment: {received_on: 2023-05-10, form: judgment, result: revoked, effective_on: 2023-05-26"
             + (f", loss_causes: [{causes}]" if causes else "") + "}\n")
    body += "loss_analysis: {reported_on: 2023-05-12, problems: 问题, causes: 原因, measures: 措施}\n"
    body += f"performance: {{status: {performance}}}\n"
    if suggestion:
        body += f"judicial_suggestions:\n  - {{received_on: 2023-06-01, content: 规范执法, status: {suggestion}}}\n"
    return n, body, agency


def outcome(tmp_path, cases=(), circulars=0, year=2023):
    root = new_repo(tmp_path / "repo")
    for n, body, agency in cases:
        write_case(root, n, body, agency=agency)
    for k in range(1, circulars + 1):
        write_case(root, 100 + k, "reported_on: 2023-03-10\n" + ON_TIME + PLAN)
        write_circular(root, f"峄司通〔2023〕{k}号", f"2023-0{k + 3}-10", "scjgj", f"（2023）鲁0404行初{100 + k}号")
    basis = stats.judge(loader.load(root), date(2023, 12, 31))
    results = {a.agency: a for a in assessment.assess(basis, year)}
    return results["scjgj"]


@pytest.mark.parametrize("n, expected", [(0, "none"), (1, "none"), (2, "deputy_interview"), (3, "deputy_interview")])
def test_special_circulars(tmp_path, n, expected):
    a = outcome(tmp_path, circulars=n)
    assert (len(a.circulars), a.outcome) == (n, expected)


def test_circulars_of_another_year_do_not_count(tmp_path):
    assert outcome(tmp_path, circulars=2, year=2024).outcome == "none"


@pytest.mark.parametrize("cases, expected", [
    ([], "none"),
    ([lost(1)], "none"),  # a loss with on-time defence and a plan: not counted
    ([lost(1, defence=LATE)], "deputy_interview"),
    ([lost(1, plan="")], "deputy_interview"),
    ([lost(1, causes="late_defence")], "deputy_interview"),  # recorded cause
    ([lost(1, causes="evidence")], "none"),
    ([lost(1, defence=LATE, plan="")], "deputy_interview"),  # one loss, both causes: still one loss
    ([lost(1, defence=LATE), lost(2, plan="")], "principal_interview"),
    ([lost(1, defence=LATE), lost(2, plan=""), lost(3, causes="no_mediation")], "principal_interview"),
])
def test_losses_by_late_defence_or_no_mediation(tmp_path, cases, expected):
    assert outcome(tmp_path, cases).outcome == expected


def test_refusal_to_perform(tmp_path):
    a = outcome(tmp_path, [lost(1, performance="refused")])
    assert (a.refusals, a.outcome) == (["（2023）鲁0404行初1号"], "principal_interview")
    assert outcome(tmp_path / "b", [lost(1, performance="pending")]).outcome == "none"


@pytest.mark.parametrize("status, expected", [("refused", "principal_interview"), ("pending", "none"),
                                              ("implemented", "none")])
def test_judicial_suggestion(tmp_path, status, expected):
    assert outcome(tmp_path, [lost(1, suggestion=status)]).outcome == expected


def test_principal_supersedes_deputy(tmp_path):
    a = outcome(tmp_path, [lost(1, defence=LATE), lost(2, defence=LATE)], circulars=2)
    assert a.outcome == "principal_interview"
    assert len(a.circulars) == 2 and len(a.losses) == 2


def test_cli_json_and_docx(tmp_path):
    root = new_repo(tmp_path / "repo")
    for n, body, agency in (lost(1, defence=LATE), lost(2, plan=""), lost(3, defence=LATE, agency="tanshan")):
        write_case(root, n, body, agency=agency)
    result = run("--repo", root, "report", "assessment", "--year", "2023", "--format", "json", "--as-of", "2023-12-31")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["agencies"]["scjgj"]["outcome"] == "principal_interview"
    assert data["agencies"]["scjgj"]["qualifying_losses"] == 2
    assert data["agencies"]["tanshan"]["outcome"] == "deputy_interview"
    out = tmp_path / "a.docx"
    result = run("--repo", root, "report", "assessment", "--year", "2023", "--format", "docx", "-o", out,
                 "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(out).paragraphs)
    flat = text.replace("\n", "")  # titles are broken into lines between words
    assert "关于2023年度行政应诉\n工作督办考核情况的报告" in text
    assert "峄司报〔2023〕" in text and "签发人：" in text  # a report to the 区政府: its own code, 上行文
    assert "约谈通知" not in flat.replace("约谈通知另行", "")
    # each 约谈通知 is its own document beside the report: own masthead and 文号, pages from 1
    notices = {p.name: "\n".join(x.text for x in Document(p).paragraphs) for p in tmp_path.glob("*约谈通知*.docx")}
    assert sorted(notices) == ["2023年度约谈通知（峄城区坛山街道办事处）.docx", "2023年度约谈通知（峄城区市场监督管理局）.docx"]
    principal = notices["2023年度约谈通知（峄城区市场监督管理局）.docx"]
    assert "关于约谈峄城区市场监督管理局主要负责人的通知" in principal.replace("\n", "")
    assert principal.startswith("峄城区司法局文件\n峄司通〔2023〕\u3000号") and "签发人" not in principal
    assert "峄城区市场监督管理局：" in principal and "刘建国" in principal and "一票否优" in principal
    deputy = notices["2023年度约谈通知（峄城区坛山街道办事处）.docx"]
    assert "关于约谈峄城区坛山街道办事处分管负责人的通知" in deputy.replace("\n", "") and "吴海" in deputy
    assert "刘建国" not in deputy  # a notice goes to its agency alone
