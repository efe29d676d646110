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


def _check(repo, example):
    dest = repo / TARGET
    dest.parent.mkdir(parents=True)
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
        assert all(f["file"] == TARGET for f in findings)
