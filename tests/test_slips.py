"""Input-method slips are named with their line, character and fix."""

from __future__ import annotations

import pytest

from yzdocs.slips import date_slip, key_slip, line_slips


def test_full_width_colon_after_a_key_is_found_on_its_own_line():
    text = "case_no: x\nrisk：medium\ncause: 处罚\n"
    assert line_slips(text, 3) == [(2, 5, "字段名“risk”后用了全角冒号“：”（中文输入法），YAML 需要半角冒号加空格。请改为“risk: ”。")]


def test_full_width_colon_inside_chinese_text_is_not_a_slip():
    assert line_slips("notes: 原告诉称：被告未履行\n", 1) == []


def test_only_lines_up_to_the_parser_stop_are_reported():
    assert line_slips("a: 1\nb：2\nc：3\n", 2) == [(2, 2, line_slips("b：2\n", 1)[0][2])]


@pytest.mark.parametrize("text, fixed", [("２０２３－０５－０８", "2023-05-08"), ("2023－05－08", "2023-05-08"),
                                         ("２０２３-5-8", "2023-5-8"), ("2023—05—08", "2023-05-08")])
def test_full_width_dates(text, fixed):
    assert date_slip(text).endswith(f"请改为半角：{fixed}")


@pytest.mark.parametrize("text", ["2023-05-08", "二〇二三年五月八日", "原告：张三", "２０２３年"])
def test_not_date_slips(text):
    assert date_slip(text) is None


def test_keys_with_full_width_space_or_dash():
    assert "全角空格" in key_slip("\u3000\u3000leader_reviewed_on")
    assert key_slip("－ name").endswith("请改为“- name”。")
    assert key_slip("name") is None
