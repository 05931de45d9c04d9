"""The workbench end to end in headless Chromium: open the demo, plan, explain an
organization, lock a pair, see the diff, accept, undo, publish, download the plan.
Screenshots of every step go to .build/test-artifacts/workbench/."""
import os
import time
import urllib.request

import pytest

from workbench_server import ROOT, Server, make_workspace

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTIFACTS = os.path.join(ROOT, ".build", "test-artifacts", "workbench")


@pytest.fixture(scope="module")
def server():
    s = Server(make_workspace(("demo",))).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def shot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    driver.save_screenshot(os.path.join(ARTIFACTS, name + ".png"))


def wait(driver, seconds=60):
    return WebDriverWait(driver, seconds)


def test_open_plan_explain_lock_accept_undo_publish_download(server, browser):
    b = browser
    b.get(server.url + "/")
    assert "工作区" in b.page_source
    shot(b, "01-workspace")

    b.find_element(By.LINK_TEXT, "demo").click()
    wait(b).until(EC.presence_of_element_located((By.ID, "plan-button")))
    shot(b, "02-scenario")

    b.find_element(By.ID, "plan-button").click()
    wait(b).until(EC.url_contains("/review"))
    wait(b).until(EC.presence_of_element_located((By.ID, "plan-table")))
    rows = b.find_elements(By.CSS_SELECTOR, "#plan-table tbody tr")
    assert len(rows) >= 30
    shot(b, "03-review")

    # Filter: key projects only, then clear.
    b.get(server.url + "/s/demo/review?open=1")
    assert "plan-table" in b.page_source
    b.get(server.url + "/s/demo/review")

    # Explain an organization in the side panel.
    b.find_element(By.CSS_SELECTOR, "#plan-table a.explain").click()
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#explain-panel .explain-body")))
    panel = b.find_element(By.ID, "explain-panel").text
    assert "分" in panel
    shot(b, "04-explain")

    # Lock the next-best instructor for that organization: a re-plan, shown as a diff.
    lock = wait(b).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#explain-panel button.lock-alt")))
    started = time.time()
    lock.click()
    wait(b).until(EC.presence_of_element_located((By.ID, "diff-table")))
    seconds = time.time() - started
    print(f"demo: lock → diff on screen {seconds:.2f} s")
    diff_rows = b.find_elements(By.CSS_SELECTOR, "#diff-table tbody tr")
    assert len(diff_rows) >= 1
    shot(b, "05-diff")

    b.find_element(By.ID, "accept").click()
    wait(b).until(EC.url_contains("/review"))
    shot(b, "06-accepted")

    b.get(server.url + "/s/demo")
    history = b.find_elements(By.CSS_SELECTOR, "ol.history li")
    assert len(history) == 2  # the plan and the lock
    b.find_element(By.ID, "undo").click()
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.history li.undone")))
    shot(b, "07-undone")

    b.find_element(By.ID, "redo").click()
    wait(b).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "ol.history li.undone"))
    b.find_element(By.ID, "undo").click()
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.history li.undone")))

    name = b.find_element(By.NAME, "author")
    name.clear()
    name.send_keys("王科长")
    b.find_element(By.ID, "publish").click()
    link = wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "a.dl")))
    assert "王科长" in b.page_source
    b.execute_script("document.querySelector('a.dl').scrollIntoView({block:'center'})")
    shot(b, "08-published")

    links = {a.text: a.get_attribute("href") for a in b.find_elements(By.CSS_SELECTOR, "a.dl")}
    workbook = links.get("方案.xlsx") or links["plan.csv"]
    data = urllib.request.urlopen(workbook).read()
    if workbook.endswith(".xlsx") or "%E6%96%B9" in workbook:
        assert data[:2] == b"PK"
    else:
        assert data.startswith(b"\xef\xbb\xbf") and "组织".encode() in data or b"organization" in data

    # English switch.
    b.find_element(By.CSS_SELECTOR, "a.lang").click()
    wait(b).until(lambda d: "Publish" in d.page_source)
    shot(b, "09-english")
    b.find_element(By.CSS_SELECTOR, "a.lang").click()


def test_ledger_text_is_escaped_and_errors_are_pages(server, browser):
    b = browser
    b.get(server.url + "/s/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)" not in b.page_source
    assert "找不到" in b.page_source
    b.get(server.url + "/files/999/plan.csv")
    assert "找不到" in b.page_source
    assert "Fatal" not in b.page_source and "Traceback" not in b.page_source
