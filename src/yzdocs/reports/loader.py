"""The repository for reports, with a cache of validated case files.

Validating a case file with Cerberus costs ~10 ms, so loading 10,000 cases
takes minutes; reports run again and again over a repository that changes a
few files at a time. Case files are therefore validated once and cached in
``<output>/.cache/report-cases.pickle`` keyed by (path, size, mtime); the
cache is void when the schemas, the agency ids or yzdocs' version change.
The pickle is read by an unpickler that admits no class but date and
datetime, so a tampered cache cannot run code; it only fails to load.
Cross-file checks (duplicate case numbers) are redone on every load.
"""

from __future__ import annotations

import hashlib
import datetime as datetime_module
import pickle
from pathlib import Path

from yzdocs import __version__
from yzdocs import repo as repo_mod
from yzdocs.errors import YzdocsError
from yzdocs.findings import Finding
from yzdocs.loading import Document
from yzdocs.output.atomic import write_atomic
from yzdocs.resources import SCHEMAS

CACHE_NAME = "report-cases.pickle"


def load(root: Path, *, use_cache: bool = True) -> repo_mod.Repository:
    """The repository at ``root``, equal to ``load_repository(root)`` for what reports read."""
    with repo_mod.gc_paused():
        return _load(root, use_cache)


def _load(root: Path, use_cache: bool) -> repo_mod.Repository:
    repo = repo_mod.load_base(root)
    for folder in ("circulars", "meetings", "reports"):
        repo_mod.load_folder(repo, folder)
    cache_path = repo.output_dir() / ".cache" / CACHE_NAME
    stamp = _stamp(repo)
    cached = _read_cache(cache_path, stamp) if use_cache else {}
    fresh, docs, changed = {}, [], False
    for path in repo_mod.yaml_files(repo, "cases"):
        rel = path.relative_to(repo.root).as_posix()
        try:
            st = path.stat()
        except OSError:
            continue
        key = [st.st_size, st.st_mtime_ns]
        entry = cached.get(rel)
        if entry is not None and entry["key"] == key:
            doc = Document(rel, entry["data"], [Finding(**f) for f in entry["findings"]])
        else:
            doc = repo_mod.load_file(repo, path, "case")
            changed = True
        fresh[rel] = {"key": key, "data": doc.data if doc.ok else _names(doc.data), "findings": [_finding_dict(f) for f in doc.findings]}
        docs.append(doc)
    repo.cases = docs
    repo_mod.finish_cases(repo)
    if use_cache and (changed or set(fresh) != set(cached)):
        _write_cache(cache_path, stamp, fresh)
    return repo


def _names(data) -> dict | None:
    """What reports read from a file with errors: the names it gives, if any."""
    if not isinstance(data, dict):
        return None
    return {k: data[k] for k in ("case_no", "defendant") if isinstance(data.get(k), str)}


def _stamp(repo) -> str:
    """What every cached validation depends on besides the file itself."""
    h = hashlib.sha256(__version__.encode())
    h.update((SCHEMAS / "case.yaml").read_bytes())
    h.update("\0".join(sorted(repo.agencies)).encode())
    return h.hexdigest()


def _finding_dict(f: Finding) -> dict:
    return {k: getattr(f, k) for k in ("rule", "severity", "message", "file", "line", "column", "case_no", "agency")}


class _DatesOnly(pickle.Unpickler):
    def find_class(self, module, name):
        if module == "datetime" and name in ("date", "datetime"):
            return getattr(datetime_module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the report cache")


def _read_cache(path: Path, stamp: str) -> dict:
    try:
        with open(path, "rb") as fh:
            data = _DatesOnly(fh).load()
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, IndexError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _write_cache(path: Path, stamp: str, files: dict) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        write_atomic(path, pickle.dumps({"stamp": stamp, "files": files}, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, TypeError, ValueError, pickle.PicklingError, YzdocsError):
        pass
