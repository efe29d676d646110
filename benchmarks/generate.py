"""Generate realistic, deterministic case repositories for tests and benchmarks.

    python benchmarks/generate.py DIR --cases 1000 --agencies 20 --seed 1 --years 2023-2025

The repository is a snapshot taken on the 31st of January after the last year (``as_of`` in the
returned summary): nothing in it happens later, except hearings already scheduled for a date
after it. Every deadline a case could miss by then is met, unless the case was picked for one
deliberate violation (``violation_rate``); a violation always misses its deadline by more than
the longest holiday extension, so it is a violation under any calendar.

Same arguments, same bytes: all randomness comes from one ``random.Random(seed)`` and the YAML
text is written by the small emitter at the end of this module.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import random
import sys
import time
from pathlib import Path

try:  # official rest days, so hearings and reports fall on working days
    import chinese_calendar
except ImportError:  # pragma: no cover - the calendar package is a project dependency
    chinese_calendar = None

# ---- the mix, tunable ------------------------------------------------------------------------
OUTCOME_WEIGHTS = {"win": 58, "loss": 15, "withdrawn": 10, "settled": 2, "open": 15}
WIN_RESULTS = {"dismissed": 75, "suit_dismissed": 25}
LOSS_RESULTS = {"revoked": 38, "partly_revoked": 10, "illegal": 20, "void": 3, "ordered": 16,
                "modified": 5, "compensation": 8}
RISK_WEIGHTS = {  # low, medium, high
    "win": (55, 35, 10), "loss": (15, 45, 40), "withdrawn": (40, 45, 15),
    "settled": (20, 50, 30), "open": (45, 35, 20)}
HEARING_COUNT_WEIGHTS = (70, 22, 8)  # 1, 2, 3 hearings
VIOLATION_RATE = 0.05        # share of cases with one deliberate violation
SECOND_INSTANCE_RATE = 0.04  # 行终 appeals, heard by the intermediate court
UPGRADED_RATE = 0.03         # first-instance cases the intermediate court took over (提级管辖)
EXCUSED_ABSENCE_RATE = 0.06  # hearings without a head, with a valid reason and a delegate
CO_DEFENDANT_RATE = 0.05
THIRD_PARTY_RATE = 0.08
SUGGESTION_RATE = 0.04       # judicial suggestions (司法建议), tripled for losses
NOTE_RATE = 0.08
TOWN_SHARE = 0.35            # share of towns/sub-districts among the agencies

DISTRICT_COURT = ("鲁0404", "枣庄市峄城区人民法院")
INTERMEDIATE_COURT = ("鲁04", "枣庄市中级人民法院")
MAX_EXTENSION = 9  # days; longer than any holiday extension of a deadline (National Day: 8)

# ---- names -----------------------------------------------------------------------------------
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
            "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯史陶贺顾毛郝龚邵")
GIVEN = "建国明华丽娜强敏婷凯海军伟芳静磊洋勇艳杰涛斌超霞平刚桂英文玉兰红峰志庆春秀云鹏辉飞林波宁瑞雪晨阳浩思雨佳琪轩博宇晓东"
BRANDS = ("鑫达", "恒源", "润丰", "华泰", "宏远", "金盛", "瑞祥", "永安", "兴隆", "天成", "昌盛", "博远",
          "嘉禾", "泰和", "万通", "众诚", "利民", "福源", "盛世", "汇丰")
INDUSTRIES = ("建材", "商贸", "物流", "食品", "置业", "化工", "石榴种植", "机械制造", "餐饮管理", "建筑工程")

# (name, document abbreviation, principal title, deputy title, typical causes)
DEPARTMENTS = (
    ("峄城区市场监督管理局", "峄市监", "局长", "副局长", ("行政处罚", "行政登记", "履行法定职责", "政府信息公开")),
    ("峄城区自然资源局", "峄自然资源", "局长", "副局长", ("土地行政管理", "行政处罚", "行政登记", "政府信息公开")),
    ("峄城区住房和城乡建设局", "峄住建", "局长", "副局长", ("行政补偿", "行政协议", "行政许可", "政府信息公开")),
    ("峄城区综合行政执法局", "峄综执", "局长", "副局长", ("行政强制", "行政处罚", "履行法定职责")),
    ("枣庄市公安局峄城分局", "峄公", "局长", "副局长", ("治安管理处罚", "行政强制", "履行法定职责", "行政登记")),
    ("峄城区人力资源和社会保障局", "峄人社", "局长", "副局长", ("工伤认定", "社会保障", "政府信息公开")),
    ("枣庄市生态环境局峄城分局", "峄环", "局长", "副局长", ("行政处罚", "履行法定职责", "政府信息公开")),
    ("峄城区农业农村局", "峄农", "局长", "副局长", ("行政处罚", "行政确认", "土地行政管理")),
    ("峄城区交通运输局", "峄交", "局长", "副局长", ("行政处罚", "行政强制", "行政许可")),
    ("峄城区教育和体育局", "峄教体", "局长", "副局长", ("行政许可", "政府信息公开", "履行法定职责")),
    ("峄城区卫生健康局", "峄卫健", "局长", "副局长", ("行政处罚", "行政许可", "行政确认")),
    ("峄城区应急管理局", "峄应急", "局长", "副局长", ("行政处罚", "履行法定职责")),
    ("峄城区民政局", "峄民", "局长", "副局长", ("社会保障", "行政登记", "行政确认")),
    ("峄城区水务局", "峄水", "局长", "副局长", ("行政处罚", "行政强制", "行政许可")),
    ("峄城区退役军人事务局", "峄退役", "局长", "副局长", ("行政确认", "社会保障", "政府信息公开")),
    ("峄城区医疗保障局", "峄医保", "局长", "副局长", ("行政处罚", "社会保障")),
    ("峄城区行政审批服务局", "峄审批", "局长", "副局长", ("行政许可", "行政登记", "政府信息公开")),
    ("峄城区商务局", "峄商", "局长", "副局长", ("行政处罚", "行政许可")),
    ("峄城区文化和旅游局", "峄文旅", "局长", "副局长", ("行政处罚", "行政许可")),
    ("峄城区发展和改革局", "峄发改", "局长", "副局长", ("行政许可", "政府信息公开", "履行法定职责")),
    ("峄城区财政局", "峄财", "局长", "副局长", ("政府信息公开", "履行法定职责")),
    ("峄城区房屋征收服务中心", "峄征收", "主任", "副主任", ("行政补偿", "行政协议", "政府信息公开")),
)
REAL_TOWNS = (("坛山", "街道"), ("吴林", "街道"), ("古邵", "镇"), ("阴平", "镇"), ("底阁", "镇"),
              ("榴园", "镇"), ("峨山", "镇"))
TOWN_FIRST = "石柳金沙杨清凤龙仁东西南北新高曹孟周徐韩"
TOWN_SECOND = "桥营庄寨集湖楼店屯口岭河泉山沟"
TOWN_CAUSES = ("行政强制", "行政协议", "履行法定职责", "政府信息公开", "行政补偿", "土地行政管理")

ACTS = {  # {a}: document abbreviation, {y}: year, {n}: number
    "行政处罚": ("《行政处罚决定书》（{a}罚〔{y}〕{n}号）", "《行政处罚决定书》（{a}罚字〔{y}〕第{n}号）"),
    "治安管理处罚": ("《行政处罚决定书》（{a}行罚决字〔{y}〕{n}号）",),
    "政府信息公开": ("《政府信息公开申请答复书》（{a}依申复〔{y}〕{n}号）", "对原告政府信息公开申请逾期未予答复的行为"),
    "行政强制": ("《强制拆除决定书》（{a}强拆〔{y}〕{n}号）", "强制拆除原告房屋及附属设施的行为",
             "《查封（扣押）决定书》（{a}强制〔{y}〕{n}号）"),
    "履行法定职责": ("对原告举报事项未依法履行查处职责的行为", "对原告申请事项逾期未予答复的行为"),
    "行政协议": ("《房屋征收补偿安置协议》的履行行为", "解除《土地租赁协议》的行为"),
    "行政补偿": ("《房屋征收补偿决定》（{a}征补〔{y}〕{n}号）", "对原告地上附着物未予补偿的行为"),
    "土地行政管理": ("《责令限期拆除违法建筑通知书》（{a}责拆〔{y}〕{n}号）", "《收回国有建设用地使用权决定》（{a}收〔{y}〕{n}号）"),
    "行政登记": ("不动产登记行为（{a}登〔{y}〕{n}号）", "《准予变更登记通知书》（{a}登字〔{y}〕第{n}号）"),
    "行政许可": ("《不予行政许可决定书》（{a}许不〔{y}〕{n}号）", "《准予行政许可决定书》（{a}许准〔{y}〕{n}号）"),
    "工伤认定": ("《认定工伤决定书》（{a}工伤认字〔{y}〕{n}号）", "《不予认定工伤决定书》（{a}工伤不认字〔{y}〕{n}号）"),
    "社会保障": ("《养老保险待遇核定决定》（{a}社保〔{y}〕{n}号）", "取消原告最低生活保障待遇的决定"),
    "行政确认": ("《行政确认决定书》（{a}确〔{y}〕{n}号）", "对原告身份不予确认的答复"),
}

# ---- free text -------------------------------------------------------------------------------
PLAN_OPENINGS = ("与原告就{c}争议进行沟通，", "约谈原告了解诉求，", "会同区司法局开展实质性化解，",
                 "邀请镇村干部参与协调，", "组织法律顾问研究案情，", "通过诉前调解平台与原告协商，")
PLAN_ENDINGS = ("争取原告撤诉。", "在法律框架内解决其合理诉求。", "依法补正程序瑕疵，争取案结事了。",
                "对合理诉求予以回应，不合理诉求做好释法说理。", "提出补偿方案供原告选择。",
                "重新审查申请内容，依法补充公开相关信息。")
PROBLEMS = ("处罚决定认定事实的证据不充分。", "作出行政行为前未依法告知陈述申辩权利。", "送达程序不符合法律规定。",
            "适用法律条款不准确。", "未在法定期限内履行法定职责。", "补偿标准的确定缺乏依据。",
            "强制拆除前未依法催告。", "信息公开答复内容不完整。")
CAUSES = ("执法人员调查取证不规范，未制作现场笔录。", "承办人员对程序规定理解不到位。", "法制审核把关不严。",
          "案件承办周期紧张，审核流于形式。", "对新修订法律法规学习不够。", "与原告沟通不充分，矛盾未能及时化解。")
MEASURES = ("开展执法程序专项培训；完善现场检查笔录模板。", "严格落实重大执法决定法制审核制度。",
            "建立案卷评查机制，定期通报问题。", "修订送达工作规程，统一文书格式。",
            "加强与法院沟通，及时掌握裁判标准。", "落实一案一包保，提前介入化解矛盾。")
ABSENCE_REASONS = ("因参加区委常委会会议无法出庭，已向法院书面说明并经准许。", "因突发安全生产事故赴现场处置，经法院准许。",
                   "因公出差（经法院准许）。", "因患病住院治疗，已向法院提交书面说明。", "因防汛值守任务无法脱身，经法院准许。")
SUGGESTIONS = ("建议规范行政处罚案件调查取证程序，完善执法全过程记录。", "建议加强政府信息公开答复的审核工作。",
               "建议依法履行告知义务，保障当事人陈述申辩权利。", "建议完善征收补偿工作流程，加强补偿标准公示。")
REPLIES = ("已组织专题培训，修订执法程序规范，并书面回复法院。", "已建立答复审核机制，并将落实情况函告法院。",
           "已印发整改方案，逐项落实，并向法院反馈。")
NOTES = ("原告系多次起诉的当事人，注意做好释法说理工作。", "本案为同类系列案件之一，统一把握答辩口径。",
         "原告同时提起行政复议，注意衔接。", "已邀请法律顾问参与应诉。", "案件涉及群体性诉求，注意舆情风险。")
PLACES = ("区人民法院第一会议室", "区司法局三楼会议室", "区政府第二会议室", "区人民法院审判委员会会议室")
TOPICS = ("通报行政诉讼案件情况", "研究房屋征收类案件败诉风险", "协商政府信息公开类案件审理标准",
          "分析行政机关败诉原因", "部署负责人出庭应诉工作", "研究行政争议实质性化解机制", "通报司法建议落实情况")


def _pick(rng, weights):
    """A key of ``weights`` drawn in proportion to its weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


