"""The phrasing of generated sentences, one table per kind (phrases.yaml), reviewed as data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from yzdocs.resources import data_table


@lru_cache(maxsize=1)
def table() -> dict:
    return data_table(Path(__file__).with_name("phrases.yaml"))


def phrase(kind: str, name: str, key: str | None = None, *, optional: frozenset = frozenset(), **values) -> str:
    """The sentence ``name`` (of ``key`` when it is a table) of ``kind``, filled in.

    "" when the sentence is absent or a value it needs is empty — except the
    ``optional`` ones, which may be "" (a half-filled sentence is never printed).
    """
    entry = table().get(kind, {}).get(name)
    if isinstance(entry, dict):
        entry = entry.get(key) if key is not None else None
    if not entry or any(not v for k, v in values.items() if k not in optional):
        return ""
    return entry.format(**values)
