"""`yzdocs build`: write every applicable Word document of the valid cases."""

from __future__ import annotations

import sys

import click

from yzdocs.cli.echo import echo
from yzdocs.render.kinds import KINDS


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=str))
@click.option("--kind", "kinds", multiple=True, type=click.Choice(list(KINDS)),
              help="只生成该种文档（可重复）。默认全部：case-report 报备表、hearing-heads 出庭负责人报备表、"
                   "defence-report 答辩状报备函、mediation-plan 调解和解方案、guarantee 包保责任表、"
                   "loss-analysis 败诉分析报告。")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=str),
              help="输出目录（默认：yzdocs.yaml 的 output，否则 out/）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="并行工作进程数（默认：CPU 核数；1 表示不开子进程）。")
@click.option("--force", is_flag=True, help="忽略清单，全部重新生成。")
@click.option("--save-context", is_flag=True,
              help="在每份文档旁另存 <文档>.context.json：生成该文档所用的全部变量，便于复现和排查模板。")
@click.option("--pdf", is_flag=True, help="生成后将所选案件的全部文档转换为 PDF（LibreOffice，未变的不重复转换）。")
@click.option("--pdfa", is_flag=True, help="转换为 PDF/A-2b（长期归档格式）；隐含 --pdf。")
@click.pass_context
def build(ctx, paths, kinds, out_dir, jobs, force, save_context, pdf, pdfa):
    """为每个无错误的案件生成适用的 Word 公文。

    输出到 目录/<年度>/<案号>/<文种>.docx；只重新生成输入有变化的文档（清单
    .yzdocs-manifest.json），每次开庭一份出庭负责人报备表，高风险案件生成包保责任表，
    败诉案件生成败诉分析报告。有错误的案件跳过并说明原因，此时退出码为 1；
    无法运行（案件库或配置错误、输出目录被另一次生成占用）时退出码为 2。

    \b
    Example:
        yzdocs build                              # 整个案件库
        yzdocs build cases/2023 --kind case-report -o 报备
        yzdocs build -j 4 --force
        yzdocs build --pdf                        # 同时生成 PDF
    """
    from yzdocs.build import build_repository
    from yzdocs.repo import find_root

    root = find_root(ctx.obj.get("repo") if ctx.obj else None)
    with _Progress() as progress:
        result = build_repository(root, paths=list(paths) or None, kinds=list(kinds) or None, out_dir=out_dir,
                                  jobs=jobs, force=force, progress=progress, save_context=save_context)
    for rel, messages in result.skipped:
        echo(f"跳过 {rel}（案件文件有错误，请先运行 yzdocs check 修正）：", err=True)
        for message in messages:
            echo(f"  {message}", err=True)
    for case_rel, kind, message in result.failed:
        echo(f"失败 {case_rel} {kind}：{message}", err=True)
    for warning in result.warnings:
        echo(f"警告 {warning}", err=True)
    if result.orphans:
        echo(f"以下 {len(result.orphans)} 份文档所属的案件已删除或不再适用，未自动删除，请核对后手动处理：", err=True)
        for rel in result.orphans:
            echo(f"  {rel}", err=True)
    echo(
        f"完成：生成 {len(result.built)} 份，未变 {len(result.unchanged)} 份，"
        f"跳过 {len(result.skipped)} 个案件，失败 {len(result.failed)} 组，"
        f"用时 {result.elapsed:.1f} 秒。输出目录：{result.out_dir}"
    )
    failed_pdfs = _convert(result.documents, pdfa) if (pdf or pdfa) and result.documents else 0
    if result.exit_code or failed_pdfs:
        sys.exit(result.exit_code or 1)


def _convert(documents, pdfa: bool) -> int:
    """PDFs of the current documents (yzdocs.output.pdf, incremental); returns how many failed."""
    from yzdocs.output.pdf import convert

    converted = convert(documents, pdfa=pdfa)
    for item in converted.failed:
        echo(f"PDF 失败 {item.docx}：{item.message}", err=True)
    echo(f"PDF：转换 {len(converted.converted)} 个，未变 {len(converted.unchanged)} 个，"
               f"失败 {len(converted.failed)} 个，用时 {converted.seconds:.1f} 秒。")
    return len(converted.failed)


class _Progress:
    """A progress bar on a terminal; one line per document otherwise."""

    def __init__(self):
        self.tty = sys.stdout.isatty()
        self.bar = None
        self.shown = 0

    def __enter__(self):
        return self

    def __call__(self, event, done, total, text):
        if self.tty:
            if event == "start" and total > done:
                self.bar = click.progressbar(length=total, label="生成文档", show_pos=True)
                self.bar.__enter__()
                self.bar.update(done)
                self.shown = done
            elif self.bar is not None and done > self.shown:
                self.bar.update(done - self.shown)
                self.shown = done
            return
        if event == "built":
            echo(f"生成 {text}")

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
