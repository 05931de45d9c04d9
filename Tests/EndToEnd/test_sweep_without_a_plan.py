"""A sweep budget without a plan, as the office reads it: a key project opens, its instructor may
cover nothing else, so budget 0 has no plan (proven). report.html (rendered in headless Chromium)
and the workbench's sweep page both name that budget and say it had no plan; the curve skips it."""
import os
import re
import time

from conftest import run_dispatch
from test_browser import browser  # noqa: F401  (the module's Chromium fixture)
from test_workbench_features import post_multipart, wait_for_study
from workbench_server import Server, make_workspace, plan_and_wait, request, state

NO_PLAN = "此上限内无可行方案"
FILES = {
    "instructors.csv": "编号,姓名,选派单位,区域,联系上限\nI1,张一,U1,R1,2\nI2,李二,U1,R1,2\n",
    "organizations.csv": "编号,名称,区域,行业\nO1,甲公司,R1,制造\nO2,乙公司,R1,制造\n",
    "units.csv": "编号,名称\nU1,单位\n",
    "regions.csv": "编号,名称\nR1,城区\n",
    "wishes.csv": "志愿方,志愿对象,志愿顺序\nI1,O1,1\nI2,O2,1\n",
    "settings.csv": "设置,值\n重点项目专人,是\n必须全覆盖,是\n",
}
CHANGES = ("action,kind,id,field,value\nopen,organization,O3,name,重点项目公司\nopen,organization,O3,region,R1\n"
           "open,organization,O3,industry,制造\nopen,organization,O3,key_project,yes\n")


def write_scenario(folder):
    os.makedirs(folder)
    for name, text in FILES.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)


def test_report_html_names_the_budget_without_a_plan(tmp_path, browser):  # noqa: F811
    write_scenario(tmp_path / "key")
    (tmp_path / "changes.csv").write_text(CHANGES, encoding="utf-8")
    run_dispatch("plan", tmp_path / "key", "--out", tmp_path / "plan-1")
    run_dispatch("replan", tmp_path / "key", "--previous", tmp_path / "plan-1", "--changes", tmp_path / "changes.csv",
                 "--sweep", "0,all", "--out", tmp_path / "plan-2")
    browser.get((tmp_path / "plan-2" / "report.html").as_uri())
    rows = [[td.text for td in tr.find_elements("css selector", "td")]
            for tr in browser.find_elements("css selector", "table.sweep tbody tr")]
    assert rows[0] == ["0", "—", "—", NO_PLAN]
    assert rows[1][0] == "不限" and rows[1][3] == "最优"
    # The changes heading counts by kind: O3's new slot is a change but not one of the lead's moves.
    heading = next(h.text for h in browser.find_elements("css selector", "h2") if h.text.startswith("人员变动"))
    lead = browser.find_element("css selector", "p.lead").text
    moves = int(re.search(r"共变动 (\d+) 人次", lead).group(1))
    assert f"调整 {moves}" in heading and "新增 1" in heading


def test_workbench_sweep_page_names_the_budget_without_a_plan():
    ws = make_workspace(())
    write_scenario(os.path.join(ws, "scenarios", "key"))
    s = Server(ws).start()
    try:
        plan_and_wait(s, "key")
        assert request(s, "/s/key/publish", {"version": state(s, "key")["version"], "author": "王科长"})[0] == 303
        publication = re.search(r'name="publication" value="(\d+)"', request(s, "/s/key")[2].decode()).group(1)
        status, _, _ = post_multipart(s, "/s/key/next-quarter", {"publication": publication, "name": "key-next"},
                                      [("changes", "changes.csv", CHANGES.encode())])
        assert status == 303
        deadline = time.time() + 120
        while not state(s, "key-next")["plan"]:
            assert time.time() < deadline
            time.sleep(0.3)
        # The sweep starts from the published plan (the default base).
        assert request(s, "/s/key-next/sweep", {"version": state(s, "key-next")["version"], "kind": "sweep", "budgets": "0, all"})[0] == 303
        page = wait_for_study(s, "key-next", b'id="sweep-table"')
        table = page.split('id="sweep-table"')[1].split("</table>")[0]
        assert re.search(r'<tr class="no-plan"><td>0</td><td class="num">—</td><td class="num">—</td><td>' + NO_PLAN, table)
        assert "<td>不限</td>" in table
    finally:
        s.stop()
