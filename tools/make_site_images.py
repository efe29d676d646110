"""Write docs/images/site-*.png: the three page kinds of `yzdocs site`, as Chromium shows them.

Run from the project root (needs Debian's chromium). The sample repository is
copied, built and turned into a site as of 2025-12-31; each page's top is
captured and reduced to a 64-colour palette so the images stay small.

    python tools/make_site_images.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PAGES = {"site-overview": "index.html", "site-agency": "agencies/tanshan.html",
         "site-case": "cases/2024/鲁0404行初62号.html"}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1200,900"]


def yzdocs(root: Path, *args) -> None:
    subprocess.run([sys.executable, "-m", "yzdocs", "--repo", str(root), *args], check=True, capture_output=True)


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        for name in ("cases", "circulars", "meetings", "reports"):
            shutil.copytree(ROOT / name, root / name)
        for name in ("yzdocs.yaml", "agencies.yaml"):
            shutil.copy(ROOT / name, root / name)
        yzdocs(root, "build", "-j", "1")
        site = Path(tmp) / "site"
        yzdocs(root, "site", "--as-of", "2025-12-31", "-o", str(site))
        for image, page in PAGES.items():
            shot = Path(tmp) / f"{image}.png"
            subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp}/profile", f"--screenshot={shot}",
                            (site / page).as_uri()], check=True, capture_output=True, timeout=120)
            picture = Image.open(shot).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
            picture.save(IMAGES / f"{image}.png", optimize=True)
            print(f"{image}.png  {(IMAGES / f'{image}.png').stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
