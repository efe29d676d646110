"""`yzdocs schema`: the file schemas for people and for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from yzdocs.authoring.paths import VSCODE_SCHEMA_DIR
from yzdocs.cli.echo import echo
from yzdocs.cli.options import repo_root
from yzdocs.errors import ConfigError


# Folders of the repository and the kind of file each holds.
FOLDERS = {"cases": "case", "reports": "report", "circulars": "circular", "meetings.yaml": "meetings",
           "agencies.yaml": "agencies", "yzdocs.yaml": "settings", "holidays.yaml": "holidays"}


@click.command("schema")
@click.option("--json-schema", "json_schema", is_flag=True,
              help="导出全部文件结构为 JSON Schema（draft 2020-12），供编辑器补全和检查。")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR", help="--json-schema 的输出目录（默认：当前目录下的 jsonschema/）。")
@click.option("--vscode", is_flag=True,
              help=f"在案件库中写入 {VSCODE_SCHEMA_DIR}/*.schema.json 和 .vscode/settings.json（保留已有设置），"
              "VS Code 安装 Red Hat 的 YAML 扩展后即有中文提示、补全和红色波浪线。")
@click.option("--fields", "fields", is_flag=False, flag_value="case", default=None, metavar="[种类]",
              help="列出字段及中文名称（默认 case；也可 agencies、settings、circular、meetings、report、holidays、policy）。")
@click.pass_context
def schema(ctx, json_schema, output, vscode, fields):
    """案件库文件的结构：列出字段，导出 JSON Schema，或为 VS Code 配置补全与检查。

    不用 settings.json 时，也可以在单个 YAML 文件第一行写（路径相对于该文件）：
    # yaml-language-server: $schema=../../.vscode/yzdocs-schema/case.schema.json

    \b
    Example:
        yzdocs schema --fields            # 案件文件的全部字段及中文名称
        yzdocs schema --fields agencies
        yzdocs schema --vscode            # 为当前案件库配置 VS Code
        yzdocs schema --json-schema -o schemas/
    """
    from yzdocs.authoring import jsonschema

    if not (json_schema or vscode or fields):
        fields = "case"
    if fields:
        from yzdocs.authoring.fields import to_text

        fields = FOLDERS.get(fields, fields)  # the folder's name is the kind's too: reports/ → report
        if fields not in jsonschema.kinds():
            raise ConfigError(f"没有名为“{fields}”的文件结构。可选：{'、'.join(jsonschema.kinds())}。")
        echo(to_text(fields), nl=False)
    if json_schema:
        directory = output or Path("jsonschema")
        for path in jsonschema.write_schemas(directory):
            echo(f"已写入 {path}")
    if vscode:
        _vscode(repo_root(ctx), jsonschema)


def _vscode(root: Path, jsonschema) -> None:
    from yzdocs.output.atomic import write_atomic

    for part in (root / ".vscode", root / VSCODE_SCHEMA_DIR):  # a committed link would carry the writes out
        if part.is_symlink():
            raise ConfigError(f"{part} 是符号链接，出于安全考虑未写入。请删除它后重试。")
    jsonschema.write_schemas(root / VSCODE_SCHEMA_DIR)
    settings_path = root / ".vscode" / "settings.json"
    existing = None
    if settings_path.is_file():
        try:
            existing = json.loads(settings_path.read_text("utf-8-sig"))
        except (ValueError, OSError) as exc:
            raise ConfigError(f"{settings_path} 无法读取（{exc}）：其中可能有注释或格式错误。"
                              "请手工加入 yaml.schemas 设置，或修正后重试。") from None
        if not isinstance(existing, dict):
            raise ConfigError(f"{settings_path} 的内容不是 JSON 对象，未修改。")
    settings = jsonschema.vscode_settings(VSCODE_SCHEMA_DIR, existing)
    text = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    write_atomic(settings_path, text.encode("utf-8"))
    echo(f"已写入 {root / VSCODE_SCHEMA_DIR}/*.schema.json 和 {settings_path}")
    echo("用 VS Code 打开案件库目录，安装 Red Hat 的“YAML”扩展，即可在编辑案件文件时看到中文提示和补全。")
