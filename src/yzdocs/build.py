"""`yzdocs build` as a library call: every applicable document of every valid case.

The recipe (``build_repository``):

1. Read the repository's settings and agencies (not the cases yet).
2. List the case files (all, or those under PATHs) and hash every input of
   every (case file, kind) group: case file bytes, agencies.yaml, yzdocs.yaml,
   the template, the tool version, the kind.
3. Lock the output directory and read its manifest; a group whose inputs and
   outputs are unchanged is done — the case file is not even parsed.
4. Load and validate only the other case files; a case with errors is skipped
   with its findings, the others get a render job per group (kinds.py says
   which documents apply).
5. Render and write the jobs — in worker processes with ``jobs`` > 1 — each
   document atomically; record each finished group in the manifest, saving
   it periodically so an interrupted build loses little.
6. Report documents of deleted cases (never deleted silently), save the
   manifest, return a BuildResult.

Hook for PDF export: ``BuildResult.written`` lists the .docx files written by
this build and ``BuildResult.documents`` all current ones; ``yzdocs build
--pdf`` passes one of them to ``yzdocs.output.pdf.convert``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from yzdocs import casenumber
from yzdocs.loading import file_digest
from yzdocs.errors import ConfigError, OutputError, RenderError, YzdocsError
from yzdocs.findings import ERROR
from yzdocs.output.atomic import AtomicBatch, sweep_temporaries
from yzdocs.output.manifest import Manifest, OutputLock, group_key
from yzdocs.output.names import document_name, inside, regular_inside
from yzdocs.render.isolation import pool
from yzdocs.render.kinds import KINDS, document_date, documents_for, hearings_without_heads
from yzdocs.render.parties import missing_appellant
from yzdocs.render.templates import template_for
from yzdocs import usercache

MANIFEST_SAVE_SECONDS = 2.0
IN_PROCESS_CHUNK = 8  # groups written (and synced) together


# ----------------------------------------------------------------------------- results

@dataclass
class DocJob:
    rel: str  # output path relative to the output directory (POSIX)
    template: str
    context: dict
    title: str
    timestamp: str  # ISO 8601, UTC


@dataclass
class GroupJob:
    key: str
    inputs: str
    case_rel: str
    kind: str
    docs: list[DocJob]
    out_dir: str
    save_context: bool


@dataclass
class GroupResult:
    key: str
    inputs: str
    case_rel: str
    kind: str
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (rel, sha256)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class BuildResult:
    out_dir: Path
    built: list[str] = field(default_factory=list)  # rel paths written by this build
    unchanged: list[str] = field(default_factory=list)  # rel paths already up to date
    skipped: list[tuple[str, list[str]]] = field(default_factory=list)  # (case file, messages)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (case file, kind, message)
    warnings: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # outputs of deleted cases / no longer applicable
    elapsed: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: check, load, render

    @property
    def written(self) -> list[Path]:
        """The .docx files this build wrote (the hook for PDF conversion)."""
        return [self.out_dir / rel for rel in self.built if rel.endswith(".docx")]

    @property
    def documents(self) -> list[Path]:
        """Every current .docx document of the selected cases, written now or before."""
        return sorted(self.out_dir / rel for rel in self.built + self.unchanged if rel.endswith(".docx"))

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped or self.failed else 0


# progress(event, done, total, text): event is "start", "built", "unchanged", "failed", "skipped".
Progress = Callable[[str, int, int, str], None]


# ----------------------------------------------------------------------------- the recipe

def build_repository(root: Path, *, paths=None, kinds=None, out_dir=None, jobs: int | None = None,
                     force: bool = False, progress: Progress | None = None,
                     save_context: bool = False) -> BuildResult:
    """Build the documents of the repository at ``root`` (see the module docstring)."""
    from yzdocs.repo import load_base, load_repository, yaml_files

    started = time.perf_counter()
    root = Path(root.root if hasattr(root, "cases") else root).resolve()  # a Repository or its root
    kinds = _kinds(kinds)
    report = progress or (lambda *a: None)

    # 1. settings and agencies only.
    base = load_base(root)
    problems = base.config_problems()
    if problems:
        raise ConfigError("案件库配置有错误，无法生成文档：\n" + "\n".join(
            f"  {f.file}:{f.line}: {f.message}" for f in problems))
    out = Path(out_dir).resolve() if out_dir else base.output_dir()
    result = BuildResult(out)

    # 2. inputs of every (case file, kind) group.
    templates = {k: template_for(k, root) for k in kinds}
    kind_hash = _kind_hashes(root, templates, save_context)
    every_case = yaml_files(base, "cases")
    case_files = _selected(every_case, paths)
    all_case_rels = {p.relative_to(root).as_posix() for p in every_case}

    with OutputLock(out) as lock:
        if lock.taken_over:
            swept = sweep_temporaries(out)
            result.warnings.append(f"上次的 build（进程 {lock.taken_over}）未正常结束，已接管输出目录；"
                                   + (f"已删除它留下的 {swept} 个临时文件，" if swept else "")
                                   + "未写完的文档不会留下，本次会补齐。")
        # 3. what is already up to date.
        manifest = Manifest.load(out, len(every_case))
        if manifest.repaired:
            result.warnings.append("输出目录中的清单文件已损坏或大得不像 yzdocs 写的，未读取，本次重新生成全部文档。")
        stale: dict[str, dict[str, str]] = {}  # case rel -> kind -> inputs
        for path in case_files:
            rel = path.relative_to(root).as_posix()
            case_hash = _hash(_file_bytes(path))
            for kind in kinds:
                inputs = _hash(kind_hash[kind], case_hash)
                key = group_key(rel, kind)
                if not force and manifest.fresh(key, inputs):
                    result.unchanged.extend(manifest.groups[key]["outputs"])
                else:
                    stale.setdefault(rel, {})[kind] = inputs

        result.timings["check"] = time.perf_counter() - started
        # 4. load what changed; a case with errors is skipped.
        jobs_todo: list[GroupJob] = []
        if stale:
            repo = load_repository(root, paths=[root / rel for rel in stale])
            by_rel = {d.rel: d for d in repo.cases}
            for rel, kind_inputs in stale.items():
                doc = by_rel.get(rel)
                if doc is None or not doc.ok:
                    messages = [f"{f.file}:{f.line}:{f.column}: {f.message}" for f in
                                (doc.findings if doc else []) if f.severity == ERROR] or ["无法读取该案件文件"]
                    result.skipped.append((rel, messages))
                    report("skipped", 0, 0, f"{rel}：{messages[0]}")
                    continue
                if missing_appellant(doc.data):
                    result.warnings.append(f"{rel}（{doc.data.get('case_no')}）：二审、再审案件没有填写上诉方"
                                           "（appellant: other 或 agency），文书中的称谓按中性写法（原审原告、原审被告）。")
                for kind, inputs in kind_inputs.items():
                    if KINDS[kind].per_hearing:
                        result.warnings += _no_heads_warnings(rel, doc.data)
                    job = _group_job(kind, rel, doc.data, inputs, repo, templates[kind].path, out, save_context)
                    if job.docs:
                        jobs_todo.append(job)
                    else:  # the kind does not apply: remember that, nothing to render
                        result.orphans.extend(_dropped(manifest, job.key, []))
                        manifest.record(job.key, inputs, [])
        planned = {j.key: len(j.docs) for j in jobs_todo}
        total = len(result.unchanged) + sum(planned.values())
        report("start", len(result.unchanged), total, "")

        result.timings["load"] = time.perf_counter() - started - result.timings["check"]
        # 5. render and write.
        last_save = time.monotonic()
        done = len(result.unchanged)
        try:
            untrusted = any(t.override for t in templates.values())
            for group in _run(jobs_todo, jobs, isolate=untrusted):
                done += planned[group.key]
                if group.error:
                    result.failed.append((group.case_rel, group.kind, group.error))
                    report("failed", done, total, f"{group.case_rel} {KINDS[group.kind].title}：{group.error}")
                    continue
                result.orphans.extend(_dropped(manifest, group.key, [r for r, _ in group.outputs]))
                manifest.record(group.key, group.inputs, group.outputs)
                result.built.extend(r for r, _ in group.outputs if r.endswith(".docx"))
                result.warnings.extend(group.warnings)
                for rel, _ in group.outputs:
                    if rel.endswith(".docx"):
                        report("built", done, total, rel)
                if time.monotonic() - last_save > MANIFEST_SAVE_SECONDS:
                    manifest.save()
                    last_save = time.monotonic()
        finally:
            # 6. documents of deleted cases, and the manifest.
            if paths is None:
                for key in sorted(manifest.groups):
                    case_rel = key.rsplit("|", 1)[0]
                    if case_rel not in all_case_rels:
                        left = [r for r in manifest.groups[key]["outputs"] if regular_inside(out, r)]
                        result.orphans.extend(left)
                        if not left:  # the user removed them too: nothing left to report
                            manifest.forget(key)
            manifest.save()
    result.orphans = sorted(set(result.orphans))
    result.built.sort()
    result.unchanged = sorted(r for r in result.unchanged if r.endswith(".docx"))
    result.elapsed = time.perf_counter() - started
    result.timings["render"] = result.elapsed - result.timings.get("check", 0) - result.timings.get("load", 0)
    return result


# ----------------------------------------------------------------------------- steps

def _kind_hashes(root: Path, templates: dict, save_context: bool = False) -> dict[str, str]:
    """What every document of a kind depends on besides its case file: yzdocs' own code and data, the
    settings, the agencies, the template."""
    common = _hash(usercache.code_stamp(), _file_bytes(root / "agencies.yaml"),
                   _file_bytes(root / "yzdocs.yaml"), os.environ.get("SOURCE_DATE_EPOCH", ""),
                   "context" if save_context else "")
    return {k: _hash(common, k, _file_bytes(t.path)) for k, t in templates.items()}


def current_inputs(root: Path, case_rels) -> dict[str, str]:
    """group key -> the inputs a build would record for it now (every kind, the given case files): a
    document built from other inputs is stale."""
    root = Path(root)
    kind_hash = _kind_hashes(root, {k: template_for(k, root) for k in KINDS})
    out = {}
    for rel in case_rels:
        case_hash = _hash(_file_bytes(root / rel))
        out.update({group_key(rel, kind): _hash(h, case_hash) for kind, h in kind_hash.items()})
    return out


def _kinds(kinds) -> list[str]:
    if not kinds:
        return list(KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ConfigError(f"未知的文档种类：{'、'.join(unknown)}。可用：{'、'.join(KINDS)}")
    return [k for k in KINDS if k in kinds]


def _selected(files: list[Path], paths) -> list[Path]:
    """The case files under PATHs (files or folders); all of them without PATHs."""
    if not paths:
        return files
    wanted = [Path(os.path.abspath(p)) for p in paths]
    for p in wanted:
        if not p.exists():
            raise ConfigError(f"路径“{p}”不存在。")
    return [f for f in files if any(f == w or w in f.parents for w in wanted)]


def _file_bytes(path: Path) -> bytes:
    """What identifies an input's content (its SHA-256, read in blocks: files may be huge)."""
    return file_digest(path).encode()


