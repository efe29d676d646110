"""The reports' phrasing table (phrases.yaml): the bureau's sentences as reviewable data.

``say`` fills a sentence with values; a name the sentence needs and the
caller did not give is a programming error, never a blank in a document.
The values every report shares (the policy document cited, the bureau's
names, the rules' day counts) come from ``common_values``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from yzdocs.resources import data_table


@lru_cache(maxsize=1)
def table() -> dict:
    return data_table(Path(__file__).with_name("phrases.yaml"))


def entry(kind: str, key: str):
    return table()[kind][key]


def say(kind: str, key: str, **values) -> str:
    return entry(kind, key).format(**values)


def say_all(kind: str, key: str, **values) -> list[str]:
    return [text.format(**values) for text in entry(kind, key)]


def common_values(basis) -> dict:
    """What every report's sentences may name: the rules' source, the bodies, the rules' day counts."""
    settings, policy = basis.repo.settings, basis.ctx.policy
    return {
        "basis": policy.cited,
        "bureau": settings.get("justice_bureau") or "",
        "committee": settings.get("committee_office") or "",
        "government": settings.get("government") or "",
        "we": entry("common", "we"),
        "r01": policy.days("R01"), "r03": policy.days("R03"), "r04": policy.days("R04"), "r09": policy.days("R09"),
        "circulars": policy.assessment["deputy_interview"]["special_circulars"],
    }
