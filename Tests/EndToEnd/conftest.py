"""End-to-end tests of the `dispatch` binary as an office uses its outputs.

DISPATCH_BIN must name the freshly built binary (scripts/test sets it to the debug
build it has just made). There is no fallback: a missing binary fails the suite,
so a stale build can never pass for the current one.
"""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / ".build" / "test-artifacts"


def _binary() -> pathlib.Path:
    value = os.environ.get("DISPATCH_BIN")
    if not value:
        pytest.exit("DISPATCH_BIN is not set: run scripts/test (it builds dispatch and points DISPATCH_BIN at it)", returncode=2)
    path = pathlib.Path(value)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.exit(f"DISPATCH_BIN={value} is not an executable file: build first (swift build)", returncode=2)
    return path


DISPATCH = _binary()


def run_dispatch(*args, check=True):
    """Runs dispatch in the repository root; returns the CompletedProcess."""
    result = subprocess.run([str(DISPATCH), *map(str, args)], cwd=REPO, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"dispatch {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def artifacts() -> pathlib.Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
