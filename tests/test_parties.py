"""How documents name the parties: by level, by who appealed, for compensation; amounts in 元."""

from __future__ import annotations

import pytest

from yzdocs.render.parties import amount, is_compensation, missing_appellant, parties, situation

BASE = {"case_no": "（2024）鲁04行终156号", "cause": "行政处罚", "act": "《行政处罚决定书》"}


@pytest.mark.parametrize("level, appellant, row", [
    (None, None, "first"), ("first", "agency", "first"), ("second", "other", "second_other"),
    ("second", "agency", "second_agency"), ("second", None, "second"), ("retrial", "other", "retrial_other"),
    ("retrial", "agency", "retrial_agency"), ("retrial", "nonsense", "retrial"),
])
def test_situation_by_level_and_appellant(level, appellant, row):
    assert situation(dict(BASE, level=level, appellant=appellant)) == row


def test_missing_appellant_only_for_appeals():
    assert missing_appellant(dict(BASE, level="second"))
    assert missing_appellant(dict(BASE, level="retrial"))
    assert not missing_appellant(dict(BASE, level="first"))
    assert not missing_appellant(dict(BASE, level="second", appellant="agency"))


@pytest.mark.parametrize("case, expected", [
    ({"case_no": "（2024）鲁0404行赔初2号"}, True),
    ({"case_no": "（2024）鲁0404行初2号", "cause": "行政赔偿"}, True),
    ({"case_no": "（2024）鲁0404行初2号", "compensation": {"claimed": 0}}, True),
    ({"case_no": "（2024）鲁0404行初2号", "cause": "行政处罚"}, False),
])
def test_compensation_cases(case, expected):
    assert is_compensation(case) is expected


def test_retrial_by_the_agency_names_the_original_judgment():
    # 再审: the agency applied against the effective judgment of the original case
    roles = parties(dict(BASE, level="retrial", appellant="agency", original_case_no="（2023）鲁04行终9号"),
                    plaintiffs="张某", defendant="峄城区某局", court="山东省高级人民法院")
    assert roles["filed"] == "我单位不服（2023）鲁04行终9号生效裁判，向山东省高级人民法院申请再审"
    assert roles["plaintiff"] == "被申请人（原审原告）" and roles["defendant"] == "再审申请人（原审被告）"
    assert roles["stage"] == "再审"


def test_first_instance_compensation_states_the_claim():
    roles = parties({"case_no": "（2024）鲁0404行赔初2号", "act": "强制拆除大棚的行为", "compensation": {"claimed": 86000}},
                    plaintiffs="魏某某", defendant="峄城区古邵镇人民政府", court="枣庄市峄城区人民法院")
    assert roles["filed"] == ("原告魏某某认为峄城区古邵镇人民政府强制拆除大棚的行为造成其损失，"
                              "向枣庄市峄城区人民法院提起行政赔偿诉讼，请求赔偿86000元")


@pytest.mark.parametrize("value, printed", [
    (86000, "86000元"), (12500.5, "12500.5元"), (0.1 + 0.2, "0.3元"), (1e6, "1000000元"), (99.999, "100元"),
    (0, "0元"), (None, ""), (True, ""),
])
def test_amounts_print_as_yuan_without_float_noise(value, printed):
    assert amount(value) == printed
