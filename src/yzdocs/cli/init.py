"""`yzdocs init`: start a new case repository."""

from __future__ import annotations

from pathlib import Path

import click

from yzdocs.cli.echo import echo


@click.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path),
                metavar="[目录]")
@click.option("--district", default="峄城区", show_default=True, help="区（县）名，写入设置和示例单位。")
@click.option("--court", default=None, metavar="名称", help="默认受理法院（默认：<区名>人民法院）。")
def init(directory, district, court):
    """新建一个案件库：带注释的 yzdocs.yaml 与 agencies.yaml、cases/ 等目录、.gitignore、
    pre-commit 配置、GitHub/GitLab/Gitea 的持续集成配置和 VS Code 设置。已有的文件不会被覆盖。

    \b
    Example:
        yzdocs init 行政应诉案件库
        yzdocs init . --district 薛城区 --court 枣庄市薛城区人民法院
    """
    from yzdocs.authoring.init import init_repository

    result = init_repository(directory, district, court)
    for rel in result.written:
        echo(f"已写入 {rel}")
    for rel in result.kept:
        echo(f"已存在，未改动 {rel}")
    echo(f"案件库已就绪：{result.root}。下一步：在 agencies.yaml 中登记各被诉单位，"
               "然后用 yzdocs new 新建案件，yzdocs check 检查。")