_workdays: dict = {}


def _is_workday(d):
    w = _workdays.get(d)
    if w is None:
        try:
            w = chinese_calendar.is_workday(d)
        except (AttributeError, NotImplementedError):  # no package, or a year it does not know
            w = d.weekday() < 5
        _workdays[d] = w
    return w


def _nudge(d, lo, hi):
    """``d`` moved to a working day inside [lo, hi], forward first; ``d`` itself if none."""
    day = dt.timedelta(days=1)
    c = d
    while c <= hi:
        if _is_workday(c):
            return c
        c += day
    c = d - day
    while c >= lo:
        if _is_workday(c):
            return c
        c -= day
    return d


def _on(rng, base, lo, hi):
    """A working day between base+lo and base+hi days."""
    first, last = base + dt.timedelta(days=lo), base + dt.timedelta(days=hi)
    return _nudge(base + dt.timedelta(days=rng.randint(lo, hi)), first, last)


def _days(n):
    return dt.timedelta(days=n)


def _person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


PERSONAL_CAUSES = ("治安管理处罚", "社会保障")  # only natural persons sue over these


def _plaintiff(rng, person=False):
    if person or rng.random() < 0.72:
        p = {"name": rng.choice(SURNAMES) + rng.choice(("某", "某某", "某某")), "kind": "person"}
    elif rng.random() < 0.85:
        p = {"name": rng.choice(("枣庄市", "峄城区")) + rng.choice(BRANDS) + rng.choice(INDUSTRIES) + "有限公司",
             "kind": "organisation"}
    else:
        p = {"name": "峄城区" + rng.choice(BRANDS) + "种植专业合作社", "kind": "organisation"}
    if rng.random() < 0.3:
        p["agent"] = rng.choice(SURNAMES) + "某某，山东" + rng.choice(BRANDS) + "律师事务所律师"
    return p


