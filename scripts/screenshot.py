#!/usr/bin/env python3
"""Take the README's pictures of the HTML report: the example tracker's report as at the day its
story ran, opened in headless Chromium at a laptop's width and a phone's.

    python scripts/screenshot.py [--out docs/images]

Needs Debian's chromium and chromium-driver (as the tests do) and the test dependencies
(selenium). Writes report-laptop.png (the top of the page at 1280 px), report-charts.png (its
first two charts, at 1280 px) and report-phone.png (the top at 390 px); the pictures are of the
real page, made by `foitrack report --format html`.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name, window width, and the part of the page: from the top of the first element to the bottom
# of the second (CSS selectors), or the page's top `height` pixels.
SHOTS = (
    ("report-laptop.png", 1280, ("header", "#timeliness-table")),
    ("report-charts.png", 1280, ("#on-time", "#working-days")),
    ("report-phone.png", 390, ("header", "#timeliness-table tbody tr:nth-child(2)")),
)
MARGIN = 16


def main(argv: list[str] | None = None) -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from typer.testing import CliRunner

    from foitrack.cli import app

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "report.html"
        tracker = Path(work) / "fusus"
        shutil.copytree(ROOT / "seeds" / "fusus", tracker)
        result = CliRunner().invoke(
            app, ["--dir", str(tracker), "--as-of", "2023-09-25", "report", "--format", "html", "--out", str(page)],
            env={"FOITRACK_NO_CACHE": "1"},
        )
        if result.exit_code:
            raise SystemExit(result.stderr)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={Path(work) / 'profile'}")
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        try:
            for name, width, (first, last) in SHOTS:
                driver.execute_cdp_cmd(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
                )
                driver.get(page.as_uri())
                top, bottom = driver.execute_script(
                    "const a = document.querySelector(arguments[0]).getBoundingClientRect();"
                    "const b = document.querySelector(arguments[1]).getBoundingClientRect();"
                    "return [a.top + window.scrollY, b.bottom + window.scrollY];",
                    first, last,
                )
                top = max(0, top - MARGIN)
                shot = driver.execute_cdp_cmd(
                    "Page.captureScreenshot",
                    {"format": "png", "captureBeyondViewport": True,
                     "clip": {"x": 0, "y": top, "width": width, "height": bottom + MARGIN - top, "scale": 1}},
                )
                target = args.out / name
                target.write_bytes(base64.b64decode(shot["data"]))
                print(f"wrote {target}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
