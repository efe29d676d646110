"""What a previous build wrote, so the next one rebuilds only what changed.

``DIR/.yzdocs-manifest.json`` holds two tables:

- ``groups``: per (case file, kind) — the hash of every input of those
  documents (case file bytes, agencies.yaml, yzdocs.yaml, template bytes,
  tool version, kind …) and the output files it produced (none when the kind
  does not apply, several for hearing-heads). A group whose input hash is
  unchanged and whose outputs are intact is skipped without even parsing the
  case file — that is what makes a no-op build fast.
- ``files``: per output file — SHA-256, size and mtime. A file whose size or
  mtime changed is re-hashed; if its content changed or it is gone (edited or
  deleted by hand), its group is rebuilt.

The manifest is written atomically, at the end of a build and periodically
during it; a group is recorded only after all its files were renamed into
place, so a killed build leaves a manifest the next build can trust. An
unreadable manifest is treated as empty (everything is rebuilt).

``OutputLock`` keeps two builds from writing into one directory at once.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from yzdocs.errors import OutputError
from yzdocs.output.atomic import sync_directory, write_atomic
from yzdocs.output.names import regular_inside

MANIFEST_NAME = ".yzdocs-manifest.json"
LOCK_NAME = ".yzdocs.lock"
FORMAT = 1


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def group_key(case_rel: str, kind: str) -> str:
    return f"{case_rel}|{kind}"


# A state file yzdocs reads back (build and PDF manifests, the site's record, the report cache) holds a
# few hundred bytes per case file; one larger than this is not one yzdocs wrote, and is ignored unread —
# a committed 32 MB manifest must not cost minutes.
STATE_BYTES = 1 << 20
STATE_BYTES_PER_FILE = 4 << 10


def state_limit(files: int = 0) -> int:
    return STATE_BYTES + STATE_BYTES_PER_FILE * files


def read_state(path: Path, limit: int = STATE_BYTES) -> str | None:
    """The text of a state file, or None when it is missing, unreadable or larger than ``limit``."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    if len(data) > limit:
        return None
    return data.decode("utf-8", "replace")


