"""`yzdocs agenda`: every open obligation, overdue first, optionally as .ics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.errors import ConfigError
from yzdocs.output.atomic import write_atomic


def parse_as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"日期“{value}”格式不对，请写成 YYYY-MM-DD，例如 2026-06-30。") from None


@click.command("agenda")
@click.option("--as-of", "as_of", metavar="DATE", help="以哪一天为准（YYYY-MM-DD，默认今天）。")
@click.option("--days", type=click.IntRange(min=0), metavar="N", help="只列出 N 日内到期的事项（逾期事项总会列出）。")
@click.option("--agency", metavar="ID", help="只列出某个被诉行政机关（agencies.yaml 中的 id）的事项。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@click.option("--ics", "ics", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="另存为 iCalendar 文件（.ics），可导入 Outlook、WPS 或手机日历；重复导入会更新而不是重复。")
@click.pass_context
def agenda(ctx, as_of, days, agency, fmt, ics):
    """列出全部待办事项：逾期在前，其余按期限排序，注明案号、单位、事项、期限、剩余天数和承办人。

    \b
    Example:
        yzdocs agenda                          # 今天起的全部待办
        yzdocs agenda --days 7 --agency scjgj  # 某单位 7 日内到期的事项
        yzdocs agenda --as-of 2026-06-30 --format json
        yzdocs agenda --ics 待办.ics
    """
    from yzdocs.agenda import build_agenda, to_ics, to_json, to_text
    from yzdocs.repo import find_root, load_repository

    day = parse_as_of(as_of)
    repo = load_repository(find_root(ctx.obj.get("repo") if ctx.obj else None))
    if agency is not None and agency not in repo.agencies:
        raise ConfigError(f"agencies.yaml 中没有 id 为“{agency}”的单位。可用：{'、'.join(sorted(repo.agencies))}。")
    items = build_agenda(repo, day, days=days, agency=agency)
    echo(to_json(items, day) if fmt == "json" else to_text(items, day), nl=False)
    if ics is not None:
        write_atomic(ics, to_ics(items, day))
