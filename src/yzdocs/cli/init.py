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
@click.option("--source", default=None, metavar="GIT地址",
              help="持续集成配置中 yzdocs 的 git 地址（默认：安装本 yzdocs 时用的 git 地址；不知道时留待填写）。")
def init(directory, district, court, source):
    """新建一个案件库：带注释的 yzdocs.yaml 与 agencies.yaml、cases/ 等目录、.gitignore、
    pre-commit 配置、GitHub/GitLab/Gitea 的持续集成配置和 VS Code 设置。已有的文件不会被覆盖。

    \b
    Example:
        yzdocs init 行政应诉案件库
        yzdocs init . --district 薛城区 --court 枣庄市薛城区人民法院
    """
    from yzdocs.authoring.init import init_repository

    result = init_repository(directory, district, court, source)
    for rel in result.written:
        echo(f"已写入 {rel}")
    for rel in result.kept:
        echo(f"已存在，未改动 {rel}")
    echo(result.git)
    if "rules.yaml" in result.written:
        echo("已按内置的峄城区方案生成本区的规则方案 rules.yaml：请按本区文件核对期限和措辞，并填写本区文件的标题和发文字号"
             "（document），通报和报告会引用它。")
    if not result.source_known:
        echo("持续集成配置（.github、.gitlab-ci.yml、.gitea）中 yzdocs 的 git 地址待填写：把 YZDOCS_GIT 的"
             "“<yzdocs 的 git 地址>”改为本单位存放 yzdocs 的 git 地址（新建案件库时可用 yzdocs init --source 地址 直接写入）。")
    echo(f"案件库已就绪：{result.root}。下一步：在 agencies.yaml 中登记各被诉单位，"
               "然后用 yzdocs new 新建案件，yzdocs check 检查。")
