"""The per-user cache folder: data yzdocs may reuse, never in a place a repository can supply.

A repository is untrusted and may carry its own ``out/`` folder; what is read
back from a cache must come from the user's own folder (``$XDG_CACHE_HOME``
or ``~/.cache``), and as data (JSON), not code.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """``~/.cache/yzdocs/<parts>`` (not created)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "yzdocs", *parts)


# Libraries whose behaviour shapes what is cached: validation, dates, documents.
SHAPING_LIBRARIES = ("cerberus", "chinesecalendar", "lunar_python", "docxtpl", "python-docx", "jinja2", "pyyaml")


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of everything of yzdocs that shapes a cached result: its own code and data files (rules,
    phrasing tables, title words, schemas, templates) and the versions of the libraries it relies on.

    A cache keyed on a hand-bumped version kept serving counts validated by older code; keyed on
    this, any change to a check, a phrase or a template invalidates what it shaped."""
    from importlib import metadata

    from yzdocs.resources import PACKAGE, SCHEMAS, TEMPLATES

    h = hashlib.sha256()
    for base in dict.fromkeys((PACKAGE, SCHEMAS, TEMPLATES)):
        for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    for name in SHAPING_LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=\0".encode())
    return h.hexdigest()
