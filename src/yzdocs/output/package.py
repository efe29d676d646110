"""Writing Office packages (zip files) so that equal inputs give equal bytes."""

from __future__ import annotations

import io
import zipfile

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: no clock in the output


def zip_entries(entries) -> bytes:
    """A deflated zip of (name, bytes) pairs in the given order, timestamps and modes fixed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, blob)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    """The package ``data`` with parts replaced or added, entry order kept, timestamps fixed."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = [(i.filename, replace[i.filename] if i.filename in replace else src.read(i))
                   for i in src.infolist()]
    return zip_entries(entries + list(add or ()))
