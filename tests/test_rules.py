"""Rules R01–R11 on small hand-built cases: one passing, one failing, one not yet due.

Due dates are worked out by hand (2024 calendar: 2024-03-16 is a Saturday,
2024-04-13 a Saturday; no holidays fall in the periods used here).
"""

import copy
from datetime import date

import pytest
import yaml

from yzdocs.calendar import Calendar
from yzdocs.loading import Document, load_yaml_text
from yzdocs.rules import judge_case, load_policy
from yzdocs.rules.case_rules import case_outcomes
from yzdocs.rules.engine import Context

D = date.fromisoformat

BASE = {
    "case_no": "（2024）鲁0404行初7号",
    "defendant": "scjgj",
    "risk": "high",
    "responsibility": {
        "leader_reviewed_on": D("2024-03-02"),
        "staff": {"report": "李娜", "defence": "王强", "hearing": "王强", "mediation": "赵敏", "performance": "李娜"},
    },
    "received_on": D("2024-03-01"),  # Friday
    "reported_on": D("2024-03-04"),  # R01 due Mon 03-04
    "defence": {"submitted_on": D("2024-03-18"), "reported_on": D("2024-03-21")},  # R02 due 03-18, R03 03-21
    "mediation": {"plan_on": D("2024-03-10"), "plan": "沟通", "result": "failed"},
    "guarantee": {"unit": "市监局", "leader": "孙丽", "person": "王强", "resolve_by": D("2024-04-30")},
    "hearings": [{"date": D("2024-04-16"), "heads_reported_on": D("2024-04-12"),  # R04 due Sat 04-13
                  "heads": [{"name": "刘建国", "title": "局长", "role": "principal", "spoke": True}]}],
    "judgment": {"received_on": D("2024-05-06"), "form": "judgment", "result": "revoked",
                 "effective_on": D("2024-05-22")},  # R09 due Thu 05-16; appeal period ends 05-21
    "loss_analysis": {"reported_on": D("2024-05-16"), "problems": "证据不足", "causes": "取证不规范",
                      "measures": "专项培训"},
    "performance": {"status": "performed", "done_on": D("2024-06-01")},
    "judicial_suggestions": [],
}


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def case_with(**changes):
    case = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        target = case
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if value is DROP:
            del target[last]
        else:
            target[last] = value
    return case


DROP = object()


def flagged(policy, case, as_of, rule=None, overrides=None):
    """(rule, key, severity, due, done) of every outcome that is a finding."""
    ctx = Context(policy, Calendar(overrides), D(as_of))
    out = []
    for o in case_outcomes(ctx, case):
        if o.key is not None and (rule is None or o.rule == rule):
            out.append((o.rule, o.key, policy.rules[o.rule].severity_of(o.key), o.due, o.done))
    return out


def test_compliant_case_has_no_findings(policy):
    assert flagged(policy, BASE, "2024-12-31") == []


def test_r01(policy):
    late = flagged(policy, case_with(reported_on=D("2024-03-05")), "2024-12-31", "R01")
    assert late == [("R01", "late", "error", D("2024-03-04"), D("2024-03-05"))]
    missing = flagged(policy, case_with(reported_on=DROP), "2024-03-05", "R01")
    assert missing == [("R01", "missing", "error", D("2024-03-04"), None)]
    soon = flagged(policy, case_with(reported_on=DROP), "2024-03-02", "R01")
    assert soon == [("R01", "upcoming", "info", D("2024-03-04"), None)]


def test_r01_message(policy):
    ctx = Context(policy, Calendar(), D("2024-12-31"))
    [o] = [o for o in case_outcomes(ctx, case_with(reported_on=D("2024-03-08"))) if o.rule == "R01"]
    assert ctx.finding(o).message == ("案件基本情况应于2024年3月4日前向区司法局报备（收到应诉通知2024年3月1日后3日内），"
                                      "实际报备日期2024年3月8日，逾期4日。")