# ---- agencies --------------------------------------------------------------------------------
def make_agencies(rng, m):
    """``m`` agencies (departments from the district's list, then towns), ids a01, a02, …"""
    towns = [f"{a}{b}" for a in TOWN_FIRST for b in TOWN_SECOND]
    rng.shuffle(towns)
    real = {n for n, _ in REAL_TOWNS}
    town_pool = list(REAL_TOWNS) + [(n, rng.choice(("镇", "镇", "街道"))) for n in towns if n not in real]
    n_towns = max(min(1, m - 1), round(m * TOWN_SHARE), m - len(DEPARTMENTS))
    if n_towns > len(town_pool):
        raise ValueError(f"at most {len(DEPARTMENTS) + len(town_pool)} agencies can be generated")
    depts = rng.sample(DEPARTMENTS, m - n_towns)
    entries = [("department",) + d for d in depts]
    for name, suffix in town_pool[:n_towns]:
        if suffix == "镇":
            entries.append(("town", f"峄城区{name}镇人民政府", name[0] + "政", "镇长", "副镇长", TOWN_CAUSES))
        else:
            entries.append(("town", f"峄城区{name}街道办事处", name[0] + "办", "主任", "副主任", TOWN_CAUSES))
    rng.shuffle(entries)
    width = max(2, len(str(m)))
    agencies = []
    for i, (kind, name, abbr, p_title, d_title, causes) in enumerate(entries, 1):
        people = set()
        while len(people) < 6:
            people.add(_person(rng))
        people = sorted(people)
        rng.shuffle(people)
        agencies.append({
            "id": f"a{i:0{width}d}", "name": name, "kind": kind,
            "principal": people[0], "principal_title": p_title,
            "deputy": people[1], "deputy_title": d_title,
            # private: used to generate the cases, not written to agencies.yaml
            "_abbr": abbr, "_causes": causes, "_staff": people[2:], "_weight": rng.uniform(0.3, 3.0)})
    return agencies


