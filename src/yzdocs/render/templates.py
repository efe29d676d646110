"""Where each kind's template comes from: the case repository wins over the built-in one.

A repository may hold ``templates/<kind>.docx`` (e.g. a letterhead of its
own); otherwise the built-in template (``templates/docx/``) is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
            return TemplateSource(kind, candidate, True)
    return TemplateSource(kind, builtin_dir() / f"{kind}.docx", False)


def all_templates(root: Path | None = None) -> list[TemplateSource]:
    """Every template to check: each built-in one, and each repository override."""
    found = [TemplateSource(kind, builtin_dir() / f"{kind}.docx", False) for kind in ALL_KINDS]
    if root is not None:
        found += [t for t in (template_for(kind, root) for kind in ALL_KINDS) if t.override]
    return found
