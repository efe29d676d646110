"""`yzdocs pdf`: convert generated Word documents to PDF (LibreOffice)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.errors import OutputError


def collect_docx(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; folders searched recursively.  Word's lock files (~$…)
    and hidden files are not documents."""
    found = []
    for path in paths:
        if path.is_dir():
            found += [p for p in sorted(path.rglob("*.docx"))
                      if not p.name.startswith(("~$", ".")) and p.is_file()]
        elif path.is_file():
            if path.suffix.lower() != ".docx":
                raise OutputError(f"只能转换 .docx 文件：{path}")
            found.append(path)
        else:
            raise OutputError(f"找不到文件或目录：{path}")
    return found


def default_output_dir(repo: str | None) -> Path:
    """The repository's output folder (yzdocs.yaml ``output``); outside any repository, ./out."""
    from yzdocs.errors import RepositoryNotFound
    from yzdocs.repo import Repository, find_root, load_settings

    try:
        root = find_root(repo)
    except RepositoryNotFound:
        if repo:  # an explicit --repo that is not a repository is an error
            raise
        return Path.cwd() / "out"
    return Repository(root, load_settings(root), {}).output_dir()


@click.command("pdf")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--pdfa", is_flag=True, help="生成 PDF/A-2b（长期归档格式）。")
@click.option("--force", is_flag=True, help="忽略增量记录，全部重新转换。")
@click.option("--timeout", type=float, default=300.0, show_default=True, metavar="S",
              help="LibreOffice 转换一个文件的最长秒数，超过即终止。")
@click.pass_context
def pdf(ctx, paths, pdfa, force, timeout):
    """将生成的 Word 公文（.docx）转换为 PDF，PDF 与 .docx 同名同目录。

    PATH 可以是 .docx 文件或目录（递归查找），默认是案件库的输出目录（yzdocs.yaml 的 output，通常为 out/）。
    所有文件由一个 LibreOffice 进程批量转换；未修改的文件不重复转换。
    字体按 GB/T 9704 映射为免费中文字体（仿宋_GB2312→FandolFang 等）。

    \b
    Example:
        yzdocs pdf                          # 转换 out/ 下全部公文
        yzdocs pdf out/2023/答辩状报备函.docx --pdfa
        yzdocs pdf out --force --timeout 600
    """
    from yzdocs.output.pdf import convert

    targets = paths or (default_output_dir(ctx.obj.get("repo") if ctx.obj else None),)
    docs = collect_docx(tuple(targets))
    if not docs:
        echo("没有找到需要转换的 .docx 文件。")
        return
    with _progress_bar() as progress:
        result = convert(docs, pdfa=pdfa, timeout=timeout, force=force, progress=progress)
    labels = {"converted": "已转换", "unchanged": "未变化", "failed": "失败  "}
    for item in result.files:
        line = f"{labels[item.status]}  {_show(item.pdf)}"
        if item.message:
            line += f"  {item.message}"
        echo(line, err=item.status == "failed")
    echo(
        f"共 {len(result.files)} 个文件：转换 {len(result.converted)} 个，"
        f"未变化 {len(result.unchanged)} 个，失败 {len(result.failed)} 个"
        f"（LibreOffice 进程 {result.processes} 个，用时 {result.seconds:.1f} 秒）。"
    )
    if result.failed:
        sys.exit(1)


class _progress_bar:
    """A progress bar on stderr when it is a terminal; nothing in logs and pipes."""

    def __enter__(self):
        self.bar = None
        return self if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="转换为 PDF", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
