"""Messages that say what to write: case-number slips, periods in words, enum labels, full-width columns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yzdocs import casenumber
from yzdocs.output.columns import table, width
from yzdocs.periods import Period
from yzdocs.errors import YzdocsError


@pytest.mark.parametrize("typed, said", [
    ("〔2026〕鲁0404行初13号", "年份要用圆括号（），不是六角括号〔〕"),
    ("[2026]鲁0404行初13号", "年份要用圆括号（），不是六角括号〔〕或方括号"),
    ("（2026）鲁0404行初013号", "序号前不加“0”"),
    ("（2026）鲁0404行初13", "序号后缺少“号”"),
    ("（2026）鲁0404 行初13号", "案号中不能有空格"),
    ("2026鲁0404行初13号", "年份要加圆括号（）"),
])
def test_each_slip_named_with_the_number_to_write(typed, said):
    message = casenumber.invalid_message(typed)
    assert said in message and message.endswith("请写：（2026）鲁0404行初13号。"), message


def test_slips_together_and_no_guess():
    assert casenumber.invalid_message("〔2024〕鲁04 行赔初007").endswith(
        "年份要用圆括号（），不是六角括号〔〕或方括号（〔〕用于发文字号）；案号中不能有空格；序号前不加“0”；序号后缺少“号”。"
        "请写：（2024）鲁04行赔初7号。")
    for text in ("../../etc/passwd", "（2026）鲁0404行初0号", "abc", ""):
        assert casenumber.invalid_message(text).endswith(casenumber.FORM_HINT + "。")


NUMBERS = st.builds(lambda y, court, kind, seq: f"（{y}）{court}{kind}{seq}号",
                    st.integers(1990, 2099), st.sampled_from(["鲁0404", "鲁04", "京01", "最高法"]),
                    st.sampled_from(casenumber.ADMIN_TYPES), st.integers(1, 99999))
SLIPS = [lambda n: n.replace("（", "〔").replace("）", "〕"), lambda n: n.replace("号", ""),
         lambda n: n[:6] + " " + n[6:], lambda n: n.replace("（", "[").replace("）", "]")]


@given(NUMBERS, st.lists(st.sampled_from(range(len(SLIPS))), min_size=1, max_size=3, unique=True))
def test_any_number_with_any_slips_is_given_back(number, slips):
    typed = number
    for i in slips:
        typed = SLIPS[i](typed)
    if casenumber.parse(typed):  # a slip that changed nothing
        return
    assert casenumber.invalid_message(typed).endswith(f"请写：{number}。")


@pytest.mark.parametrize("typed, meant", [
    ("2025上半年", "2025H1"), ("2025年上半年", "2025H1"), ("2025年下半年", "2025H2"), ("２０２５Ｈ２", "2025H2"),
    ("2025h1", "2025H1"), ("2025年度", "2025"), ("2025年", "2025"),
])
def test_periods_in_words(typed, meant):
    assert str(Period.spelled(typed)) == meant


def test_period_option_says_what_to_write():
    with pytest.raises(YzdocsError, match="请写 2025H1。"):
        Period.parse("2025上半年")
    with pytest.raises(YzdocsError, match="请写 2023H1（上半年）"):
        Period.parse("下半年")


def test_columns_of_chinese_and_ascii_line_up():
    lines = table(["单位", "新收"], [["峄城区人民政府", "3"], ["全区", "12"]], right={1})
    assert lines == ["单位            新收", "峄城区人民政府     3", "全区              12"]
    assert {width(line) for line in lines} == {20}
