"""Judging only the cases that can touch a period gives the same statistics as judging all."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import PROJECT
from yzdocs.reports import loader, stats
from yzdocs.periods import Period

PERIODS = ["2023H1", "2023H2", "2023", "2024H1", "2024H2", "2024", "2025H1", "2025H2", "2025"]


@pytest.fixture(scope="module")
def full():
    repo = loader.load(PROJECT, use_cache=False)
    return repo, stats.judge(repo, date(2025, 12, 31))


@pytest.mark.parametrize("text", PERIODS)
def test_window_changes_nothing(full, text):
    repo, whole = full
    period = Period.parse(text)
    windowed = stats.judge(repo, date(2025, 12, 31), (period.previous().start, period.end))
    for p in (period, period.previous()):
        assert stats.compute(windowed, p) == stats.compute(whole, p)
