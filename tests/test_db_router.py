"""The read replica router (cchc/db_router.py): scorecard builds and downloads read from the `replica` alias,
writes and everything else stay on the primary. The replica here is a second alias pointing to the same test
database (committed data: transactional tests), as a standby that has replayed everything."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.db_router import REPLICA, replica_reads
from cchc.models import Unit
from conftest import submit
from reports import selectors
from reports.periods import PeriodSpan
from reports.tests.test_scorecard_speed import ON_TIME, enter_ledger


@pytest.fixture
def replica(settings, transactional_db):
    """The `replica` alias on the test database, and the router installed (as REPLICA_DATABASE_URL does).

    Made at run time (a connection of its own, not in DATABASES): Django's test case allows such a
    connection, and every other test keeps its single database."""
    primary = connections[DEFAULT_DB_ALIAS]
    connections[REPLICA] = load_backend(primary.settings_dict["ENGINE"]).DatabaseWrapper(
        dict(primary.settings_dict), alias=REPLICA
    )
    settings.DATABASE_ROUTERS = ["cchc.db_router.ReplicaRouter"]
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]


@pytest.fixture
def reported(cast, province, unit_a, unit_b, report_a, report_b):
    enter_ledger(report_a, 90, 10)
    enter_ledger(report_b, 80, 20)
    submit(report_a, report_b)
    return PeriodSpan.parse("2020-Q1")


def test_a_scorecard_build_reads_from_the_replica_and_gives_the_same_card(replica, reported, province, unit_a, unit_b):
    def card():
        return selectors.scorecard_get(span=reported, units=[unit_a, unit_b], total_unit=province)

    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
        from_replica = card()
    assert len(on_replica) > 5
    # The primary is asked only where the replica is (its WAL position: here not a standby, so not even that).
    assert len(on_primary) <= 2, [q["sql"] for q in on_primary.captured_queries]
    assert from_replica.rows[0].cells[ON_TIME].value == Decimal("0.9")  # unit A: 90 on time of 100 resolved
    with CaptureQueriesContext(replica) as again:
        assert card() is not None  # served from the cache: no read at all
    assert len(again) == 0


def test_a_download_reads_from_the_replica(client, cast, replica, reported):
    client.force_login(cast["manager"])
    with CaptureQueriesContext(replica) as on_replica:
        response = client.get(reverse("scorecard_download"), {"period": reported.code, "format": "csv"})
    assert response.status_code == 200
    assert len(on_replica) > 5


def test_writes_and_reads_outside_the_block_stay_on_the_primary(replica, unit_a):
    with replica_reads() as used:
        assert used
        assert router.db_for_read(Unit) == REPLICA
        assert router.db_for_write(Unit) == DEFAULT_DB_ALIAS
        unit = Unit.objects.get(pk=unit_a.pk)
        assert unit._state.db == REPLICA
        unit.name = "Sở Nội vụ (đổi tên)"
        unit.save()  # written to the primary, not to the database it was read from
    assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
    assert Unit.objects.using(DEFAULT_DB_ALIAS).get(pk=unit_a.pk).name == "Sở Nội vụ (đổi tên)"


def test_inside_a_transaction_the_primary_answers(replica):
    with transaction.atomic(), replica_reads() as used:
        assert not used  # its uncommitted writes are not on the replica
        assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS


def test_without_a_replica_nothing_changes(settings, db):
    settings.DATABASE_ROUTERS = ["cchc.db_router.ReplicaRouter"]
    with replica_reads() as used:
        assert not used
        assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
