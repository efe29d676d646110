"""The generator of case repositories (benchmarks/generate.py): deterministic, well-formed, sane."""
import datetime as dt
import re
import sys
from pathlib import Path

import cerberus
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmarks/ lives beside src/, not inside the package

from benchmarks.generate import generate_repo, main  # noqa: E402

N, M = 200, 9
# 最高人民法院关于人民法院案件案号的若干规定: （year）court code, case type, number without leading zeros, 号
CASE_NO = re.compile(r"（(\d{4})）(最高法|鲁(?:\d{2}|\d{4}))"
                     r"(行初|行终|行再|行申|行监|行抗|行审复|行审|行他|行辖|行赔初|行赔终)([1-9]\d*)号")


class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping with the same key twice."""


def _unique_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _plain_schema(node):
    """The repository schema without the project's own rules (meta labels, check_with hooks)."""
    if isinstance(node, dict):
        return {k: _plain_schema(v) for k, v in node.items() if k not in ("meta", "check_with")}
    return node


def _validator(name):
    spec = yaml.safe_load((ROOT / "schemas" / f"{name}.yaml").read_text(encoding="utf-8"))
    return cerberus.Validator(_plain_schema(spec["fields"]))


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen") / "repo"
    summary = generate_repo(root, cases=N, agencies=M, seed=7, years=(2023, 2025))
    return root, summary


@pytest.fixture(scope="module")
def cases(repo):
    root, _ = repo
    return {p: _load(p) for p in sorted((root / "cases").rglob("*.yaml"))}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen") / "clean"
    summary = generate_repo(root, cases=N, agencies=M, seed=11, years="2023-2025", violation_rate=0)
    return root, summary, [_load(p) for p in sorted((root / "cases").rglob("*.yaml"))]


def test_same_seed_same_bytes_other_seed_other_bytes(repo, tmp_path):
    root, _ = repo
    again = tmp_path / "again"
    generate_repo(again, cases=N, agencies=M, seed=7, years=(2023, 2025))
    assert _files(again) == _files(root)
    other = tmp_path / "other"
    generate_repo(other, cases=N, agencies=M, seed=8, years=(2023, 2025))
    assert _files(other) != _files(root)


def test_counts_and_layout(repo, cases):
    root, summary = repo
    assert len(cases) == N == summary["cases"]
    agencies = _load(root / "agencies.yaml")["agencies"]
    assert [a["id"] for a in agencies] == [f"a{i:02d}" for i in range(1, M + 1)]
    assert {a["kind"] for a in agencies} == {"town", "department"}
    assert len({a["name"] for a in agencies}) == M
    settings = _load(root / "yzdocs.yaml")
    assert settings["since"] == dt.date(2023, 1, 1)
    assert sorted(p.name for p in (root / "reports").iterdir()) == [
        "2023H1.yaml", "2023H2.yaml", "2024H1.yaml", "2024H2.yaml", "2025H1.yaml", "2025H2.yaml"]
    assert any((root / "circulars").iterdir())


def test_every_file_parses_without_duplicate_keys(repo):
    root, summary = repo
    paths = [p for p in root.rglob("*") if p.is_file()]
    assert len(paths) == summary["files"]
    for path in paths:
        assert isinstance(_load(path), dict), path


def test_files_fit_the_repository_schemas(repo, cases):
    root, _ = repo
    case_validator = _validator("case")
    for path, case in cases.items():
        assert case_validator.validate(case), (path, case_validator.errors)
    for name, pattern in (("agencies", "agencies.yaml"), ("report", "reports/*.yaml"),
                          ("meetings", "meetings/*.yaml"), ("circular", "circulars/*.yaml")):
        validator = _validator(name)
        for path in root.glob(pattern):
            assert validator.validate(_load(path)), (path, validator.errors)


def test_case_numbers_unique_canonical_and_matching_the_file_name(cases):
    numbers = [c["case_no"] for c in cases.values()]
    assert len(set(numbers)) == N
    types = set()
    for path, case in cases.items():
        m = CASE_NO.fullmatch(case["case_no"])
        assert m, case["case_no"]
        year, court, ctype, number = m.groups()
        types.add(court + ctype)
        assert path.parent.name == year
        assert path.name == f"{court}{ctype}{number}号.yaml"
        assert case["level"] == ("second" if ctype == "行终" else "first")
        if court == "鲁04":
            assert case["court"] == "枣庄市中级人民法院"
    assert types == {"鲁0404行初", "鲁04行初", "鲁04行终"}


def test_parties_are_known_agencies(repo, cases):
    root, _ = repo
    ids = {a["id"] for a in _load(root / "agencies.yaml")["agencies"]}
    for case in cases.values():
        assert case["defendant"] in ids
        assert set(case["co_defendants"]) <= ids - {case["defendant"]}
    for path in (root / "circulars").glob("*.yaml"):
        circular = _load(path)
        assert set(circular["agencies"]) <= ids
        assert {item["agency"] for item in circular["items"]} == set(circular["agencies"])


