"""`yzdocs templates check`: does every template compile, and does it use only real variables?

Each template (built-in and repository override) is compiled exactly as the
renderer compiles it; then the Jinja syntax tree of every templated part is
walked with the *shape* of the context of its kind (context.py, built from a
sample case with every field present). A name or attribute that does not
exist — ``{{ staff.reprot }}``, ``{{ plaintif }}`` — is reported with the
template, the paragraph or table cell where it appears, and a fix (the
closest existing variable). Loop variables (``{%tr for head in hearing.heads
%}``) take the shape of the list's items; names bound by ``set``, ``with``
and macros are not checked further.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import nodes

from yzdocs.errors import RenderError
from yzdocs.render.context import build_context
from yzdocs.render.engine import CompiledTemplate, make_environment
from yzdocs.render.kinds import REPORT_KINDS
from yzdocs.render.templates import TemplateSource, all_templates

_UNKNOWN = object()  # a value whose shape is not known: not checked further
_MISSING = object()

SAMPLE_CASE = {
    "case_no": "（2023）鲁0404行初1号", "court": "枣庄市峄城区人民法院", "level": "first", "cause": "行政处罚",
    "act": "处罚决定", "plaintiffs": [{"name": "张某", "kind": "person", "agent": "李某"}],
    "defendant": "sample", "co_defendants": ["sample"], "third_parties": ["王某"], "risk": "high",
    "responsibility": {"leader_reviewed_on": date(2023, 1, 2),
                       "staff": {k: "某" for k in ("report", "defence", "hearing", "mediation", "performance")}},
    "received_on": date(2023, 1, 1), "reported_on": date(2023, 1, 3),
    "defence": {"submitted_on": date(2023, 1, 10), "reported_on": date(2023, 1, 12)},
    "mediation": {"plan_on": date(2023, 1, 5), "plan": "方案", "result": "failed"},
    "guarantee": {"unit": "单位", "leader": "领导", "person": "责任人", "resolve_by": date(2023, 3, 1),
                  "resolved_on": date(2023, 2, 1)},
    "hearings": [{"date": date(2023, 2, 1), "heads_reported_on": date(2023, 1, 20),
                  "heads": [{"name": "刘某", "title": "局长", "role": "principal", "spoke": True}],
                  "absence_reason": "理由", "delegate": "某"}],
    "judgment": {"received_on": date(2023, 3, 1), "form": "judgment", "result": "revoked",
                 "effective_on": date(2023, 3, 15), "loss_causes": ["evidence"]},
    "loss_analysis": {"reported_on": date(2023, 3, 5), "problems": "问题", "causes": "原因", "measures": "措施"},
    "performance": {"status": "performed", "done_on": date(2023, 4, 1)},
    "remarks": "备注", "notes": "内部备注",
}
SAMPLE_AGENCIES = {"sample": {"id": "sample", "name": "峄城区某局", "kind": "department", "principal": "刘某",
                              "principal_title": "局长", "deputy": "孙某", "deputy_title": "副局长"}}
SAMPLE_SETTINGS = {"district": "峄城区", "government": "峄城区人民政府", "justice_bureau": "峄城区司法局",
                   "committee_office": "区依法治区委员会办公室", "court": "枣庄市峄城区人民法院"}


@dataclass(frozen=True)
class Problem:
    template: str
    location: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"（{self.location}）" if self.location else ""
        return f"{self.template}{where}：{self.message}。{self.fix}"


def context_shape(kind: str) -> dict:
    """A context of ``kind`` with every variable present (lists have one item)."""
    return build_context(kind, SAMPLE_CASE, SAMPLE_SETTINGS, SAMPLE_AGENCIES, 0)


def check_template(source: TemplateSource, label: str | None = None) -> list[Problem]:
    label = label or str(source.path)
    env = make_environment()
    try:
        compiled = CompiledTemplate(label, source.path.read_bytes(), env)
    except OSError as exc:
        return [Problem(label, "", f"无法读取：{exc.strerror or exc}", "请检查文件权限。")]
    except RenderError as exc:
        return [Problem(label, "", str(exc), "修正后重新运行 yzdocs templates check。")]
    problems: list[Problem] = []
    if source.kind in REPORT_KINDS:  # compiled above; their contexts come from a whole repository
        return problems
    shape = context_shape(source.kind)
    for part in compiled.parts.values():
        tree = env.parse(part.template_source)
        walker = _Walker(label, part.locations, shape, env, problems)
        walker.visit(tree, dict.fromkeys(env.globals, _UNKNOWN))
    return problems


def check_all(root: Path | None = None) -> list[tuple[TemplateSource, list[Problem]]]:
    """Every built-in template and every override of the repository at ``root``, checked."""
    results = []
    for source in all_templates(root):
        label = str(source.path.relative_to(root)) if source.override and root else f"内置模板 {source.kind}.docx"
        results.append((source, check_template(source, label)))
    return results


class _Walker:
    def __init__(self, label, locations, shape, env, problems):
        self.label, self.locations, self.shape, self.env, self.problems = label, locations, shape, env, problems
        self.seen: set = set()

    def where(self, node) -> str:
        line = getattr(node, "lineno", 0) or 0
        return self.locations[min(line, len(self.locations)) - 1] if line >= 1 else ""

    def visit(self, node, scope: dict) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            items = self.resolve(node.iter, scope)
            item = items[0] if isinstance(items, list) and items else _UNKNOWN
            inner = dict(scope, loop=_UNKNOWN)
            self.bind(node.target, item, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            if isinstance(node, nodes.Assign):
                self.visit(node.node, scope)
            else:
                for child in node.body:
                    self.visit(child, scope)
            self.bind(node.target, _UNKNOWN, scope)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.visit(value, scope)
                self.bind(target, _UNKNOWN, inner)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope, caller=_UNKNOWN, varargs=_UNKNOWN, kwargs=_UNKNOWN)
            for arg in node.args:
                self.bind(arg, _UNKNOWN, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and getattr(node, "ctx", "load") == "load":
            if self.resolve(node, scope) is _MISSING:
                return
            if isinstance(node, (nodes.Getattr, nodes.Getitem)):
                self.visit(node.node, scope)
                if isinstance(node, nodes.Getitem):
                    self.visit(node.arg, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def bind(self, target, value, scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _UNKNOWN, scope)

    def resolve(self, node, scope):
        """The shape value of a variable expression; _MISSING (reported) when it does not exist."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.shape:
                return self.shape[node.name]
            self.report(node, node.name, list(self.shape) + [k for k, v in scope.items()])
            return _MISSING
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getitem):
                if not isinstance(node.arg, nodes.Const):
                    return _UNKNOWN
                key = node.arg.value
            else:
                key = node.attr
            base = self.resolve(node.node, scope) if isinstance(node.node, (nodes.Name, nodes.Getattr, nodes.Getitem)) \
                else _UNKNOWN
            if base is _MISSING:
                return _MISSING
            if isinstance(base, dict):
                if key in base:
                    return base[key]
                self.report(node, f"{_dotted(node.node)}.{key}", [f"{_dotted(node.node)}.{k}" for k in base])
                return _MISSING
            if isinstance(base, list) and isinstance(key, int):
                return base[0] if base else _UNKNOWN
            return _UNKNOWN
        return _UNKNOWN

    def report(self, node, name, candidates) -> None:
        where = self.where(node)
        if (where, name) in self.seen:
            return
        self.seen.add((where, name))
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
        fix = f"是否应为 {{{{ {close[0]} }}}}？" if close else "请改用上下文中存在的变量（见 yzdocs templates list --variables）。"
        self.problems.append(Problem(self.label, where, f"变量 {name} 不存在", fix))


def _dotted(node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"


def variable_paths(kind: str) -> list[str]:
    """Every variable of ``kind`` as a dotted path (list items as name[0])."""
    out: list[str] = []

    def walk(value, prefix):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{prefix}.{k}" if prefix else k)
        elif isinstance(value, list):
            out.append(prefix)
            if value:
                walk(value[0], f"{prefix}[0]")
        else:
            out.append(prefix)

    walk(context_shape(kind), "")
    return out
