"""The variables a template sees: a flat-ish dict of ready-to-print strings.

Every kind gets the same case variables (below); ``hearing-heads`` also gets
``hearing``. Values are already formatted — dates as 2023年3月9日, enums as
their Chinese labels, agencies by full name, the case number canonical — and
an absent value is "" (never missing), so a template only fails on a
misspelt name. The dict is plain JSON (``--save-context`` writes it next to
the document) and ``build_context`` is deterministic.

Variables (``yzdocs templates check`` validates templates against the context
built for a sample case, render/inspect.py):

    kind, title                文种代号、文种名称（行政应诉案件报备表 …）
    heading                    公文标题（已按 GB/T 9704 在词语之间分行，行间为换行）
    case_no, case_year         案号（规范全角形式）、立案年度
    court, level, cause, act   受理法院、审级、案由、被诉行政行为
    risk                       败诉风险（低/中/高）
    parties                    称谓与案件称法，按审级和上诉方（render/phrases.yaml parties）：
                               {claimant, plaintiff, defendant, case, filed, papers, pleading, stage}
    appellant, original_case_no  上诉人（再审申请人）的名称（我单位上诉时为本机关全称）、原审案号
    plaintiffs                 原告，“、”连接；plaintiff_list: [{name, kind, agent}]
    plaintiffs_agents          原告及其委托代理人：张某（委托代理人：李某）、……
    defendant                  被告全称；agency: {id, name, kind, principal, principal_title, deputy, deputy_title}
    co_defendants, third_parties  共同被告全称、第三人，“、”连接
    received_on, reported_on, leader_reviewed_on   日期
    staff                      {report, defence, hearing, mediation, performance} 专人
    defence                    {submitted_on, reported_on, mailed_on, tracking_no,
                                filed_on (交邮日期 if mailed, else submitted_on), by_mail (以邮寄方式（邮件号…） or "")}
    mediation                  {plan_on, plan, result, issues, claims, assessment,
                                sections: [{heading, text}]（方案正文各部分，空的不列，序号连续）,
                                work: {heading, text}（最后一部分“工作安排”）}
    compensation               {claimed, awarded（“86000元”）, sentence}
    guarantee                  {unit, leader, person, resolve_by, resolved_on}
    hearings                   [{no, date, heads_reported_on, heads: [{name, title, role, spoke}],
                                 heads_text, absence_reason, delegate}]
    hearing                    （仅 hearing-heads）本次开庭，结构同 hearings 的一项
    judgment                   {received_on, form, result, effective_on, loss_causes,
                                decision（“某法院判决撤销被诉行政行为”）, causes_sentence}
    loss_analysis              {reported_on, problems, causes, measures}
    performance                {status, done_on}
    remarks                    报备表备注（case 的 remarks；内部备注 notes 不进入任何公文）
    district, government, justice_bureau, committee_office   案件库设置
    sender                     发文（填报）单位 = 被告全称
    doc_date                   文书日期；无日期时为“　　年　　月　　日”，供手写填写
"""

from __future__ import annotations

from yzdocs.render.format import case_label, case_no, cn_date, join, yes_no
from yzdocs.render.kinds import KINDS, document_date
from yzdocs.render.parties import amount, parties
from yzdocs.render.phrases import phrase
from yzdocs.render.titles import break_title
from yzdocs.outcomes import is_loss
from yzdocs.rules.facts import filed_on

BLANK_DATE = "　　年　　月　　日"

# Top-level keys some kinds provide besides the common ones.
EXTRA_KEYS = {"hearing-heads": frozenset({"hearing"})}


def _s(value) -> str:
    return "" if value is None else str(value)


def _agency(agencies: dict, agency_id) -> dict:
    agency = agencies.get(agency_id) or {}
    return {
        "id": _s(agency_id),
        "name": _s(agency.get("name") or agency_id),
        "kind": case_label(agency.get("kind"), "agencies.kind", "agencies") if agency.get("kind") else "",
        "principal": _s(agency.get("principal")),
        "principal_title": _s(agency.get("principal_title")),
        "deputy": _s(agency.get("deputy")),
        "deputy_title": _s(agency.get("deputy_title")),
    }


def _hearing(index: int, hearing: dict) -> dict:
    heads = [
        {
            "name": _s(h.get("name")),
            "title": _s(h.get("title")),
            "role": case_label(h.get("role"), "hearings.heads.role"),
            "spoke": yes_no(h.get("spoke")),
        }
        for h in hearing.get("heads") or []
    ]
    return {
        "no": str(index + 1),
        "date": cn_date(hearing.get("date")),
        "heads_reported_on": cn_date(hearing.get("heads_reported_on")),
        "heads": heads,
        "heads_text": join(f"{h['title']}{h['name']}" for h in heads),
        "absence_reason": _s(hearing.get("absence_reason")),
        "delegate": _s(hearing.get("delegate")),
    }


