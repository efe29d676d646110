"""Where pages lie in the site, and its base URL: also what `notify` links to, without loading the
site's model."""

from __future__ import annotations

from urllib.parse import quote

from yzdocs.errors import ConfigError
from yzdocs.output.names import safe_component


def base_url(url: str | None) -> str | None:
    """The site's address ending in "/" (None: none given)."""
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"--base-url “{url}”应以 http:// 或 https:// 开头，例如 https://intranet.example.cn/yzdocs/。")
    return url if url.endswith("/") else url + "/"


def page_url(base: str, page: str) -> str:
    """The address of a site page (Chinese file names percent-encoded, as every link of the site is)."""
    return f"{base}{quote(page, safe='/')}"


def agency_page(aid: str) -> str:
    return f"agencies/{safe_component(aid, 'agency')}.html"


def agency_feed(aid: str) -> str:
    return f"feeds/{safe_component(aid, 'agency')}.ics"


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
