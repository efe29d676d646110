"""Rules R01–R11, one small function each: (Context, case dict) -> Outcomes.

Day counts, methods, severities and messages come from the policy; these
functions only say which dates a rule compares (docs/domain.md's table).
"""

from __future__ import annotations

from yzdocs.rules import appeal, facts
from yzdocs.rules.engine import Context, Outcome, cn_date


def r01_case_report(ctx: Context, case: dict) -> list[Outcome]:
    due = ctx.due("R01", case["received_on"], ("received_on",))
    return [ctx.deadline("R01", due, case.get("reported_on"), ("reported_on",), trigger=case["received_on"])]


def defence_deadline(ctx: Context, case: dict):
    """The end of the defence period (答辩举证期限), R02's due date."""
    return ctx.due("R02", case["received_on"], ("received_on",))


def r02_defence(ctx: Context, case: dict) -> list[Outcome]:
    if not facts.answers(case):  # the agency appealed: it has no answer to file
        recorded = facts.section(case, "defence")
        return [ctx.check("R02", "not_required", ("defence",))] if any(recorded.values()) else []
    due = defence_deadline(ctx, case)
    done, path = facts.filed_on(facts.section(case, "defence"), "submitted_on")
    return [ctx.deadline("R02", due, done, ("defence", path), trigger=case["received_on"])]


def r03_defence_report(ctx: Context, case: dict) -> list[Outcome]:
    if not facts.answers(case):
        return []
    deadline = defence_deadline(ctx, case)
    due = ctx.due("R03", deadline, ("received_on",), after="R02")
    done = facts.section(case, "defence").get("reported_on")
    return [ctx.deadline("R03", due, done, ("defence", "reported_on"), trigger=deadline)]


def _hearings(case: dict):
    for i, hearing in enumerate(facts.items(case, "hearings")):
        if isinstance(hearing, dict) and hearing.get("date"):
            yield i, hearing


def r04_heads_list(ctx: Context, case: dict) -> list[Outcome]:
    out = []
    for i, hearing in _hearings(case):
        due = ctx.due("R04", hearing["date"])
        out.append(ctx.deadline(
            "R04", due, hearing.get("heads_reported_on"), ("hearings", i, "heads_reported_on"),
            trigger=hearing["date"], occurrence=f"hearing-{i + 1}", n=i + 1,
            hearing=cn_date(hearing["date"]), rest_note=ctx.rest_note("R04", due)))
    return out


def r05_head_appears(ctx: Context, case: dict) -> list[Outcome]:
    out = []
    for i, hearing in _hearings(case):
        day = hearing["date"]
        due = ctx.due("R05", day)
        where = dict(occurrence=f"hearing-{i + 1}", n=i + 1, hearing=cn_date(day), dated=True)
        path = ("hearings", i, "date")
        if day > ctx.as_of:  # not held yet: an obligation on the agenda
            out.append(ctx.deadline("R05", due, None, path, trigger=day,
                                    **{k: v for k, v in where.items() if k != "dated"}))
        elif [h for h in facts.items(hearing, "heads") if isinstance(h, dict)]:
            out.append(ctx.check("R05", None, path, due=due, done=day, **where))
        elif not hearing.get("absence_reason"):
            out.append(ctx.check("R05", "absent", path, due=due, **where))
        elif not facts.has_own_delegate(hearing.get("delegate")):
            out.append(ctx.check("R05", "no_delegate", path, due=due, **where))
        else:  # excused: no violation, but no appearance either
            out.append(ctx.check("R05", None, path, due=due, **where))
    return out


def r06_head_speaks(ctx: Context, case: dict) -> list[Outcome]:
    out = []
    for i, hearing in _hearings(case):
        if hearing["date"] > ctx.as_of:
            continue
        for j, head in enumerate(facts.items(hearing, "heads")):
            if isinstance(head, dict) and head.get("spoke") is False:
                out.append(ctx.check("R06", "silent", ("hearings", i, "heads", j, "spoke"),
                                     due=hearing["date"], dated=True, occurrence=f"hearing-{i + 1}-head-{j + 1}",
                                     n=i + 1, hearing=cn_date(hearing["date"]), head=head.get("name", "")))
    return out


