"""`yzdocs new`: start a case file from the schema's commented skeleton."""

from __future__ import annotations

from datetime import date

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import DATE, as_date, as_of_option, repo_root

_WHEN_OVERDUE = "已逾期{n}日"


def deadline_lines(deadlines) -> list[str]:
    """One line per obligation: rule, due date, what, and how much time is left."""
    lines = []
    for d in deadlines:
        if d.due is None:
            when, due = "期限待定，开庭日期确定后计算" if d.rule == "R07" else "期限待定", "—"
        else:
            due = d.due.isoformat()
            when = (_WHEN_OVERDUE.format(n=-d.days_left) if d.days_left < 0
                    else "今日到期" if d.days_left == 0 else f"还有{d.days_left}日")
        lines.append(f"  {d.rule}  {due:10}  {d.task}（{when}{'，暂定' if d.provisional else ''}）")
    return lines


STAFF_ROLES = ("report", "defence", "hearing", "mediation", "performance")


def _staff(pairs) -> dict:
    staff = {}
    for pair in pairs:
        role, sep, name = pair.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or role not in STAFF_ROLES or not name:
            raise click.BadParameter(f"“{pair}”应写成 职责=姓名，职责为 {'、'.join(STAFF_ROLES)} 之一。",
                                     param_hint="'--staff'")
        staff[role] = name
    return staff


@click.command("new")
@click.argument("case_no", metavar="案号")
@click.option("--defendant", required=True, metavar="ID", help="被告：agencies.yaml 中的机关代号或名称（如 scjgj、市场监督管理局）。")
@click.option("--received", type=DATE, default=None,
              help="收到应诉通知书及起诉状副本的日期（YYYY-MM-DD，默认今天）。")
@click.option("--risk", type=click.Choice(["low", "medium", "high"]), default=None,
              help="败诉风险：low 低、medium 中、high 高（high 时附带“一案一包保”栏目）。")
@click.option("--court", default=None, metavar="NAME", help="受理法院（默认：yzdocs.yaml 中的法院，不写入文件）。")
@click.option("--reviewed", type=DATE, default=None, help="主要负责人亲自过问、研究案件的日期。")
@click.option("--staff", "staff", multiple=True, metavar="职责=姓名",
              help="专人分工，可写多次：report 报备、defence 答辩举证、hearing 出庭应诉、mediation 调解和解、"
                   "performance 履行判决；如 --staff report=周婷。")
@as_of_option
@click.pass_context
def new(ctx, case_no, defendant, received, risk, court, reviewed, staff, as_of):
    """新建案件文件，并列出本案的首批期限。

    文件写在 cases/<年>/<法院代字+类型+序号>.yaml，列出全部字段（中文名称、可选值写在注释里），
    尚未发生的事项先注释掉；然后列出本案的首批期限（报备、答辩、答辩状报备……）。

    案号可写全角或半角括号；同一案号已有文件时不会覆盖。

    \b
    Example:
        yzdocs new "（2023）鲁0404行初99号" --defendant scjgj --received 2023-03-13
        yzdocs new "(2024)鲁04行初7号" --defendant qzf --risk high
        yzdocs new "（2026）鲁0404行初3号" --defendant scjgj --reviewed 2026-01-05 --staff report=周婷 --staff defence=郑凯
    """
    from yzdocs.authoring.newcase import create_case

    received_on = received if received is not None else date.today()
    created = create_case(repo_root(ctx), case_no, defendant, received_on, risk=risk, court=court,
                          as_of=as_date(as_of), reviewed=reviewed, staff=_staff(staff))
    echo(f"已新建 {created.rel}（{created.case_no}）")
    if created.deadlines:
        echo("本案的首批期限：")
        for line in deadline_lines(created.deadlines):
            echo(line)
    for year in created.unknown_years:
        echo(f"注意：标为“暂定”的期限在 {year} 年，缺少该年的节假日数据，暂按周末和法定节假日推算；"
             f"请在 holidays.yaml 中补充 {year} 年，或升级 chinesecalendar。")
    echo("请用编辑器打开该文件补充内容，完成后运行 yzdocs check 检查。")