# ---- cases -----------------------------------------------------------------------------------
def _violation_kinds(outcome, risk, n_hearings):
    kinds = ["late_report", "late_defence", "late_defence_report", "missing_responsibility"]
    if n_hearings:
        kinds += ["late_heads_report", "no_head", "silent_head"]
    if n_hearings or outcome != "open":
        kinds.append("missing_mediation")
    if risk == "high":
        kinds.append("missing_guarantee")
    if outcome == "loss":
        kinds += ["late_loss_analysis", "refused_performance"]
    if outcome != "open":
        kinds.append("suggestion_refused")
    return kinds


def _heads(rng, ag):
    r = rng.random()
    principal = {"name": ag["principal"], "title": ag["principal_title"], "role": "principal", "spoke": True}
    deputy = {"name": ag["deputy"], "title": ag["deputy_title"], "role": "deputy", "spoke": True}
    if r < 0.30:
        return [principal]
    if r < 0.90:
        return [deputy]
    if r < 0.97:
        return [principal, deputy]
    # another deputy head in charge of the challenged act (法释〔2020〕3号 第二条)
    return [{"name": _person(rng), "title": ag["deputy_title"], "role": "deputy", "spoke": True}]


def make_case(rng, ag, others, start, last_day, as_of, violation_rate):
    """One case as an ordered dict; private keys (``_…``) carry what numbering and circulars need."""
    outcome = _pick(rng, OUTCOME_WEIGHTS)
    result = None
    if outcome == "win":
        result = _pick(rng, WIN_RESULTS)
    elif outcome == "loss":
        result = _pick(rng, LOSS_RESULTS)
    elif outcome in ("withdrawn", "settled"):
        result = outcome
    r = rng.random()
    if r < SECOND_INSTANCE_RATE:
        court, ctype, level = INTERMEDIATE_COURT, "行终", "second"
    elif r < SECOND_INSTANCE_RATE + UPGRADED_RATE:
        court, ctype, level = INTERMEDIATE_COURT, "行初", "first"
    else:
        court, ctype, level = DISTRICT_COURT, "行初", "first"
    risk = rng.choices(("low", "medium", "high"), weights=RISK_WEIGHTS[outcome])[0]
    if outcome in ("withdrawn", "settled") or result == "suit_dismissed":
        n_hearings = rng.choice((0, 1))
    else:
        n_hearings = rng.choices((1, 2, 3), weights=HEARING_COUNT_WEIGHTS)[0]
    violation = None
    if violation_rate and rng.random() < violation_rate:
        violation = rng.choice(_violation_kinds(outcome, risk, n_hearings))

    # offsets in days from the receipt of the response notice (R)
    sub_off = rng.randint(15 + MAX_EXTENSION, 15 + 25) if violation == "late_defence" else rng.randint(5, 15)
    hearing_offs = []
    h = max(rng.randint(25, 80), sub_off + 10)
    for _ in range(n_hearings):
        hearing_offs.append(h)
        h += rng.randint(14, 50)
    if outcome == "open":
        j_off = None
        received = last_day - _days(rng.randint(0, 200))
    else:
        j_off = (hearing_offs[-1] + rng.randint(7, 60)) if hearing_offs else rng.randint(max(20, sub_off + 5), 90)
        latest = min(last_day, as_of - _days(j_off + 14))
        earliest = start + _days(12)
        received = earliest + _days(rng.randint(0, max(0, (latest - earliest).days)))
    received = _nudge(received, received - _days(10), min(received + _days(3), last_day))
    R = received
    J = _on(rng, R, j_off, j_off + 3) if j_off is not None else None
    events = []  # (rule, due date) of the violations a special circular reports

    def kept(d):  # nothing in the snapshot happens after as_of
        return d if d <= as_of else None

    c = {"case_no": None}
    if court is INTERMEDIATE_COURT:
        c["court"] = court[1]
    c["level"] = level
    cause = rng.choice(ag["_causes"])
    act_year = R.year - rng.choice((0, 0, 1))
    c["cause"] = cause
    c["act"] = rng.choice(ACTS[cause]).format(a=ag["_abbr"], y=act_year, n=rng.randint(1, 400))
    c["plaintiffs"] = [_plaintiff(rng, cause in PERSONAL_CAUSES) for _ in range(rng.choices((1, 2, 3), weights=(85, 11, 4))[0])]
    c["defendant"] = ag["id"]
    c["co_defendants"] = [rng.choice(others)["id"]] if others and rng.random() < CO_DEFENDANT_RATE else []
    c["third_parties"] = [_plaintiff(rng)["name"]] if rng.random() < THIRD_PARTY_RATE else []
    c["risk"] = risk

    staff = ag["_staff"]
    first_h = R + _days(hearing_offs[0]) if hearing_offs else R + _days(20)
    resp = {"leader_reviewed_on": _on(rng, R, 0, min(5, (first_h - R).days - 1))}
    hearing_person = rng.choice(staff)
    resp["staff"] = {"report": rng.choice(staff), "defence": hearing_person,
                     "hearing": hearing_person if rng.random() < 0.8 else rng.choice(staff),
                     "mediation": rng.choice(staff), "performance": rng.choice(staff)}
    if violation == "missing_responsibility":
        if rng.random() < 0.5:
            del resp["leader_reviewed_on"]
        else:
            for key in rng.sample(list(resp["staff"]), rng.randint(1, 2)):
                del resp["staff"][key]
    c["responsibility"] = resp

    c["received_on"] = R
    if violation == "late_report":
        c["reported_on"] = kept(_on(rng, R, 3 + MAX_EXTENSION, 3 + 30))
        events.append(("R01", R + _days(3)))
    else:
        c["reported_on"] = _on(rng, R, 0, 3)
    submitted = _on(rng, R, sub_off, sub_off + 3) if violation == "late_defence" else _on(rng, R, 5, sub_off)
    if violation == "late_defence":
        late = max((submitted - R).days, 18 + MAX_EXTENSION)
        defence_reported = kept(_on(rng, R, late, late + 3))
        events += [("R02", R + _days(15)), ("R03", R + _days(18))]
    elif violation == "late_defence_report":
        defence_reported = kept(_on(rng, R, 18 + MAX_EXTENSION, 18 + 25))
        events.append(("R03", R + _days(18)))
    else:
        defence_reported = _on(rng, submitted, 0, (R + _days(18) - submitted).days)
    c["defence"] = {"submitted_on": submitted, "reported_on": defence_reported}

    if violation != "missing_mediation":
        c["mediation"] = {"plan_on": _on(rng, R, 1, 12),
                          "plan": rng.choice(PLAN_OPENINGS).format(c=cause) + rng.choice(PLAN_ENDINGS),
                          "result": {"win": "failed", "loss": "failed", "open": "pending"}.get(outcome, outcome)}
    if risk == "high":
        g = {"unit": ag["name"], "leader": ag["deputy"], "person": hearing_person,
             "resolve_by": R + _days(rng.randint(60, 180))}
        if J is not None:  # resolved when the case ended, within the time limit
            g["resolve_by"] = max(g["resolve_by"], J + _days(rng.randint(0, 30)))
        elif g["resolve_by"] <= as_of + _days(14):  # still open, and not about to expire
            g["resolve_by"] = as_of + _days(rng.randint(15, 90))
        if violation == "missing_guarantee":
            drop = rng.choice(("unit", "leader", "person", "resolve_by"))
            g = None if rng.random() < 0.5 else {k: v for k, v in g.items() if k != drop}
        if g is not None:
            c["guarantee"] = g

    hearings = []
    for off in hearing_offs:
        date = _on(rng, R, off, off + 3)
        if date > as_of:  # the next hearing, already scheduled
            hearings.append({"date": max(date, _on(rng, as_of, 5, 40))})
            break
        hearing = {"date": date, "heads_reported_on": _on(rng, date, -10, -3)}
        if rng.random() < EXCUSED_ABSENCE_RATE:
            hearing["absence_reason"] = rng.choice(ABSENCE_REASONS)
            hearing["delegate"] = hearing_person
        else:
            hearing["heads"] = _heads(rng, ag)
        hearings.append(hearing)
    held = [h for h in hearings if "heads_reported_on" in h]
    if violation in ("late_heads_report", "no_head", "silent_head") and held:
        h = rng.choice(held)
        if violation == "late_heads_report":
            h["heads_reported_on"] = h["date"] - _days(rng.randint(0, 2))
        elif violation == "no_head":
            h.pop("heads", None), h.pop("absence_reason", None)
            h["delegate"] = hearing_person
            events.append(("R05", h["date"]))
        else:
            h.setdefault("heads", _heads(rng, ag))
            h.pop("absence_reason", None), h.pop("delegate", None)
            h["heads"][0]["spoke"] = False
    if hearings:
        c["hearings"] = hearings

    if J is not None:
        form = None if result == "settled" else ("judgment" if outcome in ("win", "loss") and
                                                 result != "suit_dismissed" else "ruling")
        judgment = {"received_on": J}
        if form:
            judgment["form"] = form
        judgment["result"] = result
        effective = J + _days(16 if form == "judgment" else 11 if result == "suit_dismissed" else 0)
        if kept(effective):
            judgment["effective_on"] = effective
        if outcome == "loss":
            causes = rng.sample(("procedure", "evidence", "law", "other"), rng.choice((1, 1, 2)))
            if violation == "late_defence":
                causes.insert(0, "late_defence")
            if violation == "missing_mediation":
                causes.insert(0, "no_mediation")
            judgment["loss_causes"] = causes
        c["judgment"] = judgment
        if "guarantee" in c and "resolve_by" in c["guarantee"]:
            c["guarantee"]["resolved_on"] = J
        if outcome == "loss":
            reported = (kept(_on(rng, J, 10 + MAX_EXTENSION, 10 + 30)) if violation == "late_loss_analysis"
                        else _on(rng, J, 1, 10))
            analysis = {"reported_on": reported, "problems": rng.choice(PROBLEMS),
                        "causes": rng.choice(CAUSES), "measures": rng.choice(MEASURES)}
            c["loss_analysis"] = {k: v for k, v in analysis.items() if v is not None}
            done = kept(_on(rng, effective, 5, max(5, min(90, (as_of - effective).days))))
            if violation == "refused_performance":
                c["performance"] = {"status": "refused"}
            elif "effective_on" in judgment and done:
                c["performance"] = {"status": "performed", "done_on": done}
            else:
                c["performance"] = {"status": "pending"}
        rate = SUGGESTION_RATE * (3 if outcome == "loss" else 1)
        if violation == "suggestion_refused" or rng.random() < rate:
            got = kept(_on(rng, J, 0, 40)) or J
            s = {"received_on": got, "content": rng.choice(SUGGESTIONS)}
            implemented = kept(_on(rng, got, 10, max(10, min(60, (as_of - got).days))))
            if violation == "suggestion_refused":
                s["status"] = "refused"
            elif implemented:
                s.update(status="implemented", implemented_on=implemented, reply=rng.choice(REPLIES))
            else:
                s["status"] = "pending"
            c["judicial_suggestions"] = [s]
    if court is INTERMEDIATE_COURT and level == "first":
        c["notes"] = "本案由枣庄市中级人民法院提级管辖。"
    elif level == "second":
        c["notes"] = rng.choice(("原告不服一审判决，提起上诉。", "本机关不服一审判决，提起上诉。"))
    elif rng.random() < NOTE_RATE:
        c["notes"] = rng.choice(NOTES)
    if c["reported_on"] is None:
        del c["reported_on"]
    c["defence"] = {k: v for k, v in c["defence"].items() if v is not None}
    c["_filed"] = R - _days(rng.randint(2, 10))
    c["_court"], c["_type"], c["_events"], c["_violation"] = court[0], ctype, events, violation
    return c


