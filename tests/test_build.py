"""yzdocs build: applicability, reproducibility, incrementality, atomicity, locking, names, CLI."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import run
from yzdocs.build import build_repository
from yzdocs.errors import OutputError
from yzdocs.output import atomic
from yzdocs.output.manifest import MANIFEST_NAME, OutputLock
from yzdocs.output.names import MAX_LENGTH, inside, safe_component

CASE15 = "2023/鲁0404行初15号"
CASE22 = "2023/鲁0404行初22号"
EXPECTED = sorted([
    f"{CASE15}/行政应诉案件报备表.docx", f"{CASE15}/出庭应诉负责人报备表-1.docx", f"{CASE15}/答辩状报备函.docx",
    f"{CASE15}/行政争议调解和解方案.docx", f"{CASE15}/一案一包保责任表.docx", f"{CASE15}/败诉案件分析报告.docx",
    f"{CASE22}/行政应诉案件报备表.docx", f"{CASE22}/出庭应诉负责人报备表-1.docx", f"{CASE22}/答辩状报备函.docx",
    f"{CASE22}/行政争议调解和解方案.docx",
])


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


def test_sample_repository_documents_that_apply(example_repo):
    # 15号: high risk, lost (revoked), one hearing; 22号: medium risk, withdrawn, one hearing.
    result = build_repository(example_repo, jobs=1)
    assert result.built == EXPECTED
    assert sorted(_files(example_repo / "out")) == EXPECTED
    assert result.exit_code == 0 and not result.skipped and not result.failed
    assert result.written == [example_repo / "out" / rel for rel in EXPECTED]


def test_two_builds_give_identical_bytes(example_repo, tmp_path):
    build_repository(example_repo, jobs=1, out_dir=tmp_path / "a")
    build_repository(example_repo, jobs=2, out_dir=tmp_path / "b", force=True)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_source_date_epoch_sets_document_dates(example_repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_repository(example_repo, jobs=1, kinds=["case-report"])
    import docx
    document = docx.Document(example_repo / "out" / CASE15 / "行政应诉案件报备表.docx")
    assert document.core_properties.created.isoformat() == "2023-11-14T22:13:20+00:00"
    assert document.core_properties.author == "yzdocs"


def test_document_date_from_data(example_repo):
    build_repository(example_repo, jobs=1, kinds=["loss-analysis"])
    import docx
    document = docx.Document(example_repo / "out" / CASE15 / "败诉案件分析报告.docx")
    assert document.core_properties.modified.isoformat() == "2023-06-09T00:00:00+00:00"  # loss_analysis.reported_on


def test_incremental_rebuilds_only_what_changed(example_repo):
    out = example_repo / "out"
    build_repository(example_repo, jobs=1)
    again = build_repository(example_repo, jobs=1)
    assert again.built == [] and again.unchanged == EXPECTED
    # Touching a case file's content rebuilds that case only.
    case = example_repo / "cases" / "2023" / "鲁0404行初22号.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "notes: 补充备注\n", encoding="utf-8")
    changed = build_repository(example_repo, jobs=1)
    assert changed.built == [rel for rel in EXPECTED if rel.startswith(CASE22)]
    # An output deleted or edited by hand is rebuilt; a merely touched one is not.
    (out / CASE15 / "答辩状报备函.docx").unlink()
    edited = out / CASE15 / "行政应诉案件报备表.docx"
    edited.write_bytes(edited.read_bytes()[:-1] + b"x")
    touched = out / CASE15 / "一案一包保责任表.docx"
    os.utime(touched, ns=(1, 1))
    repaired = build_repository(example_repo, jobs=1)
    assert repaired.built == [f"{CASE15}/答辩状报备函.docx", f"{CASE15}/行政应诉案件报备表.docx"]
    assert build_repository(example_repo, jobs=1, force=True).built == EXPECTED


def test_template_override_wins_and_triggers_rebuild(example_repo):
    build_repository(example_repo, jobs=1, kinds=["case-report"])
    from yzdocs.render.templates import template_for
    (example_repo / "templates").mkdir()
    shutil.copy(template_for("guarantee").path, example_repo / "templates" / "case-report.docx")
    result = build_repository(example_repo, jobs=1, kinds=["case-report"])
    assert result.built == [f"{CASE15}/行政应诉案件报备表.docx", f"{CASE22}/行政应诉案件报备表.docx"]
    import docx
    document = docx.Document(example_repo / "out" / CASE22 / "行政应诉案件报备表.docx")
    assert document.paragraphs[0].text == "一案一包保责任表"


def test_deleted_case_documents_are_reported_not_deleted(example_repo):
    build_repository(example_repo, jobs=1)
    (example_repo / "cases" / "2023" / "鲁0404行初22号.yaml").unlink()
    result = build_repository(example_repo, jobs=1)
    assert result.orphans == [rel for rel in EXPECTED if rel.startswith(CASE22)]
    assert (example_repo / "out" / CASE22 / "行政应诉案件报备表.docx").exists()


def test_case_with_errors_is_skipped_others_built(example_repo):
    bad = example_repo / "cases" / "2023" / "鲁0404行初22号.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("risk: medium", "risk: huge"), encoding="utf-8")
    result = build_repository(example_repo, jobs=1)
    assert [rel for rel, _ in result.skipped] == ["cases/2023/鲁0404行初22号.yaml"]
    assert "risk" in result.skipped[0][1][0] or "败诉风险" in result.skipped[0][1][0]
    assert result.built == [rel for rel in EXPECTED if rel.startswith(CASE15)]
    assert result.exit_code == 1


def test_render_failure_is_reported_and_batch_goes_on(example_repo):
    (example_repo / "templates").mkdir()
    (example_repo / "templates" / "guarantee.docx").write_bytes(b"not a zip")
    result = build_repository(example_repo, jobs=1)
    assert [(c, k) for c, k, _ in result.failed] == [("cases/2023/鲁0404行初15号.yaml", "guarantee")]
    assert "不是有效的 .docx" in result.failed[0][2]
    assert len(result.built) == len(EXPECTED) - 1 and result.exit_code == 1


def test_save_context_writes_reproducible_json(example_repo):
    from yzdocs.build import render_context_file
    build_repository(example_repo, jobs=1, kinds=["case-report"], save_context=True)
    document = example_repo / "out" / CASE15 / "行政应诉案件报备表.docx"
    context_file = Path(str(document) + ".context.json")
    data = json.loads(context_file.read_text(encoding="utf-8"))
    assert data["context"]["case_no"] == "（2023）鲁0404行初15号" and data["context"]["risk"] == "高"
    assert render_context_file(context_file)[0] == document.read_bytes()


def test_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "d" / "文档.docx"
    target.parent.mkdir()
    target.write_bytes(b"old complete file")

    def exploding_sync(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(atomic, "_flush_to_disk", exploding_sync)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in target.parent.iterdir()] == ["文档.docx"]


def test_killed_build_leaves_a_manifest_the_next_build_trusts(example_repo, monkeypatch):
    import yzdocs.build as build_module
    real = build_module.render_group
    calls = []

    def dying(job, batch):
        calls.append(job.key)
        if len(calls) == 10:  # in the second chunk of 8 groups
            raise KeyboardInterrupt
        return real(job, batch)
    monkeypatch.setattr(build_module, "render_group", dying)
    with pytest.raises(KeyboardInterrupt):
        build_repository(example_repo, jobs=1)
    manifest = json.loads((example_repo / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert len([g for g in manifest["groups"].values() if g["outputs"]]) == 8
    monkeypatch.setattr(build_module, "render_group", real)
    result = build_repository(example_repo, jobs=1)
    assert len(result.unchanged) == 8 and len(result.built) == len(EXPECTED) - 8
    assert not list((example_repo / "out").rglob("*.tmp"))


def test_second_concurrent_build_gets_a_clear_message(example_repo):
    out = example_repo / "out"
    with OutputLock(out):
        with pytest.raises(OutputError, match="另一个 yzdocs build 正在"):
            build_repository(example_repo, jobs=1)
        result = run("--repo", example_repo, "build", "-j", "1")
        assert result.exit_code == 2 and "另一个 yzdocs build 正在" in result.output


def test_corrupt_manifest_is_repaired(example_repo):
    build_repository(example_repo, jobs=1)
    (example_repo / "out" / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    result = build_repository(example_repo, jobs=1)
    assert result.built == EXPECTED and any("清单" in w for w in result.warnings)


# ----------------------------------------------------------------------------- names

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_safe_component_is_windows_valid(name):
    safe = safe_component(name)
    assert 0 < len(safe) <= MAX_LENGTH
    assert not set('<>:"/\\|?*') & set(safe)
    assert all(ord(c) >= 32 for c in safe)
    assert not safe.endswith((".", " "))
    assert safe.split(".")[0].upper().rstrip(" ") not in RESERVED
    assert safe not in (".", "..")


@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_paths_stay_inside_output_dir(tmp_path_factory, components):
    base = tmp_path_factory.mktemp("out")
    path = inside(base, *components)
    assert path == base.resolve() or base.resolve() in path.parents


def test_examples_of_unsafe_names():
    assert safe_component("CON") == "_CON"
    assert safe_component("aux.docx") == "_aux.docx"
    assert safe_component("a<b>:c?.") == "a_b__c_"
    assert safe_component("..") == "文档"
    assert len(safe_component("长" * 200 + ".docx")) == 100 and safe_component("长" * 200 + ".docx").endswith(".docx")


# ----------------------------------------------------------------------------- CLI

def test_cli_build_output(example_repo):
    result = run("--repo", example_repo, "build", "-j", "1")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert sorted(lines[:-1]) == sorted(f"生成 {rel}" for rel in EXPECTED)
    assert lines[-1].startswith("完成：生成 10 份，未变 0 份，跳过 0 个案件，失败 0 组，用时 ")
    again = run("--repo", example_repo, "build", "--kind", "guarantee", "-o", example_repo / "out")
    assert again.output.startswith("完成：生成 0 份，未变 1 份，跳过 0 个案件，失败 0 组")


def test_cli_build_paths_and_skipped_exit_code(example_repo):
    bad = example_repo / "cases" / "2023" / "鲁0404行初22号.yaml"
    bad.write_text("case_no: [\n", encoding="utf-8")
    result = run("--repo", example_repo, "build", "-j", "1", example_repo / "cases" / "2023" / "鲁0404行初22号.yaml")
    assert result.exit_code == 1
    assert "跳过 cases/2023/鲁0404行初22号.yaml" in result.output
    assert "完成：生成 0 份，未变 0 份，跳过 1 个案件" in result.output
