"""`foitrack report --format html`, opened in a real browser: headless Chromium, driven by Selenium.

The page must open with no network (no request but the file itself), log no console error,
never scroll sideways on a 390-pixel phone, and draw each chart with one mark per bar or per
request. Screenshots at 390 and 1280 pixels go into the test's own folder (printed, so `pytest -s`
shows where to look). Chromium is a test dependency: `.ci/run` installs it; no test skips
itself without it.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TrackerFolder

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "fusus"
AS_OF = "2023-09-25"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
    ):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, page: Path, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    driver.get_log("performance")  # forget what earlier pages did
    driver.get_log("browser")
    driver.get(page.as_uri())
    driver.execute_script("return document.readyState")


def requests_made(driver) -> list[str]:
    """Every URL the page asked the network stack for, from Chromium's performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            urls.append(message["params"].get("request", {}).get("url") or message["params"].get("url"))
    return urls


def screenshot(driver, path: Path, width: int) -> Path:
    """The whole page at `width` pixels, as a PNG."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def marks(driver, name: str) -> int:
    """How many data marks Vega drew for the named layer (`<g class="... NAME_marks">`)."""
    return driver.execute_script(
        "return document.querySelectorAll(arguments[0]).length", f"g.{name}_marks > path, g.{name}_marks > line"
    )


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    """The example tracker's report, as at the day its story ran."""
    folder = tmp_path_factory.mktemp("seed-report")
    copy = folder / "fusus"
    shutil.copytree(SEEDS, copy)
    page = folder / "report.html"
    result = TrackerFolder(copy).run("report", "--format", "html", "--out", str(page), as_of=AS_OF)
    assert result.exit_code == 0, result.stderr
    return page


@pytest.mark.parametrize("width", [390, 1280])
def test_the_seed_report_opens_offline_without_errors_and_fits(browser, seed_page, width, tmp_path):
    open_page(browser, seed_page, width)
    made = requests_made(browser)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    sizes = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    shot = screenshot(browser, tmp_path / f"report-{width}.png", width)
    print(f"\n{width}px: screenshot {shot}; page {sizes[0]} px wide in a {sizes[1]} px window; "
          f"requests {made}; console {errors}")
    assert errors == []
    assert made in ([], [seed_page.as_uri()])  # the file itself, and nothing else
    assert sizes[0] <= sizes[1], f"the page scrolls sideways at {width}px"
    # Every chart is drawn, and is as wide as its column at most.
    widths = browser.execute_script(
        "return [...document.querySelectorAll('figure .chart svg')].map("
        "s => [s.getBoundingClientRect().width, s.closest('figure').getBoundingClientRect().width])"
    )
    assert len(widths) == 4 and all(0 < svg <= figure + 0.5 for svg, figure in widths), widths


def test_every_chart_has_the_right_number_of_marks(browser, seed_page):
    # The example tracker, as at 25 Sep 2023: 7 authorities, each answered or past its deadline
    # (Kensington and Chelsea never answered), so 7 on-time bars; 6 answered requests, so 6 dots;
    # outcomes granted, partly granted and refused; five exemption sections (s12, s24, s31, s40, s43).
    open_page(browser, seed_page, 1280)
    assert marks(browser, "on_time_bar") == 7
    assert marks(browser, "request_dot") == 6
    assert marks(browser, "limit_rule") == 1  # FOIA's 20 working days
    assert marks(browser, "outcome_bar") == 3
    assert marks(browser, "exemption_bar") == 5
    # Each chart has the table of its numbers beside it, a row per mark, and a text alternative.
    rows = browser.execute_script(
        "return Object.fromEntries(['on-time','working-days','outcomes','exemptions'].map("
        "id => [id, document.querySelectorAll('#' + id + '-table tbody tr').length]))"
    )
    assert rows == {"on-time": 7, "working-days": 6, "outcomes": 3, "exemptions": 5}
    alternatives = browser.execute_script(
        "return [...document.querySelectorAll('[role=img]')].map("
        "el => document.getElementById(el.getAttribute('aria-labelledby')).textContent)"
    )
    assert len(alternatives) == 4
    assert alternatives[0].startswith("Bar chart of the on-time rate by authority, from 0 to 100%: City of London Police 100%;")
    assert "Met Police 0%" in alternatives[0]  # short names where space is tight
    assert "against the statutory limit of 20 working days: 3 on time, 3 late" in alternatives[1]
    assert alternatives[2] == "Bar chart of the outcomes of 6 answered requests: Granted 1; Partly granted 3; Refused 2."
    assert "s40 Personal information 3" in alternatives[3] and "s12 Cost limit 1" in alternatives[3]


