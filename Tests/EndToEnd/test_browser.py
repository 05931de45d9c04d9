"""report.html and notices.html in a real headless Chromium (selenium + chromium-driver):
no console errors, nothing fetched from the network, page one kept as a screenshot, and the
huangshan instructor notices print one instructor per page: as many pages as instructors the
plan uses (all 484 only when the plan gives every instructor an organization; the debug
binary under a 10 s limit may leave a few in reserve, and they get no notice)."""
import json
import shutil
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import ARTIFACTS, run_dispatch


def chromium_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--hide-scrollbars"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


@pytest.fixture(scope="module")
def browser():
    driver = chromium_driver()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "demo"
    run_dispatch("plan", "scenarios/demo", "--out", out)
    return out


def severe(driver):
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


@pytest.mark.parametrize("name", ["report.html", "notices.html"])
def test_renders_without_console_errors_or_network(browser, demo_plan, name):
    browser.get((demo_plan / name).as_uri())
    assert severe(browser) == []
    # Self-contained: no resource came from anywhere but the file itself.
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    assert browser.execute_script("return document.scripts.length") == 0


def test_report_page_one_screenshot_and_charts(browser, demo_plan, artifacts):
    browser.get((demo_plan / "report.html").as_uri())
    assert browser.find_element("css selector", ".verdict").text == "已证明为最优方案"
    assert browser.execute_script("return document.querySelectorAll('svg.chart').length") >= 5
    shot = artifacts / "report-page-one.png"
    browser.save_screenshot(str(shot))
    print(f"screenshot of report.html page one: {shot}")
    assert shot.stat().st_size > 10_000


def test_report_prints_on_a4(browser, demo_plan, artifacts):
    browser.get((demo_plan / "report.html").as_uri())
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    import base64
    path = artifacts / "report.pdf"
    path.write_bytes(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info


def test_huangshan_instructor_notices_print_one_per_page(tmp_path, artifacts):
    out = tmp_path / "huangshan"
    run_dispatch("plan", "scenarios/huangshan", "--out", out, "--pdf", "--time-limit", "10")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    info = subprocess.run(["pdfinfo", str(out / "选派通知书.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    notices = (out / "notices.html").read_text(encoding="utf-8").count('<section class="notice')
    assert pages == summary["instructors_used"] == notices - summary["assigned"]
    assert summary["instructors"] == 484 and pages > 400
    info = subprocess.run(["pdfinfo", str(out / "告知书.pdf")], capture_output=True, text=True, check=True).stdout
    organization_pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert organization_pages == summary["assigned"]
    shutil.copy(out / "选派通知书.pdf", artifacts / "huangshan-instructor-notices.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out / "选派通知书.pdf"), str(artifacts / "huangshan-notice")], check=True)
    print(f"huangshan instructor notices: {artifacts / 'huangshan-instructor-notices.pdf'} ({pages} pages)")
