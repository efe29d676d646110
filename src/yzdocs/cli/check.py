"""`yzdocs check`: validate case files and report compliance findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from yzdocs.check import run_check
from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root
from yzdocs.output.atomic import write_atomic
from yzdocs.reporters import REPORTERS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@as_of_option
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default=None,
              help="输出格式：text（默认）、json、github（GitHub Actions 注释，设置了 GITHUB_ACTIONS 时默认）、junit。")
@click.option("--strict", is_flag=True, help="严格模式：警告也视为不通过。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="把报告写入文件（如 junit 报告），而不是标准输出。")
@click.pass_context
def check(ctx, paths, as_of, fmt, strict, output):
    """校验案件库文件：YAML 格式、字段结构、交叉引用，以及十项制度的期限与出庭合规。

    PATHS 可以是文件或目录（pre-commit 传入改动的文件）；默认检查整个案件库。
    退出码：0 无错误；1 有错误（--strict 时警告也算）；2 无法运行（参数错误、找不到案件库）。

    \b
    Example:
        yzdocs check
        yzdocs check cases/2023/鲁0404行初15号.yaml --as-of 2023-06-30
        yzdocs check --format junit -o yzdocs-junit.xml
    """
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    result = run_check(repo_root(ctx), paths, as_date(as_of))
    report = REPORTERS[fmt](result, strict=strict)
    if output:
        write_atomic(Path(output), report.encode("utf-8"))
        if fmt != "text":
            echo(REPORTERS["text"](result, strict=strict).splitlines()[-1])
    else:
        echo(report, nl=False)
    sys.exit(1 if result.failed(strict) else 0)
