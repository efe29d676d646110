"""Who recorded what when: the git history of the repository's files, for case pages.

One ``git log`` for the whole repository, not one per file. The repository is
untrusted: its own git configuration must not run anything, so git is called
without a shell, without a pager, hooks, fsmonitor or signature checks,
ignoring the system and global configuration, with a time limit and a bound
on the commits read. Every key of the repository's configuration that names a
program is overridden on the command line (``-c`` wins over .git/config), and
every transport is forbidden (``protocol.allow=never``): a partial clone with a
missing object cannot lazily fetch it — that fetch would run the remote's
``uploadpack`` command. Not a git checkout, git missing, or git refusing
(another user's checkout), or an object missing: no history, never an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_COMMITS = 20_000  # newest commits read at most
# What overrides the repository's own configuration: no transport (no lazy fetch, no remote helper), and
# every key that names a program git might start while reading history set to nothing that runs.
SAFE_CONFIG = (
    ("protocol.allow", "never"),
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("core.pager", "cat"),
    ("core.sshCommand", "false"),
    ("core.gitProxy", ""),
    ("core.askPass", ""),
    ("core.editor", "false"),
    ("core.alternateRefsCommand", ""),
    ("diff.external", ""),
    ("gpg.program", "false"),
    ("gpg.ssh.program", "false"),
    ("gpg.x509.program", "false"),
    ("log.showSignature", "false"),
    ("credential.helper", ""),
    ("fetch.negotiationAlgorithm", "noop"),
    ("uploadpack.packObjectsHook", ""),
    ("core.quotePath", "false"),
)
TIMEOUT = 60  # seconds
SEP, END = "\x1f", "\x1e"


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD HH:MM (the author's time)
    author: str
    message: str
    commit: str  # abbreviated hash


def _git(root: Path) -> list[str] | None:
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    overrides = [f"{key}={value}" for key, value in SAFE_CONFIG] + [f"safe.directory={root}"]
    return [git, "-C", str(root), *(arg for kv in overrides for arg in ("-c", kv)), "--no-pager"]


def file_history(root: Path, folder: str = "cases") -> dict[str, list[Change]]:
    """rel path -> its changes, newest first (renames are not followed: a file's history is its own)."""
    root = Path(root).resolve()
    base = _git(root)
    if base is None:
        return {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0", LC_ALL="C.UTF-8",
               GIT_NO_LAZY_FETCH="1",  # git 2.44 and later: no fetch of a missing object, whatever the config
               GIT_PROTOCOL_FROM_USER="0", GIT_ALLOW_PROTOCOL="")
    cmd = base + ["log", f"--max-count={MAX_COMMITS}", "--no-show-signature", "--no-color", "--name-only",
                  "--no-renames",
                  f"--format={END}%h{SEP}%ad{SEP}%an{SEP}%s", "--date=format:%Y-%m-%d %H:%M", "--", folder]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                              env=env, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    return _parse(proc.stdout.decode("utf-8", "replace"))


def _parse(text: str) -> dict[str, list[Change]]:
    out: dict[str, list[Change]] = {}
    for block in text.split(END)[1:]:
        head, _, names = block.partition("\n")
        fields = head.split(SEP)
        if len(fields) != 4:
            continue
        commit, when, author, message = fields
        change = Change(when, author, message, commit)
        for name in names.splitlines():
            if name.strip():
                out.setdefault(name.strip(), []).append(change)
    return out