def concluded_by(case: dict, day) -> bool:
    """Concluded on or before `day` (a conclusion without a recorded date counts)."""
    return facts.is_concluded(case) and (facts.concluded_on(case) or day) <= day


def r07_mediation_plan(ctx: Context, case: dict) -> list[Outcome]:
    plan_on = facts.section(case, "mediation").get("plan_on")
    path = ("mediation", "plan_on")
    dates = [h["date"] for _, h in _hearings(case)]
    first = min(dates) if dates else None
    due = ctx.due("R07", first) if first else None
    if due is not None and (plan_on is not None or due < ctx.as_of):
        return [ctx.deadline("R07", due, plan_on, path, trigger=first,
                             missing=f"首次开庭已于{cn_date(first)}举行")]
    if plan_on is not None:
        return [ctx.check("R07", None, path, done=plan_on)]
    if concluded_by(case, ctx.as_of):
        when = facts.concluded_on(case)
        return [ctx.check("R07", "missing", path, due=due,
                          missing=f"案件已于{cn_date(when)}审结" if when else "案件已审结")]
    if due is not None:  # first hearing still ahead
        return [ctx.deadline("R07", due, None, path, trigger=first)]
    return [Outcome("R07", "open", ctx.policy.rules["R07"].task, path,
                    staff=ctx.policy.rules["R07"].staff)]


GUARANTEE_FIELDS = {"unit": "包保责任单位", "leader": "包保领导", "person": "包保责任人", "resolve_by": "化解时限"}


def r08_guarantee(ctx: Context, case: dict) -> list[Outcome]:
    if case.get("risk") != "high":
        return []
    g = facts.section(case, "guarantee")
    missing = [key for key in GUARANTEE_FIELDS if not g.get(key)]
    if missing:  # points at the first missing field (its parent's line when absent)
        return [ctx.missing_record("R08", case, "incomplete", ("guarantee", missing[0]),
                                   upcoming_key="incomplete_upcoming",
                                   missing="、".join(GUARANTEE_FIELDS[k] for k in missing))]
    resolve_by = g["resolve_by"]
    due = ctx.due("R08", resolve_by, ("guarantee", "resolve_by"))
    path = ("guarantee", "resolve_by")
    if g.get("resolved_on"):
        return [ctx.deadline("R08", due, g["resolved_on"], ("guarantee", "resolved_on"), trigger=resolve_by)]
    ended = concluded_by(case, ctx.as_of) or facts.section(case, "mediation").get("result") in facts.ENDED_BY_AGREEMENT
    if ended:  # litigation over: nothing left to resolve under the guarantee
        return [ctx.check("R08", None, path, due=due)]
    return [ctx.deadline("R08", due, None, path, trigger=resolve_by, violation_key="overdue")]


ANALYSIS_FIELDS = {"problems": "存在问题", "causes": "败诉原因分析", "measures": "改进措施"}


def r09_loss_analysis(ctx: Context, case: dict) -> list[Outcome]:
    received = facts.judgment(case).get("received_on")
    if not facts.is_loss(case) or received is None or received > ctx.as_of:
        return []
    due = ctx.due("R09", received, ("judgment", "received_on"))
    analysis = facts.section(case, "loss_analysis")
    out = [ctx.deadline("R09", due, analysis.get("reported_on"), ("loss_analysis", "reported_on"),
                        trigger=received)]
    missing = [key for key in ANALYSIS_FIELDS if not analysis.get(key)]
    if analysis.get("reported_on") and missing:
        out.append(ctx.check("R09", "incomplete", ("loss_analysis", missing[0]), due=due,
                             done=analysis["reported_on"], occurrence="content",
                             missing="、".join(ANALYSIS_FIELDS[k] for k in missing)))
    return out


def r10_leader_responsibility(ctx: Context, case: dict) -> list[Outcome]:
    resp = facts.section(case, "responsibility")
    reviewed = resp.get("leader_reviewed_on")
    review_path = ("responsibility", "leader_reviewed_on")
    out = [ctx.check("R10", None, review_path, done=reviewed, occurrence="review") if reviewed else
           ctx.missing_record("R10", case, "not_reviewed", review_path, occurrence="review",
                              upcoming_key="review_upcoming")]
    missing = [r for r in facts.STAFF_ROLES if not facts.staff(case, r)]
    if not missing:
        out.append(ctx.check("R10", None, ("responsibility", "staff"), occurrence="staff"))
    else:
        roles = "、".join(facts.STAFF_LABELS[r] for r in missing)
        out.append(ctx.missing_record("R10", case, "no_staff", ("responsibility", "staff", missing[0]),
                                      occurrence="staff", upcoming_key="staff_upcoming", missing=roles))
    return out