def number_cases(rng, cases):
    """Give each case a unique number: per year, court and type, increasing with filing date."""
    groups = {}
    for i, c in enumerate(cases):
        groups.setdefault((c["_filed"].year, c["_court"], c["_type"]), []).append((c["_filed"], i))
    for (year, court, ctype), members in sorted(groups.items()):
        n = rng.randint(1, 30)
        for _, i in sorted(members):
            cases[i]["case_no"] = f"（{year}）{court}{ctype}{n}号"
            n += rng.randint(1, 6) if court == DISTRICT_COURT[0] else rng.randint(1, 12)


# ---- repository files ------------------------------------------------------------------------
def _half_years(first, last):
    for year in range(first, last + 1):
        yield f"{year}H1", dt.date(year, 1, 1), dt.date(year, 6, 30)
        yield f"{year}H2", dt.date(year, 7, 1), dt.date(year, 12, 31)


def make_reports(rng, cases, first, last, as_of, violation_rate):
    """reports/<period>.yaml: every agency with a case pending in the half-year reports (A01)."""
    files = {}
    for period, hs, he in _half_years(first, last):
        pending = set()
        for c in cases:
            end = c.get("judgment", {}).get("received_on")
            if c["received_on"] <= he and (end is None or end >= hs):
                pending.add(c["defendant"])
                pending.update(c["co_defendants"])
        submitted = {}
        for agency in sorted(pending):
            if violation_rate and rng.random() < violation_rate:
                day = None if rng.random() < 0.5 else _on(rng, he, 15 + MAX_EXTENSION, 15 + 25)
            else:
                day = _on(rng, he, 1, 15)
            if day is not None and day <= as_of:
                submitted[agency] = day
        files[f"reports/{period}.yaml"] = {"period": period, "submitted": submitted}
    return files


