"""Statistics on a hand-built repository; expected numbers worked out by hand from docs/domain.md."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from conftest import run
from reports_repo import stats_repo
from yzdocs.reports import loader, stats
from yzdocs.periods import Period


@pytest.fixture
def repo(tmp_path):
    return stats_repo(tmp_path / "repo")


def _stats(repo, period, as_of=date(2023, 12, 31)):
    return stats.compute(stats.judge(loader.load(repo), as_of), Period.parse(period))


def test_periods():
    assert (Period.parse("2023H1").start, Period.parse("2023H1").end) == (date(2023, 1, 1), date(2023, 6, 30))
    assert (Period.parse("2023H2").start, Period.parse("2023H2").end) == (date(2023, 7, 1), date(2023, 12, 31))
    assert (Period.parse("2023").start, Period.parse("2023").end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert str(Period.parse("2023H1").previous()) == "2022H2"
    assert str(Period.parse("2023H2").previous()) == "2023H1"
    assert str(Period.parse("2023").previous()) == "2022"
    assert Period.parse("2023H1").label == "2023年上半年"


def test_district_first_half(repo):
    d = _stats(repo, "2023H1")["district"]
    assert (d["new_cases"], d["concluded"], d["losses"], d["loss_rate"]) == (4, 2, 1, 0.5)
    assert (d["withdrawn"], d["settled"], d["high_risk"]) == (0, 0, 1)
    # heard: A (principal), B (deputy), C (excused absence: not an appearance)
    assert (d["heard_cases"], d["head_appeared"], d["principal_appeared"]) == (3, 2, 1)
    assert d["head_appearance_rate"] == 0.6667
    assert d["principal_appearance_rate"] == 0.3333
    # R01: A due 03-06 (03-04 is a Saturday) met, B due 04-06 late, C due 05-08 met; D's falls due 07-03 (H2).
    assert d["on_time"]["R01"] == {"met": 2, "due": 3, "rate": 0.6667}
    assert d["on_time"]["R02"] == {"met": 3, "due": 3, "rate": 1.0}
    assert d["on_time"]["R03"] == {"met": 3, "due": 3, "rate": 1.0}
    assert d["on_time"]["R04"] == {"met": 3, "due": 3, "rate": 1.0}
    assert d["on_time"]["R09"] == {"met": 1, "due": 1, "rate": 1.0}
    assert d["violations"] == {"R01": 1, "R02": 0, "R03": 0, "R04": 0, "R05": 0, "R06": 0, "R07": 0,
                               "R08": 0, "R09": 0, "R10": 0, "R11": 0}
    assert [x["file"] for x in d["left_out"]] == ["cases/2023/鲁0404行初5号.yaml"]


def test_agencies_first_half(repo):
    s = _stats(repo, "2023H1")
    scjgj, tanshan = s["agencies"]["scjgj"], s["agencies"]["tanshan"]
    assert (scjgj["new_cases"], scjgj["concluded"], scjgj["losses"], scjgj["loss_rate"]) == (2, 2, 1, 0.5)
    assert (scjgj["head_appearance_rate"], scjgj["principal_appearance_rate"]) == (1.0, 0.5)
    assert (tanshan["new_cases"], tanshan["concluded"], tanshan["loss_rate"]) == (2, 0, None)
    assert (tanshan["heard_cases"], tanshan["head_appearance_rate"], tanshan["principal_appearance_rate"]) == (1, 0.0, 0.0)
    assert tanshan["high_risk"] == 1
    assert len(tanshan["left_out"]) == 1 and scjgj["left_out"] == []


def test_second_half_and_year(repo):
    h2 = _stats(repo, "2023H2")["district"]
    assert (h2["new_cases"], h2["concluded"], h2["heard_cases"], h2["head_appeared"]) == (0, 0, 1, 1)
    assert h2["on_time"]["R01"] == {"met": 1, "due": 1, "rate": 1.0}  # D: due 2023-07-03, done 06-29
    year = _stats(repo, "2023")["district"]
    # a year: C is heard twice, once excused — no head at every hearing
    assert (year["heard_cases"], year["head_appeared"], year["principal_appeared"]) == (3, 2, 1)
    assert year["on_time"]["R01"] == {"met": 3, "due": 4, "rate": 0.75}


def test_deadlines_after_as_of_not_counted(repo):
    d = _stats(repo, "2023H2", as_of=date(2023, 7, 2))["district"]
    assert d["on_time"]["R01"] == {"met": 0, "due": 0, "rate": None}  # D's R01 is due 07-03


def test_json_shape_via_cli(repo):
    result = run("--repo", repo, "report", "stats", "--period", "2023H1", "--format", "json", "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"period", "from", "to", "district", "agencies"} <= set(data)
    assert (data["period"], data["from"], data["to"]) == ("2023H1", "2023-01-01", "2023-06-30")
    assert set(data["agencies"]) == {"scjgj", "tanshan"}
    for key in ("new_cases", "concluded", "losses", "loss_rate", "withdrawn", "settled", "heard_cases",
                "head_appearance_rate", "principal_appearance_rate", "high_risk", "on_time", "violations", "left_out"):
        assert key in data["district"] and key in data["agencies"]["scjgj"]


def test_text_names_left_out_and_agency_filter(repo):
    result = run("--repo", repo, "report", "stats", "--period", "2023H1", "--as-of", "2023-12-31")
    assert result.exit_code == 0
    assert "cases/2023/鲁0404行初5号.yaml" in result.output
    result = run("--repo", repo, "report", "stats", "--period", "2023H1", "--agency", "scjgj", "--format", "json",
                 "--as-of", "2023-12-31")
    assert list(json.loads(result.output)["agencies"]) == ["scjgj"]


def test_bad_arguments_exit_2(repo):
    assert run("--repo", repo, "report", "stats", "--period", "2023H3").exit_code == 2
    assert run("--repo", repo, "report", "stats", "--period", "2023", "--agency", "nobody").exit_code == 2


def test_cache_gives_same_result(repo, tmp_path, monkeypatch):
    from yzdocs.reports import loader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    first = _stats(repo, "2023")
    cache = loader.cache_path(repo)
    assert cache.is_file() and (tmp_path / "usercache") in cache.parents
    assert not (repo / "out" / ".cache").exists()  # nothing a repository could carry is read back
    assert _stats(repo, "2023") == first
    cache.write_bytes(b"\x80\x04cos\nsystem\n.")  # not JSON (a pickle): ignored
    assert _stats(repo, "2023") == first
    json.loads(cache.read_text(encoding="utf-8"))  # rewritten as data


def test_cache_is_keyed_by_content_not_by_time(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    first = _stats(repo, "2023")
    path = repo / "cases" / "2023" / "鲁0404行初1号.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "result: revoked" in text
    path.write_text(text.replace("result: revoked", "result: settled"), encoding="utf-8")  # same length: a win now
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _stats(repo, "2023") != first


def test_cache_is_keyed_on_the_code_that_validated(repo, tmp_path, monkeypatch):
    """A stricter check after an upgrade (or an edited schema, phrase or template) is not answered from
    data the older code validated: the key covers yzdocs' own files, not a version string."""
    from yzdocs import casenumber, usercache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    first = _stats(repo, "2023")
    assert first["district"]["new_cases"] > 0
    # the same code again: answered from the cache, the same figures
    assert _stats(repo, "2023") == first
    # a stricter case-number check (no 2023 case passes it) with the package's code changed accordingly
    monkeypatch.setattr(casenumber, "parse", lambda text: None)
    monkeypatch.setattr(usercache, "code_stamp", lambda: "changed code")
    stricter = _stats(repo, "2023")
    assert stricter["district"]["new_cases"] == 0 and len(stricter["district"]["left_out"]) > 0


def test_code_stamp_covers_the_package_data_files(tmp_path, monkeypatch):
    import shutil

    from yzdocs import resources, usercache

    package = tmp_path / "yzdocs"
    shutil.copytree(resources.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(resources, "PACKAGE", package)
    stamp = usercache.code_stamp.__wrapped__
    before = stamp()
    assert stamp() == before
    phrases = package / "render" / "phrases.yaml"
    phrases.write_bytes(phrases.read_bytes() + b"\n# edited\n")
    assert stamp() != before
