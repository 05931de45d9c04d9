"""The bounded load test inside the suite: scripts/loadtest, shortened (8 clients for 15 s on
the demo only, so the suite stays well under its 10 minutes in a debug build). The full run
(20 clients, 60 s, demo and huangshan) is `scripts/loadtest` itself; Documentation/Workbench.md
has its figures. Passes when no request failed and the database holds exactly the edits the
server confirmed (the script checks both and exits non-zero otherwise)."""
import json
import os
import subprocess
import sys

from workbench_server import ROOT


def test_bounded_load_loses_nothing_and_fails_nothing():
    env = dict(os.environ, LOADTEST_CLIENTS="8", LOADTEST_SECONDS="15", LOADTEST_SCENARIOS="demo")
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "loadtest")], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads(run.stdout[run.stdout.index("{"):run.stdout.rindex("}") + 1])
    assert report["failed"] == 0
    assert report["edits_in_db"] == report["edits_accepted"]
    assert report["pages"] > 0 and report["explains"] > 0 and report["replan_requests"] > 0
    print("bounded load:", json.dumps(report, ensure_ascii=False))
