"""Every .docx yzdocs writes is valid Open XML, as Word's own validator (the Open XML SDK's rules) sees it.

LibreOffice opens almost anything; Word and WPS "repair" or refuse a file
whose elements are out of schema order or that lacks a required part. The
validator is openxml-audit, a pure-Python port of the Open XML SDK's schema
and semantic checks, at the Microsoft 365 level.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from conftest import CONTRACT_REPO, PROJECT, copy_sample, run
from yzdocs.build import build_repository
from yzdocs.resources import TEMPLATES

VALIDATOR = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0)
AS_OF = ("--as-of", "2025-12-31")


def problems(path: Path) -> list[str]:
    result = VALIDATOR.validate(str(path))
    return [] if result.is_valid else [str(e) for e in result.errors]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    """Every per-case document of the sample and contract repositories, and every report kind."""
    out = tmp_path_factory.mktemp("openxml")
    build_repository(PROJECT, out_dir=out / "sample", jobs=1, force=True)
    build_repository(CONTRACT_REPO, out_dir=out / "contract", jobs=1, force=True)
    repo = out / "repo"  # the sample repository's data only (the project folder holds a venv in CI)
    copy_sample(repo)
    reports = out / "reports"
    for args in (("district", "--period", "2024"), ("district", "--period", "2025H1"),
                 ("agency", "--agency", "scjgj", "--period", "2024H1"),
                 ("assessment", "--year", "2024", "--format", "docx"),
                 ("special-circular", "--period", "2024H1", "--include-circulated")):
        target = reports / f"{'-'.join(args[:3])}.docx"
        result = run("--repo", repo, "report", *args, *AS_OF, "-o", target)
        assert result.exit_code == 0, result.output
    return sorted(out.rglob("*.docx"))


def test_every_generated_document_is_valid(generated):
    kinds = {p.parent.name for p in generated if p.parent.parent.name != "openxml"}
    assert len(generated) > 150 and "reports" in kinds
    invalid = {p.name: problems(p) for p in generated}
    assert {name: errors for name, errors in invalid.items() if errors} == {}


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.docx")), ids=lambda p: p.stem)
def test_every_template_is_valid(template):
    assert problems(template) == []


def test_the_validator_catches_schema_order(tmp_path):
    """The check can fail: a w:jc before w:spacing in a style is reported."""
    import zipfile

    source = TEMPLATES / "case-report.docx"
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'<w:spacing w:after="579"/><w:jc w:val="center"/>',
                                    b'<w:jc w:val="center"/><w:spacing w:after="579"/>', 1)
                assert b'<w:jc w:val="center"/><w:spacing w:after="579"/>' in data
            zout.writestr(item, data)
    assert any("spacing" in e for e in problems(broken))
