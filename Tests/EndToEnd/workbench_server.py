"""Starts `dispatch serve` on a free loopback port over a fresh copy of bundled scenarios.

Shared by the browser test, the kill test and scripts/loadtest. Only the standard
library here, so the load test needs nothing installed.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def binary():
    for candidate in (os.environ.get("DISPATCH_BIN"), os.path.join(ROOT, ".build", "debug", "dispatch"),
                      os.path.join(ROOT, ".build", "release", "dispatch")):
        if candidate and os.path.exists(candidate):
            return candidate
    raise RuntimeError("dispatch is not built: run swift build first")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_workspace(scenarios=("demo",)):
    folder = tempfile.mkdtemp(prefix="workbench-")
    os.makedirs(os.path.join(folder, "scenarios"))
    for name in scenarios:
        shutil.copytree(os.path.join(ROOT, "scenarios", name), os.path.join(folder, "scenarios", name))
    return folder


class Server:
    def __init__(self, workspace, time_limit=30):
        self.workspace = workspace
        self.time_limit = time_limit
        self.process = None
        self.port = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.port = free_port()
        self.log = open(os.path.join(self.workspace, "server.log"), "ab")
        self.process = subprocess.Popen(
            [binary(), "serve", self.workspace, "--port", str(self.port), "--time-limit", str(self.time_limit)],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/static/app.css", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("server exited: " + open(self.log.name).read()[-2000:])
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def request(server, path, form=None, method=None):
    """One request; returns (status, headers, body). POSTs carry the same-origin header."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(server.url + path, data=data, method=method or ("POST" if data is not None else "GET"))
    if data is not None:
        req.add_header("Origin", server.url)
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with _opener.open(req, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def state(server, scenario):
    import json
    status, _, body = request(server, f"/api/s/{scenario}/state")
    assert status == 200, body
    return json.loads(body)


def plan_and_wait(server, scenario, timeout=120):
    v = state(server, scenario)["version"]
    status, headers, _ = request(server, f"/s/{scenario}/plan", {"version": v})
    assert status == 303, status
    deadline = time.time() + timeout
    while time.time() < deadline:
        if state(server, scenario)["plan"]:
            return
        time.sleep(0.3)
    raise AssertionError("plan did not finish")
