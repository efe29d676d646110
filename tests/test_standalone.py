"""The project stands alone: a clone needs nothing beside it, and the wheel carries its data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import PROJECT

GIT = (PROJECT / ".git").exists()
needs_git = pytest.mark.skipif(not GIT, reason="not a git checkout (an unpacked sdist)")


def _tracked() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True).stdout
    return [PROJECT / n for n in names.decode().split("\0") if n]


@needs_git
def test_no_tracked_file_points_outside_the_project():
    outside = re.compile(r"\.\./shared|/work/|shared/examples|DOMAIN\.md")
    offenders = []
    for path in _tracked():
        data = path.read_bytes()
        if b"\0" in data[:1024]:
            continue  # binary (templates, images)
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if outside.search(line) and path.name != "test_standalone.py":
                offenders.append(f"{path.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offenders == []


@needs_git
def test_a_fresh_clone_collects_the_whole_suite(tmp_path):
    clone = tmp_path / "empty" / "yzdocs"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # pytest's quiet collection prints "file: count" per test module
    counts = [int(n) for n in re.findall(r"^tests/\S+\.py: (\d+)$", done.stdout, re.M)]
    assert sum(counts) > 500 and len(counts) > 30, done.stdout[-2000:]
    assert "error" not in done.stdout.lower()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    from hatchling.builders.wheel import WheelBuilder

    folder = tmp_path_factory.mktemp("wheel")
    (path,) = WheelBuilder(str(PROJECT)).build(directory=str(folder), versions=["standard"])
    return Path(path)


def test_wheel_carries_schemas_templates_and_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"yzdocs/schemas/{p.name}" for p in (PROJECT / "schemas").glob("*.yaml")}
    expected |= {f"yzdocs/templates/docx/{p.name}" for p in (PROJECT / "templates" / "docx").glob("*.docx")}
    expected |= {"yzdocs/rules/yicheng-2023.yaml", "yzdocs/fonts/fonts.conf", "yzdocs/jsonschema/case.schema.json"}
    assert len(expected) > 20
    assert expected - names == set()
    assert not [n for n in names if n.startswith(("yzdocs/cases", "cases/", "tests/"))]


def test_installed_wheel_finds_its_data_inside_the_package(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    out = tmp_path / "exported"
    script = ("import sys, yzdocs.resources as r; from yzdocs.cli import main;"
              "print(r.SCHEMAS); print(r.TEMPLATES);"
              f"sys.argv = ['yzdocs', 'templates', 'export', {str(out)!r}]; main()")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(site)})
    assert done.returncode == 0, done.stderr
    schemas, templates = done.stdout.splitlines()[:2]
    assert schemas == str(site / "yzdocs" / "schemas")
    assert templates == str(site / "yzdocs" / "templates" / "docx")
    assert (out / "case-report.docx").read_bytes() == (PROJECT / "templates/docx/case-report.docx").read_bytes()


def test_benchmarks_use_the_package_not_the_tests():
    for path in (PROJECT / "benchmarks").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert '"tests"' not in text and "import test_" not in text and "from test_" not in text, path.name
        assert "import pytest" not in text, path.name
