"""`yzdocs bundle`: a zip of a case's (or a period's) documents for an OA submission, and its check."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_of_option, repo_root
from yzdocs.render.kinds import KINDS


@click.command("bundle")
@click.argument("case_no", required=False)
@click.option("--period", default=None, help="打包该期间的统计表和通报：2023H1、2023H2 或 2023。")
@click.option("--verify", "verify_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="核对附件包：逐一重新计算文件校验值并与 manifest.json 比对。")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(list(KINDS)),
              help="只打包该种文档（可重复，仅用于案件）。默认全部适用的文档。")
@click.option("--pdf", is_flag=True, help="同时放入每份 Word 文档转换的 PDF（LibreOffice）。")
@click.option("--pdfa", is_flag=True, help="放入 PDF/A-2b（长期归档格式）；隐含 --pdf。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="附件包文件（默认：输出目录/bundles/<案号或期间>.zip）。")
@as_of_option
@click.pass_context
def bundle(ctx, case_no, period, verify_path, kinds, pdf, pdfa, output, as_of):
    """生成报送附件包（zip），可直接作为 OA 系统报送的附件。

    CASE_NO 为案号：先生成（或沿用未变的）该案件的公文，再打包；--period 打包该期间的
    统计表、全区通报、专项通报（有需通报事项时）和各有案单位的分析报告（同时写入输出目录
    reports/）。包内有 manifest.json（各文件标题、种类、案号、单位、SHA-256、大小、来源
    校验值、工具版本）和附件清单.txt；文件名为“01-行政应诉案件报备表.docx”形式，
    Windows 和 OA 系统可正确显示中文。同样的输入得到完全相同的 zip。

    退出码：0 成功（--verify：全部一致）；1 案件文件有错误、文档未能生成（--verify：有文件
    与清单不符）；2 案号不存在、文件不是附件包或其他错误。

    \b
    Example:
        yzdocs bundle "（2023）鲁0404行初15号" --pdf
        yzdocs bundle "（2023）鲁0404行初15号" --kind case-report -o 报备.zip
        yzdocs bundle --period 2023H1 --as-of 2023-07-10
        yzdocs bundle --verify "out/bundles/（2023）鲁0404行初15号.zip"
    """
    from yzdocs import bundle as bundle_mod

    chosen = [x for x in (case_no, period, verify_path) if x]
    if len(chosen) != 1:
        raise click.UsageError("请给出案号、--period 期间或 --verify 附件包三者之一。")
    if verify_path:
        manifest, problems = bundle_mod.verify(verify_path)
        if problems:
            echo(f"校验不通过：{verify_path} 中有 {len(problems)} 处与清单不符：", err=True)
            for problem in problems:
                echo(f"  {problem}", err=True)
            sys.exit(1)
        count = len(manifest["files"]) + (1 if manifest.get("attachment_list") else 0)
        echo(f"校验通过：{verify_path} 中 {count} 个文件与清单一致。")
        return
    root = repo_root(ctx)
    if case_no:
        made = bundle_mod.case_bundle(root, case_no, kinds=list(kinds) or None, pdf=pdf, pdfa=pdfa, output=output)
    else:
        if kinds:
            raise click.UsageError("--kind 只用于案件附件包。")
        made = bundle_mod.period_bundle(root, period, as_of=_as_of(as_of), pdf=pdf, pdfa=pdfa, output=output)
    for warning in made.warnings:
        echo(f"提示：{warning}", err=True)
    for entry in made.entries:
        echo(f"  {entry['file']}")
    echo(f"已生成附件包 {made.path}（{len(made.entries)} 个文件及 manifest.json、附件清单.txt）。")


def _as_of(value):
    """--as-of, else the day of SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if value is not None:
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return datetime.now().date()
