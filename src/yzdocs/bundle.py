"""Submission packages (报送附件包) for the OA system: a zip of documents with a manifest.

A bundle holds the documents of one case (built first, incrementally) or of
one report period (the statistics workbook, the district circular, a special
circular when there is anything to circulate, and a report per agency with
cases), optionally their PDFs, plus:

- ``manifest.json``: per file its title, kind, case number, agency, SHA-256,
  size and the hash of the inputs it was made from (for case documents the
  build manifest's input hash), the tool version; and what the bundle is
  (case or period) and what it was made from (as-of date, SOURCE_DATE_EPOCH).
- ``附件清单.txt``: the same list for people — UTF-8 with BOM and CRLF so that
  Windows Notepad shows it properly.

Member names are ``NN-文件名.docx``: numbered (unique, in reading order),
at most 60 characters, valid on Windows, stored as UTF-8 with the UTF-8 flag
(general purpose bit 11) set on every entry, ASCII ones included, so that
Windows Explorer and the OA system never guess a code page. The zip is
deterministic: sorted entries, fixed timestamps (SOURCE_DATE_EPOCH, else
1980-01-01), fixed attributes and compression level; it is written atomically.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from yzdocs import __version__, casenumber
from yzdocs.errors import YzdocsError
from yzdocs.loading import file_digest
from yzdocs.findings import ERROR
from yzdocs.output.atomic import write_atomic
from yzdocs.output.names import inside, safe_component
from yzdocs.repo import case_files, case_number_in

FORMAT = "yzdocs-bundle/1"
MANIFEST = "manifest.json"
LIST_TXT = "附件清单.txt"
MAX_NAME = 60
UTF8_FLAG = 0x800
DOS_EPOCH = (1980, 1, 1, 0, 0, 0)
FORMATS = {".docx": "Word 文档", ".pdf": "PDF 文档", ".xlsx": "Excel 表格"}


class NotABundle(YzdocsError):
    """The file is not a zip with a yzdocs manifest."""

    exit_code = 2


class BundleFailed(YzdocsError):
    """The case has errors, or a document could not be rendered or converted."""

    exit_code = 1


@dataclass
class Item:
    """One document going into the bundle."""

    path: Path  # on disk
    title: str
    kind: str
    case_no: str | None = None
    agency: dict | None = None  # {"id", "name"}
    inputs: str | None = None  # hash of what the document was made from
    data: bytes = b""


@dataclass
class Bundle:
    path: Path
    entries: list[dict] = field(default_factory=list)  # the manifest's file entries
    warnings: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- packing

class _Utf8Info(zipfile.ZipInfo):
    """A ZipInfo whose name is always stored as UTF-8 with the UTF-8 flag, even when ASCII."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("utf-8"), self.flag_bits | UTF8_FLAG