def test_r01_act_after_as_of_is_not_yet_done(policy):
    # as of 03-05 the report of 03-08 had not happened: overdue, not "late".
    assert flagged(policy, case_with(reported_on=D("2024-03-08")), "2024-03-05", "R01") == [
        ("R01", "missing", "error", D("2024-03-04"), None)]


def test_r02_r03(policy):
    assert flagged(policy, case_with(defence__submitted_on=D("2024-03-19")), "2024-12-31", "R02") == [
        ("R02", "late", "error", D("2024-03-18"), D("2024-03-19"))]
    assert flagged(policy, case_with(defence=DROP), "2024-03-10", "R02") == []  # due in 8 days
    assert flagged(policy, case_with(defence=DROP), "2024-03-16", "R02") == [
        ("R02", "upcoming", "info", D("2024-03-18"), None)]
    assert flagged(policy, case_with(defence__reported_on=D("2024-03-22")), "2024-12-31", "R03") == [
        ("R03", "late", "error", D("2024-03-21"), D("2024-03-22"))]
    assert flagged(policy, case_with(defence__reported_on=DROP), "2024-03-22", "R03") == [
        ("R03", "missing", "error", D("2024-03-21"), None)]
    assert flagged(policy, case_with(defence=DROP), "2024-03-17", "R03") == []


def test_r04_before_hearing(policy):
    late = case_with(hearings__0__heads_reported_on=D("2024-04-14"))
    assert flagged(policy, late, "2024-12-31", "R04") == [("R04", "late", "error", D("2024-04-13"), D("2024-04-14"))]
    ctx = Context(policy, Calendar(), D("2024-12-31"))
    [o] = [o for o in case_outcomes(ctx, late) if o.rule == "R04"]
    assert "休息日" in ctx.finding(o).message  # 2024-04-13 is a Saturday: plain date, with a warning
    assert flagged(policy, case_with(hearings__0__heads_reported_on=DROP), "2024-04-05", "R04") == []
    assert flagged(policy, case_with(hearings__0__heads_reported_on=DROP), "2024-04-14", "R04") == [
        ("R04", "missing", "error", D("2024-04-13"), None)]


def test_r05_head_appearance(policy):
    assert flagged(policy, case_with(hearings__0__heads=[]), "2024-12-31", "R05") == [
        ("R05", "absent", "error", D("2024-04-16"), None)]
    lawyer = case_with(hearings__0__heads=[], hearings__0__absence_reason="因公出差", hearings__0__delegate="张律师")
    assert flagged(policy, lawyer, "2024-12-31", "R05")[0][1] == "no_delegate"
    excused = case_with(hearings__0__heads=[], hearings__0__absence_reason="因公出差", hearings__0__delegate="王强")
    assert flagged(policy, excused, "2024-12-31", "R05") == []
    assert flagged(policy, case_with(hearings__0__heads=[]), "2024-04-14", "R05") == [
        ("R05", "upcoming", "info", D("2024-04-16"), None)]


def test_r06_head_speaks(policy):
    assert flagged(policy, case_with(hearings__0__heads__0__spoke=False), "2024-12-31", "R06") == [
        ("R06", "silent", "warning", D("2024-04-16"), None)]
    assert flagged(policy, case_with(hearings__0__heads__0__spoke=None), "2024-12-31", "R06") == []
    assert flagged(policy, case_with(hearings__0__heads__0__spoke=False), "2024-04-10", "R06") == []


def test_r07_mediation_plan(policy):
    assert flagged(policy, case_with(mediation__plan_on=D("2024-04-17")), "2024-12-31", "R07") == [
        ("R07", "late", "error", D("2024-04-16"), D("2024-04-17"))]
    assert flagged(policy, case_with(mediation=DROP), "2024-04-17", "R07") == [
        ("R07", "missing", "error", D("2024-04-16"), None)]
    assert flagged(policy, case_with(mediation=DROP), "2024-04-10", "R07") == []
    concluded = case_with(mediation=DROP, hearings=DROP)  # judgment without any hearing
    assert flagged(policy, concluded, "2024-12-31", "R07") == [("R07", "missing", "error", None, None)]


