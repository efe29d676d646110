"""Re-zipping an Office package with fixed timestamps, so equal inputs give equal bytes."""

from __future__ import annotations

import io
import zipfile

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: list[tuple[str, bytes]] | None = None) -> bytes:
    """The package ``data`` with parts replaced/added, entry order kept, timestamps fixed."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        entries = [(i.filename, src.read(i)) for i in src.infolist()]
        for name, blob in entries + list(add or ()):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, replace.get(name, blob))
    return out.getvalue()