class Witness:
    """What this user's yzdocs wrote into an output folder: group -> inputs, file -> SHA-256.

    Kept in the user's own cache folder (``~/.cache/yzdocs/written/``), never in the repository: a
    committed ``out/`` (manifest, documents, PDFs) is data anyone with push access wrote. The build
    believes its manifest, and the site publishes a document, only as far as this witness agrees."""

    def __init__(self, out_dir: Path, groups: dict | None = None, files: dict | None = None):
        self.out_dir = Path(out_dir)
        self.groups: dict[str, str] = groups or {}
        self.files: dict[str, str] = files or {}

    @staticmethod
    def path(out_dir: Path) -> Path:
        from yzdocs.usercache import cache_dir

        return cache_dir("written") / (hashlib.sha256(str(Path(out_dir).resolve()).encode()).hexdigest()[:32] + ".json")

    @classmethod
    def load(cls, out_dir: Path) -> Witness:
        text = read_state(cls.path(out_dir), STATE_BYTES << 6)  # the user's own file: a generous bound
        try:
            raw = json.loads(text) if text is not None else {}
        except (ValueError, RecursionError):
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        groups = {k: v for k, v in (raw.get("groups") or {}).items() if isinstance(v, str)}
        files = {k: v for k, v in (raw.get("files") or {}).items() if isinstance(v, str)}
        return cls(out_dir, groups, files)

    def save(self) -> None:
        data = {"out": str(self.out_dir.resolve()), "groups": dict(sorted(self.groups.items())),
                "files": dict(sorted(self.files.items()))}
        path = self.path(self.out_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
        except (OSError, OutputError):
            pass  # no cache folder: the next build trusts nothing and renders everything again

    def vouches(self, rel: str) -> bool:
        """Whether the file ``rel`` of the output folder is, byte for byte, what this user's yzdocs wrote."""
        expected = self.files.get(rel)
        return bool(expected) and regular_inside(self.out_dir, rel) and sha256_file(self.out_dir / rel) == expected


class Manifest:
    def __init__(self, out_dir: Path, groups: dict | None = None, files: dict | None = None):
        self.out_dir = Path(out_dir)
        self.groups: dict[str, dict] = groups or {}
        self.files: dict[str, dict] = files or {}
        self.repaired = False  # True when the file on disk was unreadable

    @classmethod
    def load(cls, out_dir: Path, files: int = 0) -> Manifest:
        """The build's record in ``out_dir``; ``files``: the case files it may cover (sets its size bound)."""
        path = Path(out_dir) / MANIFEST_NAME
        if not path.exists():
            return cls(out_dir)
        text = read_state(path, state_limit(files))
        try:
            raw = json.loads(text) if text is not None else None
        except (ValueError, RecursionError):
            raw = None
        if raw is None:
            manifest = cls(out_dir)
            manifest.repaired = True
            return manifest
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            manifest = cls(out_dir)
            manifest.repaired = True
            return manifest
        # The manifest lies in the output folder, which a repository can carry: only what this user's
        # yzdocs wrote (its witness, in the user's own cache) is believed — same inputs, same bytes.
        seen = Witness.load(out_dir)
        files = {k: v for k, v in (raw.get("files") or {}).items()
                 if isinstance(v, dict) and v.get("sha256") and seen.files.get(k) == v.get("sha256")}
        groups = {k: v for k, v in (raw.get("groups") or {}).items()
                  if isinstance(v, dict) and isinstance(v.get("outputs"), list) and seen.groups.get(k) == v.get("inputs")
                  and all(r in files for r in v["outputs"])}
        return cls(out_dir, groups, files)

    def file_intact(self, rel: str) -> bool:
        """True when the output file is on disk with the content this manifest recorded."""
        entry = self.files.get(rel)
        if entry is None:
            return False
        path = self.out_dir / rel
        try:
            st = path.stat()
        except OSError:
            return False
        if st.st_size == entry.get("size") and st.st_mtime_ns == entry.get("mtime_ns"):
            return True
        if st.st_size != entry.get("size"):
            return False
        if sha256_file(path) != entry.get("sha256"):
            return False
        entry["mtime_ns"] = st.st_mtime_ns  # touched, not changed: trust it from now on
        return True

    def fresh(self, key: str, inputs: str) -> bool:
        """True when group ``key`` was built from ``inputs`` and all its outputs are intact."""
        group = self.groups.get(key)
        return bool(group) and group.get("inputs") == inputs and all(self.file_intact(r) for r in group["outputs"])

    def record(self, key: str, inputs: str, outputs: list[tuple[str, str]]) -> None:
        """Group ``key`` now consists of ``outputs`` [(rel path, sha256)], all on disk."""
        for rel, sha in outputs:
            st = (self.out_dir / rel).stat()
            self.files[rel] = {"sha256": sha, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        old = self.groups.get(key, {}).get("outputs", [])
        self.groups[key] = {"inputs": inputs, "outputs": [rel for rel, _ in outputs]}
        kept = {rel for rel, _ in outputs}
        for rel in old:
            if rel not in kept and not self._referenced(rel):
                self.files.pop(rel, None)

    def forget(self, key: str) -> None:
        for rel in self.groups.pop(key, {}).get("outputs", []):
            if not self._referenced(rel):
                self.files.pop(rel, None)

    def _referenced(self, rel: str) -> bool:
        return any(rel in g["outputs"] for g in self.groups.values())

    def save(self) -> None:
        data = {"format": FORMAT, "groups": dict(sorted(self.groups.items())),
                "files": dict(sorted(self.files.items()))}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(self.out_dir / MANIFEST_NAME, text.encode("utf-8"))
        sync_directory(self.out_dir)
        witness = Witness.load(self.out_dir)
        witness.groups = {k: g["inputs"] for k, g in self.groups.items()}
        witness.files = {**{k: v for k, v in witness.files.items() if k.endswith(".pdf")},
                         **{k: f["sha256"] for k, f in self.files.items()}}
        witness.save()


class OutputLock:
    """An exclusive lock on the output directory for the duration of a build."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK_NAME
        self._fh = None
        self.taken_over: str | None = None  # the process id of a build that was killed while holding it

    def __enter__(self) -> OutputLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # never through a symlink planted in the repository's output folder
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
            self._fh = os.fdopen(fd, "a+b")
        except OSError as exc:
            raise OutputError(f"无法在输出目录 {self.path.parent} 中创建锁文件：{exc.strerror or exc}") from exc
        try:
            _lock(self._fh)
        except OSError as exc:
            self._fh.close()
            self._fh = None
            raise OutputError(
                f"另一个 yzdocs build 正在向 {self.path.parent} 输出文档，请等它完成后再运行"
                f"（锁文件：{self.path}）。"
            ) from exc
        self._record_holder()
        return self

    def _record_holder(self) -> None:
        """The holder's process id stays in the file while it builds and is cleared when it ends:
        an id found on taking the lock is a build that was killed (the kernel released its lock)."""
        try:
            self._fh.seek(0)
            previous = self._fh.read(32).decode("ascii", "replace").strip()
            self.taken_over = previous if previous.isdigit() else None
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.write(str(os.getpid()).encode("ascii"))
            self._fh.flush()
        except OSError:
            pass  # the id is only for the message; the lock itself holds

    def __exit__(self, *exc_info) -> None:
        if self._fh is not None:
            try:
                self._fh.truncate(0)
            except OSError:
                pass
            _unlock(self._fh)
            self._fh.close()
            self._fh = None


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh):
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh):
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh):
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
