"""Every line the CLI prints goes through here: case files are untrusted, and an ESC or BEL in a
party's name must not recolour, retitle or beep the terminal, nor a U+2028 break a CI log's line."""

from __future__ import annotations

import click

from yzdocs.reporters import terminal_safe


def echo(message="", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` with control characters from user text shown as escapes (\\x1b …)."""
    click.echo(terminal_safe(str(message)), err=err, nl=nl)
