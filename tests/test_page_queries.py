"""What the portal's main pages cost in queries, pinned (issue 12, "Pages").

The scorecard pages (overview, grid, unit page) are pinned in reports/tests/test_scorecard_speed.py and the
lists' growth in tests/test_list_queries.py and tests/test_list_views.py; this file pins the rest of the main
pages for a clerk and a manager, and the report page itself: its GET and its save cost the same number of
queries whether a section holds few or many rows, and the save writes inside one transaction.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import page_form_data
from procedures.models import LedgerRow, LedgerSource

# --- the report page with few or many ledger rows ---------------------------------------------------


def ledger_rows(report, count: int) -> None:
    """`count` typed reception points, each reconciling (received = resolved + pending)."""
    LedgerRow.objects.bulk_create(
        LedgerRow(
            report=report,
            reception_point=f"Bộ phận một cửa số {i}",
            carried_over=0,
            received_new=10,
            received_total=10,
            resolved_total=6,
            pending_total=4,
            source=LedgerSource.TYPED,
        )
        for i in range(count)
    )


def report_with_rows(report, count: int):
    ledger_rows(report, count)
    return report


def page_queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries), response


def save_every_row(client, report) -> list[dict]:
    """Change every ledger row of the page (resolved 6 → 7, pending 4 → 3) and press "Lưu nháp"."""
    url = reverse("report_detail", args=[report.pk])
    data = page_form_data(client, url)
    changed = 0
    for key in list(data):
        if re.fullmatch(r"ledger-\d+-resolved_total", key) and data[key]:
            data[key] = "7"
            data[key.replace("resolved_total", "pending_total")] = "3"
            changed += 1
    assert changed == LedgerRow.objects.filter(report=report).count()
    data["action"] = "save"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    assert sorted(LedgerRow.objects.filter(report=report).values_list("resolved_total", flat=True)) == [7] * changed
    # Copied now: the connection's query log is a bounded deque, read later it may have moved on.
    return list(queries.captured_queries)


# Measured 2026-11-30 on SQLite and PostgreSQL, a clerk's draft with typed ledger rows.
REPORT_PAGE_GET = 77  # 72 before the month pages of issue 11 (merged from main)
FEW, MANY = 2, 12


def test_the_report_page_costs_the_same_queries_for_few_or_many_rows(client, cast, report_a, report_b):
    report_with_rows(report_a, FEW)
    report_with_rows(report_b, MANY)
    client.force_login(cast["clerk_a"])
    page_queries(client, reverse("report_detail", args=[report_a.pk]))  # the process's first page reads settings once
    few, _ = page_queries(client, reverse("report_detail", args=[report_a.pk]))
    client.force_login(cast["clerk_b"])
    many, _ = page_queries(client, reverse("report_detail", args=[report_b.pk]))
    assert many == few, (few, many)
    assert few <= REPORT_PAGE_GET, few


def writes_outside(queries, first: int, last: int) -> list[str]:
    """Writes to the portal's tables outside the captured queries [first, last] (the session's own is fine)."""
    writes = []
    for index, query in enumerate(queries):
        sql = query["sql"].lstrip().upper()
        is_write = sql.startswith(("INSERT", "UPDATE", "DELETE")) and "DJANGO_SESSION" not in sql
        if is_write and not first < index < last:
            writes.append(query["sql"][:120])
    return writes


def transaction_bounds(queries) -> tuple[int, int]:
    """The report's transaction (a savepoint here: the test's own transaction holds every request): the widest
    savepoint, from SAVEPOINT to its RELEASE, around the report's version swap (`UPDATE "cchc_report"`)."""
    sqls = [q["sql"] for q in queries]
    swap = next(i for i, sql in enumerate(sqls) if sql.startswith('UPDATE "cchc_report"'))
    opened: dict[str, int] = {}
    around = []
    for index, sql in enumerate(sqls):
        if sql.startswith("SAVEPOINT"):
            opened[sql.split()[-1]] = index
        elif sql.startswith("RELEASE SAVEPOINT") and sql.split()[-1] in opened:
            start = opened.pop(sql.split()[-1])
            if start < swap < index:
                around.append((start, index))
    return max(around, key=lambda bounds: bounds[1] - bounds[0])


# The whole POST (session, the page's forms, the save, the page's checks after it), measured 2026-11-30; it was
# ~217 for two changed rows and ~647 for twelve before the save path went set-based (issue 12).
SAVE_QUERIES = 112


def test_saving_the_report_page_is_one_transaction_whatever_the_number_of_rows(client, cast, report_a, report_b):
    report_with_rows(report_a, FEW)
    report_with_rows(report_b, MANY)
    client.force_login(cast["clerk_a"])
    few = save_every_row(client, report_a)
    client.force_login(cast["clerk_b"])
    many = save_every_row(client, report_b)
    for queries in (few, many):
        first, last = transaction_bounds(queries)
        assert writes_outside(queries, first, last) == []
    assert len(many) == len(few), (len(few), len(many))
    assert len(few) <= SAVE_QUERIES, len(few)


# --- the other main pages --------------------------------------------------------------------------

# (url name, role): the page's whole cost, measured 2026-11-30 on SQLite and PostgreSQL (a report with two rows).
PAGES = {
    ("report_mine", "clerk_a"): 11,
    ("report_submissions", "manager"): 12,
    ("report_detail", "clerk_a"): REPORT_PAGE_GET,
    ("report_read", "manager"): 52,
    ("report_history", "clerk_a"): 19,
    ("unit_list", "manager"): 7,
    ("unit_detail", "manager"): 8,
}


@pytest.mark.parametrize(("name", "role"), sorted(PAGES))
def test_main_pages_keep_their_query_counts(client, cast, report_a, unit_a, request, name, role):
    report_with_rows(report_a, FEW)
    if name == "report_read":  # a manager reads and reviews a submitted report
        report_a = request.getfixturevalue("submitted_report_a")
    args = [report_a.pk] if name.startswith("report_") and name not in ("report_mine", "report_submissions") else None
    args = [unit_a.pk] if name == "unit_detail" else args
    client.force_login(cast[role])
    count, _ = page_queries(client, reverse(name, args=args))
    assert count <= PAGES[name, role], count


# --- a draft's save keeps the managers' cached scorecards ---------------------------------------------


def test_saving_a_draft_keeps_the_cached_scorecards_and_submitting_it_does_not(client, cast, report_a):
    """No output shows a draft's figures, so a clerk saving a draft must not empty every cached scorecard
    (under load, ten clerks saving drafts did); submitting it changes the outputs and bumps the version."""
    from cchc.dataversion import data_version
    from conftest import submit

    report_with_rows(report_a, FEW)
    before = data_version()
    client.force_login(cast["clerk_a"])
    save_every_row(client, report_a)
    assert data_version() == before
    submit(report_a)
    assert data_version() != before
