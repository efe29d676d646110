"""Where the package's data lives.

The Cerberus schemas (``schemas/``) and the Word templates (``templates/docx/``)
sit at the project's top level, where staff find and edit them. A wheel
carries them inside the package (the build backend maps them to
``yzdocs/schemas`` and ``yzdocs/templates/docx``); a source checkout or an
editable install reads them from the top level.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent


def data_dir(*parts: str) -> Path:
    inside = PACKAGE.joinpath(*parts)
    return inside if inside.is_dir() else PACKAGE.parent.parent.joinpath(*parts)


SCHEMAS = data_dir("schemas")
TEMPLATES = data_dir("templates", "docx")


def data_table(path: Path) -> dict:
    """A YAML data file shipped beside a module (a phrasing table). Callers cache it in a function
    without arguments: phrasing is looked up thousands of times per build, a Path key each time costs."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
