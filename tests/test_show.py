"""`yzdocs show` on the sample repository."""

import json
from pathlib import Path

from click.testing import CliRunner

from yzdocs.cli import main

ROOT = Path(__file__).resolve().parents[1]


def show(*args):
    return CliRunner().invoke(main, ["--repo", str(ROOT), "show", *args])


def test_show_json_timeline_half_width_case_no():
    result = show("(2023)鲁0404行初15号", "--as-of", "2025-12-31", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["case_no"] == "（2023）鲁0404行初15号"
    deadlines = {e["rule"]: e for e in data["entries"] if e["kind"] == "deadline"}
    # received Mon 2023-03-20 + 3 = Thu 03-23; reported Mon 03-27: 4 days late.
    r01 = deadlines["R01"]
    assert (r01["due"], r01["done"], r01["status_label"]) == ("2023-03-23", "2023-03-27", "逾期")
    assert "逾期4日" in r01["message"]
    assert deadlines["R02"]["status_label"] == "按期"
    dates = [e["date"] for e in data["entries"] if e["date"]]
    assert dates == sorted(dates)


def test_show_open_obligation_and_text():
    result = show("（2025）鲁0404行初66号", "--as-of", "2025-12-15")
    assert result.exit_code == 0, result.output
    assert "2026-01-05" in result.output and "[未到期] R04" in result.output


def test_show_unknown_case():
    result = show("（2023）鲁0404行初999号")
    assert result.exit_code != 0 and "999" in result.output
