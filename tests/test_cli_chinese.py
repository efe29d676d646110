"""Every message a user can trigger from the command line is Chinese (click's own included)."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from yzdocs.cli import COMMANDS, main, repo_first

ENGLISH = re.compile(r"\b[A-Za-z]{2,}[,.]? [a-z]{2,}\b")  # two English words in a row
ENGLISH_HEADINGS = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "Error:",
                    "Missing", "Invalid value", "No such", "does not", "Try '")


def _commands():
    for name in COMMANDS:
        command = main.get_command(None, name)
        if isinstance(command, click.Group):
            for sub in command.commands:
                yield (name, sub)
        else:
            yield (name,)


COMMAND_PATHS = list(_commands())


def invoke(*args):
    return CliRunner().invoke(main, list(args), prog_name="yzdocs")


def _english(text: str) -> list[str]:
    text = re.sub(r"yzdocs( [a-z-]+)*|--?[a-z][a-z-]*", "", text)  # command lines, option names
    return [m.group(0) for m in ENGLISH.finditer(text)]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
@pytest.mark.parametrize("bad", [["--no-such-option"], ["--as-of", "2025-02-30"], ["--format", "xml"],
                                 ["a", "b", "c", "d", "e"], ["--repo"]])
def test_bad_arguments_get_chinese_messages(path, bad, tmp_path):
    result = invoke("--repo", str(tmp_path), *path, *bad)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert _english(result.output) == [], result.output
    assert not [h for h in ENGLISH_HEADINGS if h in result.output], result.output
    assert re.search(r"[\u4e00-\u9fff]", result.output), result.output


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_help_headings_are_chinese(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert "用法:" in result.output and "选项:" in result.output
    assert not [h for h in ENGLISH_HEADINGS if h in result.output], result.output
    assert "[%Y-%m-%d]" not in result.output


def test_missing_required_option_and_argument():
    result = invoke("new", "（2026）鲁0404行初1号")
    assert "缺少选项" in result.output and "--defendant" in result.output
    result = invoke("show")
    assert "缺少参数" in result.output


def test_bad_date_says_how_to_write_one():
    result = invoke("check", "--as-of", "2025/1/2")
    assert "“2025/1/2”不是有效的日期，请写成 YYYY-MM-DD" in result.output


def test_full_width_date_is_accepted(tmp_path):
    result = invoke("--repo", str(tmp_path), "check", "--as-of", "２０２５－１２－３１")
    assert "日期" not in result.output  # no date error (the empty folder is not a repository)


def test_version_line():
    assert invoke("--version").output.strip().startswith("yzdocs 版本 ")


@pytest.mark.parametrize("args, expected", [
    (["check", "--repo", "R", "x.yaml"], ["--repo", "R", "check", "x.yaml"]),
    (["check", "--repo=R"], ["--repo=R", "check"]),
    (["--repo", "R", "check"], ["--repo", "R", "check"]),
    (["check", "--", "--repo", "R"], ["check", "--", "--repo", "R"]),
])
def test_repo_option_is_accepted_after_the_subcommand(args, expected):
    assert repo_first(args) == expected


def test_repo_after_subcommand_is_used(tmp_path):
    result = invoke("check", "--repo", str(tmp_path / "nowhere"))
    assert "nowhere" in result.output
