"""`yzdocs templates`: check, list and export the document templates."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from yzdocs.cli import SuggestingGroup
from yzdocs.cli.echo import echo


def _root(ctx):
    from yzdocs.errors import RepositoryNotFound
    from yzdocs.repo import find_root

    try:
        return find_root(ctx.obj.get("repo") if ctx.obj else None)
    except RepositoryNotFound:
        if ctx.obj and ctx.obj.get("repo"):
            raise
        return None  # outside a repository: the built-in templates only


@click.group("templates", cls=SuggestingGroup)
def templates():
    """公文模板：检查、列出、导出（案件库 templates/<种类>.docx 优先于内置模板）。

    \b
    Example:
        yzdocs templates check
        yzdocs templates list --variables
        yzdocs templates export templates
    """


@templates.command("check")
@click.pass_context
def check(ctx):
    """检查每个模板能否编译、用到的变量是否都存在；有问题时退出码为 1。

    \b
    Example:
        yzdocs templates check
    """
    from yzdocs.render.inspect import check_all

    results = check_all(_root(ctx))
    count = 0
    for source, problems in results:
        for problem in problems:
            echo(str(problem))
            count += 1
    if count:
        echo(f"{len(results)} 个模板中发现 {count} 处问题。")
        sys.exit(1)
    echo(f"{len(results)} 个模板均检查通过。")


@templates.command("list")
@click.option("--variables", is_flag=True, help="同时列出每种文档可用的变量。")
@click.pass_context
def list_(ctx, variables):
    """列出文档种类、适用条件和所用模板。

    \b
    Example:
        yzdocs templates list --variables
    """
    from yzdocs.render.kinds import KINDS, REPORT_KINDS
    from yzdocs.render.templates import template_for

    root = _root(ctx)
    for kind in KINDS.values():
        source = template_for(kind.name, root)
        echo(f"{kind.name}\t{kind.title}\t{kind.rule}\t{source.origin}模板 {source.path}")
        if variables:
            from yzdocs.render.inspect import variable_paths

            for path in variable_paths(kind.name):
                echo(f"    {{{{ {path} }}}}")
    for name, (title, command) in REPORT_KINDS.items():
        source = template_for(name, root)
        echo(f"{name}\t{title}\t由 {command} 生成\t{source.origin}模板 {source.path}")


@templates.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖目录中已有的同名文件。")
def export(directory, force):
    """把内置模板复制到 DIRECTORY，供修改后作为案件库的 templates/ 使用。

    \b
    Example:
        yzdocs templates export templates
    """
    from yzdocs.errors import OutputError
    from yzdocs.render.kinds import ALL_KINDS
    from yzdocs.render.templates import builtin_dir

    directory.mkdir(parents=True, exist_ok=True)
    existing = [directory / f"{kind}.docx" for kind in ALL_KINDS if (directory / f"{kind}.docx").exists()]
    if existing and not force:  # before anything is copied
        raise OutputError(f"{existing[0]} 已存在；如需覆盖请加 --force。")
    for kind in ALL_KINDS:
        target = directory / f"{kind}.docx"
        shutil.copyfile(builtin_dir() / f"{kind}.docx", target)
        echo(f"已导出 {target}")
