"""The targets file (notify.yaml): where each agency's reminders go, read and checked like every
other file of the repository, with secrets taken from the environment and never shown.

A destination is an Apprise URL. ``${NAME}`` in it is replaced by the environment variable NAME
when sending; what is shown (dry run, errors, reports) is the URL as written, with passwords and
long tokens masked, so neither a variable's value nor a key typed into the file is ever printed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from yzdocs.findings import ERROR, WARNING, Finding
from yzdocs.loading import Document, load_yaml_file

DEFAULT_FILE = "notify.yaml"

# The kinds of destination yzdocs sends to: e-mail, the work messengers' group robots, plain webhooks.
# Apprise knows many more; those that act on this machine (files, desktop, syslog) are not allowed.
SCHEMES = ("mailto", "mailtos", "dingtalk", "wecombot", "feishu", "lark", "json", "jsons", "form", "forms",
           "xml", "xmls")
_SHAPE = re.compile(r"([a-z]+)://[^\s\x00-\x1f\x7f]+\Z")  # one line: no spaces, no control characters
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LOOSE_DOLLAR = re.compile(r"\$(?!\{[A-Za-z_][A-Za-z0-9_]*\})")
_PASSWORD = re.compile(r"(://[^/@:?#]*:)([^@/?#]+)(@)")
TOKEN = re.compile(r"(?<![A-Za-z0-9{])([A-Za-z0-9_-]{12,})")
_ANY_TOKEN = re.compile(r"(?<=[/@])([A-Za-z0-9_-]{3,})")  # a robot URL's key or signing secret
ROBOT_SCHEMES = ("dingtalk://", "wecombot://", "feishu://", "lark://")


def destination_problem(url: str) -> str | None:
    """What is wrong with the shape of a destination as written, or None."""
    shape = _SHAPE.match(url)
    if not shape:
        return ("不是推送地址：应写成“类型://……”的一行，不含空格，例如 mailto://、dingtalk://、wecombot://、"
                "feishu://、json://（docs/notify.md）。")
    if shape.group(1) not in SCHEMES:
        return f"不支持的推送地址类型“{shape.group(1)}://”。可用：{'、'.join(s + '://' for s in SCHEMES)}。"
    if _LOOSE_DOLLAR.search(url):
        return "环境变量应写成 ${变量名}（字母、数字、下划线，不以数字开头），例如 ${WECOM_SCJGJ}。"
    return None


def masked(text: str) -> str:
    """``text`` with passwords and long tokens hidden; ``${NAME}`` references stay (they are names).
    In a robot's URL everything after the scheme is a key, however short."""
    text = _PASSWORD.sub(lambda m: m.group(0) if VARIABLE.fullmatch(m.group(2))
                         else m.group(1) + "****" + m.group(3), text)
    token = _ANY_TOKEN if text.startswith(ROBOT_SCHEMES) else TOKEN
    pieces = VARIABLE.split(text)  # text, name, text, name, …
    return "".join("${" + piece + "}" if i % 2 else token.sub(lambda m: m.group(1)[0] + "…" + m.group(1)[-1], piece)
                   for i, piece in enumerate(pieces))


@dataclass(frozen=True)
class Destination:
    url: str  # as written
    file: str
    line: int

    @property
    def label(self) -> str:
        return masked(self.url)

    def variables(self) -> list[str]:
        return VARIABLE.findall(self.url)

    def missing(self, environ) -> list[str]:
        """The variables it names that the environment does not set (or sets empty)."""
        return [name for name in self.variables() if not environ.get(name)]

    def expanded(self, environ) -> tuple[str, dict[str, str]]:
        """The URL to send to, and the secret values put into it (to scrub from anything shown)."""
        secrets = {name: environ[name] for name in self.variables() if environ.get(name)}
        return VARIABLE.sub(lambda m: secrets.get(m.group(1), ""), self.url), secrets


@dataclass
class Targets:
    doc: Document | None
    district: list[Destination] = field(default_factory=list)
    staff: dict[str, list[Destination]] = field(default_factory=dict)
    deputy: dict[str, list[Destination]] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return list(self.doc.findings) if self.doc is not None else []

    def all(self) -> list[Destination]:
        return [*self.district, *(d for ds in self.staff.values() for d in ds),
                *(d for ds in self.deputy.values() for d in ds)]

    def unset(self, environ=None) -> list[Finding]:
        """A warning for each destination that names an environment variable not set (or empty): what a
        dry run tells ahead of the real run, where the destination fails."""
        environ = os.environ if environ is None else environ
        out = []
        for d in self.all():
            if missing := d.missing(environ):
                out.append(Finding("notify", WARNING, f"推送地址 {d.label} 用到的环境变量 {'、'.join(missing)} 未设置："
                                   "正式发送时该地址会失败。请在 CI 的密钥（secrets）中设置，并在定时任务中传给 yzdocs notify。",
                                   d.file, d.line, 1))
        return out


def read_targets(path: Path, rel: str, agency_ids: set) -> Targets:
    """A targets file named on the command line: loaded and validated as the repository's own is."""
    from yzdocs.schema import validate

    doc = load_yaml_file(path, rel)
    if doc.ok:
        validate(doc, "targets", agency_ids)
    return targets_of(doc)


def targets_of(doc: Document | None) -> Targets:
    """The destinations a loaded, validated targets file lists (none from a file with errors:
    nothing is sent on a file half understood; `check` and notify say what is wrong)."""
    targets = Targets(doc)
    if doc is None or not doc.ok or any(f.severity == ERROR for f in doc.findings):
        return targets

    def listed(*path) -> list[Destination]:
        node = doc.data
        for key in path:
            node = (node or {}).get(key)
        return [Destination(url, doc.rel, doc.position((*path, i))[0]) for i, url in enumerate(node or [])]

    targets.district = listed("district")
    for aid in (doc.data.get("agencies") or {}):
        targets.staff[aid] = listed("agencies", aid, "staff")
        targets.deputy[aid] = listed("agencies", aid, "deputy")
    return targets
