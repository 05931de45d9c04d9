"""Kill-safety, optimistic concurrency, the same-origin check, the access token and uploads."""
import os
import sqlite3
import subprocess
import threading
import time
import urllib.request

from workbench_server import ROOT, Server, binary, free_port, make_workspace, plan_and_wait, request, state


def db(workspace):
    return sqlite3.connect(os.path.join(workspace, ".workbench", "workbench.sqlite"))


def versions_are_whole(workspace):
    """Every plan version the database names is a complete folder."""
    con = db(workspace)
    for (folder,) in con.execute("SELECT folder FROM plan_version"):
        for name in ("plan.csv", "summary.json", "report.md"):
            assert os.path.getsize(os.path.join(workspace, folder, name)) > 0, (folder, name)
    # Every step names a version that exists.
    assert con.execute("SELECT COUNT(*) FROM step WHERE plan_version NOT IN (SELECT id FROM plan_version)").fetchone()[0] == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def propose(server, scenario, kind, organization, instructor):
    """Proposes an edit and waits until its diff can be accepted; returns (version, job)."""
    v = state(server, scenario)["version"]
    status, headers, _ = request(server, f"/s/{scenario}/edits",
                                 {"version": v, "kind": kind, "organization": organization, "instructor": instructor})
    assert status in (202, 303), status  # 202: the re-plan is still running; Location is its page
    job = int(headers["Location"].rsplit("/", 1)[1])
    wait_for_diff(server, scenario, job)
    return v, job


def wait_for_diff(server, scenario, job, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, _, page = request(server, f"/s/{scenario}/jobs/{job}")
        if b'id="accept"' in page:
            return
        time.sleep(0.2)
    raise AssertionError(f"job {job} never showed its diff")


def test_conflict_second_writer_is_told():
    ws = make_workspace(("demo",))
    s = Server(ws).start()
    try:
        plan_and_wait(s, "demo")
        v1, job1 = propose(s, "demo", "forbid", "O13", "I08")
        v2, job2 = propose(s, "demo", "lock", "O01", "I02")
        time.sleep(1)
        assert request(s, f"/s/demo/jobs/{job1}/accept", {"version": v1})[0] == 303
        status, _, body = request(s, f"/s/demo/jobs/{job2}/accept", {"version": v2})
        assert status == 409
        assert "O13" in body.decode()  # shown the other's change
        assert state(s, "demo")["edits"] == 1
    finally:
        s.stop()


def test_same_origin_and_token():
    ws = make_workspace(("demo",))
    s = Server(ws).start()
    try:
        import urllib.parse
        req = urllib.request.Request(s.url + "/s/demo/plan", data=b"version=0", method="POST")
        req.add_header("Origin", "http://evil.example")
        try:
            urllib.request.urlopen(req)
            assert False, "cross-origin POST accepted"
        except urllib.error.HTTPError as e:
            assert e.code == 403
    finally:
        s.stop()
    # Another host without --token: a token is generated, printed, and required.
    port = free_port()
    p = subprocess.Popen([binary(), "serve", ws, "--host", "0.0.0.0", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        assert "token=" in line
        token = line.strip().rsplit("token=", 1)[1]
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/")
            assert False, "no token accepted"
        except urllib.error.HTTPError as e:
            assert e.code == 401
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}").status == 200
    finally:
        p.terminate()
        p.wait()


def upload(server, scenario, files):
    boundary = "----wbtest"
    body = b""
    body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"scenario\"\r\n\r\n{scenario}\r\n".encode()
    for name, data in files:
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n".encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(server.url + "/upload", data=body, method="POST")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    req.add_header("Origin", server.url)
    from workbench_server import _opener
    try:
        with _opener.open(req) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_uploads_are_confined():
    ws = make_workspace(("demo",))
    s = Server(ws).start()
    try:
        demo = os.path.join(ROOT, "scenarios", "demo")
        files = [(n, open(os.path.join(demo, n), "rb").read()) for n in sorted(os.listdir(demo)) if n.endswith(".csv")]
        assert upload(s, "mine", files) == 303
        assert os.path.exists(os.path.join(ws, "uploads", "mine", "instructors.csv"))
        assert upload(s, "bad", [("../../evil.csv", b"x")]) == 400
        assert upload(s, "bad2", [("run.sh", b"x")]) == 400
        assert upload(s, "../up", files) == 400
        assert upload(s, "mine", files) == 400  # never overwritten
        assert not os.path.exists(os.path.join(ws, "evil.csv"))
        status, _, body = request(s, "/s/mine")
        assert status == 200
    finally:
        s.stop()


def test_sigkill_during_plan_and_during_accept_keeps_history_whole():
    ws = make_workspace(("demo", "huangshan"))
    s = Server(ws).start()
    plan_and_wait(s, "demo")
    # Accepted edits, then one accept killed mid-flight.
    for org, ins in (("O13", "I07"), ("O01", "I03")):
        v, job = propose(s, "demo", "forbid", org, ins)
        time.sleep(0.5)
        assert request(s, f"/s/demo/jobs/{job}/accept", {"version": v})[0] == 303
    v, job = propose(s, "demo", "forbid", "O02", "I01")
    time.sleep(0.5)
    def accept_then_die():
        try:
            request(s, f"/s/demo/jobs/{job}/accept", {"version": v})
        except OSError:
            pass  # the server was killed under it: that is the point

    t = threading.Thread(target=accept_then_die)
    t.start()
    s.kill()
    t.join()
    s.start()
    after = state(s, "demo")
    assert after["edits"] in (2, 3)
    con = db(ws)
    steps = con.execute("SELECT COUNT(*) FROM step WHERE scenario='demo' AND edit_kind IS NOT NULL").fetchone()[0]
    events = con.execute("SELECT COUNT(*) FROM event WHERE scenario='demo' AND action='accept'").fetchone()[0]
    assert steps == events == after["edits"]
    versions_are_whole(ws)

    # A plan killed while it runs: after restart it is marked interrupted, no version for it.
    before = con.execute("SELECT COUNT(*) FROM plan_version").fetchone()[0]
    v = state(s, "huangshan")["version"]
    assert request(s, "/s/huangshan/plan", {"version": v})[0] == 303
    time.sleep(1.0)
    s.kill()
    s.start()
    con = db(ws)
    status = con.execute("SELECT status FROM job WHERE scenario='huangshan' ORDER BY id DESC LIMIT 1").fetchone()[0]
    if status == "interrupted":
        assert con.execute("SELECT COUNT(*) FROM plan_version").fetchone()[0] == before
        assert state(s, "huangshan")["plan"] == 0
    versions_are_whole(ws)
    assert state(s, "demo")["edits"] == after["edits"]
    s.stop()
