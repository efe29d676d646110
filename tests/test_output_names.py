"""No output of one case overwrites another's: case numbers restart every year."""

from __future__ import annotations

import shutil
import zipfile
import json

from conftest import CONTRACT_REPO, run

CASE = CONTRACT_REPO / "cases" / "2023" / "鲁0404行初22号.yaml"


def _two_years(tmp_path):
    """The contract repository plus the same case number one year later."""
    repo = tmp_path / "repo"
    shutil.copytree(CONTRACT_REPO, repo)
    text = CASE.read_text(encoding="utf-8").replace("（2023）鲁0404行初22号", "（2024）鲁0404行初22号")
    text = text.replace("2023-", "2024-")
    (repo / "cases" / "2024").mkdir()
    (repo / "cases" / "2024" / "鲁0404行初22号.yaml").write_text(text, encoding="utf-8")
    return repo


def test_documents_of_same_number_in_two_years_do_not_collide(tmp_path):
    repo = _two_years(tmp_path)
    result = run("--repo", repo, "build", repo / "cases/2023/鲁0404行初22号.yaml", repo / "cases/2024/鲁0404行初22号.yaml")
    assert result.exit_code == 0, result.output
    first = sorted(p.relative_to(repo / "out" / "2023") for p in (repo / "out" / "2023").rglob("*.docx"))
    second = sorted(p.relative_to(repo / "out" / "2024") for p in (repo / "out" / "2024").rglob("*.docx"))
    assert first and first == second  # same names, each under its own year


def test_bundles_of_same_number_in_two_years_do_not_collide(tmp_path):
    repo = _two_years(tmp_path)
    paths = []
    for number in ("（2023）鲁0404行初22号", "（2024）鲁0404行初22号"):
        result = run("--repo", repo, "bundle", number)
        assert result.exit_code == 0, result.output
        paths.append(repo / "out" / "bundles" / f"{number}.zip")
    assert paths[0] != paths[1] and all(p.exists() for p in paths)
    for path, number in zip(paths, ("（2023）鲁0404行初22号", "（2024）鲁0404行初22号")):
        about = json.loads(zipfile.ZipFile(path).read("manifest.json"))["bundle"]
        assert about["case_no"] == number
        assert run("--repo", repo, "bundle", "--verify", path).exit_code == 0


def test_pdfs_and_previews_of_same_number_in_two_years_do_not_collide(tmp_path):
    repo = _two_years(tmp_path)
    cases = [repo / "cases/2023/鲁0404行初22号.yaml", repo / "cases/2024/鲁0404行初22号.yaml"]
    assert run("--repo", repo, "build", *cases).exit_code == 0
    reports = [repo / "out" / year / "鲁0404行初22号" / "行政应诉案件报备表.docx" for year in ("2023", "2024")]
    result = run("--repo", repo, "pdf", *reports)
    assert result.exit_code == 0, result.output
    pdfs = [p.with_suffix(".pdf") for p in reports]
    assert all(p.exists() for p in pdfs) and pdfs[0].read_bytes() != pdfs[1].read_bytes()
    for pdf in pdfs:
        assert run("--repo", repo, "preview", pdf).exit_code == 0
    assert all(p.with_suffix(".png").exists() for p in pdfs)
