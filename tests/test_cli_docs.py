"""Every command is documented: Chinese help with an Example block, and listed in the README."""

from __future__ import annotations

import click
import pytest

from conftest import PROJECT, run
from yzdocs.cli import COMMANDS, main


def _all_commands():
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        yield (name,), command
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                yield (name, sub), command.get_command(ctx, sub)


def test_every_registered_command_exists():
    ctx = click.Context(main)
    assert main.list_commands(ctx) == list(COMMANDS)


@pytest.mark.parametrize("path,command", list(_all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_help_has_example(path, command):
    result = run(*path, "--help")
    assert result.exit_code == 0
    if isinstance(command, click.Group):
        return
    assert "Example:" in result.output, f"yzdocs {' '.join(path)} --help has no Example block"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in command.help), "help text should be Chinese"


def test_readme_lists_every_command():
    readme = (PROJECT / "README.md").read_text("utf-8")
    for name in COMMANDS:
        assert f"yzdocs {name}" in readme, name


def test_readme_opens_with_the_two_commands():
    readme = (PROJECT / "README.md").read_text("utf-8")
    blocks = readme.split("```")
    assert blocks[1].strip().splitlines() == ["bash", "pip install . && yzdocs check --as-of 2025-12-31; yzdocs build"]
    assert blocks[3].strip().splitlines() == ["bash", "bash .ci/run"]
    ci = (PROJECT / ".ci" / "run").read_text()
    assert '"$PY" -m pytest' in ci and "--require-hashes -r requirements.lock" in ci


def test_every_document_kind_is_described_with_its_first_page():
    from yzdocs.render.kinds import ALL_KINDS

    text = (PROJECT / "docs" / "documents.md").read_text(encoding="utf-8")
    for kind in ALL_KINDS:
        image = PROJECT / "docs" / "images" / f"{kind}.png"
        assert f"（{kind}）" in text and f"](images/{kind}.png)" in text, kind
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.stat().st_size < 30_000, kind