def test_r08_guarantee(policy):
    # record_days 3: received Friday 2024-03-01, the guarantee is due by Monday 03-04
    assert flagged(policy, case_with(guarantee__leader=None), "2024-03-05", "R08") == [
        ("R08", "incomplete", "error", D("2024-03-04"), None)]
    assert flagged(policy, case_with(guarantee__leader=None), "2024-03-02", "R08") == [
        ("R08", "incomplete_upcoming", "info", D("2024-03-04"), None)]
    pending = case_with(judgment=DROP, loss_analysis=DROP, performance=DROP)
    assert flagged(policy, pending, "2024-05-02", "R08") == [("R08", "overdue", "warning", D("2024-04-30"), None)]
    assert flagged(policy, pending, "2024-04-28", "R08") == [("R08", "upcoming", "info", D("2024-04-30"), None)]
    assert flagged(policy, pending, "2024-04-20", "R08") == []
    late = case_with(guarantee__resolved_on=D("2024-05-03"))
    assert flagged(policy, late, "2024-12-31", "R08") == [("R08", "late", "warning", D("2024-04-30"), D("2024-05-03"))]
    assert flagged(policy, BASE, "2024-12-31", "R08") == []  # concluded: nothing left to resolve
    assert flagged(policy, case_with(risk="medium", guarantee=DROP), "2024-12-31", "R08") == []


def test_r09_loss_analysis(policy):
    assert flagged(policy, case_with(loss_analysis__reported_on=D("2024-05-17")), "2024-12-31", "R09") == [
        ("R09", "late", "error", D("2024-05-16"), D("2024-05-17"))]
    assert flagged(policy, case_with(loss_analysis=DROP), "2024-05-10", "R09") == []
    assert flagged(policy, case_with(loss_analysis=DROP), "2024-05-17", "R09") == [
        ("R09", "missing", "error", D("2024-05-16"), None)]
    assert flagged(policy, case_with(loss_analysis__measures=None), "2024-12-31", "R09") == [
        ("R09", "incomplete", "error", D("2024-05-16"), D("2024-05-16"))]
    won = case_with(judgment__result="dismissed", loss_analysis=DROP)
    assert flagged(policy, won, "2024-12-31", "R09") == []


def test_r10_leader_and_staff(policy):
    assert flagged(policy, case_with(responsibility__leader_reviewed_on=None), "2024-12-31", "R10") == [
        ("R10", "not_reviewed", "error", D("2024-03-04"), None)]
    # before the record is due (received Friday 03-01, due Monday 03-04): a reminder, not an error
    assert flagged(policy, case_with(responsibility__leader_reviewed_on=None), "2024-03-01", "R10") == [
        ("R10", "review_upcoming", "info", D("2024-03-04"), None)]
    ctx = Context(policy, Calendar(), D("2024-12-31"))
    no_staff = case_with(responsibility__staff__mediation=None)
    [o] = [o for o in case_outcomes(ctx, no_staff) if o.rule == "R10" and o.key]
    assert (o.key, policy.rules["R10"].severity_of(o.key)) == ("no_staff", "error")
    assert "调解和解" in ctx.finding(o).message


def test_r11_performance_and_suggestions(policy):
    assert flagged(policy, case_with(performance__status="refused"), "2024-12-31", "R11")[0][1:3] == ("refused", "error")
    assert flagged(policy, case_with(performance=DROP), "2024-12-31", "R11")[0][1:3] == ("pending", "warning")
    assert flagged(policy, case_with(performance=DROP), "2024-05-20", "R11") == []  # not yet effective
    suggestion = {"received_on": D("2024-06-03"), "content": "规范送达", "status": "pending"}
    assert flagged(policy, case_with(judicial_suggestions=[suggestion]), "2024-12-31", "R11")[0][1] == "suggestion_pending"
    refused = dict(suggestion, status="refused")
    assert flagged(policy, case_with(judicial_suggestions=[refused]), "2024-12-31", "R11")[0][1:3] == (
        "suggestion_refused", "error")
    done = dict(suggestion, status="implemented", implemented_on=D("2024-07-01"), reply="已整改")
    assert flagged(policy, case_with(judicial_suggestions=[done]), "2024-12-31", "R11") == []