def make_meetings(rng, first, last, violation_rate):
    """meetings/<period>.yaml: the joint meetings of each half-year (A02); a missed one has no file."""
    files = {}
    for period, hs, _ in _half_years(first, last):
        if violation_rate and rng.random() < violation_rate:
            continue
        days = sorted({_on(rng, hs, 20, 175) for _ in range(rng.choice((1, 1, 1, 2)))})
        files[f"meetings/{period}.yaml"] = {"meetings": [
            {"date": d, "place": rng.choice(PLACES), "topics": rng.sample(TOPICS, 2),
             "participants": ["峄城区司法局", "枣庄市峄城区人民法院"]} for d in days]}
    return files


def make_circulars(rng, cases, first, last, as_of):
    """circulars/<year>-<n>.yaml: one special circular per half-year with R01/R02/R03/R05 violations."""
    files, seq = {}, {}
    for period, hs, he in _half_years(first, last):
        items = sorted({(c["defendant"], c["case_no"], rule) for c in cases
                        for rule, due in c["_events"] if hs <= due <= he})
        issued = _on(rng, he, 10, 25)
        if not items or issued > as_of:
            continue
        n = seq[issued.year] = seq.get(issued.year, 0) + 1
        half = "上半年" if period.endswith("H1") else "下半年"
        files[f"circulars/{issued.year}-{n}.yaml"] = {
            "number": f"峄司通〔{issued.year}〕{n}号", "issued_on": issued,
            "title": f"关于{hs.year}年{half}行政应诉工作违规情况的专项通报", "period": period,
            "agencies": sorted({a for a, _, _ in items}),
            "items": [{"agency": a, "case_no": no, "rule": rule} for a, no, rule in items]}
    return files


