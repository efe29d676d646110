"""`yzdocs init`: a new, empty case repository that passes `check` at once.

The files come from ``scaffold/`` (commented, in Chinese); ``$district``,
``$court``, ``$source`` and ``$ref`` (where CI gets yzdocs from) are filled in.
Nothing that exists is overwritten. The folder becomes a git repository when
it is not in one: the site's history and CI need it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from yzdocs import __version__
from yzdocs.authoring.paths import VSCODE_SCHEMA_DIR
from yzdocs.errors import YzdocsError
from yzdocs.output.atomic import write_atomic
from yzdocs.rules.policy import BUILTIN_DIR, DEFAULT_POLICY

SCAFFOLD = Path(__file__).parent / "scaffold"
# repository path -> scaffold file
FILES = {
    "yzdocs.yaml": "yzdocs.yaml",
    "agencies.yaml": "agencies.yaml",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/yzdocs.yml": "github.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".gitea/workflows/yzdocs.yml": "gitea.yml",
    ".github/workflows/yzdocs-notify.yml": "github-notify.yml",
    ".gitea/workflows/yzdocs-notify.yml": "gitea-notify.yml",
}
FOLDERS = ("cases", "circulars", "meetings", "reports")


@dataclass
class InitResult:
    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left alone
    git: str = ""  # what was done about git, in Chinese
    source_known: bool = True  # False: no git address was given or found; the CI files ask the user to write it


def init_repository(root: Path, district: str = "峄城区", court: str | None = None,
                    source: str | None = None) -> InitResult:
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise YzdocsError(f"{root} 已存在且不是目录。")
    found, ref = installed_from()
    own_rules = district != BUILTIN_DISTRICT
    values = {"rules": RULES_FILE if own_rules else DEFAULT_POLICY, "district": district, "initial": district[:1], "court": court or f"{district}人民法院",
              "source": source or found or SOURCE_PLACEHOLDER,
              "ref": ref or f"v{__version__}"}
    texts = {rel: Template((SCAFFOLD / name).read_text(encoding="utf-8")).substitute(values)
             for rel, name in FILES.items()}  # all rendered before anything is written
    result = InitResult(root, source_known=bool(source or found))
    if own_rules:  # another district's rules are its own document: a copy to adapt, never 峄城区's cited
        _write(root, RULES_FILE, _rules_copy(district).encode("utf-8"), result)
    for rel, text in texts.items():
        _write(root, rel, text.encode("utf-8"), result)
    for folder in FOLDERS:
        _write(root, f"{folder}/.gitkeep", b"", result)
    _write(root, ".vscode/settings.json", _vscode_settings(), result)
    result.written += _json_schemas(root)
    result.git = _git_init(root)
    return result


SOURCE_PLACEHOLDER = "<yzdocs 的 git 地址>"
BUILTIN_DISTRICT = "峄城区"  # whose rules (意见, 峄政办发〔2023〕2号) the built-in scheme is
RULES_FILE = "rules.yaml"
RULES_NOTE = ("# {district}行政应诉规则方案：以 yzdocs 内置的峄城区方案为底本生成。请按本区文件核对每条规则的期限、\n"
              "# 计算方法和措辞，并在下面 document 中填写本区文件的标题和发文字号——通报、报告和约谈通知引用它；\n"
              "# 未填写时公文写“本区行政应诉工作制度”。\n")


def _rules_copy(district: str) -> str:
    """The built-in scheme as another district's own file: its name, and its document left to fill in."""
    text = (BUILTIN_DIR / f"{DEFAULT_POLICY}.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nname: ")
    rest = rest.split("\n", 1)[1]
    lines = rest.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("document:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    document = ["document:", "  title:      # 本区文件标题（不带书名号），如 关于加强和规范行政应诉工作的意见",
                "  number:     # 发文字号，如 ××政办发〔2023〕2号"]
    lines = [line for line in lines[:start] if not line.startswith("title:")] + document + lines[end:]
    body = "\n".join(lines)
    body = "\n".join(line for line in head.split("\n") if not line.startswith("# 峄城区")) + "\n" + body
    return RULES_NOTE.format(district=district) + f"name: {district}\n" + body.lstrip("\n")
GIT_HOW = "请安装 git 后在该目录运行 git init，再提交全部文件（督办网站的修改记录和持续集成都需要 git 仓库）。"


def installed_from() -> tuple[str | None, str | None]:
    """(git URL, commit) this yzdocs was installed from, when pip recorded one (PEP 610 direct_url.json)."""
    from importlib import metadata

    try:
        info = json.loads(metadata.distribution("yzdocs").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return None, None
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") != "git" or not isinstance(info.get("url"), str):
        return None, None
    return info["url"], vcs.get("commit_id")


def _git_init(root: Path) -> str:
    """Make ``root`` a git repository unless it is inside one; say what was done (or how to do it)."""
    git = shutil.which("git")
    if git is None:
        return "未找到 git 命令。" + GIT_HOW
    inside = subprocess.run([git, "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True)
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return "该目录已在 git 仓库中。"
    made = subprocess.run([git, "init", "--quiet", str(root)], capture_output=True, text=True)
    if made.returncode != 0:
        return f"git init 未成功（{made.stderr.strip()[:200]}）。" + GIT_HOW
    return "已初始化 git 仓库（git init）；请检查后提交全部文件：git add -A && git commit -m 初始化案件库。"


def _write(root: Path, rel: str, data: bytes, result: InitResult) -> None:
    path = root / rel
    if path.exists() or path.is_symlink():
        result.kept.append(rel)
        return
    write_atomic(path, data)
    result.written.append(rel)


def _vscode_settings() -> bytes:
    from yzdocs.authoring.jsonschema import vscode_settings

    return (json.dumps(vscode_settings(VSCODE_SCHEMA_DIR), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_schemas(root: Path) -> list[str]:
    from yzdocs.authoring.jsonschema import write_schemas

    return [p.relative_to(root).as_posix() for p in write_schemas(root / VSCODE_SCHEMA_DIR)]