def _hash(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _group_job(kind: str, case_rel: str, case: dict, inputs: str, repo, template: Path, out: Path,
               save_context: bool) -> GroupJob:
    from yzdocs.render.context import build_context

    spec = KINDS[kind]
    number = casenumber.parse(case.get("case_no"))
    year = str(number.year) if number else "未知年度"
    stem = number.file_stem if number else Path(case_rel).stem
    docs = []
    for hearing in documents_for(spec, case):
        name = document_name(spec.title, None if hearing is None else hearing + 1)
        path = inside(out, year, stem, name)
        context = build_context(kind, case, repo.settings, repo.agencies, hearing)
        docs.append(DocJob(path.relative_to(out).as_posix(), str(template), context,
                           f"{spec.title}（{context['case_no']}）",
                           _timestamp(document_date(spec, case, hearing) or case.get("received_on"))))
    return GroupJob(group_key(case_rel, kind), inputs, case_rel, kind, docs, str(out), save_context)


def _no_heads_warnings(rel: str, case: dict) -> list[str]:
    """Nothing to report is said, not printed as an empty 出庭应诉负责人报备表."""
    from yzdocs.render.format import cn_date

    hearings = case.get("hearings") or []
    return [f"{rel}（{case.get('case_no')}）：第{i + 1}次开庭（{cn_date((hearings[i] or {}).get('date')) or '日期未填'}）"
            "没有记录出庭负责人，未生成出庭应诉负责人报备表。" for i in hearings_without_heads(case)]


def _timestamp(day) -> str:
    """SOURCE_DATE_EPOCH when set, else the document's date (midnight UTC): never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).isoformat()
    if isinstance(day, datetime):
        day = day.date()
    if isinstance(day, date):
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).isoformat()
    return datetime(1980, 1, 1, tzinfo=timezone.utc).isoformat()


def _dropped(manifest: Manifest, key: str, new_outputs: list[str]) -> list[str]:
    """Outputs a group had before and no longer produces that are still on disk."""
    old = manifest.groups.get(key, {}).get("outputs", [])
    return [r for r in old if r not in new_outputs and (manifest.out_dir / r).exists()]


def _run(todo: list[GroupJob], jobs: int | None, *, isolate: bool = False):
    """Yield a GroupResult per job, chunk by chunk: in this process, or in ``jobs`` worker processes.
    Templates from the repository (``isolate``) always render in bounded workers."""
    jobs = jobs or os.cpu_count() or 1
    if not todo:
        return
    if not isolate and (jobs <= 1 or len(todo) < 16):  # starting workers costs more than a few documents
        for i in range(0, len(todo), IN_PROCESS_CHUNK):
            yield from render_groups(todo[i:i + IN_PROCESS_CHUNK])
        return
    chunk = max(1, min(32, -(-len(todo) // (jobs * 4))))
    chunks = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
    executor = pool(min(jobs, len(chunks)))
    try:
        futures = {executor.submit(render_groups, c): c for c in chunks}
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool as exc:
                results = [GroupResult(j.key, j.inputs, j.case_rel, j.kind, error=f"工作进程异常退出（{exc}）")
                           for j in futures[future]]
            yield from results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def render_groups(jobs: list[GroupJob]) -> list[GroupResult]:
    """Render a chunk of groups, then write all their files in one atomic batch."""
    batch = AtomicBatch()
    try:
        results = [render_group(job, batch) for job in jobs]
        batch.commit()
    except OutputError as exc:
        batch.abort()
        return [GroupResult(j.key, j.inputs, j.case_rel, j.kind, error=str(exc)) for j in jobs]
    except BaseException:
        batch.abort()
        raise
    return results


def render_group(job: GroupJob, batch: AtomicBatch) -> GroupResult:
    """Render one group's documents into ``batch``; a failure is returned, never raised."""
    from yzdocs.render.engine import render_file

    result = GroupResult(job.key, job.inputs, job.case_rel, job.kind)
    out = Path(job.out_dir)
    files: list[tuple[str, bytes]] = []
    try:
        for doc in job.docs:
            data, warnings = render_file(Path(doc.template), doc.context, title=doc.title,
                                         timestamp=datetime.fromisoformat(doc.timestamp))
            files.append((doc.rel, data))
            result.warnings.extend(f"{doc.rel}：{w}" for w in warnings)
            if job.save_context:
                files.append((doc.rel + ".context.json", context_json(doc)))
    except YzdocsError as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug must not stop the batch: report it for this document
        result.error = f"内部错误：{type(exc).__name__}: {exc}"
    if result.error is None:
        for rel, data in files:
            batch.write(out / rel, data)
            result.outputs.append((rel, hashlib.sha256(data).hexdigest()))
    return result


def context_json(doc: DocJob) -> bytes:
    """The exact render input of a document, to reproduce it (cookiecutter-style)."""
    data = {"template": doc.template, "title": doc.title, "timestamp": doc.timestamp, "context": doc.context}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def render_context_file(path: Path) -> tuple[bytes, list[str]]:
    """Re-render a document from its ``.context.json``."""
    from yzdocs.render.engine import render_file

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RenderError(f"无法读取 {path}：{exc}") from exc
    return render_file(Path(data["template"]), data["context"], title=data["title"],
                       timestamp=datetime.fromisoformat(data["timestamp"]))