SETTINGS = """\
# Settings of one case repository, generated by benchmarks/generate.py ({summary}).
# Snapshot taken on {as_of}: nothing here happens later, except hearings already scheduled.
district: 峄城区
government: 峄城区人民政府
justice_bureau: 峄城区司法局
committee_office: 区依法治区委员会办公室
court: 枣庄市峄城区人民法院
rules: yicheng-2023
output: out
since: {since}
"""

_PLAIN = re.compile(r"[^\x00-\x7f\x85\xa0\u2028\u2029\ufeff][^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\x85\u2028\u2029\ufeff]*")
_WORD = re.compile(r"(?!(?i:y|n|yes|no|on|off|true|false|null)$)[A-Za-z][A-Za-z0-9_]*|\d{4}H[12]")


def _scalar(v):
    if v is True or v is False:
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, dt.date)):
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    if _PLAIN.fullmatch(v) or _WORD.fullmatch(v):
        return v  # safe unquoted in block and flow context alike: no ASCII punctuation
    return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _emit(mapping, indent, out, spaced=()):
    pad = " " * indent
    for key, v in mapping.items():
        if key in spaced:
            out.append("")
        if isinstance(v, dict):
            if v:
                out.append(f"{pad}{key}:")
                _emit(v, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {{}}")
        elif isinstance(v, list):
            if not v or not isinstance(v[0], dict):
                out.append(f"{pad}{key}: [{', '.join(_scalar(x) for x in v)}]")
            else:
                out.append(f"{pad}{key}:")
                for item in v:
                    sub = []
                    _emit(item, indent + 4, sub)
                    out.append(f"{pad}  - {sub[0][indent + 4:]}")
                    out.extend(sub[1:])
        else:
            out.append(f"{pad}{key}: {_scalar(v)}")
    return out


def to_yaml(mapping, comment=None, spaced=()):
    lines = [f"# {comment}"] if comment else []
    return "\n".join(_emit(mapping, 0, lines, spaced)) + "\n"


def parse_years(text):
    """'2023-2025' or '2024' → (first, last)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if not m or int(m.group(2) or m.group(1)) < int(m.group(1)):
        raise ValueError(f"years must look like 2023-2025 or 2024, not {text!r}")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def generate_repo(root, cases=100, agencies=12, seed=0, years=(2023, 2025), violation_rate=VIOLATION_RATE):
    """Write a complete case repository into ``root`` (absent or empty); return a summary dict."""
    if isinstance(years, str):
        years = parse_years(years)
    first, last = years
    if cases < 0 or agencies < 1 or not 0 <= violation_rate <= 1:
        raise ValueError("need cases >= 0, agencies >= 1 and 0 <= violation_rate <= 1")
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    rng = random.Random(seed)
    start, last_day = dt.date(first, 1, 1), dt.date(last, 12, 31)
    as_of = dt.date(last + 1, 1, 31)
    ags = make_agencies(rng, agencies)
    cum, total = [], 0.0
    for a in ags:
        total += a["_weight"]
        cum.append(total)
    made = []
    for _ in range(cases):
        ag = rng.choices(ags, cum_weights=cum)[0]
        others = [a for a in ags if a is not ag] if len(ags) > 1 else []
        made.append(make_case(rng, ag, others, start, last_day, as_of, violation_rate))
    number_cases(rng, made)

    files = {"yzdocs.yaml": SETTINGS.format(
        summary=f"seed {seed}, {cases} cases, {agencies} agencies, years {first}-{last}",
        as_of=as_of.isoformat(), since=start.isoformat())}
    files["agencies.yaml"] = to_yaml({"agencies": [{k: v for k, v in a.items() if not k.startswith("_")}
                                                   for a in ags]}, "被诉行政机关名录")
    for c in made:
        public = {k: v for k, v in c.items() if not k.startswith("_")}
        name = c["case_no"].split("）", 1)[1]
        files[f"cases/{c['_filed'].year}/{name}.yaml"] = to_yaml(
            public, spaced=("responsibility", "received_on", "mediation"))
    for path, data in make_reports(rng, made, first, last, as_of, violation_rate).items():
        files[path] = to_yaml(data, "各单位半年行政应诉案件统计分析报告报送情况")
    for path, data in make_meetings(rng, first, last, violation_rate).items():
        files[path] = to_yaml(data, "行政审判与行政应诉工作联席会议")
    for path, data in make_circulars(rng, made, first, last, as_of).items():
        files[path] = to_yaml(data, "已印发的专项通报")

    folders = {"cases", "reports", "meetings", "circulars"} | {p.rsplit("/", 1)[0] for p in files if "/" in p}
    for folder in sorted(folders):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        (root / path).write_bytes(text.encode("utf-8"))
    return {"root": str(root), "cases": len(made), "agencies": len(ags), "files": len(files),
            "as_of": as_of, "violations": sum(1 for c in made if c["_violation"]),
            "seed": seed, "years": (first, last)}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate a deterministic yzdocs case repository.")
    parser.add_argument("dir", help="target directory (absent or empty)")
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--agencies", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--years", default="2023-2025", help="e.g. 2023-2025 or 2024")
    parser.add_argument("--violation-rate", type=float, default=VIOLATION_RATE)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        summary = generate_repo(args.dir, args.cases, args.agencies, args.seed, parse_years(args.years),
                                args.violation_rate)
    except (ValueError, FileExistsError) as exc:
        parser.error(str(exc))
    print(f"{summary['cases']} cases, {summary['agencies']} agencies, {summary['files']} files "
          f"in {args.dir} (as of {summary['as_of']}) in {time.perf_counter() - began:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
