"""Convert generated .docx files to PDF with LibreOffice headless.

One LibreOffice process converts the whole run (starting it costs about a
second, converting a document a fraction of that).  Each run gets a private
profile directory so that it neither collides with a desktop LibreOffice nor
with a parallel run, and the shipped fontconfig file (yzdocs/fonts/fonts.conf)
so that 仿宋_GB2312, 方正小标宋简体 … become free Chinese faces instead of a
Japanese sans-serif.

Incremental: ``.pdf-manifest.json`` beside the documents records, per docx,
its SHA-256, the PDF/A flag and the PDF's SHA-256; a PDF is redone only when
one of them no longer matches.

Deterministic: LibreOffice stamps the export time into /CreationDate, the XMP
dates and the trailer /ID.  They are rewritten in place (same byte length, so
the xref offsets stay valid) to the time given by SOURCE_DATE_EPOCH, else the
docx's own modification date, and /ID to a digest of the normalised file.
For PDF/A the same goes for the creation date
inside the embedded sRGB ICC profile (recompressed, xref offsets shifted).
Everything else LibreOffice 7.4 writes (font subset tags included) is
already the same for the same input.
"""

from __future__ import annotations

import hashlib
import json
import functools
import os
import re
import shutil
import signal
import struct
import subprocess
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from yzdocs.errors import OutputError, YzdocsError
from yzdocs.output.atomic import write_atomic
from yzdocs.output.manifest import MANIFEST_NAME as BUILD_MANIFEST
from yzdocs.output.manifest import Witness, read_state, state_limit
from yzdocs.output.manifest import sha256_file
from yzdocs.output.scratch import scratch_dir, stop_processes_using, sweep

MANIFEST_NAME = ".pdf-manifest.json"
DEFAULT_TIMEOUT = 300.0  # seconds LibreOffice may take over one document before it is stopped
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)

# LibreOffice ≥ 7.4 accepts filter options as JSON; SelectPdfVersion 2 = PDF/A-2b.
PDF_FILTER = "pdf:writer_pdf_Export"
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


class LibreOfficeMissing(YzdocsError):
    """soffice is not on PATH."""

    exit_code = 2

    def __init__(self):
        super().__init__(
            "未找到 LibreOffice（soffice 命令），无法生成 PDF。"
            "请安装：apt-get install --no-install-recommends libreoffice-writer-nogui；"
            "中文字体另需：apt-get install texlive-lang-chinese fonts-noto-cjk。"
        )


@dataclass(frozen=True)
class FileResult:
    docx: Path
    pdf: Path
    status: str  # "converted" | "unchanged" | "failed"
    message: str = ""


@dataclass
class ConversionResult:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    processes: int = 0  # LibreOffice processes started (batches + retries)

    def _with(self, status):
        return [f for f in self.files if f.status == status]

    @property
    def converted(self) -> list[FileResult]:
        return self._with("converted")

    @property
    def unchanged(self) -> list[FileResult]:
        return self._with("unchanged")

    @property
    def failed(self) -> list[FileResult]:
        return self._with("failed")


def fonts_conf() -> Path:
    """The fontconfig file shipped with yzdocs."""
    return Path(str(resources.files("yzdocs") / "fonts" / "fonts.conf"))


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeMissing()


def soffice_env(tmp: Path) -> dict[str, str]:
    """LibreOffice's environment; its own temporary files go to ``tmp`` (inside the run's profile
    folder, so they go with it)."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["TMPDIR"] = str(tmp)
    env["FONTCONFIG_FILE"] = str(fonts_conf())
    # A fixed zone gives the export dates a fixed length ("…Z"), which lets
    # normalise() rewrite them in place.
    env["TZ"] = "UTC"
    env.pop("SAL_USE_VCLPLUGIN", None)
    return env


# LibreOffice's own settings for every run: no macros, no link updates, no fetching of linked
# images or other resources from outside the document (the profile is private to the run).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse">\
<value>2</value></prop></item>
</oor:items>
"""


