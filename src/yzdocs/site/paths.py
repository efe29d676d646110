"""Where a case's page lies in the site: also what `notify` links to, without loading the site's model."""

from __future__ import annotations

from yzdocs.output.names import safe_component


def case_pages(rels: list[str]) -> dict[str, str]:
    """cases/2023/鲁0404行初15号.yaml -> cases/2023/鲁0404行初15号.html; names made safe and unique."""
    pages, taken = {}, set()
    for rel in sorted(rels):
        parts = rel.split("/")[1:] or [rel]
        parts[-1] = parts[-1].rsplit(".", 1)[0]
        stem = "/".join(safe_component(p, "case") for p in parts)
        page, n = f"cases/{stem}.html", 1
        while page.lower() in taken:
            n += 1
            page = f"cases/{stem}-{n}.html"
        taken.add(page.lower())
        pages[rel] = page
    return pages
