"""Findings: plain values that flow from loaders, schema and rules to reporters."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str  # "yaml", "schema", "calendar", "R01" … "A02"
    severity: str  # ERROR | WARNING | INFO
    message: str  # Chinese, complete sentence(s)
    file: str = ""  # repository-relative POSIX path ("" for repository-wide)
    line: int = 0  # 1-based; 0 when unknown
    column: int = 0  # 1-based; 0 when unknown
    case_no: str | None = None
    agency: str | None = None
    due: date | None = None
    done: date | None = None

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        for key in ("due", "done"):
            if d[key] is None:
                del d[key]
            else:
                d[key] = d[key].isoformat()
        return d

    def sort_key(self):
        return (self.file, self.line, self.column, self.rule, self.message)


def count(findings, severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)
