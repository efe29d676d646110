"""`yzdocs show CASE_NO`: one case as a timeline of events and deadlines."""

from __future__ import annotations

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root


@click.command("show")
@click.argument("case_no")
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@click.pass_context
def show(ctx, case_no, as_of, fmt):
    """按时间顺序显示一个案件：已发生的事项，以及每项期限的到期日、完成日和状态（按期/逾期/未到期/待办）。

    案号全角、半角括号均可。

    \b
    Example:
        yzdocs show （2023）鲁0404行初15号
        yzdocs show "(2023)鲁0404行初22号" --as-of 2023-05-20
        yzdocs show （2023）鲁0404行初15号 --format json
    """
    from yzdocs.repo import load_repository
    from yzdocs.timeline import case_timeline, to_json, to_text

    day = as_date(as_of)
    repo = load_repository(repo_root(ctx))
    doc, entries = case_timeline(repo, case_no, day)
    if fmt == "json":
        echo(to_json(doc, entries, day), nl=False)
    else:
        name = (repo.agencies.get(doc.data.get("defendant")) or {}).get("name")
        echo(to_text(doc, entries, day, name), nl=False)
