"""The row check's fast lane (importing/fast.py) accepts only rows RowCheck accepts, with the same record, and
takes the plain rows of a one-stop export (issue 12)."""

from __future__ import annotations

import itertools

import pytest

from procedures.importing.fast import FastCheck
from procedures.importing.lookups import Lookups
from procedures.importing.rows import RowCheck
from procedures.tests.test_import import line, procedure, quarters  # noqa: F401  (fixtures)


@pytest.fixture
def setup(cast, procedure, quarters):  # noqa: F811
    return cast


PLAIN = [
    line("HS-1"),
    line("HS-2", received="06/01/2020", completed="", status="dang_giai_quyet"),
    line("HS-3", channel="truc_tuyen", status="tra_lai", point="Trung tâm"),
    line("HS-4", channel="BUU_CHINH", status="Resolved", received="01/10/2019 07:05", completed="10/01/2020"),
    line(" HS-5 ", unit=" T-A", point="  Bộ phận một cửa "),
]
# Variations of one cell each; some valid in another shape (RowCheck reads them), some wrong.
VARIANTS = {
    0: ["", "X" * 81, "HS-ẞ", "HS-9"],
    1: ["", "9.999999", "1.000001"],
    2: ["", "T-Z", "T-B", "T-A"],
    3: ["", "x" * 201, "Điểm\u0301"],
    4: ["", "fax", "Trực tuyến", "in_person"],
    5: ["", "31/02/2020", "2020-01-06", "6/1/2020", "06/01/2020 25:00", "06-01-2020", "06/01/2030", "06/01/2018"],
    6: ["", "05/01/2020", "2020-01-10 17:00", "10/01/2030", "10/01/2020 00:00"],
    7: ["", "05/01/2020", "09/01/2020", "09/01/2030", "09/01/2020 16:00", "2020-01-09T16:00+07:00"],
    8: ["", "dang_giai_quyet", "rut", "Đã giải quyết", "bogus"],
}


def rows():
    yield from (text.split(",") for text in PLAIN)
    base = line("HS-V").split(",")
    for column, values in VARIANTS.items():
        for value in values:
            cells = list(base)
            cells[column] = value
            yield cells
    for status, completed in itertools.product(VARIANTS[8], VARIANTS[7]):
        cells = list(base)
        cells[7], cells[8] = completed, status
        yield cells


def test_the_fast_lane_agrees_with_the_row_check_and_takes_the_plain_rows(setup):
    lookups = Lookups(setup["clerk_a"])
    fast = FastCheck(lookups)
    taken = 0
    for number, cells in enumerate(rows(), start=2):
        check = RowCheck(lookups, number)
        expected = check.record(cells, list(range(9)))
        got = fast.record(number, cells)
        if got is not None:
            taken += 1
            assert not check.errors, (cells, check.errors)
            assert got == expected, cells
        if number - 2 < len(PLAIN):
            assert got is not None, cells  # a plain row takes the fast lane
    assert taken > len(PLAIN)
