"""Reporters: findings in, text out. One function per format, in a registry."""

from __future__ import annotations

import json
import re
from itertools import groupby
from xml.etree import ElementTree as ET

from yzdocs.findings import ERROR, SEVERITY_LABELS, WARNING

REPORTERS = {}


def reporter(name):
    def register(func):
        REPORTERS[name] = func
        return func
    return register


# Control characters (C0, DEL, C1) and Unicode line breaks from user text: a newline in a case number
# must not start a line a CI runner reads as a command (::error …), ESC must not colour a terminal,
# and XML 1.0 cannot hold most of them at all. They are shown escaped (\n, \x1b), never dropped.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text) -> str:
    """``text`` on one line with every control character visible as an escape."""
    return _CONTROL.sub(lambda m: json.dumps(m.group())[1:-1] if m.group() in "\n\r\t" else
                        f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        str(text))


_LAYOUT_KEPT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_safe(text: str) -> str:
    """A whole output for a terminal or log: control characters escaped as in ``printable``, except
    the tabs and line breaks that lay the output out."""
    return _LAYOUT_KEPT.sub(lambda m: printable(m.group()), text)


def _where(f) -> str:
    if not f.file:
        return "（案件库）"
    return f"{printable(f.file)}:{f.line}:{f.column}" if f.line else printable(f.file)


def finding_line(f) -> str:
    """One finding as the text reporter prints it: file:line:column: severity rule message."""
    return f"{_where(f)}: {SEVERITY_LABELS[f.severity]} {printable(f.rule)} {printable(f.message)}"


@reporter("text")
def text(result, strict=False) -> str:
    out = []
    for file, group in groupby(result.findings, key=lambda f: f.file):
        for f in group:
            out.append(finding_line(f))
        out.append("")
    s = result.summary
    verdict = "未通过" if result.failed(strict) else "通过"
    out.append(f"检查 {s['files']} 个文件（{s['cases']} 个案件），截至 {result.as_of.isoformat()}："
               f"{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示。{verdict}。")
    return "\n".join(out) + "\n"


@reporter("json")
def json_(result, strict=False) -> str:
    payload = {
        "repo": str(result.root),
        "as_of": result.as_of.isoformat(),
        "summary": result.summary,
        "findings": [f.to_dict() for f in result.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(value: str, prop: bool = False) -> str:
    value = printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


@reporter("github")
def github(result, strict=False) -> str:
    """GitHub Actions workflow commands: annotations on the changed lines."""
    level = {ERROR: "error", WARNING: "warning"}
    out = []
    for f in result.findings:
        props = [f"file={_gh_escape(f.file, True)}"] if f.file else []
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_gh_escape(f.rule, True)}")
        out.append(f"::{level.get(f.severity, 'notice')} {','.join(props)}::{_gh_escape(f.message)}")
    out.append(text(result, strict).splitlines()[-1])
    return "\n".join(out) + "\n"


@reporter("junit")
def junit(result, strict=False) -> str:
    """JUnit XML: one test case per file, a failure per error (and warning when strict)."""
    failing = {ERROR, WARNING} if strict else {ERROR}
    suite = ET.Element("testsuite", name="yzdocs check")
    files = sorted({f.file or "（案件库）" for f in result.findings})
    failures = 0
    for file in files:
        case = ET.SubElement(suite, "testcase", classname="yzdocs.check", name=printable(file))
        mine = [f for f in result.findings if (f.file or "（案件库）") == file]
        bad = [f for f in mine if f.severity in failing]
        if bad:
            failures += 1
            body = "\n".join(finding_line(f) for f in bad)
            ET.SubElement(case, "failure", message=f"{len(bad)} 个问题", type=printable(bad[0].rule)).text = body
        others = [f for f in mine if f.severity not in failing]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(finding_line(f) for f in others)
    suite.set("tests", str(len(files)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
