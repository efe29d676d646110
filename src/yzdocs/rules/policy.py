"""Rules policies: day counts, methods, severities and messages as data.

`rules:` in yzdocs.yaml names a built-in policy (a file next to this module)
or a path relative to the repository root. A policy is validated by the
schema `policy` and then by the checks below (every rule present with the
message keys and period its implementation uses); every problem is listed in
one ConfigError.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from yzdocs.errors import ConfigError
from yzdocs.findings import INFO

BUILTIN_DIR = Path(__file__).parent
DEFAULT_POLICY = "yicheng-2023"

# rule id -> message keys its implementation formats ("upcoming" is the reminder)
MESSAGE_KEYS = {
    "R01": ("late", "missing", "upcoming"),
    "R02": ("late", "missing", "upcoming", "not_required"),
    "R03": ("late", "missing", "upcoming"),
    "R04": ("late", "missing", "upcoming"),
    "R05": ("absent", "no_delegate", "upcoming"),
    "R06": ("silent",),
    "R07": ("late", "missing", "upcoming"),
    "R08": ("incomplete", "overdue", "late", "upcoming", "incomplete_upcoming"),
    "R09": ("late", "missing", "upcoming", "incomplete"),
    "R10": ("not_reviewed", "no_staff", "review_upcoming", "staff_upcoming"),
    "R11": ("refused", "pending", "suggestion_refused", "suggestion_pending"),
    "R12": ("late", "undecided", "upcoming", "effective_early", "procedure_unknown"),
    "A01": ("late", "missing", "upcoming"),
    "A02": ("missing", "upcoming"),
}
# rules added after policies were first written: a policy without them uses the built-in ones
LATER_RULES = ("R12",)
# messages added to a rule after policies were first written: a policy without one uses the built-in text
LATER_MESSAGES = {"R02": ("not_required",), "R12": ("procedure_unknown",)}
# rules whose due date is computed from days + method
PERIOD_RULES = ("R01", "R02", "R03", "R04", "R05", "R07", "R08", "R09", "A01", "A02")
# R12's periods are the law's (judgment / ruling), kept in the rule as `days` and `ruling_days`
PLACEHOLDERS = (
    "due", "done", "trigger_date", "days", "late_days", "left_days", "as_of",
    "hearing", "n", "head", "missing", "half", "rest_note", "agency", "form", "effective",
)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    clause: str
    title: str
    task: str
    trigger: str
    severity: str
    messages: dict
    days: int | None = None
    method: str | None = None
    record_days: int | None = None  # a missing record is a to-do, not a violation, this long after the notice
    ruling_days: int | None = None  # R12: the appeal period of a ruling (裁定), beside `days` for a judgment
    severities: dict = field(default_factory=dict)
    staff: str | None = None
    enabled: bool = True

    def severity_of(self, key: str) -> str:
        if key.endswith("upcoming"):
            return INFO
        return self.severities.get(key, self.severity)

    def message(self, key: str, **values) -> str:
        return self.messages[key].format(**values)


# The assessment's thresholds (意见 二(九)) where a rule set does not state them.
ASSESSMENT_DEFAULTS = {
    "deputy_interview": {"special_circulars": 2, "qualifying_losses": 1},
    "principal_interview": {"qualifying_losses": 2, "refusals_to_perform": 1, "suggestions_not_implemented": 1},
}
LOSS_RATE_BASES = ("first_instance", "dispute")
# `yzdocs notify`'s schedule and escalation where a rule set does not state them.
NOTIFY_DEFAULTS = {"window_workdays": 3, "overdue_every_workdays": 5, "escalate_after_days": 5}


@dataclass(frozen=True)
class Policy:
    name: str
    title: str
    reminder_days: int
    rules: dict  # id -> RuleSpec, in file order
    provisional_days: int = 30  # a provisional (暂定) due date this close, or past, is an error
    loss_rate_basis: str = "first_instance"  # statistics.loss_rate: the 口径 of 败诉率
    assessment: dict = field(default_factory=lambda: {k: dict(v) for k, v in ASSESSMENT_DEFAULTS.items()})
    document: dict = field(default_factory=dict)  # the district's own policy document: title, number
    notify: dict = field(default_factory=lambda: dict(NOTIFY_DEFAULTS))  # reminder schedule (docs/notify.md)
    _enabled: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def cited(self) -> str:
        """How documents cite the rules' source: 《关于……的意见》（峄政办发〔2023〕2号）."""
        title, number = self.document.get("title"), self.document.get("number")
        if not title:
            return "本区行政应诉工作制度"
        return f"《{title.strip('《》')}》" + (f"（{number}）" if number else "")

    def days(self, rule_id: str) -> int | None:
        spec = self.rules.get(rule_id)
        return spec.days if spec is not None else None

    def enabled(self, rule_id: str) -> bool:
        spec = self.rules.get(rule_id)
        return spec is not None and spec.enabled

    def enabled_rules(self, implementations: dict) -> list:
        """The implementations (rule id -> function) of the enabled rules, in their order; asked once per
        case, so computed once per policy."""
        key = id(implementations)
        if key not in self._enabled:
            self._enabled[key] = [f for rid, f in implementations.items() if self.enabled(rid)]
        return self._enabled[key]