def _dates(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _dates(v)
    elif isinstance(node, list):
        for v in node:
            yield from _dates(v)
    elif isinstance(node, dt.date):
        yield node


def test_dates_in_sane_order(repo, cases):
    _, summary = repo
    as_of = summary["as_of"]
    assert as_of == dt.date(2026, 1, 31)
    for path, c in cases.items():
        received = c["received_on"]
        assert dt.date(2023, 1, 1) <= received <= dt.date(2025, 12, 31), path
        assert c["responsibility"].get("leader_reviewed_on", received) >= received
        if "reported_on" in c:
            assert c["reported_on"] >= received
        assert c["defence"]["submitted_on"] >= received
        assert c["defence"].get("reported_on", c["defence"]["submitted_on"]) >= c["defence"]["submitted_on"]
        hearings = [h["date"] for h in c.get("hearings", [])]
        assert hearings == sorted(set(hearings))
        if hearings:
            assert hearings[0] > c["defence"]["submitted_on"]
            if "mediation" in c:
                assert c["mediation"]["plan_on"] <= hearings[0]
        for h in c.get("hearings", []):
            if "heads_reported_on" in h:
                assert received < h["heads_reported_on"] <= h["date"]
        scheduled = [h["date"] for h in c.get("hearings", []) if h["date"] > as_of]
        assert len(scheduled) <= 1 and "judgment" not in c if scheduled else True
        j = c.get("judgment")
        if j:
            assert j["received_on"] > max(hearings, default=received)
            assert j.get("effective_on", j["received_on"]) >= j["received_on"]
            if "loss_analysis" in c and "reported_on" in c["loss_analysis"]:
                assert c["loss_analysis"]["reported_on"] > j["received_on"]
            if "done_on" in c.get("performance", {}):
                assert c["performance"]["done_on"] > j["effective_on"]
            for s in c.get("judicial_suggestions", []):
                assert s["received_on"] >= j["received_on"]
                assert s.get("implemented_on", s["received_on"]) > s["received_on"] or "implemented_on" not in s
        assert all(d <= as_of for d in _dates(c) if d not in scheduled and
                   d != c.get("guarantee", {}).get("resolve_by")), path


def test_mix_of_outcomes(cases):
    results = [c.get("judgment", {}).get("result", "open") for c in cases.values()]
    losses = {"revoked", "partly_revoked", "illegal", "void", "ordered", "modified", "compensation"}
    share = {k: sum(r in group for r in results) / N for k, group in (
        ("win", {"dismissed", "suit_dismissed"}), ("loss", losses), ("withdrawn", {"withdrawn"}),
        ("open", {"open"}))}
    assert 0.45 <= share["win"] <= 0.75 and 0.07 <= share["loss"] <= 0.25
    assert 0.04 <= share["withdrawn"] <= 0.18 and 0.07 <= share["open"] <= 0.25
    for c in cases.values():
        lost = c.get("judgment", {}).get("result") in losses
        assert ("loss_analysis" in c) == lost and ("performance" in c) == lost
        assert ("loss_causes" in c.get("judgment", {})) == lost
    assert {c["risk"] for c in cases.values()} == {"low", "medium", "high"}
    assert any(len(c.get("hearings", [])) == 3 for c in cases.values())
    assert any("absence_reason" in h for c in cases.values() for h in c.get("hearings", []))


def test_no_violations_at_rate_zero(clean):
    root, summary, cases = clean
    assert summary["violations"] == 0
    assert not any((root / "circulars").iterdir())
    assert len(list((root / "meetings").iterdir())) == 6
    for c in cases:
        received = c["received_on"]
        assert c["reported_on"] <= received + dt.timedelta(days=3)                  # R01
        assert c["defence"]["submitted_on"] <= received + dt.timedelta(days=15)     # R02
        assert c["defence"]["reported_on"] <= received + dt.timedelta(days=18)      # R03
        assert set(c["responsibility"]["staff"]) == {"report", "defence", "hearing", "mediation", "performance"}
        assert "leader_reviewed_on" in c["responsibility"]
        assert "mediation" in c                                                     # R07
        if c["risk"] == "high":                                                     # R08
            assert {"unit", "leader", "person", "resolve_by"} <= set(c["guarantee"])
        for h in c.get("hearings", []):
            if h["date"] > summary["as_of"]:
                continue
            assert h["heads_reported_on"] <= h["date"] - dt.timedelta(days=3)       # R04
            if "heads" in h:                                                        # R05, R06
                assert h["heads"] and all(head["spoke"] for head in h["heads"])
            else:
                assert h["absence_reason"] and h["delegate"]
        loss = c.get("loss_analysis")
        if loss:                                                                    # R09
            assert loss["reported_on"] <= c["judgment"]["received_on"] + dt.timedelta(days=10)
        assert c.get("performance", {}).get("status") != "refused"                 # R11
        assert all(s["status"] != "refused" for s in c.get("judicial_suggestions", []))


def test_every_case_violates_at_rate_one(tmp_path):
    summary = generate_repo(tmp_path / "bad", cases=60, agencies=4, seed=3, years="2024", violation_rate=1)
    assert summary["violations"] == 60
    assert any((tmp_path / "bad" / "circulars").iterdir())


def test_script_entry_point(tmp_path, capsys):
    target = tmp_path / "cli"
    assert main([str(target), "--cases", "5", "--agencies", "2", "--seed", "1", "--years", "2024"]) == 0
    assert len(list((target / "cases").rglob("*.yaml"))) == 5
    assert "5 cases" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # never writes into a non-empty directory
        main([str(target), "--cases", "5"])
    with pytest.raises(SystemExit):
        main([str(tmp_path / "x"), "--years", "2025-2023"])


def test_yzdocs_check_accepts_the_generated_repositories(repo, clean):
    """The repository loader finds nothing wrong with the files; only the planted violations fail."""
    from yzdocs.check import run_check

    root, summary, _ = clean
    result = run_check(root, as_of=summary["as_of"])
    assert result.cases == N
    assert [f for f in result.findings if f.severity == "error"] == []
    root, summary = repo
    result = run_check(root, as_of=summary["as_of"])
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors and all(re.fullmatch(r"R\d\d|A\d\d", f.rule) for f in errors)
    assert len({f.case_no for f in errors}) <= summary["violations"]
