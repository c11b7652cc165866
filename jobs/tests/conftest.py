"""Fixtures of the jobs tests: a kind of job whose handler the test decides; the import's cast."""

import pytest

from jobs import registry
from procedures.tests.test_import import procedure, quarters, setup  # noqa: F401  (fixtures)

HANDLERS: list = []


@pytest.fixture
def test_kind(monkeypatch):
    """Register the kind "test.work" whose handler is the function the test appends."""
    monkeypatch.setitem(registry.KINDS, "test.work", registry.Kind("Việc thử", "jobs.tests.conftest.call_handler"))
    HANDLERS.clear()
    return HANDLERS


def call_handler(job, ctx):
    return HANDLERS[0](job, ctx)
