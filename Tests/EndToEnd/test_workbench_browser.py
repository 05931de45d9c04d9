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


def test_upload_an_excel_ledger_problems_in_place_then_plan(server, browser, tmp_path):
    """A workbook made by openpyxl the way a clerk's looks: uploaded through the form, its
    problem shown in place (workbook, sheet, cell; the CLI's words); the fixed one planned."""
    from test_xlsx_ledger import demo_tables, write_workbook
    b = browser
    tables = demo_tables()
    tables["instructors.csv"][2][4] = "三"  # the second instructor's capacity, in words
    bad = tmp_path / "bad" / "台账.xlsx"
    bad.parent.mkdir()
    write_workbook(tables, bad)
    good = tmp_path / "good" / "台账.xlsx"
    good.parent.mkdir()
    write_workbook(demo_tables(), good)

    def upload(name, path):
        b.get(server.url + "/")
        b.find_element(By.NAME, "scenario").send_keys(name)
        b.find_element(By.NAME, "files").send_keys(str(path))
        b.find_element(By.CSS_SELECTOR, "form[action='/upload'] button").click()
        wait(b).until(EC.url_contains("/s/" + name))

    upload("excel-bad", bad)
    error = b.find_element(By.CSS_SELECTOR, "section.warn table tr.error").text
    # Workbook and sheet, row 5 (a title and a notes row above the header), column E: the CLI's location.
    assert error.startswith("台账.xlsx!指导员 5 E ")
    assert '联系上限须为非负整数: "三"' in error  # the CLI's message
    shot(b, "10-upload-problems")

    upload("excel-ok", good)
    assert not b.find_elements(By.CSS_SELECTOR, "section.warn tr.error")  # a warning (its hidden sheet) at most
    b.find_element(By.ID, "plan-button").click()
    wait(b).until(EC.presence_of_element_located((By.ID, "plan-table")))
    assert len(b.find_elements(By.CSS_SELECTOR, "#plan-table tbody tr")) >= 30
    shot(b, "11-upload-planned")


def test_stop_during_a_plan_keeps_the_best_plan_with_its_honest_status(browser):
    """Stop pressed while huangshan (1557 organizations, rules) is being solved: the best plan
    found so far becomes the version, marked proven optimal or not exactly as its summary says."""
    import json
    import sqlite3
    b = browser
    ws = make_workspace(("huangshan",))
    s = Server(ws, time_limit=300).start()
    try:
        b.get(s.url + "/s/huangshan")
        b.find_element(By.ID, "plan-button").click()
        wait(b).until(EC.presence_of_element_located((By.ID, "cancel")))
        # Live progress: wait for a best plan so far (a number, not "—").
        WebDriverWait(b, 240, poll_frequency=0.5).until(lambda d: d.find_element(By.ID, "best").text.strip().lstrip("-").isdigit())
        shot(b, "12-plan-running")
        b.find_element(By.ID, "cancel").click()
        wait(b, 240).until(EC.presence_of_element_located((By.ID, "plan-table")))
        con = sqlite3.connect(os.path.join(ws, ".workbench", "workbench.sqlite"))
        status, version = con.execute("SELECT status, plan_version FROM job WHERE scenario = 'huangshan' ORDER BY id DESC").fetchone()
        folder, optimal = con.execute("SELECT folder, optimal FROM plan_version WHERE id = ?", (version,)).fetchone()
        summary = json.load(open(os.path.join(ws, folder, "summary.json"), encoding="utf-8"))
        assert status == "cancelled"  # stopped early, and recorded so
        assert bool(optimal) == summary["optimal"]
        if summary.get("bound") is not None:
            assert summary["bound"] >= summary["objective"]  # an honest bound, never below the plan
        kpis = b.find_element(By.CSS_SELECTOR, ".kpis").text
        assert ("已证明最优" in kpis) == summary["optimal"]  # the page says exactly what the summary says
        if not summary["optimal"] and summary.get("bound") is not None:
            assert b.find_element(By.ID, "plan-bound").text.startswith(str(summary["bound"]))
        assert b.find_elements(By.ID, "stopped-note")  # said to be the best plan found when stopped
        assert len(b.find_elements(By.CSS_SELECTOR, "#plan-table tbody tr")) >= 100
        shot(b, "13-stopped-plan")
        b.get(s.url + "/s/huangshan")
        assert "已取消" in b.find_element(By.CSS_SELECTOR, "ul.jobs").text
    finally:
        s.stop()
