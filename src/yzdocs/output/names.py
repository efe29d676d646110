"""Output file names that are valid on Windows and stay inside the output directory.

Staff copy the output to Windows machines and attach it in the OA system, so
every path component must be a valid Windows name: none of ``<>:"/\\|?*`` or
control characters, no trailing dot or space, not a reserved device name
(CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension), at most 100
characters. The final path is resolved and checked to lie inside the output
directory, whatever the data says.
"""

from __future__ import annotations

import re
from pathlib import Path

from yzdocs.errors import OutputError

MAX_LENGTH = 100
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}


def safe_component(name: str, fallback: str = "文档") -> str:
    """``name`` made into one valid Windows file or directory name."""
    name = _FORBIDDEN.sub("_", str(name)).strip(" ")
    name = name.rstrip(". ")
    if name in ("", ".", ".."):
        name = fallback
    stem, dot, ext = name.partition(".")
    if stem.upper().rstrip(" ") in _RESERVED:
        name = f"_{name}"
    if len(name) > MAX_LENGTH:
        suffix = Path(name).suffix if len(Path(name).suffix) <= 10 else ""
        name = name[: MAX_LENGTH - len(suffix)].rstrip(". ") + suffix
    return name


def document_name(title: str, number: int | None = None, suffix: str = ".docx") -> str:
    """行政应诉案件报备表.docx, or 出庭应诉负责人报备表-2.docx for the n-th of a kind."""
    stem = title if number is None else f"{title}-{number}"
    return safe_component(stem[: MAX_LENGTH - len(suffix)] + suffix)


def inside(out_dir: Path, *components: str) -> Path:
    """out_dir/components…, each made safe, verified to resolve inside ``out_dir``."""
    base = Path(out_dir).resolve()
    path = base.joinpath(*(safe_component(c) for c in components))
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        raise OutputError(f"输出路径 {path} 不在输出目录 {base} 之内，已拒绝写入")
    return resolved


def regular_inside(out_dir: Path, rel) -> bool:
    """Whether ``rel`` (a path a record names) is a regular file inside ``out_dir``, reached without a
    symlink: what yzdocs may read back, publish or delete there — never ../../etc/passwd or a link out."""
    if not isinstance(rel, str) or rel.startswith("/") or ".." in rel.split("/"):
        return False
    path = Path(out_dir) / rel
    return path.is_file() and not path.is_symlink() and Path(out_dir).resolve() in path.resolve().parents
