"""Counting true to the law and to practice (issue 20): who answers on appeal, retrials, the level
read from the case number, the first-instance 口径 of 败诉率, one dispute counted once.

Every expected date and figure was worked out by hand from the law and the 2024/2025 State Council
holiday notices; the comments give the working.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from conftest import run
from reports_repo import new_repo, write_case
from yzdocs import outcomes, schema
from yzdocs.calendar import Calendar
from yzdocs.render.kinds import KINDS
from yzdocs.repo import load_repository
from yzdocs.reports import assessment, stats
from yzdocs.periods import Period
from yzdocs.rules import appeal, load_policy
from yzdocs.rules.case_rules import case_outcomes
from yzdocs.rules.engine import Context

D = date.fromisoformat


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def _outcomes(policy, case, as_of="2025-12-31", rule=None):
    ctx = Context(policy, Calendar(), D(as_of))
    return [o for o in case_outcomes(ctx, case) if rule in (None, o.rule)], ctx


def _appeal_case(appellant, **extra):
    case = {"case_no": "（2025）鲁04行终7号", "original_case_no": "（2024）鲁0404行初9号", "appellant": appellant,
            "defendant": "scjgj", "received_on": D("2025-03-03"), "risk": "low"}
    case.update(extra)
    return case


# --- 1. who answers on appeal -------------------------------------------------------------------

def test_an_agency_that_appealed_has_no_answer_to_file(policy):
    found, _ = _outcomes(policy, _appeal_case("agency"))
    assert [o for o in found if o.rule in ("R02", "R03")] == []
    assert not KINDS["defence-report"].applies(_appeal_case("agency", defence={"submitted_on": D("2025-03-10")}))


def test_a_defence_recorded_by_an_appellant_is_named_not_counted(policy):
    found, ctx = _outcomes(policy, _appeal_case("agency", defence={"submitted_on": D("2025-03-30")}), rule="R02")
    [o] = found
    assert o.key == "not_required" and policy.rules["R02"].severity_of(o.key) == "warning"
    assert "没有答辩举证义务" in ctx.finding(o).message


def test_the_appellee_answers_within_15_days_of_the_appeal(policy):
    # 上诉状副本 received Mon 2025-03-03: +15 = Tue 03-18; answer filed 03-20: late 2 days; R03 due 03-21.
    case = _appeal_case("other", defence={"submitted_on": D("2025-03-20"), "reported_on": D("2025-03-21")})
    found, _ = _outcomes(policy, case)
    [r02] = [o for o in found if o.rule == "R02"]
    [r03] = [o for o in found if o.rule == "R03"]
    assert (r02.due, r02.status, r02.key) == (D("2025-03-18"), "late", "late")
    assert (r03.due, r03.status) == (D("2025-03-21"), "met")
    assert KINDS["defence-report"].applies(case)


# --- 2. retrials --------------------------------------------------------------------------------

def _retrial(number, original, **judgment):
    return {"case_no": number, "original_case_no": original, "appellant": "other", "defendant": "scjgj",
            "received_on": D("2025-10-20"), "risk": "low",
            "judgment": {"received_on": D("2025-12-08"), "form": "judgment", "result": "dismissed", **judgment}}


def test_a_retrial_of_a_first_instance_judgment_by_its_court_is_appealable(policy):
    case = _retrial("（2025）鲁0404行再1号", "（2024）鲁0404行初5号")
    assert appeal.procedure(case) == "first"
    [r12], ctx = _outcomes(policy, case, "2025-12-10", rule="R12")
    # served Mon 2025-12-08: +15 = Tue 12-23, a working day; nobody appealed → effective Wed 12-24
    assert r12.due == D("2025-12-23")
    case["judgment"]["appeal"] = {"by": "none"}
    assert appeal.effective_date(ctx, case) == D("2025-12-24")


@pytest.mark.parametrize("number, original", [
    ("（2025）鲁04行再2号", "（2024）鲁0404行初5号"),   # taken up (提审) by the higher court
    ("（2025）鲁04行再3号", "（2024）鲁04行终8号"),     # a second-instance judgment retried
])
def test_other_retrials_are_final_on_service(policy, number, original):
    case = _retrial(number, original)
    assert appeal.procedure(case) == "second"
    found, ctx = _outcomes(policy, case, rule="R12")
    assert found == [] and appeal.effective_date(ctx, case) == D("2025-12-08")


def test_a_retrial_without_its_original_is_said_not_guessed(policy):
    case = _retrial("（2025）鲁0404行再4号", None)
    [r12], ctx = _outcomes(policy, case, rule="R12")
    assert r12.key == "procedure_unknown" and "请填写原审案号" in ctx.finding(r12).message
    assert appeal.effective_date(ctx, case) is None


# --- 5. the level follows from the case number --------------------------------------------------

def test_level_is_read_from_the_number_and_a_contradiction_is_an_error(tmp_path):
    root = new_repo(tmp_path / "repo")
    path = write_case(root, 1, "reported_on: 2023-03-02\n")
    path.write_text(path.read_text("utf-8").replace("level: first\n", ""), "utf-8")
    second = root / "cases" / "2023" / "鲁04行终2号.yaml"
    second.write_text(path.read_text("utf-8").replace("（2023）鲁0404行初1号", "（2023）鲁04行终2号")
                      .replace("cause:", "level: first\nappellant: other\ncause:"), "utf-8")
    repo = load_repository(root)
    by_rel = {d.rel: d for d in repo.cases}
    assert by_rel["cases/2023/鲁0404行初1号.yaml"].data["level"] == "first"
    [finding] = [f for f in by_rel["cases/2023/鲁04行终2号.yaml"].findings if "审级" in f.message]
    assert finding.severity == "error" and finding.line == 2
    assert finding.message == ("审级“一审”（first）与案号 （2023）鲁04行终2号 的类型“行终”（二审）不一致。"
                               "请写 level: second，或删去 level 一行（按案号确定）。")


def test_every_result_code_is_classified_exactly_once():
    allowed = set(schema.field_rule("case", ("judgment", "result"))["allowed"])
    assert allowed == outcomes.LOSS_RESULTS | outcomes.NON_LOSS_RESULTS
    assert not outcomes.LOSS_RESULTS & outcomes.NON_LOSS_RESULTS


# --- 4. one dispute counts once -----------------------------------------------------------------

FIRST = """\
    reported_on: 2024-03-05
    defence: {submitted_on: 2024-03-12, reported_on: 2024-03-15}
    hearings:
      - {date: 2024-05-09, heads_reported_on: 2024-05-06, heads: [{name: 刘建国, title: 局长, role: principal, spoke: true}]}
    judgment: {received_on: 2024-06-03, form: judgment, result: revoked, appeal: {by: agency, filed_on: 2024-06-12}}
    loss_analysis: {reported_on: 2024-06-07, problems: 程序, causes: 未调解, measures: 培训}
