"""Shared fixtures for the tests of the project's Python tools (run by `make test`).

They drive the debug `ngatu` that `make test` has just built, so a tool is tested against the
binary it ships with."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench", "compare"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def ngatu():
    path = os.environ.get("NGATU", os.path.join(ROOT, ".build", "debug", "ngatu"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is missing: build first (make test does)")
    return path


def run(cmd, **kw):
    """Runs a command, returning the completed process (text output, never raising)."""
    return subprocess.run(cmd, capture_output=True, text=True, **kw)
