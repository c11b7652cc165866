"""Fixtures of the iso tests (the shared cast and province come from the project's conftest.py)."""

import pytest

from iso.tests.helpers import child_unit


@pytest.fixture
def archive(unit_a):
    """A unit under unit A (Sở Nội vụ): its register row counts in unit A's and the province's reports."""
    return child_unit(unit_a, "T-A-1", "Chi cục Văn thư - Lưu trữ")
