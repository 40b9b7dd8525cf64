"""Build the example docs site and take a screenshot of a release page with headless Chromium.

Needs Debian's chromium package (``apt-get install chromium``) or another Chromium on PATH
(``--chromium`` to point at it). The site is served on localhost for the browser, then the page
is saved as a PNG.

    python scripts/docs_screenshot.py [--page models/olmo-7b/] [--theme material] [-o olmo.png]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "examples" / "docs-site"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log: the script's output is the screenshot path."""


def find_chromium(explicit: str | None) -> str:
    for candidate in ([explicit] if explicit else ["chromium", "chromium-browser", "google-chrome"]):
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    raise SystemExit("no Chromium found: install Debian's chromium package or pass --chromium PATH")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="models/olmo-7b/", help="page path inside the site")
    parser.add_argument("--theme", choices=["mkdocs", "material"], default="mkdocs")
    parser.add_argument("-o", "--out", default="docs-site-screenshot.png")
    parser.add_argument("--size", default="1280,2400", help="window width,height in pixels")
    parser.add_argument("--chromium", help="path to the Chromium binary")
    args = parser.parse_args()
    chromium = find_chromium(args.chromium)
    config = SITE / ("mkdocs-material.yml" if args.theme == "material" else "mkdocs.yml")

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                                "-d", str(site)], capture_output=True, text=True)
        if built.returncode != 0:
            sys.stderr.write(built.stderr)
            return 1
        handler = functools.partial(QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/{args.page}"
        out = Path(args.out).resolve()
        shot = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                               f"--window-size={args.size}", f"--screenshot={out}", url],
                              capture_output=True, text=True, timeout=120)
        server.shutdown()
        if shot.returncode != 0 or not out.exists():
            sys.stderr.write(shot.stderr[-2000:])
            return 1
    print(f"screenshot of {url} ({args.theme} theme) written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