def policy_path(setting: str | None, root: Path | None) -> Path:
    name = setting or DEFAULT_POLICY
    looks_like_path = "/" in name or "\\" in name or name.endswith((".yaml", ".yml"))
    if not looks_like_path:
        path = BUILTIN_DIR / f"{name}.yaml"
        if not path.is_file():
            builtins = sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))
            raise ConfigError(f"未知的内置规则方案“{name}”。可用：{'、'.join(builtins)}；或填写规则方案文件的路径。")
        return path
    path = Path(name)
    if root is not None:  # a repository's own rule file: inside it, after symlinks, or never read
        resolved = (Path(root) / path).resolve()
        base = Path(root).resolve()
        if resolved != base and base not in resolved.parents:
            raise ConfigError(f"规则方案文件“{name}”（yzdocs.yaml 的 rules: 设置）不在案件库之内，出于安全考虑未读取。"
                              "请把规则方案文件放在案件库中，或填写内置规则方案的名称。")
        path = Path(root) / path
    if not path.is_file():
        raise ConfigError(f"找不到规则方案文件 {path}（yzdocs.yaml 的 rules: 设置）。")
    return path


def load_policy(setting: str | None = None, root: Path | None = None) -> Policy:
    path = policy_path(setting, root)
    return _load(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> Policy:
    from yzdocs.loading import load_yaml_file
    from yzdocs.schema import validate

    doc = load_yaml_file(path, path.name)
    if doc.ok:
        validate(doc, "policy")
    problems = [f"第{f.line}行：{f.message}" if f.line else f.message for f in doc.findings]
    if not problems:
        problems = _semantic_problems(doc.data)
    if problems:
        raise ConfigError(f"规则方案 {path} 有误：\n" + "\n".join(f"  - {p}" for p in problems))
    rules = {}
    for raw in doc.data["rules"]:
        raw = {k: v for k, v in raw.items() if v is not None}
        rules[raw["id"]] = RuleSpec(**raw)
    if path != BUILTIN_DIR / f"{DEFAULT_POLICY}.yaml":  # rules and messages added since the district wrote its file
        builtin = load_policy()
        rules.update({rid: builtin.rules[rid] for rid in LATER_RULES if rid not in rules})
        for rid, keys in LATER_MESSAGES.items():
            spec = rules[rid]
            base = builtin.rules[rid]
            added = [k for k in keys if k not in spec.messages]
            if added:
                rules[rid] = replace(spec, messages={**spec.messages, **{k: base.messages[k] for k in added}},
                                     severities={**{k: base.severities[k] for k in added if k in base.severities},
                                                 **spec.severities})
    provisional = doc.data.get("provisional_days")
    basis = (doc.data.get("statistics") or {}).get("loss_rate") or LOSS_RATE_BASES[0]
    thresholds = {outcome: {**defaults, **{k: v for k, v in ((doc.data.get("assessment") or {}).get(outcome) or {})
                                          .items() if v is not None}}
                  for outcome, defaults in ASSESSMENT_DEFAULTS.items()}
    document = {k: v for k, v in (doc.data.get("document") or {}).items() if v}
    notify = {**NOTIFY_DEFAULTS, **{k: v for k, v in (doc.data.get("notify") or {}).items() if v is not None}}
    return Policy(doc.data["name"], doc.data.get("title") or "", doc.data["reminder_days"], rules,
                  30 if provisional is None else provisional, basis, thresholds, document, notify)


def _semantic_problems(data: dict) -> list[str]:
    problems = []
    seen = set()
    formatter = string.Formatter()
    for raw in data["rules"]:
        rid = raw["id"]
        if rid in seen:
            problems.append(f"规则 {rid} 重复出现。")
        seen.add(rid)
        messages = raw.get("messages") or {}
        for key in MESSAGE_KEYS[rid]:
            if key not in messages and key not in LATER_MESSAGES.get(rid, ()):
                problems.append(f"规则 {rid} 缺少提示语 messages.{key}。")
        for key, text in messages.items():
            if key not in MESSAGE_KEYS[rid]:
                problems.append(f"规则 {rid} 的提示语 messages.{key} 不会被使用（可用：{'、'.join(MESSAGE_KEYS[rid])}）。")
                continue
            try:
                fields = [(f, spec, conv) for _, f, spec, conv in formatter.parse(text) if f is not None]
            except ValueError as exc:
                problems.append(f"规则 {rid} 的提示语 messages.{key} 格式有误：{exc}（花括号请写成 {{{{ }}}}）。")
                continue
            names = [f for f, _, _ in fields]
            # a format spec ({due:>200000000}) or conversion ({due!r}) could inflate every message
            # to any size; a field in a message is only ever its value
            for name, spec, conv in fields:
                if spec or conv:
                    problems.append(f"规则 {rid} 的提示语 messages.{key} 中的占位符 {{{name}}} 带有格式说明"
                                    f"（“{('!' + conv) if conv else ''}{(':' + spec) if spec else ''}”），"
                                    f"不允许；请只写 {{{name}}}。")
            for name in names:
                if name not in PLACEHOLDERS:
                    problems.append(f"规则 {rid} 的提示语 messages.{key} 使用了未知的占位符 {{{name}}}"
                                    f"（可用：{'、'.join('{' + p + '}' for p in PLACEHOLDERS)}）。")
        for key in raw.get("severities") or {}:
            if key not in MESSAGE_KEYS[rid] or key == "upcoming":
                problems.append(f"规则 {rid} 的 severities.{key} 不对应任何情形。")
        if rid in PERIOD_RULES and (raw.get("days") is None or raw.get("method") is None):
            problems.append(f"规则 {rid} 须设置期间天数 days 和计算方法 method。")
    for rid in MESSAGE_KEYS:
        if rid not in seen and rid not in LATER_RULES:
            problems.append(f"缺少规则 {rid}（不需要时请保留并写 enabled: false）。")
    return problems