def _lock_down(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _sweep_once() -> None:
    """Folders and LibreOffice processes of runs that were killed outright go before a new one starts."""
    sweep()


@functools.lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """``unshare -n`` (or ``-rn`` without root) where the system allows a network namespace of our own:
    LibreOffice then has no network at all, not even loopback. Elsewhere: nothing (the profile still
    blocks links)."""
    unshare = shutil.which("unshare")
    if os.name != "posix" or not unshare:
        return ()
    prefix = (unshare, "-n") if os.geteuid() == 0 else (unshare, "-rn")
    try:
        ok = subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return prefix if ok else ()


def run_soffice(inputs: list[Path], outdir: Path, *, pdfa: bool, timeout: float,
                soffice: str | None = None, on_file=None) -> tuple[dict[Path, Path], str]:
    """Convert ``inputs`` (distinct stems) into ``outdir`` with one process.

    ``timeout`` is the longest LibreOffice may go without finishing a
    document; ``on_file()`` is called as each one is done (progress).
    Returns the inputs whose PDF exists and looks like a PDF, mapped to it,
    and LibreOffice's diagnostic output (for error messages).
    """
    soffice = soffice or find_soffice()
    _sweep_once()
    outdir.mkdir(parents=True, exist_ok=True)
    with scratch_dir("lo-profile") as profile:
        _lock_down(Path(profile))
        cmd = [
            *no_network_prefix(),
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", PDFA_FILTER if pdfa else PDF_FILTER,
            "--outdir", str(outdir),
            *[str(p) for p in inputs],
        ]
        # A session of its own: on timeout the whole tree (the soffice script,
        # oosplash, soffice.bin) is killed, not only the shell wrapper.
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, env=soffice_env(Path(profile) / "tmp"),
                                    start_new_session=True)
        except BaseException:
            # Ctrl-C or SIGTERM after the fork: Popen forgets a child that may already be
            # LibreOffice, working in this profile. (One interrupted before its exec is swept by
            # the next run, as after SIGKILL.)
            stop_processes_using(Path(profile))
            raise
        lines, timed_out = _follow(proc, timeout, on_file)
    log = f"LibreOffice 超过 {timeout:g} 秒未完成一个文件，已终止" if timed_out else "".join(lines)
    done = {}
    for src in inputs:
        pdf = outdir / (src.stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0 and _head(pdf) == b"%PDF-":
            done[src] = pdf
    return done, log.strip()


def _follow(proc: subprocess.Popen, timeout: float, on_file) -> tuple[list[str], bool]:
    """Read LibreOffice's output line by line (one "convert …" line per document);
    kill its process group when no document finishes within ``timeout`` seconds."""
    state = {"timed_out": False, "timer": None}

    def kill():
        state["timed_out"] = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def arm():
        if state["timer"] is not None:
            state["timer"].cancel()
        state["timer"] = threading.Timer(timeout, kill)
        state["timer"].daemon = True
        state["timer"].start()

    lines = []
    try:
        arm()  # inside the try: an interrupt while the watchdog thread starts still stops LibreOffice
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace")
            lines.append(line)
            if line.startswith("convert "):
                arm()
                if on_file is not None:
                    on_file()
        proc.wait()
    finally:
        if state["timer"] is not None:
            state["timer"].cancel()
        if proc.poll() is None:
            kill()
            proc.wait()
        proc.stdout.close()
    return lines, state["timed_out"]


# --- determinism -----------------------------------------------------------

def source_date(docx: Path) -> datetime:
    """SOURCE_DATE_EPOCH if set, else the docx's dcterms:modified/created."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        with zipfile.ZipFile(docx) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8")
    except (KeyError, OSError, zipfile.BadZipFile):
        return FALLBACK_DATE
    for tag in ("modified", "created"):
        m = re.search(rf"<dcterms:{tag}[^>]*>(\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d)", core)
        if m:
            return datetime.fromisoformat(m.group(1)).replace(tzinfo=timezone.utc)
    return FALLBACK_DATE


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
# The trailer /ID pair and LibreOffice's /DocChecksum (an MD5 that covers the
# export time): 32 hex digits each, replaced by a digest of the normalised file.
_DIGESTS = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]|/DocChecksum\s*/([0-9A-Fa-f]{32})")


def normalise(data: bytes, when: datetime) -> bytes:
    """Replace export timestamps and file digests with reproducible values."""
    stamp = when.astimezone(timezone.utc)
    data = _fix_icc_dates(data, stamp)
    data = _PDF_DATE.sub(lambda m: m.group(1) + stamp.strftime("%Y%m%d%H%M%S").encode(), data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + stamp.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    spans = [m.span(g) for m in _DIGESTS.finditer(data) for g in (1, 2, 3) if m.group(g)]
    buf = bytearray(data)
    for a, b in spans:
        buf[a:b] = b"0" * 32
    digest = hashlib.md5(bytes(buf)).hexdigest().upper().encode()
    for a, b in spans:
        buf[a:b] = digest
    return bytes(buf)


_ICC_OBJ = re.compile(rb"\n\d+ 0 obj\n<<(/N \d/Length (\d+) 0 R/Filter/FlateDecode)>>\nstream\n")


def _fix_icc_dates(data: bytes, stamp: datetime) -> bytes:
    """PDF/A: the sRGB output-intent profile LibreOffice embeds carries its
    creation time (ICC header bytes 24-35) inside a compressed stream.  Fix
    the date, recompress, and shift the xref offsets of what follows."""
    edits = []  # (start, end, replacement) in old coordinates
    for m in _ICC_OBJ.finditer(data):
        length = re.search(rb"\n" + m.group(2) + rb" 0 obj\n(\d+)\nendobj", data)
        if not length:
            continue
        start = m.end()
        end = start + int(length.group(1))
        try:
            icc = bytearray(zlib.decompress(data[start:end]))
        except zlib.error:
            continue
        if icc[36:40] != b"acsp" or any(icc[84:100]):  # not ICC, or has a profile ID to keep valid
            continue
        icc[24:36] = struct.pack(">6H", stamp.year, stamp.month, stamp.day,
                                 stamp.hour, stamp.minute, stamp.second)
        packed = zlib.compress(bytes(icc), 9)
        edits.append((start, end, packed))
        edits.append((length.start(1), length.end(1), str(len(packed)).encode()))
    if not edits:
        return data
    edits.sort()
    out, pos = bytearray(), 0
    for a, b, new in edits:
        out += data[pos:a] + new
        pos = b
    out += data[pos:]

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (b - a) for a, b, new in edits if b <= offset)

    start_m = list(re.finditer(rb"startxref\s+(\d+)\s+%%EOF", bytes(out)))[-1]
    old_xref = int(start_m.group(1))
    new_xref = moved(old_xref)
    table_end = bytes(out).index(b"trailer", new_xref)
    table = re.sub(rb"(\d{10}) (\d{5}) n",
                   lambda t: b"%010d %s n" % (moved(int(t.group(1))), t.group(2)),
                   bytes(out[new_xref:table_end]))
    out[new_xref:table_end] = table
    text = bytes(out)
    start_m = list(re.finditer(rb"startxref\s+(\d+)", text))[-1]
    return text[:start_m.start(1)] + str(new_xref).encode() + text[start_m.end(1):]


# --- incremental bookkeeping ---------------------------------------------

def _load_manifest(folder: Path) -> dict:
    text = read_state(folder / MANIFEST_NAME, state_limit(sum(1 for _ in folder.glob("*.docx"))))
    try:
        data = json.loads(text) if text is not None else {}
        return data["files"] if isinstance(data.get("files"), dict) else {}
    except (ValueError, AttributeError, KeyError, RecursionError):
        return {}  # no, broken or oversized manifest: everything is redone


def _save_manifest(folder: Path, files: dict) -> None:
    text = json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=1, sort_keys=True)
    write_atomic(folder / MANIFEST_NAME, (text + "\n").encode("utf-8"))


def _stage(paths: list[Path], folder: Path) -> dict[Path, Path]:
    """Each document under a name of its own in ``folder`` (the sample repository has 37
    行政应诉案件报备表.docx): one --outdir, hence one process, for all of them. A hard link
    where the file system allows, else a copy. The file name appears nowhere in the PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = {}
    for i, p in enumerate(paths):
        target = folder / f"{i:06d}.docx"
        try:
            os.link(p, target)
        except OSError:
            shutil.copyfile(p, target)
        staged[target] = p
    return staged


def convert(docx_paths: list[Path], *, pdfa: bool = False, timeout: float = DEFAULT_TIMEOUT,
            force: bool = False, progress=None) -> ConversionResult:
    """Convert each docx to a PDF beside it (same stem), skipping unchanged ones.

    ``progress(done, total)`` is called before the first and after each conversion."""
    started = time.monotonic()
    _sweep_once()
    paths = sorted({Path(p).resolve() for p in docx_paths})
    for p in paths:
        if not p.is_file():
            raise OutputError(f"找不到要转换的文件：{p}")

    manifests = {folder: _load_manifest(folder) for folder in {p.parent for p in paths}}
    hashes = {p: sha256_file(p) for p in paths}
    # PDFs in a build's output folder are believed only as far as this user's witness says it wrote them
    # (a repository can carry out/ with a PDF beside a generated .docx, and a record claiming it is current)
    outputs = {p: _build_output(p) for p in paths}
    witnesses = {out: Witness.load(out) for out in set(outputs.values()) if out is not None}
    result = ConversionResult()
    todo = []
    for p in paths:
        entry = manifests[p.parent].get(p.name, {})
        pdf = p.with_suffix(".pdf")
        out = outputs[p]
        current = (not force and entry.get("sha256") == hashes[p] and entry.get("pdfa") == pdfa
                   and pdf.is_file() and entry.get("pdf_sha256") == sha256_file(pdf)
                   and (out is None or witnesses[out].vouches(pdf.relative_to(out).as_posix())))
        if current:
            result.files.append(FileResult(p, pdf, "unchanged"))
        elif not zipfile.is_zipfile(p):
            # LibreOffice would import it as plain text and "succeed".
            result.files.append(FileResult(p, pdf, "failed", "不是有效的 Word 文档（.docx 应为 ZIP 包）"))
        else:
            todo.append(p)

    if todo:
        soffice = find_soffice()
        with scratch_dir("pdf") as tmp:
            staged = _stage(todo, Path(tmp) / "in")
            count = [0]

            def on_file():
                count[0] += 1
                if progress is not None:
                    progress(min(count[0], len(todo)), len(todo))

            if progress is not None:
                progress(0, len(todo))
            done, log = run_soffice(list(staged), Path(tmp) / "out", pdfa=pdfa, timeout=timeout,
                                    soffice=soffice, on_file=on_file)
            result.processes += 1
            missing = [s for s in staged if s not in done]
            if missing:  # one retry, in a fresh process, for what failed
                retry, log = run_soffice(missing, Path(tmp) / "retry", pdfa=pdfa, timeout=timeout,
                                         soffice=soffice)
                result.processes += 1
                done.update(retry)
            for src, p in staged.items():
                pdf = p.with_suffix(".pdf")
                if src not in done:
                    result.files.append(FileResult(p, pdf, "failed", _failure(log)))
                    continue
                data = normalise(done[src].read_bytes(), source_date(p))
                write_atomic(pdf, data)
                manifests[p.parent][p.name] = {
                    "sha256": hashes[p], "pdfa": pdfa,
                    "pdf_sha256": hashlib.sha256(data).hexdigest(),
                }
                if (out := outputs[p]) is not None:
                    witnesses[out].files[pdf.relative_to(out).as_posix()] = hashlib.sha256(data).hexdigest()
                result.files.append(FileResult(p, pdf, "converted"))
        for folder, files in manifests.items():
            _save_manifest(folder, files)
        for witness in witnesses.values():
            witness.save()

    result.files.sort(key=lambda f: f.docx)
    result.seconds = time.monotonic() - started
    return result


def _build_output(docx: Path) -> Path | None:
    """The build output folder ``docx`` lies in (the nearest folder up with a build manifest), if any."""
    for folder in docx.parents:
        if (folder / BUILD_MANIFEST).is_file():
            return folder
    return None


def _failure(log: str) -> str:
    lines = [ln for ln in log.splitlines() if ln.strip() and "javaldx" not in ln]
    detail = lines[-1] if lines else "LibreOffice 未生成 PDF"
    return f"转换失败（已重试一次）：{detail}"


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(5)