def _compensation(case: dict) -> dict:
    money = case.get("compensation") or {}
    claimed, awarded = amount(money.get("claimed")), amount(money.get("awarded"))
    which = "both" if claimed and awarded else "claimed" if claimed else "awarded"
    return {"claimed": claimed, "awarded": awarded,
            "sentence": phrase("loss-analysis", "compensation", which, optional=frozenset({"claimed", "awarded"}),
                               claimed=claimed, awarded=awarded) if claimed or awarded else ""}


# The mediation plan's sections (二(四)): heading, the case field; the risk assessment always has the level.
PLAN_SECTIONS = (("争议焦点", "issues"), ("{claimant}诉求", "claims"), ("败诉风险研判", "assessment"),
                 ("调解和解方案", "plan"))
NUMERALS = "一二三四五六七八九十"


def _plan_sections(case: dict, risk: str, staff: str, guarantee: dict, claimant: str) -> dict:
    """``sections`` numbered from 二 (一 is the case's basic facts), an empty one left out, not printed blank;
    ``work`` the last one (工作安排), always there: the signature keeps with it."""
    mediation = case.get("mediation") or {}
    texts = {key: _s(mediation.get(key)) for _, key in PLAN_SECTIONS}
    if risk:
        texts["assessment"] = phrase("mediation-plan", "risk", risk=risk) + texts["assessment"]
    parts = [phrase("mediation-plan", "guarantee", k, value=guarantee[k]) for k in ("unit", "leader", "person", "resolve_by")]
    if any(parts):
        parts.insert(0, phrase("mediation-plan", "guarantee", "intro"))
    texts["work"] = (phrase("mediation-plan", "staff", staff=staff) or phrase("mediation-plan", "no_staff")) + \
        "，".join(p for p in parts if p) + ("。" if any(parts) else "")
    sections = [{"heading": heading.format(claimant=claimant), "text": texts[key]}
                for heading, key in (*PLAN_SECTIONS, ("工作安排", "work")) if texts[key]]
    numbered = [dict(s, heading=f"{NUMERALS[i + 1]}、{s['heading']}") for i, s in enumerate(sections)]
    return {"sections": numbered[:-1], "work": numbered[-1]}


def _defence(defence: dict) -> dict:
    """The defence's dates; mailed (在途时间 does not count), it was filed on the day it was posted."""
    filed, how = filed_on(defence, "submitted_on")
    tracking = _s(defence.get("tracking_no"))
    by_mail = ("以邮寄方式" + (f"（邮件号{tracking}）" if tracking else "")) if how == "mailed_on" else ""
    return {"submitted_on": cn_date(defence.get("submitted_on")), "reported_on": cn_date(defence.get("reported_on")),
            "mailed_on": cn_date(defence.get("mailed_on")), "tracking_no": tracking,
            "filed_on": cn_date(filed), "by_mail": by_mail}


def decision(case: dict, court: str, stage: str) -> str:
    """What the court decided, as the loss analysis states it: at second instance, the appeal's result
    (驳回上诉、维持原判 / 撤销一审判决，改判……) from the first line to the last."""
    judgment = case.get("judgment") or {}
    result = judgment.get("result")
    said = phrase("loss-analysis", "decision", result, optional=frozenset({"stage"}), court=court, stage=stage)
    if case.get("level") != "second" or not is_loss(case):
        return said
    how = judgment.get("disposition") or {"agency": "upheld", "other": "amended"}.get(case.get("appellant"))
    outcome = phrase("loss-analysis", "decision", result, optional=frozenset({"stage", "court"}), court="", stage="")
    outcome = outcome.removeprefix("判决").removeprefix("裁定")
    return phrase("loss-analysis", "appeal", how, court=court, outcome=outcome) or said


