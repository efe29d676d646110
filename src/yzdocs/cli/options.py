"""Option bundles shared by several commands."""

from __future__ import annotations

from datetime import date

import click

from yzdocs.repo import find_root
from yzdocs.slips import half_width


class DateParam(click.ParamType):
    """A calendar date written YYYY-MM-DD; full-width digits and hyphens from an input method are accepted."""

    name = "日期"

    def get_metavar(self, param, ctx=None):
        return "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        text = half_width(str(value))
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
        except ValueError:
            pass
        self.fail(f"“{value}”不是有效的日期，请写成 YYYY-MM-DD，例如 2025-12-31。", param, ctx)


DATE = DateParam()


def as_of_option(func):
    return click.option(
        "--as-of", "as_of", type=DATE, default=None,
        help="以该日期为“今天”判断期限（默认今天）。",
    )(func)


def as_date(value) -> date:
    return value if value is not None else date.today()


def repo_root(ctx: click.Context):
    """The repository root for this invocation (--repo, YZDOCS_REPO or search)."""
    return find_root((ctx.find_root().obj or {}).get("repo"))
