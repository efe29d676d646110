"""`yzdocs site` and `yzdocs serve`: the static supervision site."""

from __future__ import annotations

from pathlib import Path

import click

from yzdocs.cli.echo import echo
from yzdocs.cli.options import as_date, as_of_option, repo_root
from yzdocs.errors import OutputError


def _options(func):
    func = click.option("--base-url", metavar="URL",
                        help="网站发布后的网址（如 https://intranet.example.cn/yzdocs/），用于日历订阅中的链接。")(func)
    func = as_of_option(func)
    return click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="网站目录（默认：输出目录下的 site/）。")(func)


@click.command("site")
@_options
@click.pass_context
def site(ctx, output, as_of, base_url):
    """生成督办网站（静态网页）：总览、各单位、各案件、问题清单，以及每个单位一个日历订阅（.ics）。

    不需要服务器：任何网页服务器或共享文件夹都可以直接提供；CI 每次提交后生成并发布（见 docs/ci.md）。
    网页不加载任何外部资源，可离线、可用 file:// 打开；同一案件库、同一日期生成的文件逐字节相同。

    \b
    Example:
        yzdocs site
        yzdocs site -o public --base-url https://intranet.example.cn/yzdocs/
        yzdocs site --as-of 2025-12-31
    """
    from yzdocs.site.build import build_site

    result = build_site(repo_root(ctx), output, as_date(as_of), base_url)
    echo(f"网站已生成：{result.out_dir}（{result.pages} 个页面；更新 {len(result.written)} 个文件，"
         f"未变 {result.unchanged} 个，删除 {len(result.removed)} 个；用时 {result.seconds:.1f} 秒）。"
         f"打开 {result.out_dir / 'index.html'}")


@click.command("serve")
@_options
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口。")
@click.pass_context
def serve(ctx, output, as_of, base_url, port):
    """在本机（127.0.0.1）查看督办网站；案件库文件改动后自动重新生成。

    \b
    Example:
        yzdocs serve
        yzdocs serve --port 8080
    """
    from yzdocs.site.build import build_site
    from yzdocs.site.serve import serve as run_server

    root = repo_root(ctx)

    def rebuild():
        return build_site(root, output, as_date(as_of), base_url)

    result = rebuild()
    try:
        run_server(Path(root), result.out_dir, rebuild, port=port, echo=echo)
    except OSError as exc:
        raise OutputError(f"无法在 127.0.0.1:{port} 上提供网站：{exc.strerror or exc}。可用 --port 换一个端口。") from None
