"""`yzdocs init`: a new, empty case repository that passes `check` at once.

The files come from ``scaffold/`` (commented, in Chinese); ``$district``,
``$court`` and ``$version`` are filled in. Nothing that exists is overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from yzdocs import __version__
from yzdocs.authoring.paths import VSCODE_SCHEMA_DIR
from yzdocs.errors import YzdocsError
from yzdocs.output.atomic import write_atomic

SCAFFOLD = Path(__file__).parent / "scaffold"
# repository path -> scaffold file
FILES = {
    "yzdocs.yaml": "yzdocs.yaml",
    "agencies.yaml": "agencies.yaml",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/yzdocs.yml": "github.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".gitea/workflows/yzdocs.yml": "gitea.yml",
}
FOLDERS = ("cases", "circulars", "meetings", "reports")


@dataclass
class InitResult:
    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left alone


def init_repository(root: Path, district: str = "峄城区", court: str | None = None) -> InitResult:
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise YzdocsError(f"{root} 已存在且不是目录。")
    values = {"district": district, "court": court or f"{district}人民法院", "version": __version__}
    texts = {rel: Template((SCAFFOLD / name).read_text(encoding="utf-8")).substitute(values)
             for rel, name in FILES.items()}  # all rendered before anything is written
    result = InitResult(root)
    for rel, text in texts.items():
        _write(root, rel, text.encode("utf-8"), result)
    for folder in FOLDERS:
        _write(root, f"{folder}/.gitkeep", b"", result)
    _write(root, ".vscode/settings.json", _vscode_settings(), result)
    result.written += _json_schemas(root)
    return result


def _write(root: Path, rel: str, data: bytes, result: InitResult) -> None:
    path = root / rel
    if path.exists() or path.is_symlink():
        result.kept.append(rel)
        return
    write_atomic(path, data)
    result.written.append(rel)


def _vscode_settings() -> bytes:
    from yzdocs.authoring.jsonschema import vscode_settings

    return (json.dumps(vscode_settings(VSCODE_SCHEMA_DIR), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_schemas(root: Path) -> list[str]:
    from yzdocs.authoring.jsonschema import write_schemas

    return [p.relative_to(root).as_posix() for p in write_schemas(root / VSCODE_SCHEMA_DIR)]
