"""The repository for reports, with a cache of validated case files.

Validating a case file with Cerberus costs ~10 ms, so loading 10,000 cases
takes minutes; reports run again and again over a repository that changes a
few files at a time. Case files are therefore validated once and cached as
JSON in the per-user cache folder (``~/.cache/yzdocs/reports/``, one file
per repository path), keyed by the SHA-256 of each file's bytes; the cache
is void when the schemas, the agency ids or yzdocs' version change. The
repository cannot supply the cache (it is not under the repository), and it
is data, never code: a damaged cache only fails to load. Cross-file checks
(duplicate case numbers) are redone on every load.
"""

from __future__ import annotations

import datetime as datetime_module
import hashlib
import json
from pathlib import Path

from yzdocs import repo as repo_mod
from yzdocs.errors import YzdocsError
from yzdocs.findings import Finding
from yzdocs.loading import MAX_FILE_BYTES, Document
from yzdocs.output.atomic import write_atomic
from yzdocs.output.manifest import STATE_BYTES, read_state
from yzdocs import usercache
from yzdocs.usercache import cache_dir

DATE, DATETIME = "__yzdocs_date__", "__yzdocs_datetime__"


def load(root: Path, *, use_cache: bool = True) -> repo_mod.Repository:
    """The repository at ``root``, equal to ``load_repository(root)`` for what reports read."""
    with repo_mod.gc_paused():
        return _load(root, use_cache)


def cache_path(root: Path) -> Path:
    return cache_dir("reports") / (hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:32] + ".json")


def _load(root: Path, use_cache: bool) -> repo_mod.Repository:
    repo = repo_mod.load_base(root)
    for folder in ("circulars", "meetings", "reports"):
        repo_mod.load_folder(repo, folder)
    path_of_cache = cache_path(repo.root)
    stamp = _stamp(repo)
    files = repo_mod.yaml_files(repo, "cases")
    # the cache holds each file's data once (JSON of about its size): a larger one is not this cache
    limit = STATE_BYTES + 3 * sum(_size(p) for p in files)
    cached = _read_cache(path_of_cache, stamp, limit) if use_cache else {}
    fresh, docs, changed = {}, [], False
    for path in files:
        rel = path.relative_to(repo.root).as_posix()
        key = _content_key(path)
        entry = cached.get(rel)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key:
            doc = Document(rel, entry["data"], [Finding(**f) for f in entry["findings"]], source=path)
        else:
            doc = repo_mod.load_file(repo, path, "case")
            changed = True
        if key is not None:
            fresh[rel] = {"key": key, "data": doc.data if doc.ok else _names(doc.data),
                          "findings": [_finding_dict(f) for f in doc.findings]}
        docs.append(doc)
    repo.cases = docs
    repo_mod.finish_cases(repo)
    if use_cache and (changed or set(fresh) != set(cached)):
        _write_cache(path_of_cache, stamp, fresh)
    return repo


def _content_key(path: Path) -> str | None:
    """SHA-256 of the file's bytes; None for a file not to cache (unreadable, or over the size bound)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _names(data) -> dict | None:
    """What reports read from a file with errors: the names it gives, if any."""
    if not isinstance(data, dict):
        return None
    return {k: data[k] for k in ("case_no", "defendant") if isinstance(data.get(k), str)}


def _stamp(repo) -> str:
    """What every cached validation depends on besides the file itself."""
    h = hashlib.sha256(usercache.code_stamp().encode())
    h.update("\0".join(sorted(repo.agencies)).encode())
    return h.hexdigest()


def _finding_dict(f: Finding) -> dict:
    return {k: getattr(f, k) for k in ("rule", "severity", "message", "file", "line", "column", "case_no", "agency")}


def _encode(value):
    if isinstance(value, datetime_module.datetime):
        return {DATETIME: value.isoformat()}
    if isinstance(value, datetime_module.date):
        return {DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode(obj: dict):
    if len(obj) == 1 and DATE in obj:
        return datetime_module.date.fromisoformat(obj[DATE])
    if len(obj) == 1 and DATETIME in obj:
        return datetime_module.datetime.fromisoformat(obj[DATETIME])
    return obj


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_cache(path: Path, stamp: str, limit: int) -> dict:
    text = read_state(path, limit)
    try:
        data = json.loads(text, object_hook=_decode) if text is not None else {}
    except (ValueError, TypeError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _write_cache(path: Path, stamp: str, files: dict) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    # a case file that itself uses the date marker as a key is not cached (it would read back as a date)
    files = {rel: entry for rel, entry in files.items() if not _has_marker(entry["data"])}
    try:
        text = json.dumps({"stamp": stamp, "files": files}, ensure_ascii=False, default=_encode)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except (OSError, TypeError, ValueError, YzdocsError):
        pass


def _has_marker(value) -> bool:
    if isinstance(value, dict):
        return DATE in value or DATETIME in value or any(_has_marker(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_marker(v) for v in value)
    return False
