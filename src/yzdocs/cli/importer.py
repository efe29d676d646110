"""`yzdocs import court-list`: bring the court's case list into the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yzdocs.cli import SuggestingGroup
from yzdocs.cli.echo import echo
from yzdocs.cli.options import repo_root


@click.group("import", cls=SuggestingGroup)
def import_group():
    """从外部清单导入案件信息。

    \b
    Example:
        yzdocs import court-list 法院行政案件清单.xlsx
    """


def _table(rows: list[tuple]) -> list[str]:
    from yzdocs.authoring.skeleton import width

    widths = [max(width(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(str(c) + " " * (w - width(str(c))) for c, w in zip(r, widths)).rstrip() for r in rows]


def plan_text(plan, applied: bool) -> str:
    lines = [f"法院案件清单 {plan.source}：{plan.rows} 行有效案号。"]
    verb = "已新建" if applied else "将新建"
    if plan.creations:
        lines.append(f"{verb} {len(plan.creations)} 个案件文件：")
        rows = [("文件", "案号", "被告", "说明")]
        for row, new, note in plan.creations:
            rows.append((new.rel, str(new.case_no), row.defendant, "收到日期暂按立案日期" if note else ""))
        lines += _table(rows)
    if plan.differences:
        lines.append(f"已有案件与清单的差异（{len(plan.differences)} 处）：")
        lines += _table([("案号", "项目", "清单", "案件文件", "处理")] + [
            (n, item, a, b, "已添加" if applied and act.startswith("--apply") else act)
            for n, item, a, b, act in plan.differences])
    if plan.problems:
        lines.append(f"未能处理的行（{len(plan.problems)} 处）：")
        for row, message in plan.problems:
            lines.append(f"  {'第 ' + str(row) + ' 行' if row else '—'}  {message}")
    if not (plan.creations or plan.differences or plan.problems):
        lines.append("清单与案件库一致，无需改动。")
    return "\n".join(lines) + "\n"


@import_group.command("court-list")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--apply", "apply_", is_flag=True,
              help="实际写入：新建案件文件，并为已有案件补充清单中的开庭日期（其余内容、注释一律不动）。默认只预演。")
@click.pass_context
def court_list(ctx, file, apply_):
    """导入法院的行政案件清单（.xlsx，或 UTF-8/GBK 编码的 .csv）。

    默认只预演（dry run）：列出将新建的案件文件、已有案件与清单的差异（开庭日期、被告、案由、原告），
    以及无法处理的行（案号格式错误、被告未登记等）。加 --apply 才写入。
    列名默认为 案号、原告、被告、案由、立案日期、开庭日期，可在 yzdocs.yaml 的 court_list: 中修改。
    被告按 agencies.yaml 中的全称或别名（aliases）匹配，匹配不上的只报告、不猜测。
    退出码：0 全部处理；1 有无法处理的行。

    \b
    Example:
        yzdocs import court-list 2023年行政案件.xlsx
        yzdocs import court-list 清单.csv --apply
    """
    from yzdocs.authoring.courtlist import apply_plan, build_plan

    plan, repo = build_plan(repo_root(ctx), file)
    if apply_:
        written, problems = apply_plan(plan, repo)
        plan.problems += problems
        echo(plan_text(plan, True), nl=False)
        echo(f"已写入 {len(written)} 个文件。请运行 yzdocs check 检查，并补充新建案件的其余内容。")
    else:
        echo(plan_text(plan, False), nl=False)
        if plan.creations or plan.additions:
            echo("以上为预演，没有写入任何文件。确认无误后加 --apply 执行。")
    sys.exit(1 if plan.problems else 0)
