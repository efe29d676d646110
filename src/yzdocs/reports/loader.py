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
from importlib import resources
from pathlib import Path

from yzdocs import __version__
from yzdocs import repo as repo_mod
from yzdocs.errors import YzdocsError
from yzdocs.findings import ERROR, Finding
from yzdocs.loading import Document
from yzdocs.output.atomic import write_atomic

CACHE_NAME = "report-cases.pickle"


def load(root: Path, *, use_cache: bool = True) -> repo_mod.Repository:
    """The repository at ``root``, equal to ``load_repository(root)`` for what reports read."""
    root = Path(root).resolve()
    repo = _base(root)
    cache_path = repo.output_dir() / ".cache" / CACHE_NAME
    stamp = _stamp(repo)
    cached = _read_cache(cache_path, stamp) if use_cache else {}
    fresh, docs, changed = {}, [], False
    for path in repo_mod._yaml_files(root, root / "cases", repo):
        rel = path.relative_to(root).as_posix()
        try:
            st = path.stat()
        except OSError:
            continue
        key = [st.st_size, st.st_mtime_ns]
        entry = cached.get(rel)
        if entry is not None and entry["key"] == key:
            doc = Document(rel, entry["data"], [Finding(**f) for f in entry["findings"]])
        else:
            doc = repo_mod._load(root, path, "case", set(repo.agencies))
            repo_mod._check_case_file(doc)
            changed = True
        fresh[rel] = {"key": key, "data": doc.data if doc.ok else _names(doc.data), "findings": [_finding_dict(f) for f in doc.findings]}
        docs.append(doc)
    repo.cases = docs
    repo.partial = False
    repo_mod._check_unique_case_numbers(root, repo)
    if use_cache and (changed or set(fresh) != set(cached)):
        _write_cache(cache_path, stamp, fresh)
    return repo


def _base(root: Path) -> repo_mod.Repository:
    """Settings, agencies, holidays, circulars, meetings and reports, as load_repository reads them.

    (load_repository with a path selection would also scan every case file for
    duplicate numbers — seconds on 10,000 cases — before we load them anyway.)
    """
    settings_doc = repo_mod._load_single(root, "yzdocs.yaml", "settings")
    settings = repo_mod._settings_with_defaults(settings_doc)
    agencies_doc = repo_mod._load_single(root, "agencies.yaml", "agencies")
    repo = repo_mod.Repository(root, settings, repo_mod._agencies(agencies_doc), settings_doc, agencies_doc)
    if agencies_doc is None:
        repo.extra.append(Finding("schema", ERROR, "案件库中没有 agencies.yaml（被诉行政机关名录），无法核对被告。",
                                  "agencies.yaml", 1, 1))
    repo.holidays_doc = repo_mod._load_single(root, settings.get("holidays") or "holidays.yaml", "holidays")
    repo.holidays = repo_mod._holidays(repo.holidays_doc)
    ids = set(repo.agencies)
    for folder, attr in (("circulars", "circulars"), ("meetings", "meetings"), ("reports", "reports")):
        kind = repo_mod.FOLDERS[folder]
        setattr(repo, attr, [repo_mod._load(root, f, kind, ids) for f in repo_mod._yaml_files(root, root / folder, repo)])
    return repo


def _names(data) -> dict | None:
    """What reports read from a file with errors: the names it gives, if any."""
    if not isinstance(data, dict):
        return None
    return {k: data[k] for k in ("case_no", "defendant") if isinstance(data.get(k), str)}


def _stamp(repo) -> str:
    """What every cached validation depends on besides the file itself."""
    h = hashlib.sha256(__version__.encode())
    h.update(resources.files("yzdocs").joinpath("schemas", "case.yaml").read_bytes())
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