def test_on_a_phone_the_wide_table_becomes_cards(browser, seed_page, tmp_path):
    open_page(browser, seed_page, 390)
    # A card per authority and one for the totals, each cell labelled with its column.
    cards = browser.execute_script(
        "const rows = [...document.querySelectorAll('#timeliness-table tbody tr')];"
        "return rows.map(r => [getComputedStyle(r).display, r.querySelector('td.name').textContent,"
        " getComputedStyle(r.querySelector('td:nth-child(2)'), '::before').content])"
    )
    assert len(cards) == 8
    assert all(display == "block" for display, _, _ in cards)
    assert cards[1][1] == "London Borough of Hackney" and cards[1][2] == '"Requests"'
    assert cards[-1][1] == "All authorities"


def test_the_page_prints(browser, seed_page, tmp_path):
    # Printing to A4 draws every chart and keeps the tables (Chromium's own print to PDF).
    open_page(browser, seed_page, 1280)
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"])
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
    print(f"\nprinted {pages} A4 pages to {path}")
    assert pdf.startswith(b"%PDF") and pages >= 2


# -- the page's text, without a browser -----------------------------------------------------------

UNTRUSTED = """
authority = "Acme <script>alert(1)</script> Council"
subject = "Rates & <b>charges</b>"
sent = 2023-06-01

[[events]]
type = "responded"
date = 2023-06-20
outcome = "not-held"
"""


def test_what_users_typed_is_text_on_the_page_never_markup(tracker):
    tracker.write("acme", UNTRUSTED)
    page = tracker.ok("report", "--format", "html", as_of="2023-09-29").stdout
    assert "<script>" not in page and "<b>charges" not in page
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; Council" in page
    assert "Not held" in page and "not-held" not in page


def test_html_goes_to_a_file_in_one_step_with_a_title(tracker, tmp_path):
    tracker.write("acme", UNTRUSTED)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.html"
    out.write_text("old")
    result = tracker.ok("report", "--format", "html", "--out", str(out), "--title", "Parking & councils", as_of="2023-09-29")
    assert result.stdout == "" and f"wrote the report to {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<title>Parking &amp; councils</title>" in text
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "html", "--out", "{tmp}"], "is a folder: give a file name"),
        (["--format", "html", "--out", "{tmp}/no/such/report.html"], "the folder"),
        (["--title", "Parking"], "--title is for --format html"),
        (["--out", "{tmp}/r.txt"], "--out needs a --format to write"),
        (["--by", "colour"], "--by: 'colour' is not one of authority, kind, nation"),
    ],
)
def test_bad_options_are_one_line_usage_errors(tracker, tmp_path, args, message):
    tracker.write("acme", UNTRUSTED)
    result = tracker.run("report", *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == 2 and result.stderr.startswith("foitrack: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_empty_report_is_a_page_that_says_so(tracker):
    result = tracker.ok("report", "--format", "html", "--kind", "police", as_of="2023-09-29")
    assert "No requests match." in result.stdout and "<svg" not in result.stdout


def test_html_and_grouping_are_in_the_help(tracker):
    result = tracker.ok("report", "--help")
    assert "--format html writes one self-contained page" in " ".join(result.stdout.split())
    assert "--by" in result.stdout and "--kind" in result.stdout and "--nation" in result.stdout


def test_the_page_by_kind_with_a_batch(tmp_path):
    copy = tmp_path / "fusus"
    shutil.copytree(SEEDS, copy)
    page = TrackerFolder(copy).ok("report", "--format", "html", "--by", "kind", "--batch", "fusus", as_of=AS_OF).stdout
    # The batch first, in readers' words; then a row per kind of authority, and charts by kind.
    assert "<h2>Batch fusus-2023-05: 7 requests: 6 answered, 1 overdue</h2>" in page
    assert '<td data-label="Status">Very overdue</td>' in page
    assert "<h2>By kind of authority</h2>" in page and "<h2>On-time rate by kind of authority</h2>" in page
    assert '<td class="name">Police forces</td>' in page and '<td class="name">Councils</td>' in page
    assert page.count('aria-roledescription="bar"') >= 2