def zip_time() -> tuple[int, ...]:
    """SOURCE_DATE_EPOCH as a zip (DOS) time, else 1980-01-01 (the earliest a zip can hold)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        when = datetime.fromtimestamp(int(epoch), timezone.utc)
        if when.year >= 1980:
            return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)
    return DOS_EPOCH


def member_name(number: int, stem: str, suffix: str) -> str:
    """``01-行政应诉案件报备表.docx``: numbered, Windows-valid, at most MAX_NAME characters."""
    prefix = f"{number:02d}-"
    stem = safe_component(stem)[: MAX_NAME - len(prefix) - len(suffix)].rstrip(". ")
    return prefix + stem + suffix


def pack(members: dict[str, bytes]) -> bytes:
    """The zip of ``members`` (name -> bytes), byte-for-byte reproducible."""
    stamp = zip_time()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in sorted(members):
            info = _Utf8Info(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the attributes below mean rw-r--r--
            info.external_attr = 0o100644 << 16
            zf.writestr(info, members[name], compresslevel=9)
    return out.getvalue()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_bundle(target: Path, items: list[Item], about: dict, heading: list[str]) -> Bundle:
    """Number the items, add PDFs' twins under the same number, write zip + manifest + 附件清单."""
    entries, members = [], {}
    numbers: dict[Path, int] = {}
    for item in items:
        key = item.path.with_suffix("")
        number = numbers.setdefault(key, len(numbers) + 1)
        name = member_name(number, item.path.stem, item.path.suffix.lower())
        item.data = item.data or item.path.read_bytes()
        members[name] = item.data
        entries.append({
            "file": name, "title": item.title, "kind": item.kind, "format": item.path.suffix.lower()[1:],
            "case_no": item.case_no, "agency": item.agency, "sha256": _sha(item.data), "size": len(item.data),
            "inputs": item.inputs, "tool_version": __version__,
        })
    listing = attachment_list(heading, entries)
    members[LIST_TXT] = listing
    manifest = {
        "format": FORMAT, "tool": "yzdocs", "tool_version": __version__, **about,
        "files": entries,
        "attachment_list": {"file": LIST_TXT, "sha256": _sha(listing), "size": len(listing)},
    }
    members[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    target = Path(target)
    write_atomic(target, pack(members))
    return Bundle(target.resolve(), entries)


def attachment_list(heading: list[str], entries: list[dict]) -> bytes:
    """附件清单 as text Windows Notepad shows correctly: UTF-8 with BOM, CRLF line ends."""
    lines = ["附件清单", "", *heading, ""]
    for n, e in enumerate(entries, 1):
        size = f"{e['size'] / 1024:.1f} KB"
        lines.append(f"{n}. {e['file']}")
        lines.append(f"   {e['title']}（{FORMATS.get('.' + e['format'], e['format'])}，{size}）")
        lines.append(f"   SHA-256：{e['sha256']}")
    lines += ["", f"共 {len(entries)} 个文件。各文件的校验值另见 {MANIFEST}，"
                  "可用“yzdocs bundle --verify 附件包.zip”核对文件是否完整、未被改动。",
              f"由 yzdocs {__version__} 生成。"]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


# ----------------------------------------------------------------------------- verifying

def verify(path: Path) -> tuple[dict, list[str]]:
    """(manifest, problems in Chinese); NotABundle when ``path`` is no yzdocs bundle."""
    path = Path(path)
    if not path.is_file():
        raise NotABundle(f"找不到文件：{path}")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotABundle(f"{path} 不是 zip 附件包：{exc}") from exc
    with zf:
        try:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except KeyError:
            raise NotABundle(f"{path} 中没有 {MANIFEST}，不是 yzdocs 生成的附件包。") from None
        except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
            raise NotABundle(f"{path} 中的 {MANIFEST} 无法读取：{exc}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), list):
            raise NotABundle(f"{path} 中的 {MANIFEST} 不是 yzdocs 附件包清单（格式应为 {FORMAT}）。")
        expected = [e for e in manifest["files"] if isinstance(e, dict)]
        if isinstance(manifest.get("attachment_list"), dict):
            expected.append(manifest["attachment_list"])
        names = set(zf.namelist())
        problems = []
        for entry in expected:
            name = str(entry.get("file"))
            if name not in names:
                problems.append(f"缺少文件：{name}")
                continue
            try:
                data = zf.read(name)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                problems.append(f"文件已损坏，无法读取：{name}（{exc}）")
                continue
            if len(data) != entry.get("size") or _sha(data) != entry.get("sha256"):
                problems.append(f"内容与清单不符（已被改动）：{name}"
                                f"（清单 {entry.get('size')} 字节，实际 {len(data)} 字节）")
        listed = {str(e.get("file")) for e in expected} | {MANIFEST}
        problems += [f"清单中没有的文件：{n}" for n in sorted(names - listed)]
    return manifest, problems


# ----------------------------------------------------------------------------- a case

def find_case(root: Path, text: str):
    """(case number, case file path) for ``text``; YzdocsError (exit 2) when no file has it."""
    number = casenumber.parse(text)
    files = case_files(root)
    known = [f"（{p.parent.name}）{p.stem}" for p in files]  # cases/<year>/<number>.yaml by convention
    if number is None:
        raise YzdocsError(f"“{text}”不是有效的案号。{casenumber.FORM_HINT}。" + casenumber.suggestion(text, known))
    usual = [p for p in files if p.stem == number.file_stem]
    for path in usual + [p for p in files if p not in usual]:
        found = case_number_in(path)
        if found == str(number) or (path in usual and found is None):
            return number, path
    raise YzdocsError(f"案件库中没有案号为 {number} 的案件文件（通常在 cases/{number.year}/{number.file_stem}.yaml）。"
                      + casenumber.suggestion(text, known))


def case_bundle(root: Path, text: str, *, kinds=None, pdf: bool = False, pdfa: bool = False,
                output: Path | None = None) -> Bundle:
    """Build the case's documents (incrementally) and pack them."""
    from yzdocs.build import build_repository
    from yzdocs.output.manifest import Manifest
    from yzdocs.render.kinds import KINDS
    from yzdocs.repo import load_repository

    root = Path(root).resolve()
    number, path = find_case(root, text)
    repo = load_repository(root, paths=[path])
    doc = next((d for d in repo.cases if d.rel == path.relative_to(root).as_posix()), None)
    errors = [f for f in (doc.findings if doc else []) if f.severity == ERROR]
    if doc is None or errors:
        raise BundleFailed(f"案件文件 {path.relative_to(root).as_posix()} 有错误，无法打包（请先运行 yzdocs check 修正）：\n"
                           + "\n".join(f"  第 {f.line} 行：{f.message}" for f in errors))
    result = build_repository(root, paths=[path], kinds=kinds)
    if result.skipped or result.failed:
        lines = [m for _, msgs in result.skipped for m in msgs] + [f"{k}：{m}" for _, k, m in result.failed]
        raise BundleFailed(f"{number} 的文档未能全部生成，无法打包：\n" + "\n".join(f"  {x}" for x in lines))
    docs = result.documents
    if not docs:
        raise YzdocsError(f"{number} 没有适用{'所选种类' if kinds else ''}的文档可打包。")

    manifest = Manifest.load(result.out_dir, len(repo.cases))
    owner = {rel: (key.rsplit("|", 1)[1], g["inputs"]) for key, g in manifest.groups.items() for rel in g["outputs"]}
    aid = doc.data.get("defendant")
    agency = {"id": aid, "name": (repo.agencies.get(aid) or {}).get("name") or aid}
    order = list(KINDS)
    items = []
    for p in docs:
        kind, inputs = owner[p.relative_to(result.out_dir).as_posix()]
        title = KINDS[kind].title
        hearing = re.search(r"-(\d+)$", p.stem)
        if KINDS[kind].per_hearing and hearing:
            title += f"（第{hearing.group(1)}次开庭）"
        items.append(Item(p, title, kind, str(number), agency, inputs))
    items.sort(key=lambda i: (order.index(i.kind), _natural(i.path.stem)))
    items = _with_pdfs(items, pdf or pdfa, pdfa)
    about = {"bundle": {"type": "case", "case_no": str(number), "agency": agency,
                        "case_file": path.relative_to(root).as_posix()},
             "created_from": _created_from(None)}
    heading = [f"案号：{number}", f"被告：{agency['name']}"]
    target = output or inside(result.out_dir, "bundles", f"{number}.zip")  # the year: numbers restart yearly
    bundle = write_bundle(target, items, about, heading)
    bundle.warnings = result.warnings
    return bundle


def _natural(stem: str):
    m = re.search(r"-(\d+)$", stem)
    return (stem[: m.start()], int(m.group(1))) if m else (stem, 0)


def _with_pdfs(items: list[Item], pdf: bool, pdfa: bool) -> list[Item]:
    """Each Word document followed by its PDF (converted now or up to date from before)."""
    if not pdf:
        return items
    from yzdocs.output.pdf import convert

    result = convert([i.path for i in items if i.path.suffix == ".docx"], pdfa=pdfa)
    if result.failed:
        raise BundleFailed("以下文档未能转换为 PDF，无法打包：\n" + "\n".join(
            f"  {f.docx.name}：{f.message}" for f in result.failed))
    out = []
    for item in items:
        out.append(item)
        if item.path.suffix == ".docx":
            out.append(Item(item.path.with_suffix(".pdf"), item.title, item.kind, item.case_no, item.agency,
                            item.inputs))
    return out


def _created_from(as_of: date | None) -> dict:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return {"as_of": as_of.isoformat() if as_of else None, "source_date_epoch": epoch or None}


# ----------------------------------------------------------------------------- a period

def period_bundle(root: Path, period_text: str, *, as_of: date, pdf: bool = False, pdfa: bool = False,
                  output: Path | None = None) -> Bundle:
    """Generate the period's reports and circulars into <output>/reports/ and pack them."""
    from yzdocs.render.format import cn_date
    from yzdocs.reports import agency_report, circular, district, loader, stats, words
    from yzdocs.reports.documents import render_report
    from yzdocs.periods import Period
    from yzdocs.reports.xlsx import workbook_bytes

    period = Period.parse(period_text)
    repo = loader.load(Path(root).resolve())
    basis = stats.judge(repo, as_of, (period.previous().start, period.end))
    folder = repo.output_dir() / "reports"
    inputs = _repository_hash(repo.root, as_of, str(period))
    warnings: list[str] = []
    items: list[Item] = []

    def add(name: str, data: bytes, title: str, kind: str, agency: dict | None = None) -> None:
        path = folder / safe_component(name)
        write_atomic(path, data)
        items.append(Item(path, title, kind, None, agency, inputs, data))

    def render(kind: str, context: dict, title: str, charts=None) -> bytes:
        context.setdefault("doc_date", cn_date(as_of))
        data, found = render_report(kind, repo.root, context, title=title, doc_date=as_of, charts=charts,
                                    agencies=repo.agencies)
        warnings.extend(found)
        return data

    numbers = stats.compute(basis, period)
    context, charts = district.build(basis, period, words.blank_number(repo.settings, as_of.year))
    add(f"{period.label}全区行政应诉工作情况通报.docx", render("district-circular", context, context["title"], charts),
        context["title"], "district-circular")
    try:
        drafted = circular.draft(basis, period, None, as_of)
    except circular.NothingToCirculate:
        drafted = None
    if drafted:
        rec = drafted["record"]
        add(f"{rec['number']}专项通报.docx", render("special-circular", drafted["context"], rec["title"]),
            rec["title"], "special-circular")
    for aid, unit in numbers["agencies"].items():
        if aid in repo.agencies and stats.active(unit):
            context = agency_report.context(basis, aid, period)
            add(f"{context['title']}.docx", render("agency-report", context, context["title"]), context["title"],
                "agency-report", {"id": aid, "name": unit["name"]})
    title = f"{period.label}行政应诉案件统计"
    add(f"{title}.xlsx", workbook_bytes(numbers), title, "stats")

    items = _with_pdfs(items, pdf or pdfa, pdfa)
    about = {"bundle": {"type": "period", "period": str(period), "label": period.label},
             "created_from": _created_from(as_of)}
    heading = [f"期间：{period.label}（{period.start.isoformat()} 至 {period.end.isoformat()}）",
               f"统计截至：{as_of.isoformat()}"]
    if basis.left_out:
        warnings.append(f"{len(basis.left_out)} 个案件文件有格式或字段错误，未计入：" +
                        "、".join(x["file"] for x in basis.left_out) + "（请用 yzdocs check 查看）。")
    bundle = write_bundle(output or inside(repo.output_dir(), "bundles", f"{period}.zip"), items, about, heading)
    bundle.warnings = warnings
    return bundle


def _repository_hash(root: Path, as_of: date, period: str) -> str:
    """What the period's reports are made from: the repository's YAML files, templates, the date, the tool."""
    from yzdocs.render.templates import template_for

    root = Path(root)
    digest = hashlib.sha256(f"{__version__}\0{as_of.isoformat()}\0{period}\0".encode())
    files = sorted(p for p in root.glob("*.y*ml") if p.is_file())
    for folder in ("cases", "circulars", "meetings", "reports"):
        if (root / folder).is_dir():
            files += sorted(p for p in (root / folder).rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    files += [template_for(k, root).path for k in ("district-circular", "special-circular", "agency-report")]
    for p in files:
        digest.update(p.name.encode("utf-8") + b"\0" + file_digest(p).encode())
    return digest.hexdigest()
