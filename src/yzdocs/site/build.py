"""`yzdocs site` as a library call: the recipe that turns a repository into a static site.

Read top to bottom: load (with the report cache of validated case files),
collect the generated documents and the git history, gather the values,
render pages and feeds, write. Writing is incremental and deterministic: a
file whose bytes are unchanged is not touched, files this site wrote before
and no longer produces are removed (and nothing else in the folder is), and
the same repository and as-of date give the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yzdocs.build import current_inputs
from yzdocs.errors import ConfigError, OutputError
from yzdocs.output.atomic import reason, write_atomic
from yzdocs.output.manifest import MANIFEST_NAME, Manifest, Witness, read_state, state_limit
from yzdocs.output.names import regular_inside
from yzdocs.repo import gc_paused
from yzdocs.reports import loader
from yzdocs.site import pages, paths
from yzdocs.site.history import file_history
from yzdocs.site.model import gather

SITE_MANIFEST = ".yzdocs-site.json"  # what the last build wrote, so that only those files are ever removed


@dataclass
class SiteResult:
    out_dir: Path
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


def build_site(root: Path, out_dir: Path | None = None, as_of: date | None = None, base_url: str | None = None,
               *, use_cache: bool = True) -> SiteResult:
    with gc_paused():  # tens of thousands of small acyclic values: the cyclic collector's passes are pure cost
        return _build(Path(root), out_dir, as_of, base_url, use_cache)


def _build(root: Path, out_dir: Path | None, as_of: date | None, base_url: str | None, use_cache: bool) -> SiteResult:
    started = time.perf_counter()
    repo = loader.load(root, use_cache=use_cache)
    out = Path(out_dir) if out_dir is not None else repo.output_dir() / "site"
    if out_dir is None and out.is_symlink():  # a committed out/site -> elsewhere: not the user's choice
        raise OutputError(f"网站目录 {out} 是符号链接，已拒绝写入（案件库不能决定网站写到哪里）。请删除它，或用 -o 指定目录。")
    _check_target(repo.root, out)
    as_of = as_of or date.today()
    documents = _documents(repo)
    site = gather(repo, as_of, file_history(repo.root), documents)
    files = pages.render(site, paths.base_url(base_url or repo.settings.get("site_url")))
    copies = _document_sources(repo, documents)
    result = SiteResult(out, pages=sum(1 for p in files if p.endswith(".html")))
    previous = _start(out)
    _write_files(out, files, result)
    _copy_documents(out, copies, result)
    _finish(out, previous, set(files) | set(copies), result)
    result.written.sort()
    result.seconds = time.perf_counter() - started
    return result


def _check_target(root: Path, out: Path) -> None:
    resolved = out.resolve()
    if resolved == root or resolved in root.parents or (root / "cases").resolve() in (resolved, *resolved.parents):
        raise ConfigError(f"网站不能输出到 {out}：那是案件库本身（或其上级、cases 目录）。请用 -o 指定单独的目录。")


def _documents(repo) -> dict[str, list[str]]:
    """case rel -> the generated documents of the last build (.docx, and the .pdf beside each) that exist
    as regular files inside the output folder; the build manifest says which belong to which case."""
    try:
        out = repo.output_dir()
    except ConfigError:
        return {}
    if not (out / MANIFEST_NAME).is_file():
        return {}
    found: dict[str, list[str]] = {}
    witness = Witness.load(out)
    now = current_inputs(repo.root, [doc.rel for doc in repo.cases])
    for key, group in sorted(Manifest.load(out, len(repo.cases)).groups.items()):
        if now.get(key) != group.get("inputs"):
            continue  # built from another version of the case, template or settings: stale, not published
        case_rel = key.rsplit("|", 1)[0]
        for rel in group.get("outputs", []):
            for candidate in (rel, rel[:-5] + ".pdf" if rel.endswith(".docx") else None):
                if candidate and witness.vouches(candidate):  # a regular file there, exactly as written
                    found.setdefault(case_rel, []).append(candidate)
    return {k: sorted(set(v)) for k, v in found.items()}


def _unlinked(out: Path, rel: str) -> Path:
    """``out / rel`` to write, refused when any part of it inside the site folder is a symlink: a link
    committed in public/ or out/site would carry the write (or a delete) to wherever it points."""
    path = Path(out)
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            raise OutputError(f"网站目录中的 {path} 是符号链接，已拒绝写入。请删除它后重新生成网站。")
    return path


def _document_sources(repo, documents: dict[str, list[str]]) -> dict[str, Path]:
    """site path (files/…) -> the generated document it is a copy of."""
    if not documents:
        return {}
    out = repo.output_dir()
    return {f"files/{rel}": out / rel for rels in documents.values() for rel in rels}


def _start(out: Path) -> set[str]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建网站目录 {out}：{reason(exc)}") from exc
    return _previous(out)


def _write_files(out: Path, files: dict[str, bytes], result: SiteResult) -> None:
    for rel, data in sorted(files.items()):
        target = _unlinked(out, rel)
        if _same(target, data):
            result.unchanged += 1
            continue
        write_atomic(target, data, sync=False)  # a site is regenerated on every push: no per-file disk flush
        result.written.append(rel)


def _copy_documents(out: Path, copies: dict[str, Path], result: SiteResult) -> None:
    for rel, source in sorted(copies.items()):
        target = _unlinked(out, rel)
        if target.is_file() and os.path.samefile(target, source):
            result.unchanged += 1
            continue
        _link_or_copy(source, target)
        result.written.append(rel)


def _finish(out: Path, previous: set[str], produced: set[str], result: SiteResult) -> None:
    """Remove what the last build wrote and this one did not; record what this one wrote."""
    for rel in sorted(previous - produced):
        if not regular_inside(out, rel):  # the record names only what a run wrote: regular files, no links
            continue
        try:
            (out / rel).unlink()
            result.removed.append(rel)
        except OSError:
            pass
    write_atomic(out / SITE_MANIFEST, (json.dumps(sorted(produced), ensure_ascii=False, indent=0) + "\n").encode())


def _previous(out: Path) -> set[str]:
    """What the last run wrote: names a bounded, well-formed record lists (one too large is ignored)."""
    text = read_state(out / SITE_MANIFEST, state_limit(sum(1 for _ in out.glob("cases/*/*.html"))))
    try:
        names = json.loads(text) if text is not None else []
    except (ValueError, RecursionError):
        return set()
    if not isinstance(names, list):
        return set()
    return {n for n in names if isinstance(n, str) and ".." not in n.split("/") and not n.startswith("/")}


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows (no bytes copied), else a copy; atomic either way."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link.tmp")
    try:
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except OSError as exc:
        try:
            temporary.unlink()
        except OSError:
            pass
        raise OutputError(f"无法写入 {target}：{reason(exc)}") from exc
