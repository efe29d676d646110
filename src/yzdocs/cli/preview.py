"""`yzdocs preview`: the first page of a document as PNG."""

from __future__ import annotations

from pathlib import Path

import click

from yzdocs.cli.echo import echo


@click.command("preview")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="PNG 文件路径（默认：与源文件同名 .png）。")
@click.option("--dpi", type=click.IntRange(30, 600), default=100, show_default=True, help="分辨率。")
def preview(file, output, dpi):
    """将公文（.docx 或 .pdf）第一页渲染为 PNG 图片，不用 Word 也能查看版式和字体。

    \b
    Example:
        yzdocs preview out/2023/答辩状报备函.docx
        yzdocs preview out/2023/答辩状报备函.docx -o 预览.png --dpi 150
    """
    from yzdocs.preview import render_first_page

    png = render_first_page(file, output, dpi=dpi)
    echo(f"已生成预览：{png}")