"""


def _second(root: Path, n: int, original: int, result: str, received: str = "2024-07-01",
            judged: str = "2025-01-06") -> None:
    text = textwrap.dedent(f"""\
        case_no: （2024）鲁04行终{n}号
        appellant: agency
        original_case_no: （2024）鲁0404行初{original}号
        cause: 行政处罚
        act: 处罚决定
        plaintiffs: [{{name: 原告{original}, kind: person}}]
        defendant: scjgj
        risk: low
        received_on: {received}
        reported_on: {received}
        responsibility:
          leader_reviewed_on: {received}
          staff: {{report: 李娜, defence: 王强, hearing: 王强, mediation: 赵敏, performance: 李娜}}
        mediation: {{plan_on: {received}, plan: 协商, result: failed}}
        judgment: {{received_on: {judged}, form: judgment, result: {result}}}
        """)
    (root / "cases" / "2024" / f"鲁04行终{n}号.yaml").write_text(text, "utf-8")


@pytest.fixture
def disputes_repo(tmp_path) -> Path:
    """scjgj: dispute A lost at first instance (2024-06-03, no mediation plan) and upheld on appeal
    (2025-01-06); dispute B lost at first instance and reversed on appeal; dispute C lost at first
    instance, appeal lodged, not decided."""
    root = new_repo(tmp_path / "repo")
    for n in (1, 2, 3):
        write_case(root, n, FIRST, received="2024-03-01", year=2024)
    _second(root, 11, 1, "revoked")
    _second(root, 12, 2, "dismissed")
    return root


def test_first_instance_loss_rate_counts_each_dispute_at_first_instance(disputes_repo):
    repo = load_repository(disputes_repo)
    basis = stats.judge(repo, D("2025-12-31"))
    year_2024 = stats.compute(basis, Period(2024))["agencies"]["scjgj"]
    year_2025 = stats.compute(basis, Period(2025))["agencies"]["scjgj"]
    # 2024: three first-instance judgments, all lost: 3/3; the appeals are not in the denominator
    assert (year_2024["concluded"], year_2024["losses"], year_2024["loss_rate"]) == (3, 3, 1.0)
    # 2025: no first-instance case concluded; two appeals decided, one upheld, one amended
    assert (year_2025["concluded"], year_2025["losses"], year_2025["loss_rate"]) == (0, 0, None)
    assert year_2025["appeals"] == {"concluded": 2, "losses": 1, "upheld": 1, "amended": 1, "remanded": 0,
                                    "unknown": 0}
    assert year_2025["loss_rate_basis"] == "first_instance"


def _use_rules(root: Path) -> None:
    settings = root / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8").replace("rules: yicheng-2023", "rules: rules.yaml"), "utf-8")


def test_the_dispute_basis_counts_final_results(disputes_repo):
    rules = Path(__file__).parent.parent / "src" / "yzdocs" / "rules" / "yicheng-2023.yaml"
    (disputes_repo / "rules.yaml").write_text(rules.read_text("utf-8").replace(
        "loss_rate: first_instance", "loss_rate: dispute"), "utf-8")
    _use_rules(disputes_repo)
    basis = stats.judge(load_repository(disputes_repo), D("2025-12-31"))
    # A and B were decided on appeal in 2025 (A lost, B won); C is still under appeal: not counted
    assert [stats.compute(basis, Period(y))["agencies"]["scjgj"][k] for y in (2024, 2025)
            for k in ("concluded", "losses")] == [0, 0, 2, 1]


def test_the_assessment_counts_a_dispute_once_by_its_final_result(disputes_repo):
    basis = stats.judge(load_repository(disputes_repo), D("2025-12-31"))
    [a2024] = [a for a in assessment.assess(basis, 2024) if a.agency == "scjgj"]
    [a2025] = [a for a in assessment.assess(basis, 2025) if a.agency == "scjgj"]
    # 2024: nothing final (A, B decided in 2025); C lost at first instance and under appeal: named only
    assert a2024.losses == [] and a2024.pending == [{"case_no": "（2024）鲁0404行初3号",
                                                      "why": "（2024）鲁0404行初3号已上诉，二审尚未审结或未录入"}]
    # 2025: A once (no mediation plan at first instance), B reversed: not a loss → 1 → deputy interview
    assert [x["case_no"] for x in a2025.losses] == ["（2024）鲁04行终11号"]
    assert a2025.losses[0]["instances"] == ["（2024）鲁0404行初1号", "（2024）鲁04行终11号"]
    assert a2025.outcome == assessment.DEPUTY


def test_an_appellants_late_defence_is_no_cause(disputes_repo):
    # the appellant recorded late_defence on the appeal: it had no answer to file, so it cannot count
    path = disputes_repo / "cases" / "2024" / "鲁04行终11号.yaml"
    path.write_text(path.read_text("utf-8").replace("result: revoked}", "result: revoked, loss_causes: [late_defence]}"),
                    "utf-8")
    basis = stats.judge(load_repository(disputes_repo), D("2025-12-31"))
    [a2025] = [a for a in assessment.assess(basis, 2025) if a.agency == "scjgj"]
    assert a2025.losses[0]["causes"] == ["no_mediation"]


def test_thresholds_are_policy_data(disputes_repo):
    rules = Path(__file__).parent.parent / "src" / "yzdocs" / "rules" / "yicheng-2023.yaml"
    text = rules.read_text("utf-8").replace("    qualifying_losses: 2    # 上述败诉2件以上",
                                            "    qualifying_losses: 1")
    (disputes_repo / "rules.yaml").write_text(text, "utf-8")
    _use_rules(disputes_repo)
    basis = stats.judge(load_repository(disputes_repo), D("2025-12-31"))
    [a2025] = [a for a in assessment.assess(basis, 2025) if a.agency == "scjgj"]
    assert a2025.outcome == assessment.PRINCIPAL


def test_the_cli_says_which_basis_it_counts(disputes_repo):
    result = run("--repo", disputes_repo, "report", "stats", "--period", "2025", "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.output
    assert "口径：审结、败诉、败诉率只计一审案件" in result.output
    assert "二审审结 2 件（另列，不计入上表）：维持原判1件、改判1件" in result.output


def test_an_unclassified_result_is_a_finding_not_a_win(tmp_path, monkeypatch):
    # a code the schema allows but nobody classified (as if the schema gained one): said, not counted as a win
    monkeypatch.setattr(outcomes, "NON_LOSS_RESULTS", outcomes.NON_LOSS_RESULTS - {"settled"})
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "reported_on: 2023-03-02\njudgment: {received_on: 2023-05-10, result: settled}\n")
    [doc] = load_repository(root).cases
    assert not doc.ok
    assert any("裁判结果“settled”没有归类为败诉或非败诉" in f.message for f in doc.findings)


def test_a_loss_without_a_received_date_does_not_stop_the_assessment(disputes_repo):
    # dispute C's first instance records the result but not yet the day it was served: nothing to date it by
    path = disputes_repo / "cases" / "2024" / "鲁0404行初3号.yaml"
    path.write_text(path.read_text("utf-8").replace("received_on: 2024-06-03, ", ""), "utf-8")
    result = run("--repo", disputes_repo, "report", "assessment", "--year", "2024", "--as-of", "2025-12-31")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "（2024）鲁0404行初3号" not in result.output


def test_a_pending_loss_is_named_in_the_document_and_later_instances_wait_for_as_of(disputes_repo):
    import docx

    # as of 2024-06-30 the appeal of dispute A (received 2024-07-01) had not reached the court yet
    basis = stats.judge(load_repository(disputes_repo), D("2024-06-30"))
    [a2024] = [a for a in assessment.assess(basis, 2024) if a.agency == "scjgj"]
    assert [p["why"] for p in a2024.pending] == [f"（2024）鲁0404行初{n}号已上诉，二审尚未审结或未录入" for n in (1, 2, 3)]
    out = disputes_repo / "assessment.docx"
    result = run("--repo", disputes_repo, "report", "assessment", "--year", "2024", "--as-of", "2024-06-30",
                 "--format", "docx", "-o", out)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert ("以下败诉尚未终结，按最终生效结果计算，本年度暂不计入：峄城区市场监督管理局（2024）鲁0404行初1号"
            "（（2024）鲁0404行初1号已上诉，二审尚未审结或未录入）") in text
