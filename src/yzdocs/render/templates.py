"""Where each kind's template comes from: the case repository wins over the built-in one.

A repository may hold ``templates/<kind>.docx`` (e.g. a letterhead of its
own); otherwise the built-in template (``templates/docx/``) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yzdocs.errors import ConfigError

from yzdocs.render.kinds import ALL_KINDS
from yzdocs.resources import TEMPLATES

OVERRIDE_DIR = "templates"


def builtin_dir() -> Path:
    return TEMPLATES


@dataclass(frozen=True)
class TemplateSource:
    kind: str
    path: Path
    override: bool  # True: from the case repository

    @property
    def origin(self) -> str:
        return "案件库" if self.override else "内置"


def template_for(kind: str, root: Path | None = None) -> TemplateSource:
    """The template used for ``kind`` in the repository at ``root``."""
    if root is not None:
        candidate = Path(root) / OVERRIDE_DIR / f"{kind}.docx"
        if candidate.is_file():
            base = Path(root).resolve()
            if base not in candidate.resolve().parents:  # templates/ or the file linked out of the repository
                raise ConfigError(f"模板 {OVERRIDE_DIR}/{kind}.docx 指向案件库之外（符号链接），出于安全考虑未使用。"
                                  f"请把模板文件本身放在案件库的 {OVERRIDE_DIR}/ 目录中。")
            return TemplateSource(kind, candidate, True)
    return TemplateSource(kind, builtin_dir() / f"{kind}.docx", False)


def all_templates(root: Path | None = None) -> list[TemplateSource]:
    """Every template to check: each built-in one, and each repository override."""
    found = [TemplateSource(kind, builtin_dir() / f"{kind}.docx", False) for kind in ALL_KINDS]
    if root is not None:
        found += [t for t in (template_for(kind, root) for kind in ALL_KINDS) if t.override]
    return found