def build_context(kind: str, case: dict, settings: dict, agencies: dict, hearing: int | None = None) -> dict:
    """The context of one document of ``kind`` for ``case`` (its hearing index for hearing-heads)."""
    spec = KINDS[kind]
    responsibility = case.get("responsibility") or {}
    staff = responsibility.get("staff") or {}
    defence = case.get("defence") or {}
    mediation = case.get("mediation") or {}
    guarantee = case.get("guarantee") or {}
    judgment = case.get("judgment") or {}
    loss = case.get("loss_analysis") or {}
    performance = case.get("performance") or {}
    agency = _agency(agencies, case.get("defendant"))
    plaintiffs = [
        {"name": _s(p.get("name")), "kind": case_label(p.get("kind"), "plaintiffs.kind"), "agent": _s(p.get("agent"))}
        for p in case.get("plaintiffs") or []
    ]
    hearings = [_hearing(i, h or {}) for i, h in enumerate(case.get("hearings") or [])]
    number = case_no(case.get("case_no"))
    loss_causes = join(case_label(c, "judgment.loss_causes") for c in judgment.get("loss_causes") or [])
    court = _s(case.get("court") or settings.get("court"))
    roles = parties(case, plaintiffs=join(p["name"] for p in plaintiffs), defendant=agency["name"], court=court)
    day = document_date(spec, case, hearing)

    def known(value):
        """A dated fact is printed only on a document dated on or after it: a form says what was known then."""
        return value if value is None or day is None or value <= day else None

    guarantee_context = {"unit": _s(guarantee.get("unit")), "leader": _s(guarantee.get("leader")),
                         "person": _s(guarantee.get("person")), "resolve_by": cn_date(guarantee.get("resolve_by")),
                         "resolved_on": cn_date(known(guarantee.get("resolved_on")))}
    doc_date = cn_date(day)

    context = {
        "kind": kind,
        "title": spec.title,
        "heading": break_title((spec.heading or spec.title).format(case_no=number, pleading=roles["pleading"])),
        "parties": roles,
        "appellant": {"agency": agency["name"], "other": join(p["name"] for p in plaintiffs)}.get(
            case.get("appellant"), ""),
        "original_case_no": case_no(case.get("original_case_no")),
        "compensation": _compensation(case),
        "case_no": number,
        "case_year": number[1:5] if number.startswith("（") else "",
        "court": court,
        "level": case_label(case.get("level"), "level"),
        "cause": _s(case.get("cause")),
        "act": _s(case.get("act")),
        "risk": case_label(case.get("risk"), "risk"),
        "plaintiffs": join(p["name"] for p in plaintiffs),
        "plaintiffs_agents": join(p["name"] + (f"（委托代理人：{p['agent']}）" if p["agent"] else "") for p in plaintiffs),
        "plaintiff_list": plaintiffs,
        "defendant": agency["name"],
        "agency": agency,
        "co_defendants": join(_agency(agencies, a)["name"] for a in case.get("co_defendants") or []),
        "third_parties": join(case.get("third_parties")),
        "received_on": cn_date(case.get("received_on")),
        "reported_on": cn_date(case.get("reported_on")),
        "leader_reviewed_on": cn_date(responsibility.get("leader_reviewed_on")),
        "staff": {k: _s(staff.get(k)) for k in ("report", "defence", "hearing", "mediation", "performance")},
        "defence": _defence(defence),
        # a form dated before the plan was made (the 包保责任表 at the report) does not print it
        "mediation": {"plan_on": cn_date(mediation.get("plan_on")),
                      "plan": _s(mediation.get("plan")) if mediation.get("plan_on") is None
                      or known(mediation.get("plan_on")) is not None else "",
                      "result": case_label(mediation.get("result"), "mediation.result"),
                      **{k: _s(mediation.get(k)) for k in ("issues", "claims", "assessment")},
                      **_plan_sections(case, case_label(case.get("risk"), "risk"), _s(staff.get("mediation")),
                                       guarantee_context, roles["claimant"])},
        "guarantee": guarantee_context,
        "hearings": hearings,
        "judgment": {
            "received_on": cn_date(judgment.get("received_on")),
            "form": case_label(judgment.get("form"), "judgment.form"),
            "result": case_label(judgment.get("result"), "judgment.result"),
            "effective_on": cn_date(judgment.get("effective_on")),
            "loss_causes": loss_causes,
            "decision": decision(case, court, roles["stage"]),
            "causes_sentence": phrase("loss-analysis", "causes", causes=loss_causes),
        },
        "loss_analysis": {"reported_on": cn_date(loss.get("reported_on")), "problems": _s(loss.get("problems")),
                          "causes": _s(loss.get("causes")), "measures": _s(loss.get("measures"))},
        "performance": {"status": case_label(performance.get("status"), "performance.status"),
                        "done_on": cn_date(performance.get("done_on"))},
        "remarks": _s(case.get("remarks")),
        "district": _s(settings.get("district")),
        "government": _s(settings.get("government")),
        "justice_bureau": _s(settings.get("justice_bureau")),
        "committee_office": _s(settings.get("committee_office")),
        "sender": agency["name"],
        "doc_date": doc_date or BLANK_DATE,
    }
    if kind in EXTRA_KEYS and hearing is not None:
        context["hearing"] = hearings[hearing]
    return context