def _doc(case) -> Document:
    text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
    return load_yaml_text(text, Document("cases/2026/鲁0404行初99号.yaml"))


def test_unknown_year_is_provisional_until_overridden(policy, monkeypatch):
    from yzdocs import calendar as calendar_module

    monkeypatch.setattr(calendar_module, "package_years", lambda: range(2004, 2027))
    case = case_with(received_on=D("2026-12-29"), reported_on=DROP, defence=DROP, hearings=DROP, judgment=DROP,
                     loss_analysis=DROP, performance=DROP, guarantee__resolve_by=D("2027-03-01"))
    doc = _doc(case)
    ctx = Context(policy, Calendar(), D("2027-01-05"))
    findings = judge_case(ctx, doc).findings(ctx)
    calendar = [f for f in findings if f.rule == "calendar"]
    # R01: 12-29 + 3 = Fri 2027-01-01, provisional (weekends only) and past: an error
    assert len(calendar) == 1 and calendar[0].severity == "error"
    assert calendar[0].message.startswith("R01（2027年1月4日）、R02（2027年1月13日）、R03（2027年1月18日）的期限为暂定")
    assert "holidays.yaml" in calendar[0].message
    assert calendar[0].line == doc.position(("received_on",))[0]
    [r01] = [f for f in findings if f.rule == "R01"]
    assert r01.due == D("2027-01-04") and "应于2027年1月4日（暂定）前" in r01.message

    ctx = Context(policy, Calendar({2027: {"rest": [D("2027-01-01")], "work": []}}), D("2027-01-05"))
    findings = judge_case(ctx, doc).findings(ctx)
    assert not [f for f in findings if f.rule == "calendar"]
    [r01] = [f for f in findings if f.rule == "R01"]
    # 12-29 + 3 = Fri 2027-01-01 (rest), then the weekend: Monday 01-04.
    assert (r01.severity, r01.due, r01.line) == ("error", D("2027-01-04"), doc.position(("reported_on",))[0])
    assert "暂定" not in r01.message


def test_policy_by_path_and_every_problem_listed(tmp_path):
    from yzdocs.errors import ConfigError
    from yzdocs.rules.policy import BUILTIN_DIR

    text = (BUILTIN_DIR / "yicheng-2023.yaml").read_text(encoding="utf-8")
    workdays = text.replace("    days: 3\n    method: calendar\n", "    days: 3\n    method: workdays\n", 1)
    (tmp_path / "workdays.yaml").write_text(workdays, encoding="utf-8")
    policy = load_policy("workdays.yaml", tmp_path)
    assert policy.rules["R01"].method == "workdays"
    # 2023-09-27 + 3 working days: 09-28, 10-07 (make-up Sat), 10-08 (make-up Sun).
    case = case_with(received_on=D("2023-09-27"), reported_on=D("2023-10-09"))
    assert flagged(policy, case, "2023-12-31", "R01") == [("R01", "late", "error", D("2023-10-08"), D("2023-10-09"))]

    bad = text.replace("逾期{late_days}日", "逾期{lateness}日", 1).replace("    method: calendar\n", "    method: fortnight\n", 1)
    bad = bad[:bad.index("  - id: A02")]  # drop A02
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_policy("bad.yaml", tmp_path)
    assert "fortnight" in str(info.value) or "计算方法" in str(info.value)
    with pytest.raises(ConfigError, match="未知的内置规则方案"):
        load_policy("no-such-policy", tmp_path)
    semantic = text.replace("逾期{late_days}日", "逾期{lateness}日", 1)
    semantic = semantic[:semantic.index("  - id: A02")]
    (tmp_path / "semantic.yaml").write_text(semantic, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_policy("semantic.yaml", tmp_path)
    assert "{lateness}" in str(info.value) and "A02" in str(info.value)
