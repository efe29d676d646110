"""`yzdocs agenda`: every open obligation, overdue first, optionally as .ics."""

from __future__ import annotations

from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root
from yzdocs.output.atomic import write_atomic


@click.command("agenda")
@as_of_option
@click.option("--days", type=click.IntRange(min=0), metavar="N", help="只列出 N 日内到期的事项（逾期事项总会列出）。")
@click.option("--agency", metavar="单位", help="只列出某个单位的事项：机关代号或名称（如 scjgj、市场监督管理局）。")
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
        yzdocs agenda --agency 坛山街道办事处     # 单位也可以写名称
        yzdocs agenda --as-of 2026-06-30 --format json
        yzdocs agenda --ics 待办.ics
    """
    from yzdocs.agenda import build_agenda, to_ics, to_json, to_text
    from yzdocs.authoring.newcase import resolve_agency
    from yzdocs.repo import load_repository

    day = as_date(as_of)
    repo = load_repository(repo_root(ctx))
    if agency is not None:
        agency = resolve_agency(repo, agency)
    items = build_agenda(repo, day, days=days, agency=agency)
    echo(to_json(items, day) if fmt == "json" else to_text(items, day), nl=False)
    if ics is not None:
        from yzdocs.rules.policy import load_policy

        window = load_policy(repo.settings.get("rules"), repo.root).notify["window_workdays"]
        write_atomic(ics, to_ics(items, day, alarm_days=window))
        echo(f"已写入日历文件 {ics}（{len(items)} 项待办），可导入 Outlook、WPS 或手机日历。", err=fmt == "json")
