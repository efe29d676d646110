"""Outputs are readable by colleagues: every file honours the umask like any new file."""

from __future__ import annotations

import os
import stat

from conftest import require, run


def test_every_output_honours_the_umask(example_repo, tmp_path):
    require("soffice", "libreoffice")
    require("pdftoppm")
    old = os.umask(0o022)
    try:
        docx = example_repo / "out" / "2023" / "鲁0404行初22号" / "行政应诉案件报备表.docx"
        steps = [("build",), ("pdf", docx), ("preview", docx.with_suffix(".pdf")), ("bundle", "（2023）鲁0404行初22号"),
                 ("check", "--as-of", "2023-12-31", "--format", "junit", "-o", example_repo / "out" / "junit.xml"),
                 ("agenda", "--as-of", "2023-06-01", "--ics", example_repo / "out" / "agenda.ics"),
                 ("report", "stats", "--period", "2023H1", "--format", "xlsx")]
        for step in steps:
            result = run("--repo", example_repo, *step)
            assert result.exit_code in (0, 1), (step, result.output)
    finally:
        os.umask(old)
    files = [p for p in (example_repo / "out").rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".docx", ".pdf", ".png", ".zip", ".xml", ".ics", ".xlsx", ".json"} <= kinds
    modes = {p.relative_to(example_repo).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
    assert {name: mode for name, mode in modes.items() if mode != "0o644"} == {}
