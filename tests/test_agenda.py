"""`yzdocs agenda` on the sample repository: JSON and .ics read back."""

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from icalendar import Calendar

from yzdocs.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    result = CliRunner().invoke(main, ["--repo", str(ROOT), "agenda", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_agenda_json():
    data = json.loads(run("--as-of", "2025-12-15", "--format", "json", "--agency", "zhzfj"))
    assert data["as_of"] == "2025-12-15"
    rows = [(i["rule"], i["due"], i["days_left"], i["staff"]) for i in data["items"]]
    # （2025）鲁0404行初66号: hearing Thu 2026-01-08, heads list due Mon 01-05; resolve_by 2026-03-31;
    # and zhzfj's 2025H2 report, due 2025-12-31 + 15 = 2026-01-15 (Thu).
    assert rows == [
        ("R04", "2026-01-05", 21, "崔亮"),
        ("R05", "2026-01-08", 24, "崔亮"),
        ("A01", "2026-01-15", 31, None),
        ("R08", "2026-03-31", 106, "陶然"),
    ]
    first = data["items"][0]
    assert first["case_no"] == "（2025）鲁0404行初66号" and first["agency_name"]
    assert first["task"] and first["status_label"] == "未到期"


def test_agenda_days_window_keeps_overdue():
    data = json.loads(run("--as-of", "2025-12-15", "--format", "json", "--days", "25"))
    dues = [(i["rule"], i["days_left"]) for i in data["items"]]
    # overdue first, oldest first (days counted by hand from each due date to 2025-12-15)
    assert dues[:5] == [("R08", -697), ("A01", -518), ("R10", -417), ("R07", -410), ("A02", -349)]
    assert all(d <= 25 for _, d in dues)
    assert ("R04", 21) in dues and ("R05", 24) in dues and ("R04", 28) not in dues


def test_agenda_ics_round_trip(tmp_path):
    ics = tmp_path / "agenda.ics"
    run("--as-of", "2025-12-15", "--ics", str(ics), "--agency", "zhzfj")
    raw = ics.read_bytes()
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 4
    r04 = events[0]
    assert r04.decoded("dtstart") == date(2026, 1, 5)
    assert r04.decoded("dtend") == date(2026, 1, 6)  # all-day: DATE values, end exclusive
    assert r04["dtstart"].params.get("VALUE") == "DATE"
    assert "R04" in str(r04["summary"]) and "（2025）鲁0404行初66号" in str(r04["summary"])
    assert "崔亮" in str(r04["description"])
    assert len({str(e["uid"]) for e in events}) == 4
    assert cal["x-wr-timezone"] == "Asia/Shanghai"

    # Same input, same bytes; a later as-of keeps every UID (re-import updates, not duplicates).
    again = tmp_path / "again.ics"
    run("--as-of", "2025-12-15", "--ics", str(again), "--agency", "zhzfj")
    assert again.read_bytes() == raw
    later = tmp_path / "later.ics"
    run("--as-of", "2025-12-20", "--ics", str(later), "--agency", "zhzfj")
    later_uids = {str(e["uid"]) for e in Calendar.from_ical(later.read_bytes()).walk("VEVENT")}
    assert later_uids == {str(e["uid"]) for e in events}


def test_agenda_text_and_bad_agency():
    out = run("--as-of", "2025-12-15", "--days", "25")
    assert "已逾期518日" in out and "崔亮" in out
    result = CliRunner().invoke(main, ["--repo", str(ROOT), "agenda", "--agency", "nosuch"])
    assert result.exit_code != 0 and "nosuch" in result.output


def test_calendar_feeds_carry_alarms_before_and_on_the_due_date(tmp_path):
    from datetime import timedelta

    ics = tmp_path / "agenda.ics"
    run("--as-of", "2025-12-15", "--ics", str(ics), "--agency", "zhzfj")
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    for event in events:
        alarms = [a for a in event.walk("VALARM")]
        # the policy's reminder window is 3 working days: at 09:00 three calendar days before, and on the day
        assert [a.decoded("trigger") for a in alarms] == [-timedelta(days=2, hours=15), timedelta(hours=9)]
        assert all(str(a["action"]) == "DISPLAY" for a in alarms)
    assert str(events[0].walk("VALARM")[1]["description"]) == "今日到期：向区司法局报备出庭负责人名单"
