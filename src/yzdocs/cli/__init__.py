"""The `yzdocs` command group: a thin layer over the library.

Sub-commands are loaded lazily (see COMMANDS) so that `yzdocs check` on one
file — the pre-commit path — never imports python-docx, docxtpl or matplotlib.
Every command module keeps its heavy imports inside the command function.
"""

from __future__ import annotations

import difflib
import importlib
import signal
import sys
import threading

import click

from yzdocs import __version__
from yzdocs.cli import chinese
from yzdocs.cli.echo import echo
from yzdocs.errors import YzdocsError

chinese.install()  # before any command module builds its parameters

# command name -> "module:attribute"; the order is the order of `yzdocs --help`.
COMMANDS = {
    "init": "yzdocs.cli.init:init",
    "check": "yzdocs.cli.check:check",
    "agenda": "yzdocs.cli.agenda:agenda",
    "show": "yzdocs.cli.show:show",
    "list": "yzdocs.cli.listing:list_command",
    "notify": "yzdocs.cli.notify:notify",
    "calendar": "yzdocs.cli.holidays:calendar",
    "new": "yzdocs.cli.new:new",
    "build": "yzdocs.cli.build:build",
    "templates": "yzdocs.cli.templates:templates",
    "report": "yzdocs.cli.report:report",
    "pdf": "yzdocs.cli.pdf:pdf",
    "preview": "yzdocs.cli.preview:preview",
    "bundle": "yzdocs.cli.bundle:bundle",
    "site": "yzdocs.cli.site:site",
    "serve": "yzdocs.cli.site:serve",
    "schema": "yzdocs.cli.schema:schema",
    "import": "yzdocs.cli.importer:import_group",
}


class SuggestingGroup(click.Group):
    """A group that answers a mistyped subcommand with the nearest one (``yzdocs chek`` → check)."""

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.5)
            if close:
                ctx.fail(f"没有子命令“{name}”。是否想输入 {ctx.command_path} {close[0]}？")
        return super().resolve_command(ctx, args)


class LazyGroup(SuggestingGroup):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module, attr = spec.split(":")
        return _chinese_metavars(getattr(importlib.import_module(module), attr))

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, repo_first(args))

    def invoke(self, ctx):
        on_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _raise_interrupt) if on_main else None
        try:
            return super().invoke(ctx)
        except YzdocsError as exc:
            echo(f"yzdocs: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            # Every ``with`` and ``finally`` on the way has run: temporary folders removed,
            # LibreOffice stopped, half-written files deleted.
            echo("yzdocs: 已中断。未完成的文件和临时文件已清理，已写完的文件保留。", err=True)
            sys.exit(130)
        finally:
            if on_main:
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _raise_interrupt(signum, frame):
    """SIGTERM (``kill``, a CI timeout, a service stop) unwinds like Ctrl-C instead of ending the
    process where it stands."""
    raise KeyboardInterrupt


def repo_first(args: list[str]) -> list[str]:
    """Move ``--repo DIR`` / ``--repo=DIR`` written after the subcommand to the front."""
    front, rest, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg == "--repo" and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        (front if arg.startswith("--repo=") else rest).append(arg)
        i += 1
    return front + rest


# Placeholders in option help, in Chinese: named ones, then by the value's type.
METAVARS = {"FILE": "文件", "DIR": "目录", "ID": "代号", "NAME": "名称", "N": "数", "KIND": "种类", "DATE": "日期",
            "TEXT": "文字"}


def _metavar(param: click.Parameter) -> str | None:
    if isinstance(param, click.Argument) or isinstance(param.type, click.Choice) or param.is_flag:
        return param.metavar
    if param.metavar:
        return METAVARS.get(param.metavar, param.metavar)
    kind = param.type
    if isinstance(kind, click.Path):
        return "目录" if not kind.file_okay else "文件" if not kind.dir_okay else "路径"
    if isinstance(kind, (click.types.IntParamType, click.types.IntRange)):
        return "整数"
    return "文字" if kind is click.STRING else None


def _chinese_metavars(command: click.Command) -> click.Command:
    for param in command.params:
        if isinstance(param, click.Option):
            param.metavar = _metavar(param)
    command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "子命令 [参数]..."
        for sub in command.commands.values():
            _chinese_metavars(sub)
    return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar="[选项]", subcommand_metavar="子命令 [参数]...")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=str),
    envvar="YZDOCS_REPO",
    help="案件库根目录（默认：当前目录及其上级中第一个含 yzdocs.yaml 或 agencies.yaml 的目录）。"
    "也可用环境变量 YZDOCS_REPO。",
)
@click.version_option(__version__, prog_name="yzdocs")
@click.pass_context
def main(ctx, repo):
    """yzdocs — 行政应诉案件库工具：校验案件文件、检查期限与出庭合规、生成公文。

    \b
    Example:
        yzdocs check                 # 校验整个案件库
        yzdocs --repo ../cases check cases/2023/鲁0404行初15号.yaml
    """
    ctx.obj = {"repo": repo}
