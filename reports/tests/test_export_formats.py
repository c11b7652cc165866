"""Downloads as people open them (issue 17): one file-name pattern, CSV rates as on screen, no "provisional"
for a unit without figures, workbook header rows that grow, a summary sheet that prints readably."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from conftest import submit
from reports.tests.test_export import ON_TIME, enter_ledger


@pytest.fixture
def only_a(cast, report_a, report_b):
    """Unit A reported its ledger (99 of 100 on time, submitted, not approved); unit B entered nothing."""
    enter_ledger(report_a, 99, 1)
    [report] = submit(report_a)
    return report


def download(client, user, **params):
    client.force_login(user)
    return client.get(reverse("scorecard_download"), params)


def test_scorecard_csv_writes_rates_as_on_screen_and_no_provisional_without_figures(client, cast, only_a):
    response = download(client, cast["manager"], period="2020-Q1", format="csv")

    assert response["Content-Disposition"] == 'attachment; filename="cchc-t-2020-q1.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, by_code = rows[0], {row[1]: row for row in rows[1:]}
    assert not any("[" in h or "tthc." in h for h in header)
    assert by_code["T-A"][header.index(ON_TIME)] == "99,00%"
    assert by_code["T-A"][-1] == "có"  # figures from a report not approved: provisional
    assert by_code["T-B"][header.index(ON_TIME)] == ""  # not reported, not 0
    assert by_code["T-B"][-1] == ""  # no figures at all: nothing provisional


def test_workbook_header_rows_grow_and_the_summary_prints_on_a3(client, cast, only_a):
    response = download(client, cast["manager"], period="2020-Q1")

    assert response["Content-Disposition"] == 'attachment; filename="cchc-t-2020-q1.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    procedures = workbook["3. Thủ tục hành chính"]
    header_rows = [row[0].row for row in procedures.iter_rows() if row[0].value == "Đơn vị"]
    assert header_rows
    for number in header_rows:
        longest = max(len(str(c.value or "")) for c in procedures[number])
        height = procedures.row_dimensions[number].height
        assert height is not None and height >= 30, (number, longest, height)  # wrapped labels: 2+ lines
    summary = workbook["Tổng hợp"]
    assert int(summary.page_setup.paperSize) == int(summary.PAPERSIZE_A3)
    assert summary.page_setup.orientation == "landscape"
    assert summary.print_title_cols == "$A:$A" and summary.print_title_rows == "$4:$5"


def test_narrative_download_follows_the_same_pattern(client, cast, only_a):
    client.force_login(cast["manager"])
    response = client.get(reverse("narrative_download"), {"period": "2020-Q1"})
    assert response["Content-Disposition"] == 'attachment; filename="cchc-t-2020-q1.docx"'
