"""The workbench's studies and quarters over HTTP: the sweep (score against moves) and the
candidates of a version, starting the next quarter from a published version, and a lone
ledger workbook found as a scenario."""
import json
import os
import pathlib
import re
import shutil
import sqlite3
import time
import urllib.parse

import pytest

from workbench_server import ROOT, Server, make_workspace, plan_and_wait, request, state

openpyxl = pytest.importorskip("openpyxl")
from test_xlsx_ledger import demo_tables, write_workbook  # noqa: E402


def multipart(fields, files):
    boundary = "----wbfeatures"
    body = b""
    for name, value in fields.items():
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode()
    for name, filename, data in files:
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n".encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_multipart(server, path, fields, files):
    import urllib.request
    from workbench_server import _opener
    body, content_type = multipart(fields, files)
    req = urllib.request.Request(server.url + path, data=body, method="POST")
    req.add_header("Content-Type", content_type)
    req.add_header("Origin", server.url)
    try:
        with _opener.open(req, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_for_study(server, scenario, marker, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, _, body = request(server, f"/s/{scenario}/sweep")
        assert status == 200
        if marker in body and b"study-running" not in body:
            return body.decode()
        time.sleep(0.5)
    raise AssertionError("the study did not finish")


@pytest.fixture(scope="module")
def demo():
    s = Server(make_workspace(("demo",))).start()
    plan_and_wait(s, "demo")
    yield s
    s.stop()


def test_sweep_lists_one_point_per_budget_and_draws_the_reports_curve(demo):
    v = state(demo, "demo")["version"]
    assert request(demo, "/s/demo/sweep", {"version": v, "kind": "sweep", "budgets": "0, 1, 3, all"})[0] == 303
    page = wait_for_study(demo, "demo", b'id="sweep-table"')
    rows = re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">(\d+)</td><td class=\"num\">(-?\d+)</td>", page.split('id="sweep-table"')[1])
    assert [r[0] for r in rows] == ["0", "1", "3", "不限"]
    moves = [int(r[1]) for r in rows]
    scores = [int(r[2]) for r in rows]
    assert all(m <= b for m, b in zip(moves, [0, 1, 3]))  # each plan keeps its budget
    assert scores == sorted(scores)  # a larger budget never scores less
    # The report's curve (ReplanReport.chart) when the plans move different numbers of people; one dot is no curve.
    assert ("<svg" in page and "调整人次与方案得分" in page) == (len(set(moves)) >= 2)
    assert state(demo, "demo")["version"] == v  # a study changes nothing


def test_candidates_are_listed_with_their_differences(demo):
    v = state(demo, "demo")["version"]
    assert request(demo, "/s/demo/sweep", {"version": v, "kind": "candidates", "count": "3", "within": "2"})[0] == 303
    page = wait_for_study(demo, "demo", b'id="candidates-table"')
    table = page.split('id="candidates-table"')[1].split("</table>")[0]
    assert table.count("<tr") == 1 + 3  # the header and three candidates
    assert "推荐" in table
    assert state(demo, "demo")["version"] == v


def test_bad_budgets_are_refused_in_plain_words(demo):
    v = state(demo, "demo")["version"]
    status, _, body = request(demo, "/s/demo/sweep", {"version": v, "kind": "sweep", "budgets": "1, lots"})
    assert status == 400 and "变动人数上限" in body.decode()


def test_next_quarter_starts_from_the_published_plan():
    ws = make_workspace(("demo",))
    s = Server(ws).start()
    try:
        plan_and_wait(s, "demo")
        v = state(s, "demo")["version"]
        assert request(s, "/s/demo/publish", {"version": v, "author": "王科长"})[0] == 303
        page = request(s, "/s/demo")[2].decode()
        assert 'id="next-quarter-button"' in page
        publication = re.search(r'name="publication" value="(\d+)"', page).group(1)
        changes = "action,kind,id,field,value\nclose,organization,O30,,\nleave,instructor,I09,,\n".encode()
        status, headers, _ = post_multipart(s, "/s/demo/next-quarter", {"publication": publication, "name": "demo-2025Q2"},
                                            [("changes", "changes.csv", changes)])
        assert status == 303, status
        assert headers["Location"].startswith("/s/demo-2025Q2/jobs/")
        deadline = time.time() + 120
        while not state(s, "demo-2025Q2")["plan"]:
            assert time.time() < deadline
            time.sleep(0.3)
        con = sqlite3.connect(os.path.join(ws, ".workbench", "workbench.sqlite"))
        kind, moves, folder = con.execute("SELECT kind, moves, folder FROM plan_version WHERE scenario = 'demo-2025Q2'").fetchone()
        assert kind == "next-quarter" and moves is not None
        plan = open(os.path.join(ws, folder, "plan.csv"), encoding="utf-8-sig").read()
        assert "O30" not in plan and "I09" not in plan  # the quarter's changes were applied
        assert os.path.exists(os.path.join(ws, folder, "changes.csv"))  # who moved against the published plan
        # The office's ledger is untouched; the new quarter is a scenario of its own.
        assert "O30" in open(os.path.join(ws, "scenarios", "demo", "organizations.csv"), encoding="utf-8-sig").read()
        assert os.path.isdir(os.path.join(ws, "uploads", "demo-2025Q2"))
        # A bad changes table is shown with its location, and nothing is made.
        status, _, body = post_multipart(s, "/s/demo/next-quarter", {"publication": publication, "name": "demo-bad"},
                                         [("changes", "changes.csv", b"action,kind,id,field,value\nclose,organization,O999,,\n")])
        assert status == 422 and "changes.csv" in body.decode()
        assert not os.path.exists(os.path.join(ws, "uploads", "demo-bad"))
    finally:
        s.stop()


def test_a_lone_workbook_is_a_scenario():
    ws = pathlib.Path(make_workspace(()))
    write_workbook(demo_tables(), ws / "台账.xlsx")  # directly in the workspace: named after the file
    (ws / "县里").mkdir()
    write_workbook(demo_tables(), ws / "县里" / "县里台账.xlsx")  # alone in a subfolder: named after the folder
    (ws / "~$台账.xlsx").write_bytes(b"lock")  # Excel's lock file beside it is not a scenario
    s = Server(str(ws)).start()
    try:
        page = request(s, "/")[2].decode()
        assert ">台账</a>" in page and ">县里</a>" in page
        assert "~$" not in page
        key = urllib.parse.quote("台账")
        status, _, body = request(s, f"/s/{key}")
        assert status == 200 and '<tr class="error">' not in body.decode()  # only warnings (its hidden sheet)
        plan_and_wait(s, key)
        status, _, body = request(s, f"/s/{key}/review")
        assert status == 200 and body.decode().count('data-org="') >= 30
        assert request(s, f"/s/{urllib.parse.quote('县里')}")[0] == 200
    finally:
        s.stop()