def r11_performance(ctx: Context, case: dict) -> list[Outcome]:
    out = []
    effective = appeal.effective_date(ctx, case)
    if facts.is_loss(case) and effective and effective <= ctx.as_of:
        perf = facts.section(case, "performance")
        status = perf.get("status")
        key = None if status == "performed" else "refused" if status == "refused" else "pending"
        path = ("performance", "status") if perf else ("judgment", "effective_on")
        out.append(ctx.check("R11", key, path, due=effective, done=perf.get("done_on"), occurrence="performance"))
    for i, sug in enumerate(facts.items(case, "judicial_suggestions")):
        if not isinstance(sug, dict) or (sug.get("received_on") or ctx.as_of) > ctx.as_of:
            continue
        implemented = sug.get("status") == "implemented" or bool(sug.get("implemented_on"))
        if sug.get("status") == "refused":
            key = "suggestion_refused"
        elif implemented and sug.get("reply"):
            key = None
        else:
            key = "suggestion_pending"
        out.append(ctx.check("R11", key, ("judicial_suggestions", i, "status"), done=sug.get("implemented_on"),
                             occurrence=f"suggestion-{i + 1}", n=i + 1,
                             trigger_date=cn_date(sug.get("received_on"))))
    return out


def r12_appeal(ctx: Context, case: dict) -> list[Outcome]:
    """The appeal period of a first-instance judgment: decide before it ends; the agency's own appeal
    filed (or mailed) within it; a recorded effective date not before the law's."""
    if appeal.procedure_unknown(case):
        return [ctx.check("R12", "procedure_unknown", ("original_case_no",))]
    due = appeal.appeal_due(ctx, case)
    if due is None:
        return []
    j = facts.judgment(case)
    values = dict(form=appeal.FORMS[appeal.form(case)], days=(due - j["received_on"]).days)
    trigger, by = j["received_on"], appeal.appealed_by(case)
    out = []
    if by in ("agency", "both"):
        done, field_name = facts.filed_on(facts.section(j, "appeal"), "filed_on")
        if done is not None:
            out.append(ctx.deadline("R12", due, done, ("judgment", "appeal", field_name), trigger=trigger, **values))
        else:
            out.append(ctx.check("R12", None, ("judgment", "appeal", "by"), due=due, **values))
    elif by is not None or j.get("effective_on"):  # decided: nobody appealed, or the other party did
        out.append(ctx.check("R12", None, ("judgment", "appeal", "by"), due=due, **values))
    elif due >= ctx.as_of:
        out.append(ctx.deadline("R12", due, None, ("judgment", "appeal", "by"), trigger=trigger, **values))
    else:
        out.append(ctx.check("R12", "undecided", ("judgment", "received_on"), due=due,
                             trigger_date=cn_date(trigger), **values))
    effective = j.get("effective_on")
    if effective and by not in appeal.APPEALED and effective <= due:
        out.append(ctx.check("R12", "effective_early", ("judgment", "effective_on"), due=due,
                             occurrence="effective", effective=cn_date(effective), trigger_date=cn_date(trigger),
                             **values))
    return out


CASE_RULES = {
    "R01": r01_case_report, "R02": r02_defence, "R03": r03_defence_report, "R04": r04_heads_list,
    "R05": r05_head_appears, "R06": r06_head_speaks, "R07": r07_mediation_plan, "R08": r08_guarantee,
    "R09": r09_loss_analysis, "R10": r10_leader_responsibility, "R11": r11_performance, "R12": r12_appeal,
}


def case_outcomes(ctx: Context, case: dict) -> list[Outcome]:
    """Every outcome of one case, in rule order. Cases received after as-of have none."""
    received = case.get("received_on")
    if received is None or received > ctx.as_of:
        return []
    out = []
    for rule in ctx.policy.enabled_rules(CASE_RULES):
        out.extend(rule(ctx, case))
    return out
