"""The per-user cache folder: data yzdocs may reuse, never in a place a repository can supply.

A repository is untrusted and may carry its own ``out/`` folder; what is read
back from a cache must come from the user's own folder (``$XDG_CACHE_HOME``
or ``~/.cache``), and as data (JSON), not code.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """``~/.cache/yzdocs/<parts>`` (not created)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "yzdocs", *parts)
