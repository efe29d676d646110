"""Small hand-built repositories for the report tests (the inputs, not expected values)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

CONTRACT_REPO = Path(__file__).parent / "caserepo"

RESPONSIBILITY = """\
responsibility:
  leader_reviewed_on: {received}
  staff: {{report: 李娜, defence: 王强, hearing: 王强, mediation: 赵敏, performance: 李娜}}
"""


def new_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in ("yzdocs.yaml", "agencies.yaml"):
        shutil.copy(CONTRACT_REPO / name, root / name)
    (root / "cases" / "2023").mkdir(parents=True, exist_ok=True)
    (root / "circulars").mkdir(exist_ok=True)
    return root


def write_case(root: Path, n: int, body: str, *, agency: str = "scjgj", received: str = "2023-03-01",
               year: int = 2023, risk: str = "low") -> Path:
    head = (f"case_no: （{year}）鲁0404行初{n}号\nlevel: first\ncause: 行政处罚\nact: 处罚决定\n"
            f"plaintiffs:\n  - {{name: 原告{n}, kind: person}}\ndefendant: {agency}\nrisk: {risk}\n"
            f"received_on: {received}\n" + RESPONSIBILITY.format(received=received))
    path = root / "cases" / str(year) / f"鲁0404行初{n}号.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + textwrap.dedent(body), "utf-8")
    return path


def write_circular(root: Path, number: str, issued_on: str, agency: str, case_no: str, rule: str = "R01") -> None:
    seq = number.split("〕")[1].rstrip("号")
    (root / "circulars" / f"{issued_on[:4]}-{seq}.yaml").write_text(
        f"number: {number}\nissued_on: {issued_on}\nagencies: [{agency}]\nitems:\n"
        f"  - agency: {agency}\n    case_no: {case_no}\n    rule: {rule}\n", "utf-8")


def stats_repo(root: Path) -> Path:
    """Four valid cases and one broken file; the expected numbers are in test_reports_stats.py."""
    new_repo(root)
    # A: scjgj, lost (revoked), every deadline met, principal head at the hearing.
    write_case(root, 1, """\
        reported_on: 2023-03-03
        defence: {submitted_on: 2023-03-10, reported_on: 2023-03-17}
        mediation: {plan_on: 2023-03-05, plan: 协商, result: failed}
        hearings:
          - date: 2023-04-20
            heads_reported_on: 2023-04-14
            heads: [{name: 刘建国, title: 局长, role: principal, spoke: true}]
        judgment: {received_on: 2023-05-10, form: judgment, result: revoked, effective_on: 2023-05-26}
        loss_analysis: {reported_on: 2023-05-15, problems: 证据不足, causes: 取证不规范, measures: 开展培训}
        performance: {status: performed, done_on: 2023-06-01}
        """)
    # B: scjgj, won; case reported late (due 2023-04-06, done 04-10); deputy head only.
    write_case(root, 2, """\
        reported_on: 2023-04-10
        defence: {submitted_on: 2023-04-12, reported_on: 2023-04-20}
        mediation: {plan_on: 2023-04-05, plan: 协商, result: failed}
        hearings:
          - date: 2023-05-16
            heads_reported_on: 2023-05-10
            heads: [{name: 孙丽, title: 副局长, role: deputy, spoke: true}]
        judgment: {received_on: 2023-06-20, form: judgment, result: dismissed, effective_on: 2023-07-06}
        """, received="2023-04-03")
    # C: tanshan, high risk, excused absence at the first hearing (H1), deputy at the second (H2).
    write_case(root, 3, """\
        reported_on: 2023-05-05
        defence: {submitted_on: 2023-05-12, reported_on: 2023-05-20}
        mediation: {plan_on: 2023-05-10, plan: 协商, result: pending}
        guarantee: {unit: 坛山街道, leader: 吴海, person: 郑凯, resolve_by: 2023-09-30, resolved_on: 2023-09-01}
        hearings:
          - date: 2023-06-15
            heads_reported_on: 2023-06-12
            heads: []
            absence_reason: 因公出差（经法院准许）
            delegate: 郑凯
          - date: 2023-07-10
            heads_reported_on: 2023-07-05
            heads: [{name: 吴海, title: 副主任, role: deputy, spoke: true}]
        """, agency="tanshan", received="2023-05-04", risk="high")
    # D: tanshan, received at the end of H1: its R01 deadline (07-01 Sat → 07-03) falls in H2.
    write_case(root, 4, """\
        reported_on: 2023-06-29
        defence: {submitted_on: 2023-07-05, reported_on: 2023-07-14}
        mediation: {plan_on: 2023-07-01, plan: 协商, result: pending}
        """, agency="tanshan", received="2023-06-28")
    # E: a schema error (risk: extreme) — left out.
    write_case(root, 5, "reported_on: 2023-03-03\n", agency="tanshan", risk="extreme")
    return root
