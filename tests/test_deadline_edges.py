"""Deadlines at the edges (issue 14): next year's calendar, an agenda that drops nothing,
holiday entries that add, 在途时间, computed appeal periods, one path for every rule's days.

Expected dates are worked by hand from the State Council's holiday notices and the law:
- 2024 春节: 2月10日至17日放假，2月4日（星期日）、2月18日（星期日）上班;
- 2025 国庆: 10月1日至8日放假，9月28日（星期日）、10月11日（星期六）上班;
- 2026 春节: 2月15日至23日放假，2月14日（星期六）、2月28日（星期六）上班;
- 2026 国庆: 10月1日至7日放假，9月20日（星期日）、10月10日（星期六）上班;
- 行政诉讼法 第八十五条: appeal within 15 days of service of a judgment, 10 of a ruling;
- 民事诉讼法 第八十五条: the trigger day is not counted, a last day on a rest day moves to the next
  working day, and 期间不包括在途时间 (a filing mailed before the period ends is on time).
2027 is unknown to chinesecalendar 1.11; the tests that need "no 2027 data" say so with the
``no_2027`` fixture, so that a newer package cannot change them. The 2027 data some tests add is a
test fixture (元旦 1月1日至3日), not a notice.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import yaml

from conftest import run
from reports_repo import new_repo, write_case
from test_rules import BASE, DROP, case_with
from yzdocs import calendar as calendar_module
from yzdocs.calendar import Calendar, Conflict
from yzdocs.errors import UnknownYear
from yzdocs.loading import Document, load_yaml_text
from yzdocs.rules import appeal, judge_case, load_policy
from yzdocs.rules.case_rules import case_outcomes
from yzdocs.rules.engine import Context
from yzdocs.rules.policy import BUILTIN_DIR

D = date.fromisoformat
NEW_YEAR_2027 = {2027: {"rest": [D("2027-01-01"), D("2027-01-02"), D("2027-01-03")], "work": []}}


@pytest.fixture
def no_2027(monkeypatch):
    monkeypatch.setattr(calendar_module, "package_years", lambda: range(2004, 2027))


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def outcomes(policy, case, as_of, overrides=None, rule=None):
    ctx = Context(policy, Calendar(overrides), D(as_of))
    return [o for o in case_outcomes(ctx, case) if rule is None or o.rule == rule]


# --- the calendar -----------------------------------------------------------------------------

def test_a_count_into_an_unknown_year_is_provisional(no_2027):
    cal = Calendar()
    # 2026-12-28 (Mon) + 15 = Tue 2027-01-12: a weekday, provisional.
    assert cal.count(D("2026-12-28"), 15, "calendar") == (D("2027-01-12"), (2027,))
    # 2026-12-29 + 3 = Fri 2027-01-01: New Year's Day is fixed by law (test_statutory_holidays), then the
    # weekend: Mon 01-04, still provisional (the notice may add days around it).
    assert cal.count(D("2026-12-29"), 3, "calendar") == (D("2027-01-04"), (2027,))
    # 2026-12-30 + 3 = Sat 2027-01-02 → Mon 01-04.
    assert cal.count(D("2026-12-30"), 3, "calendar") == (D("2027-01-04"), (2027,))
    # 2026-12-30 + 3 working days: Thu 12-31 (2026, known), Mon 01-04, Tue 01-05.
    assert cal.count(D("2026-12-30"), 3, "workdays") == (D("2027-01-05"), (2027,))
    # nothing beyond the law is guessed: Mon 2027-01-11 + 3 = Thu 01-14, an ordinary day
    assert cal.count(D("2027-01-11"), 3, "calendar") == (D("2027-01-14"), (2027,))
    assert cal.count(D("2026-12-01"), 3, "calendar") == (D("2026-12-04"), ())
    with pytest.raises(UnknownYear):
        cal.deadline(D("2026-12-29"), 3, "calendar")


def test_with_the_year_added_the_date_is_final(no_2027):
    cal = Calendar(NEW_YEAR_2027)
    assert cal.count(D("2026-12-29"), 3, "calendar") == (D("2027-01-04"), ())  # Jan 1–3 off
    assert cal.count(D("2026-12-28"), 15, "calendar") == (D("2027-01-12"), ())


def test_a_one_date_entry_adds_to_the_package_year():
    cal = Calendar({2026: {"rest": [D("2026-12-31")], "work": []}})
    assert cal.is_rest_day(D("2026-12-31"))
    assert cal.is_rest_day(D("2026-10-01")) and cal.is_rest_day(D("2026-10-07"))  # National Day kept
    assert cal.is_workday(D("2026-01-04"))  # the make-up Sunday kept
    assert cal.conflicts(2026) == [Conflict(D("2026-12-31"), "rest")]
    assert cal.source(2026).endswith("+ holidays.yaml")


def test_an_entry_can_correct_a_day_and_replace_a_year():
    corrected = Calendar({2026: {"rest": [], "work": [D("2026-10-03")]}})
    assert corrected.is_workday(D("2026-10-03")) and corrected.is_rest_day(D("2026-10-02"))
    assert corrected.conflicts(2026) == [Conflict(D("2026-10-03"), "work")]
    replaced = Calendar({2026: {"rest": [D("2026-01-01")], "work": [], "replace": True}})
    assert replaced.is_workday(D("2026-10-01"))  # National Day gone: a plain Thursday
    assert replaced.is_rest_day(D("2026-01-04"))  # back to an ordinary Sunday
    assert replaced.conflicts(2026) == [] and "替换" in replaced.source(2026)


# --- provisional deadlines in check ------------------------------------------------------------

def _year_end_repo(tmp_path, holidays: str | None = None):
    root = new_repo(tmp_path / "repo")
    # a case received 2026-07-01 with its hearing on Mon 2027-01-11: R04 due Fri 2027-01-08
    write_case(root, 1, """\
        reported_on: 2026-07-02
        defence: {submitted_on: 2026-07-10, reported_on: 2026-07-16}
        mediation: {plan_on: 2026-07-20, plan: 协商}
        hearings:
          - date: 2027-01-11
        """, received="2026-07-01", year=2026)
    (root / "reports").mkdir()
    (root / "reports" / "2026H1.yaml").write_text("period: 2026H1\nsubmitted: {scjgj: 2026-07-10}\n", "utf-8")
    (root / "meetings").mkdir()
    (root / "meetings" / "2026.yaml").write_text(
        "meetings:\n  - {date: 2026-06-20, topics: [案件通报]}\n  - {date: 2026-12-20, topics: [案件通报]}\n", "utf-8")
    settings = root / "yzdocs.yaml"
    settings.write_text(settings.read_text("utf-8").replace("since: 2023-01-01", "since: 2026-01-01"), "utf-8")
    if holidays:
        (root / "holidays.yaml").write_text(holidays, "utf-8")
    return root


def _calendar_findings(root, as_of):
    result, report = _check(root, as_of)
    return [(f["severity"], f["message"]) for f in report["findings"] if f["rule"] == "calendar"], result


def _check(root, as_of):
    result = run("--repo", root, "check", "--as-of", as_of, "--format", "json")
    return result, json.loads(result.output)


@pytest.mark.parametrize("as_of,severity", [("2026-07-15", "warning"), ("2026-11-20", "warning"),
                                            ("2026-12-20", "error"), ("2027-01-12", "error")])
def test_year_end_without_next_years_data(tmp_path, no_2027, as_of, severity):
    root = _year_end_repo(tmp_path)
    found, result = _calendar_findings(root, as_of)
    case = [m for s, m in found if m.startswith("R04")]
    # R04 (2027-01-08) is 177, 49, 19 days ahead, then past: a warning while far, an error within 30 days
    assert [(s, m.split("的期限")[0]) for s, m in found if m.startswith("R04")] == [(severity, "R04（2027年1月8日）")]
    assert "缺少 2027 年的法定节假日数据" in case[0] and "holidays.yaml" in case[0]
    # A01 for 2026H2 is due Fri 2027-01-15, provisional; the 2026H2 report is not yet recorded
    a01 = [(s, m) for s, m in found if "A01（2027年1月15日）" in m]
    assert len(a01) == 1 and a01[0][1].startswith("2026年下半年（峄城区市场监督管理局）")
    assert a01[0][0] == ("warning" if as_of < "2026-12-16" else "error")
    assert (result.exit_code == 0) is (severity == "warning")


def test_year_end_with_next_years_data(tmp_path, no_2027):
    root = _year_end_repo(tmp_path, "2027:\n  rest: [2027-01-01, 2027-01-02, 2027-01-03]\n  work: []\n")
    found, result = _calendar_findings(root, "2026-12-20")
    assert found == [] and result.exit_code == 0


def test_r04_rest_note_in_an_unknown_year(policy, no_2027):
    weekday = case_with(hearings=[{"date": D("2027-01-11"), "heads": []}], judgment=DROP, loss_analysis=DROP,
                        performance=DROP, guarantee__resolve_by=D("2027-03-01"))
    [r04] = outcomes(policy, weekday, "2026-12-01", rule="R04")
    assert (r04.due, r04.provisional) == (D("2027-01-08"), (2027,))
    assert r04.values["rest_note"] == "（当年节假日安排尚未公布，该日是否放假待定）"
    saturday = case_with(hearings=[{"date": D("2027-01-12"), "heads": []}], judgment=DROP, loss_analysis=DROP,
                         performance=DROP, guarantee__resolve_by=D("2027-03-01"))
    [r04] = outcomes(policy, saturday, "2026-12-01", rule="R04")
    assert r04.due == D("2027-01-09") and r04.values["rest_note"] == "（该日为周末，请提前报备；当年节假日安排尚未公布）"
    # hearing Mon 2027-02-08 (正月初三): 3 days before is Fri 02-05, 除夕, a holiday the law fixes
    chuxi = case_with(hearings=[{"date": D("2027-02-08"), "heads": []}], judgment=DROP, loss_analysis=DROP,
                      performance=DROP, guarantee__resolve_by=D("2027-03-01"))
    [r04] = outcomes(policy, chuxi, "2026-12-01", rule="R04")
    assert r04.due == D("2027-02-05")
    assert r04.values["rest_note"] == "（该日为法定节假日，请提前报备；当年节假日安排尚未公布）"
    [r04] = outcomes(policy, saturday, "2026-12-01", NEW_YEAR_2027, rule="R04")
    assert r04.provisional == () and r04.values["rest_note"] == "（该日为休息日，请提前报备）"


# --- the agenda drops nothing -------------------------------------------------------------------

def _agenda_repo(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "", received="2026-12-28", year=2026)
    write_case(root, 2, "", received="2027-01-05", year=2027)
    (root / "reports").mkdir()
    (root / "reports" / "2026H1.yaml").write_text("period: 2026H1\nsubmitted: {scjgj: 2026-07-10}\n", "utf-8")
    return root


def test_agenda_keeps_every_obligation_with_its_mark(tmp_path, no_2027):
    root = _agenda_repo(tmp_path)
    result = run("--repo", root, "agenda", "--as-of", "2027-01-12", "--format", "json")
    assert result.exit_code == 0 and result.stderr_bytes in (None, b"")
    listed = json.loads(result.output)["items"]
    items = {(i["case_no"] or i["occurrence"], i["rule"]): (i["due"], i["provisional"]) for i in listed}
    one, two = "（2026）鲁0404行初1号", "（2027）鲁0404行初2号"
    assert items[(one, "R01")] == ("2026-12-31", False)  # Thu 2026-12-31: known, overdue
    assert items[(one, "R02")] == ("2027-01-12", True)   # due that very day
    assert items[(one, "R03")] == ("2027-01-15", True)   # R02's date + 3
    assert items[(two, "R01")] == ("2027-01-08", True)
    assert items[(two, "R02")] == ("2027-01-20", True)
    assert items[(two, "R03")] == ("2027-01-25", True)   # Sat 01-23 → Mon 01-25 (weekends only)
    assert items[("2026H2", "A01")] == ("2027-01-15", True)  # the half-year report
    assert items[("2027H1", "A01")] == ("2027-07-15", True)
    text = run("--repo", root, "agenda", "--as-of", "2027-01-12").output
    assert "2027-01-12  今日到期      R02  向法院提交答辩状及证据（暂定）" in text
    ics = tmp_path / "a.ics"
    run("--repo", root, "agenda", "--as-of", "2027-01-12", "--ics", ics)
    body = ics.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == len([i for i in listed if i["due"]])  # undated: text and JSON only
    assert "SUMMARY:【R02】向法院提交答辩状及证据（暂定）（（2026）鲁0404行初1号）" in body
    assert "暂按周末和法定节假日推算" in body


def test_show_marks_provisional_deadlines(tmp_path, no_2027):
    root = _agenda_repo(tmp_path)
    text = run("--repo", root, "show", "（2026）鲁0404行初1号", "--as-of", "2027-01-05").output
    assert "2027-01-12  ◆ [未到期·暂定] R02 向法院提交答辩状及证据" in text
    assert "暂定：缺少 2027 年的法定节假日数据" in text and "无法计算" not in text


# --- holidays.yaml that adds, and the calendar command ------------------------------------------

def test_check_warns_where_holidays_yaml_contradicts_the_package(tmp_path):
    root = new_repo(tmp_path / "repo")
    (root / "holidays.yaml").write_text("2026:\n  rest: [2026-12-31]\n", "utf-8")
    result, report = _check(root, "2026-06-30")
    [warning] = [f for f in report["findings"] if f["file"] == "holidays.yaml"]
    assert (warning["rule"], warning["severity"], warning["line"]) == ("calendar", "warning", 2)
    assert "2026-12-31 列为放假日" in warning["message"] and "工作日" in warning["message"]


def test_calendar_command(tmp_path, no_2027):
    root = new_repo(tmp_path / "repo")
    (root / "holidays.yaml").write_text("2026:\n  rest: [2026-12-31]\n", "utf-8")
    listing = run("--repo", root, "calendar").output
    assert "2004–2025  chinesecalendar" in listing and "2026       chinesecalendar" in listing
    assert "+ holidays.yaml" in listing
    year = run("--repo", root, "calendar", "2026").output
    assert "2026-02-15（周日） 至 2026-02-23（周一），共9天" in year
    assert "2026-10-01（周四） 至 2026-10-07（周三），共7天" in year
    assert "2026-12-31（周四），共1天  ← holidays.yaml" in year
    assert "  2026-02-14（周六）\n  2026-02-28（周六）" in year
    unknown = run("--repo", root, "calendar", "2027")
    assert unknown.exit_code == 0 and "没有节假日数据" in unknown.output and "暂定" in unknown.output
    data = json.loads(run("--repo", root, "calendar", "2024", "--format", "json").output)
    assert {"first": "2024-02-10", "last": "2024-02-17", "days": 8} in data["holidays"]
    assert data["work"] == ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                            "2024-09-14", "2024-09-29", "2024-10-12"]


# --- 在途时间 --------------------------------------------------------------------------------------

def test_a_defence_mailed_on_the_last_day_is_on_time(policy):
    # received Fri 2024-03-01: R02's 15th day is Sat 03-16, moved to Mon 03-18
    mailed = case_with(defence={"mailed_on": D("2024-03-18"), "tracking_no": "1190123456789",
                                "submitted_on": D("2024-03-21"), "reported_on": D("2024-03-21")})
    [r02] = outcomes(policy, mailed, "2024-12-31", rule="R02")
    assert (r02.status, r02.due, r02.done, r02.path) == ("met", D("2024-03-18"), D("2024-03-18"),
                                                        ("defence", "mailed_on"))
    logged_only = case_with(defence={"submitted_on": D("2024-03-21"), "reported_on": D("2024-03-21")})
    [r02] = outcomes(policy, logged_only, "2024-12-31", rule="R02")
    assert (r02.status, r02.values["late_days"]) == ("late", 3)
    too_late = case_with(defence={"mailed_on": D("2024-03-19"), "submitted_on": D("2024-03-21")})
    [r02] = outcomes(policy, too_late, "2024-12-31", rule="R02")
    assert (r02.status, r02.done) == ("late", D("2024-03-19"))


def test_mailing_shows_in_the_timeline(tmp_path):
    root = new_repo(tmp_path / "repo")
    write_case(root, 3, """\
        reported_on: 2023-03-03
        defence: {mailed_on: 2023-03-16, tracking_no: "1190123456789", submitted_on: 2023-03-20}
        """)
    text = run("--repo", root, "show", "（2023）鲁0404行初3号", "--as-of", "2023-04-30").output
    assert "2023-03-16  ● 答辩状及证据交邮（邮件号1190123456789）" in text
    assert "[按期] R02 向法院提交答辩状及证据，完成于2023-03-16" in text


# --- appeal periods -----------------------------------------------------------------------------

def served(on, form="judgment", **judgment):
    """A lost first-instance case whose judgment (or ruling) the agency received on ``on``."""
    return case_with(received_on=D(on) - timedelta(days=90), hearings=DROP,
                     judgment={"received_on": D(on), "form": form, "result": "revoked", **judgment},
                     loss_analysis={"reported_on": D(on), "problems": "证据不足", "causes": "取证不规范",
                                    "measures": "专项培训"},
                     performance=DROP)


@pytest.mark.parametrize("on,form,due,effective", [
    # 2025-09-23 (Tue) + 15 = Wed 10-08, in the National Day holiday → Thu 10-09
    ("2025-09-23", "judgment", "2025-10-09", "2025-10-10"),
    # a ruling: + 10 = Fri 10-03, a holiday → Thu 10-09
    ("2025-09-23", "ruling", "2025-10-09", "2025-10-10"),
    # 2026-02-05 (Thu) + 15 = Fri 02-20, in the Spring Festival → Tue 02-24
    ("2026-02-05", "judgment", "2026-02-24", "2026-02-25"),
    # 2026-02-09 (Mon) + 10 = Thu 02-19 → Tue 02-24
    ("2026-02-09", "ruling", "2026-02-24", "2026-02-25"),
    # 2024-02-01 (Thu) + 15 = Fri 02-16 (holiday), Sat 02-17 (holiday), Sun 02-18 is a make-up working day
    ("2024-02-01", "judgment", "2024-02-18", "2024-02-19"),
    # 2026-09-28 (Mon) + 15 = Tue 10-13: the holiday inside the period does not count
    ("2026-09-28", "judgment", "2026-10-13", "2026-10-14"),
])
def test_appeal_period_and_effective_date(policy, on, form, due, effective):
    case = served(on, form)
    ctx = Context(policy, Calendar(), D("2027-01-01"))
    assert appeal.appeal_due(ctx, case) == D(due)
    assert appeal.effective_date(ctx, case) == D(effective)
    before = Context(policy, Calendar(), D(due) - (D(due) - D(on)) // 2)
    [r12] = [o for o in case_outcomes(before, case) if o.rule == "R12"]
    assert (r12.status, r12.due, r12.task) in {("open", D(due), "研判是否上诉"), ("due_soon", D(due), "研判是否上诉")}


def test_performance_runs_from_the_derived_effective_date(policy):
    case = served("2025-09-23")
    assert [o for o in outcomes(policy, case, "2025-10-09") if o.rule == "R11"] == []
    [r11] = outcomes(policy, case, "2025-10-10", rule="R11")
    assert (r11.key, r11.due) == ("pending", D("2025-10-10"))
    appealed = served("2025-09-23", appeal={"by": "other"})
    assert outcomes(policy, appealed, "2026-06-30", rule="R11") == []  # awaiting the second instance


def test_a_recorded_effective_date_before_the_laws_is_a_finding(policy):
    early = outcomes(policy, served("2025-09-23", effective_on=D("2025-10-08")), "2025-12-31", rule="R12")
    assert [(o.key, o.values["effective"]) for o in early if o.key] == [("effective_early", "2025年10月8日")]
    # later is possible: the other party may have been served later
    later = outcomes(policy, served("2025-09-23", effective_on=D("2025-10-15")), "2025-12-31", rule="R12")
    assert [o.key for o in later if o.key] == []


def test_the_agencys_own_appeal_counts_the_mailing_day(policy):
    mailed = outcomes(policy, served("2025-09-23", appeal={"by": "agency", "mailed_on": D("2025-10-09"),
                                                         "filed_on": D("2025-10-13")}), "2025-12-31", rule="R12")
    assert [(o.status, o.done) for o in mailed] == [("met", D("2025-10-09"))]
    late = outcomes(policy, served("2025-09-23", appeal={"by": "agency", "filed_on": D("2025-10-10")}),
                    "2025-12-31", rule="R12")
    assert [(o.status, o.key, policy.rules["R12"].severity_of(o.key)) for o in late] == [("late", "late", "error")]


def test_no_appeal_period_for_final_or_unappealable_decisions(policy):
    ctx = Context(policy, Calendar(), D("2026-12-31"))
    second = dict(served("2025-09-23"), level="second", case_no="（2025）鲁04行终9号")
    assert appeal.appeal_due(ctx, second) is None
    assert appeal.effective_date(ctx, second) == D("2025-09-23")  # final on service
    withdrawn = served("2025-09-23", "ruling")
    withdrawn["judgment"]["result"] = "withdrawn"
    assert appeal.appeal_due(ctx, withdrawn) is None


def test_an_undecided_appeal_after_the_period_is_a_note(policy):
    [r12] = outcomes(policy, served("2025-09-23"), "2025-12-31", rule="R12")
    assert (r12.key, policy.rules["R12"].severity_of(r12.key)) == ("undecided", "info")


# --- one path for every rule's days -------------------------------------------------------------

def test_every_rule_reads_its_days_from_the_policy(tmp_path, policy):
    text = (BUILTIN_DIR / "yicheng-2023.yaml").read_text(encoding="utf-8")
    edited = text.replace("    title: 负责人出庭应诉\n    task: 行政机关负责人出庭应诉\n    trigger: 开庭\n    days: 0\n",
                            "    title: 负责人出庭应诉\n    task: 行政机关负责人出庭应诉\n    trigger: 开庭\n    days: 1\n")
    edited = edited.replace("    trigger: 化解时限\n    days: 0\n", "    trigger: 化解时限\n    days: 2\n")
    assert edited.count("days: 1\n") > text.count("days: 1\n") and "化解时限\n    days: 2" in edited
    (tmp_path / "mine.yaml").write_text(edited, encoding="utf-8")
    mine = load_policy("mine.yaml", tmp_path)
    # R05, hearing held: its date is the hearing day less the policy's days
    [r05] = outcomes(mine, BASE, "2024-12-31", rule="R05")
    assert r05.due == D("2024-04-15")
    # R08, resolved and unresolved: both judged against resolve_by less 2 days (2024-04-28)
    resolved = case_with(guarantee__resolved_on=D("2024-04-29"))
    [r08] = outcomes(mine, resolved, "2024-12-31", rule="R08")
    assert (r08.due, r08.status) == (D("2024-04-28"), "late")
    open_case = case_with(judgment=DROP, loss_analysis=DROP, performance=DROP)
    [r08] = outcomes(mine, open_case, "2024-04-20", rule="R08")
    assert r08.due == D("2024-04-28")


def test_a_district_policy_without_r12_gets_the_builtin_one(tmp_path):
    text = (BUILTIN_DIR / "yicheng-2023.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: R12\n")
    (tmp_path / "old.yaml").write_text(text[:start] + text[text.index("  - id: A01\n"):], encoding="utf-8")
    old = load_policy("old.yaml", tmp_path)
    assert old.rules["R12"].days == 15 and old.rules["R12"].ruling_days == 10


def test_a_judgement_context_is_reset_between_cases(policy, no_2027):
    ctx = Context(policy, Calendar(), D("2027-01-05"))

    def doc(case):
        return load_yaml_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False),
                              Document("cases/2026/x.yaml"))

    late = case_with(received_on=D("2026-12-29"), reported_on=DROP, defence=DROP, hearings=DROP, judgment=DROP,
                     loss_analysis=DROP, performance=DROP, guarantee__resolve_by=D("2027-03-01"))
    assert judge_case(ctx, doc(late)).unknown
    assert not judge_case(ctx, doc(BASE)).unknown


def test_the_defence_report_says_it_was_mailed(tmp_path):
    import docx

    root = new_repo(tmp_path / "repo")
    write_case(root, 3, """\
        reported_on: 2023-03-03
        defence: {mailed_on: 2023-03-16, tracking_no: "1190123456789", submitted_on: 2023-03-20,
                  reported_on: 2023-03-18}
        """)
    assert run("--repo", root, "build", "-o", tmp_path / "out", "-j", "1").exit_code == 0
    [path] = (tmp_path / "out").rglob("答辩状报备函.docx")
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert "于2023年3月16日以邮寄方式（邮件号1190123456789）向枣庄市峄城区人民法院提交答辩状及证据材料" in text
    assert "3月20日" not in text  # the day the court logged it is not the day it was filed


def test_the_special_circular_marks_a_provisional_due_date(tmp_path, no_2027):
    import docx

    from yzdocs.periods import Period
    from yzdocs.repo import load_repository
    from yzdocs.reports.circular import items
    from yzdocs.reports.stats import judge

    root = new_repo(tmp_path / "repo")
    write_case(root, 1, "", received="2026-12-29", year=2026)  # R01 due Mon 2027-01-04 (暂定), not reported
    basis = judge(load_repository(root), D("2027-01-20"))
    [r01] = [i for i in items(basis, Period(2027, 1)) if i.rule == "R01"]
    assert (r01.due, r01.provisional) == (D("2027-01-04"), True)
    out = tmp_path / "c.docx"
    result = run("--repo", root, "report", "special-circular", "--period", "2027H1", "--number", "峄司通〔2027〕1号",
                 "--as-of", "2027-01-20", "-o", out)
    assert result.exit_code == 0, result.output
    cells = [c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells]
    assert "2027年1月4日（暂定）" in cells


def test_new_lists_provisional_first_deadlines(tmp_path, no_2027):
    root = new_repo(tmp_path / "repo")
    result = run("--repo", root, "new", "（2026）鲁0404行初90号", "--defendant", "scjgj", "--received", "2026-12-28",
                 "--as-of", "2026-12-28")
    assert result.exit_code == 0, result.output
    assert "  R01  2026-12-31  向区司法局报备案件基本情况（还有3日）" in result.output
    assert "  R02  2027-01-12  向法院提交答辩状及证据（还有15日，暂定）" in result.output
    assert "注意：标为“暂定”的期限在 2027 年" in result.output
