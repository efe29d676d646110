"""Option bundles shared by several commands."""

from __future__ import annotations

from datetime import date

import click

from yzdocs.repo import find_root


def as_of_option(func):
    return click.option(
        "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        help="以该日期为“今天”判断期限（YYYY-MM-DD，默认今天）。",
    )(func)


def as_date(value) -> date:
    return value.date() if value is not None else date.today()


def repo_root(ctx: click.Context):
    """The repository root for this invocation (--repo, YZDOCS_REPO or search)."""
    return find_root((ctx.find_root().obj or {}).get("repo"))
