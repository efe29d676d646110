"""Positive and negative example files, each checked through the CLI.

Adding a case = adding a file under tests/examples/ (see its README).
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import EXAMPLES, run_json

EXPECT = re.compile(rb"^# expect: (\w+) (\d+):(\d+) (.+)$", re.M)
TARGET = "cases/2023/鲁0404行初99号.yaml"
OTHER_TARGET = re.compile(rb"^# target: (\S+)$", re.M)  # a file that is no case file (reports/2025H1.yaml)


def _target(example) -> str:
    m = OTHER_TARGET.search(example.read_bytes())
    return m.group(1).decode() if m else TARGET


def _check(repo, example):
    dest = repo / _target(example)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(example, dest)
    result, report = run_json("--repo", repo, "check", "--as-of", "2023-03-14")
    return result, [f for f in report["findings"] if f["rule"] in ("yaml", "schema")]


@pytest.mark.parametrize("example", sorted((EXAMPLES / "positive").glob("*.yaml")), ids=lambda p: p.stem)
def test_positive(empty_repo, example):
    result, findings = _check(empty_repo, example)
    assert findings == []


@pytest.mark.parametrize("example", sorted((EXAMPLES / "negative").glob("*.yaml")), ids=lambda p: p.stem)
def test_negative(empty_repo, example):
    expected = [(r.decode(), int(ln), int(col), msg.decode().strip())
                for r, ln, col, msg in EXPECT.findall(example.read_bytes())]
    assert expected, f"{example.name} has no '# expect:' line"
    result, findings = _check(empty_repo, example)
    assert result.exit_code == 1
    got = sorted((f["rule"], f["line"], f["column"], f["message"]) for f in findings)
    assert len(got) == len(expected), got
    for (rule, line, col, fragment), (g_rule, g_line, g_col, g_msg) in zip(sorted(expected), got):
        assert (g_rule, g_line, g_col) == (rule, line, col), g_msg
        assert fragment in g_msg
        assert all(f["file"] == _target(example) for f in findings)


def test_a_case_file_with_format_errors_says_its_rules_were_not_run(empty_repo):
    """Fixing a format error must not bring deadline errors as a surprise: the note says they were not checked."""
    _check(empty_repo, EXAMPLES / "negative" / "no_space_after_colon.yaml")
    result, report = run_json("--repo", empty_repo, "check", "--as-of", "2023-03-14")
    notes = [f for f in report["findings"] if f["rule"] == "unchecked"]
    assert [(n["file"], n["severity"]) for n in notes] == [(TARGET, "info")]
    assert "期限与出庭检查尚未进行" in notes[0]["message"]
    fixed = empty_repo / TARGET
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("reported_on:2023", "reported_on: 2023"), encoding="utf-8")
    result, report = run_json("--repo", empty_repo, "check", "--as-of", "2023-03-14")
    assert report["findings"] and not [f for f in report["findings"] if f["rule"] in ("unchecked", "yaml", "schema")]
