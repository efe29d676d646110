"""Golden tests: each kind rendered for the sample cases, read back with python-docx.

The expected files under tests/golden/<kind>/<case>.txt were written from the
rendered documents and reviewed line by line against the sample case files
and the seed (what each document must say). Regenerate with
YZDOCS_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CONTRACT_REPO, PROJECT
from test_render_support import document_lines
from yzdocs.render.context import build_context
from yzdocs.render.engine import render_file
from yzdocs.render.kinds import KINDS, documents_for
from yzdocs.render.templates import template_for
from yzdocs.repo import load_repository

GOLDEN = Path(__file__).parent / "golden"


# Sample cases whose wording differs from a plain first instance: the other party appealed (行终156号),
# the agency appealed (行终23号), administrative compensation with amounts (行赔初2号), a retrial (行再1号).
SAMPLE_CASES = ("鲁04行终156号", "鲁04行终23号", "鲁0404行赔初2号", "鲁0404行再1号")


def _documents():
    for root, prefix, stems in ((CONTRACT_REPO, "", None), (PROJECT, "sample-", SAMPLE_CASES)):
        repo = load_repository(root)
        for doc in repo.valid_cases():
            stem = Path(doc.rel).stem
            if stems is not None and stem not in stems:
                continue
            for kind in KINDS.values():
                for hearing in documents_for(kind, doc.data):
                    name = prefix + (stem if hearing is None else f"{stem}-{hearing + 1}")
                    yield pytest.param(repo, doc.data, kind.name, hearing, name, id=f"{kind.name}/{name}")


@pytest.mark.parametrize("repo, case, kind, hearing, name", list(_documents()))
def test_golden_text(repo, case, kind, hearing, name):
    context = build_context(kind, case, repo.settings, repo.agencies, hearing)
    data, warnings = render_file(template_for(kind).path, context)
    assert warnings == []
    text = "\n".join(document_lines(data)) + "\n"
    expected = GOLDEN / kind / f"{name}.txt"
    if os.environ.get("YZDOCS_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_every_kind_has_a_golden_file():
    kinds = {p.parent.name for p in GOLDEN.glob("*/*.txt")}
    assert kinds == set(KINDS)
