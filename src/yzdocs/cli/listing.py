"""`yzdocs list`: the cases matching an agency, year, status, party or text."""

from __future__ import annotations

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root
from yzdocs.listing import STATUSES


@click.command("list")
@click.option("--agency", metavar="单位", help="只列出该单位的案件：机关代号或名称（如 scjgj、市场监督管理局）。")
@click.option("--year", type=click.IntRange(1990, 2199), metavar="年份", help="案号年份或收案年份为该年的案件。")
@click.option("--status", type=click.Choice(list(STATUSES)),
              help="open 审理中 | concluded 已审结 | lost 败诉 | overdue 有逾期事项。")
@click.option("--text", metavar="文字", help="案件文件中任何文字（原告、案由、被诉行为、人名……）含有它。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@as_of_option
@click.pass_context
def list_command(ctx, agency, year, status, text, fmt, as_of):
    """列出符合条件的案件：案号、单位、案由、原告、收案日期、状态和逾期事项数，新收的在前。

    条件可以组合；不写条件时列出全部案件。以 --as-of 那一天为准：之后才收到的案件不列出，
    之后才收到的裁判不算审结。

    \b
    Example:
        yzdocs list --agency 市场监督管理局 --status open
        yzdocs list --year 2025 --status lost
        yzdocs list --text 张某某
        yzdocs list --status overdue --format json
    """
    from yzdocs.authoring.newcase import resolve_agency
    from yzdocs.listing import list_cases, to_json, to_text
    from yzdocs.repo import load_repository

    day = as_date(as_of)
    repo = load_repository(repo_root(ctx))
    if agency is not None:
        agency = resolve_agency(repo, agency)
    rows = list_cases(repo, day, agency=agency, year=year, status=status, text=text)
    echo(to_json(rows, day) if fmt == "json" else to_text(rows, day), nl=False)
