"""`yzdocs notify`: push each agency its reminders (e-mail, 钉钉/企业微信/飞书 robots, webhooks)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root


@click.command("notify")
@as_of_option
@click.option("--targets", "targets", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="推送目标文件（默认案件库中的 notify.yaml，见 docs/notify.md）。")
@click.option("--dry-run", is_flag=True, help="只显示今天要发的每条消息和它的推送地址（密钥已隐去），不发送。")
@click.pass_context
def notify(ctx, as_of, targets, dry_run):
    """推送提醒：每个单位收到本单位今天需要提醒的待办事项，逾期事项同时告知分管负责人，区司法局收到全区逾期汇总。

    每个事项只在固定的日子提醒（进入提醒期、到期日、逾期第一个工作日、此后每周），每天运行一次即可；休息日不发送。

    推送地址写在 notify.yaml 中，密钥写成 ${环境变量}。有推送失败时退出码为 1，其余地址照常发送。

    \b
    Example:
        yzdocs notify --dry-run                 # 先看看今天会发什么
        yzdocs notify                           # 发送（CI 定时任务每天早上运行）
        yzdocs notify --as-of 2026-03-02 --dry-run
        yzdocs notify --targets /etc/yzdocs/notify.yaml
    """
    from yzdocs.notify import notify as run
    from yzdocs.reminders.digest import AUDIENCE_LABELS, DISTRICT
    from yzdocs.reporters import finding_line, terminal_safe
    from yzdocs.rules.engine import cn_date

    result = run(repo_root(ctx), as_date(as_of), targets_file=targets, dry_run=dry_run)
    for finding in result.findings:
        echo(finding_line(finding), err=True)
    day = cn_date(result.as_of)
    if result.refused_targets and not dry_run:
        echo("推送目标文件有错误（见上），未发送任何消息。可先用 --dry-run 查看今天的提醒消息。", err=True)
        sys.exit(1)
    if not result.workday:
        echo(f"{day}是休息日，不发送提醒。")
        return
    if not result.plan:
        echo(f"{day}没有需要提醒的事项，未发送任何消息。")
        return
    for planned in result.plan:
        m = planned.message
        who = "区司法局" if m.audience == DISTRICT else f"{result.name(m.agency)} {AUDIENCE_LABELS[m.audience]}"
        if dry_run:
            where = "、".join(terminal_safe(d.label) for d in planned.destinations) or "（未配置推送地址）"
            echo(f"━━ 发往 {who}：{where}")
            echo(terminal_safe(m.title))
            echo(terminal_safe(m.body))
            echo("")
        elif not planned.destinations:
            echo(f"未发送  {who}：推送目标文件中没有它的推送地址（{len(m.items)} 项）")
    for d in result.deliveries:
        label = terminal_safe(d.label)
        echo(f"已发送  {label}" if d.ok else
             f"失败    {label}（{d.destination.file}:{d.destination.line}）：{terminal_safe(d.reason)}")
    if dry_run:
        echo(f"演练：{day}共 {len(result.plan)} 条消息，未发送。")
    else:
        echo(f"{day}共 {len(result.plan)} 条消息、{len(result.deliveries)} 次推送：成功 "
             f"{len(result.deliveries) - len(result.failed)} 次，失败 {len(result.failed)} 次。")
    if not result.ok:
        sys.exit(1)

