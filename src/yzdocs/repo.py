"""The case repository: where it is, which files it has, and loading them all.

Loading never raises for anything in the files: every problem becomes a
finding on the Document it concerns (check-jsonschema style), so the caller
decides whether to report, skip or abort.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from yzdocs import casenumber, outcomes, schema
from yzdocs.errors import ConfigError, RepositoryNotFound
from yzdocs.findings import ERROR, WARNING, Finding
from yzdocs.loading import Document, load_yaml_file, read_head

MARKERS = ("yzdocs.yaml", "agencies.yaml")
YAML_SUFFIXES = (".yaml", ".yml")
# Folder of the repository -> schema kind of the YAML files in it.
FOLDERS = {"cases": "case", "circulars": "circular", "meetings": "meetings", "reports": "report"}
ATTRIBUTES = {"cases": "cases", "circulars": "circulars", "meetings": "meetings", "reports": "reports"}


def find_root(explicit: str | None = None, start: Path | None = None) -> Path:
    """--repo / YZDOCS_REPO when given, else the nearest ancestor holding a marker file."""
    if explicit:
        root = Path(explicit)
        if not root.is_dir():
            raise RepositoryNotFound(f"案件库目录“{explicit}”不存在。")
        if not any((root / m).is_file() for m in MARKERS):
            raise RepositoryNotFound(f"“{explicit}”不是案件库：其中没有 yzdocs.yaml 或 agencies.yaml。")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if any((folder / m).is_file() for m in MARKERS):
            return folder
    raise RepositoryNotFound(
        "找不到案件库：当前目录及其上级目录中都没有 yzdocs.yaml 或 agencies.yaml。"
        "请在案件库目录中运行，或用 --repo 目录 / 环境变量 YZDOCS_REPO 指定。")


@dataclass
class Repository:
    root: Path
    settings: dict
    agencies: dict  # id -> agency mapping
    settings_doc: Document | None = None
    agencies_doc: Document | None = None
    holidays_doc: Document | None = None
    targets_doc: Document | None = None  # notify.yaml: where reminders go (optional)
    holidays: dict = field(default_factory=dict)  # year -> {"rest": set, "work": set}
    cases: list[Document] = field(default_factory=list)
    circulars: list[Document] = field(default_factory=list)
    meetings: list[Document] = field(default_factory=list)
    reports: list[Document] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)  # findings about no single loaded file
    partial: bool = False  # only some case files were loaded (check of PATHs)
    selected: set = field(default_factory=set)  # repository-relative paths the PATHs named

    def documents(self) -> list[Document]:
        singles = [d for d in (self.settings_doc, self.agencies_doc, self.holidays_doc, self.targets_doc) if d]
        return singles + self.cases + self.circulars + self.meetings + self.reports

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents() for f in d.findings] + self.extra

    def valid_cases(self) -> list[Document]:
        return [d for d in self.cases if d.ok]

    def config_problems(self) -> list[Finding]:
        """Errors in yzdocs.yaml, agencies.yaml or holidays.yaml (fatal for builds)."""
        singles = (self.settings_doc, self.agencies_doc, self.holidays_doc)
        return [f for d in singles if d for f in d.findings if f.severity == ERROR]

    def output_dir(self) -> Path:
        """The output folder the settings name: inside the repository, after symlinks, or refused.
        (A folder named on the command line with -o is the user's choice and not held to this.)"""
        name = self.settings.get("output") or "out"
        path = contained(self.root, name)
        if path is None:
            raise ConfigError(f"输出目录“{name}”（yzdocs.yaml 的 output 设置，或指向别处的符号链接）不在案件库之内，"
                              "已拒绝写入。请改为案件库内的目录，或在命令行用 -o 指定输出位置。")
        if (why := unfit_output(self.root, path)) is not None:
            raise ConfigError(f"输出目录“{name}”是{why}，已拒绝：生成的文件和网站不能与案件库自己的文件混在一起。"
                              "请改为单独的目录（如 out）。")
        return path


def load_repository(root: Path, paths=None) -> Repository:
    """Load the repository at ``root``; with ``paths``, only the files those paths name."""
    with gc_paused():
        repo = load_base(root)
        selected = _select(repo.root, paths, repo) if paths else None
        repo.partial = selected is not None
        repo.selected = {_rel(repo.root, p) for p in selected or ()}
        for folder in FOLDERS:
            load_folder(repo, folder, selected)
        finish_cases(repo)
    return repo


@contextmanager
def gc_paused():
    """Loading builds many small acyclic objects: the cyclic collector's passes
    over them are pure cost (a quarter of the time at 10,000 cases)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_base(root: Path) -> Repository:
    """Settings, agencies and holidays: everything but the files of the four folders."""
    root = Path(root).resolve()
    settings_doc = _load_single(root, "yzdocs.yaml", "settings")
    settings = _settings_with_defaults(settings_doc)
    agencies_doc = _load_single(root, "agencies.yaml", "agencies")
    repo = Repository(root, settings, _agencies(agencies_doc), settings_doc, agencies_doc)
    if agencies_doc is None:
        repo.extra.append(Finding("schema", ERROR, "案件库中没有 agencies.yaml（被诉行政机关名录），无法核对被告。", "agencies.yaml", 1, 1))
    repo.holidays_doc = _load_single(root, settings.get("holidays") or "holidays.yaml", "holidays", "holidays")
    repo.holidays = _holidays(repo.holidays_doc)
    repo.targets_doc = _load_single(root, settings.get("notify") or "notify.yaml", "targets", "notify", set(repo.agencies))
    output = contained(root, settings.get("output") or "out")
    line, col = settings_doc.position(("output",)) if settings_doc else (0, 0)
    if output is None and schema.plain_relative(settings.get("output") or "out"):
        # a symlink does it (a path that says so itself is a schema finding already)
        repo.extra.append(Finding("schema", ERROR, f"输出目录“{settings.get('output') or 'out'}”（output 设置或符号链接）"
                                  "不在案件库之内：生成的文件只能写在案件库内，或写到命令行 -o 指定的位置。",
                                  "yzdocs.yaml", line, col))
    elif output is not None and (why := unfit_output(root, output)) is not None:
        repo.extra.append(Finding("schema", ERROR, f"输出目录“{settings.get('output')}”是{why}：生成的文件和网站"
                                  "不能与案件库自己的文件混在一起，请改为单独的目录（如 out）。", "yzdocs.yaml", line, col))
    return repo


def without_district(name: str, district: str) -> str:
    """峄城区市场监督管理局 → 市场监督管理局 (a name that is only the district's stays as it is)."""
    return name[len(district):] if district and name.startswith(district) and len(name) > len(district) else name


def agency_short_name(agency: dict, district: str) -> str:
    """The name narrow table columns and chart axes use: agencies.yaml's ``short``, else the full name
    without the district's."""
    return agency.get("short") or without_district(str(agency.get("name") or ""), district)


# Folders holding the repository's own files (and git's): never an output folder, nor inside one.
OWN_FOLDERS = ("cases", "circulars", "meetings", "reports", "templates", ".git", ".github", ".gitea", ".vscode")


def unfit_output(root: Path, path: Path) -> str | None:
    """Why ``path`` (resolved) cannot be the output folder: the repository root, or a folder of its own
    files (``output: .`` would let a manifest name .git/config, and the site publish it); else None."""
    root = Path(root).resolve()
    if path == root:
        return "案件库的根目录"
    for name in OWN_FOLDERS:
        own = root / name
        if path == own or own in path.parents:
            return f"案件库自己的 {name}/ 目录"
    return None


def contained(root: Path, name: str) -> Path | None:
    """``root / name`` with every symlink resolved, if that stays inside ``root``; else None."""
    resolved = (Path(root) / name).resolve()
    return resolved if _inside(Path(root).resolve(), resolved) else None


def load_folder(repo: Repository, folder: str, selected=None) -> list[Document]:
    """Load and validate the YAML files of one folder (cases, circulars …) into ``repo``."""
    files = yaml_files(repo, folder)
    if selected is not None:
        files = [f for f in files if f in selected]
    docs = [load_file(repo, f, FOLDERS[folder]) for f in files]
    setattr(repo, ATTRIBUTES[folder], docs)
    return docs


def load_file(repo: Repository, path: Path, kind: str) -> Document:
    """One file of the repository, read and (when readable) validated."""
    return _load(repo.root, path, kind, set(repo.agencies))


def finish_cases(repo: Repository) -> None:
    """Cross-file work on the loaded cases: canonical numbers, places, uniqueness."""
    for doc in repo.cases:
        _check_case_file(doc)
    _check_unique_case_numbers(repo.root, repo)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _load(root: Path, path: Path, kind: str, agency_ids=None) -> Document:
    doc = load_yaml_file(path, _rel(root, path))
    if doc.ok:
        schema.validate(doc, kind, agency_ids)
    return doc


def _load_single(root: Path, name: str, kind: str, setting: str = "", agency_ids=None) -> Document | None:
    path = contained(root, name)
    if path is None:  # never read, never echoed: it may hold anything of the machine's
        where = f"yzdocs.yaml 的 {setting} 设置" if setting else "符号链接"
        return Document(name, None, [Finding("schema", ERROR, f"“{name}”（{where}）指向案件库之外，出于安全考虑未读取。"
                                             "案件库使用的数据文件都必须在案件库之内。",
                                             "yzdocs.yaml" if setting else name, 1, 1)])
    if not path.is_file():
        return None
    return _load(root, root / name, kind, agency_ids)


def load_settings(root: Path) -> dict:
    """yzdocs.yaml of the repository at ``root`` with defaults filled in, without loading anything else
    (an unreadable or invalid file gives the defaults; `yzdocs check` reports it)."""
    return _settings_with_defaults(_load_single(Path(root).resolve(), "yzdocs.yaml", "settings"))


def _settings_with_defaults(doc: Document | None) -> dict:
    fields = schema.load_schema("settings")["fields"]
    settings = {k: rule.get("default") for k, rule in fields.items()}
    if doc is not None and doc.ok:
        settings.update({k: v for k, v in doc.data.items() if v is not None})
    district = str(settings.get("district") or "")
    for key, rule in fields.items():  # names that follow from the district's (薛城区 → 薛城区司法局)
        if settings.get(key) is None and (form := rule.get("meta", {}).get("derive")):
            settings[key] = form.format(district=district, initial=district[:1])
    return settings


def _agencies(doc: Document | None) -> dict:
    if doc is None or not isinstance(doc.data, dict):
        return {}
    agencies, first_line = {}, {}
    for i, agency in enumerate(doc.data.get("agencies") or ()):
        if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
            continue
        aid = agency["id"]
        if aid in agencies:
            doc.add("schema", f"机关代号“{aid}”重复（第 {first_line[aid]} 行已登记），代号必须唯一。", ("agencies", i, "id"))
            continue
        first_line[aid] = doc.position(("agencies", i, "id"))[0]
        agencies[aid] = agency
    return agencies


def _holidays(doc: Document | None) -> dict:
    if doc is None or not doc.ok:
        return {}
    return {int(year): {"rest": set(v.get("rest") or ()), "work": set(v.get("work") or ()),
                        "replace": bool(v.get("replace"))} for year, v in doc.data.items()}


def case_files(root: Path) -> list[Path]:
    """Every case file of the repository at ``root``, sorted (links out of it refused)."""
    root = Path(root).resolve()
    return _yaml_files(root, root / "cases", Repository(root, {}, {}))


def yaml_files(repo: Repository, folder: str) -> list[Path]:
    """The YAML files of one repository folder, sorted (links out of the repository refused)."""
    return _yaml_files(repo.root, repo.root / folder, repo)


def _yaml_files(root: Path, folder: Path, repo: Repository) -> list[Path]:
    """YAML files below ``folder``, sorted; links that leave the repository are refused."""
    if not folder.is_dir():
        return []
    if not _inside(root, folder.resolve()):  # the folder itself a link out (cases -> /): not a file is read
        repo.extra.append(Finding("yaml", ERROR, f"目录 {_rel(root, folder)}/ 是指向案件库之外的符号链接，出于安全考虑未读取"
                                  "其中任何文件。请把文件本身放在案件库中。", _rel(root, folder)))
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):  # does not follow directory links
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not _inside(root, path.resolve()):
                repo.extra.append(Finding("yaml", ERROR, "该文件是指向案件库之外的符号链接，出于安全考虑未读取。",
                                          _rel(root, path), 1, 1))
                continue
            found.append(path)
        for d in list(dirnames):
            if (Path(dirpath) / d).is_symlink():
                dirnames.remove(d)
    return found


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _select(root: Path, paths, repo: Repository) -> set[Path]:
    """The repository files named by PATHs (files or folders)."""
    selected = set()
    for p in paths:
        path = Path(p)
        path = (path if path.is_absolute() else Path.cwd() / path)
        if not path.exists():
            repo.extra.append(Finding("yaml", ERROR, f"路径“{p}”不存在。", str(p), 0, 0))
            continue
        path = Path(os.path.abspath(path))
        if not _inside(root, path.resolve()):
            repo.extra.append(Finding("yaml", ERROR, f"路径“{p}”不在案件库 {root} 之内。", str(p), 0, 0))
            continue
        if path.is_dir():
            selected.update(f for f in _yaml_files(root, path, repo))
        elif _is_data_file(_rel(root, path), repo.settings):
            selected.add(path)
        else:
            repo.extra.append(Finding("yaml", ERROR, f"“{p}”不是案件库的数据文件，未检查。yzdocs 检查的是 "
                                      "cases/、circulars/、meetings/、reports/ 下的 YAML 文件和 yzdocs.yaml、"
                                      "agencies.yaml、holidays.yaml、notify.yaml。", _rel(root, path), 0, 0))
    return selected


def _is_data_file(rel: str, settings: dict) -> bool:
    """A file of the four folders, or one of the single files (holidays and notify where the settings put them)."""
    singles = {"yzdocs.yaml", "agencies.yaml", settings.get("holidays") or "holidays.yaml",
               settings.get("notify") or "notify.yaml"}
    if rel in singles:
        return True
    folder, _, rest = rel.partition("/")
    return folder in FOLDERS and rest.endswith(YAML_SUFFIXES)


def _check_case_file(doc: Document) -> None:
    """Canonicalise the case number and compare it with the file's place."""
    if not doc.ok:
        return
    cn = casenumber.parse(doc.data.get("case_no"))
    if cn is None:
        return
    doc.data["case_no"] = str(cn)
    _derive_level(doc, cn)
    result = (doc.data.get("judgment") or {}).get("result")
    if result and not outcomes.classified(result):
        doc.add("schema", f"裁判结果“{result}”没有归类为败诉或非败诉，统计和考核无法计算。请改用结构定义中的结果，"
                "或在 yzdocs 的 outcomes.py 中为它归类。", ("judgment", "result"), case_no=str(cn))
    parts = doc.rel.split("/")
    expected = f"cases/{cn.year}/{cn.file_stem}.yaml"
    if parts[-1].rsplit(".", 1)[0] != cn.file_stem or (len(parts) == 3 and parts[1] != str(cn.year)):
        doc.add("schema", f"文件位置与案号不一致：案号 {cn} 的文件通常放在 {expected}。", ("case_no",),
                severity=WARNING, case_no=str(cn))


def _derive_level(doc: Document, cn: casenumber.CaseNumber) -> None:
    """The level follows from the case type (行终 → 二审) when not typed; a typed one that says otherwise
    is an error, since the level decides who must answer and whether the judgment can be appealed."""
    typed, derived = doc.data.get("level"), cn.level
    if derived is None:
        return
    if not typed:
        doc.data["level"] = derived
    elif typed != derived:
        said = schema.enum_label("case", ("level",), typed)
        meant = schema.enum_label("case", ("level",), derived)
        doc.add("schema", f"审级“{said}”（{typed}）与案号 {cn} 的类型“{cn.kind}”（{meant}）不一致。"
                f"请写 level: {derived}，或删去 level 一行（按案号确定）。", ("level",), case_no=str(cn))


_CASE_NO_LINE = re.compile(r"^case_no:[ \t]*['\"]?([^'\"#\n]*?)['\"]?[ \t]*(?:#.*)?$", re.M)


def _check_unique_case_numbers(root: Path, repo: Repository) -> None:
    """Each case number appears in one file only.

    A partial load (pre-commit on a few files) still compares with every other
    case file, cheaply: a conventionally named file (cases/2023/鲁0404行初15号.yaml)
    is taken at its name, any other is scanned for its `case_no:` line. A file
    whose content disagrees with its name gets its own warning when checked.
    """
    # compared canonically (NFKC): a number typed with full-width digits is still the same case
    numbers = {doc.rel: casenumber.canonical(value) for doc in repo.cases
               if casenumber.parse(value := doc.data.get("case_no") if isinstance(doc.data, dict) else None)}
    owners: dict[str, list[str]] = {}
    for rel, number in numbers.items():
        owners.setdefault(number, []).append(rel)
    if repo.partial and owners:
        loaded = {d.rel for d in repo.cases}
        for path in case_files(root):
            rel = _rel(root, path)
            if rel not in loaded:
                other = _number_of(path)
                if other in owners:
                    owners[other].append(rel)
    for doc in repo.cases:
        number = numbers.get(doc.rel)
        others = [r for r in owners[number] if r != doc.rel] if number else []
        if others:
            doc.add("schema", f"案号 {number} 重复：{'、'.join(others)} 中也有该案号。一个案件只能有一个文件。",
                    ("case_no",), case_no=number)


def _number_of(path: Path) -> str | None:
    """The canonical case number of a case file, from its name or else its `case_no:` line."""
    by_name = casenumber.parse(f"（{path.parent.name}）{path.stem}")
    return str(by_name) if by_name is not None else case_number_in(path)


def case_number_in(path: Path) -> str | None:
    """The canonical case number on a case file's `case_no:` line, read without parsing YAML."""
    m = _CASE_NO_LINE.search(read_head(path).decode("utf-8", errors="replace"))  # bounded: files may be huge
    number = casenumber.parse(m.group(1)) if m else None
    return str(number) if number else None
