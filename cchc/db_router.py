"""Read-only scorecard and export reads on a PostgreSQL read replica (`REPLICA_DATABASE_URL`, docs/scaling.md).

Only what is inside `replica_reads()` goes to the `replica` alias: a scorecard's build when it is not in the
cache (reports/cache.py) and a workbook or CSV download (reports/views/export.py). Everything else — pages
that show what the user just saved, every write, every read inside a transaction — stays on the primary,
so no one reads their own write from a replica that has not replayed it yet.

Why the replica may still be behind: streaming replication is asynchronous. A scorecard built from a stale
replica would be cached under the *new* data version and served until the next write. So `replica_reads()`
first asks both servers where they are: the primary's current WAL position (`pg_current_wal_lsn()`) and the
replica's replayed one (`pg_last_wal_replay_lsn()`); the replica is used only when it has replayed
everything committed so far (the data version being read before, every write it reflects is included).
Otherwise — behind, unreachable, or no replica configured — the reads stay on the primary. An alias that is
not a standby (`pg_is_in_recovery()` false: the test's second alias on the same database, a promoted
server) is up to date by definition. On SQLite (development, tests) the replica alias is never configured
outside the router's own test.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils.connection import ConnectionDoesNotExist

REPLICA = "replica"
logger = logging.getLogger("cchc.db_router")
_replica_reads: ContextVar[bool] = ContextVar("cchc_replica_reads", default=False)


def replica_configured() -> bool:
    """A `replica` alias exists: in DATABASES (REPLICA_DATABASE_URL), or made at run time (the router's test)."""
    try:
        connections[REPLICA]
    except ConnectionDoesNotExist:
        return False
    return True


def _replica_caught_up() -> bool:
    """True when the replica has replayed every transaction committed on the primary so far."""
    replica, primary = connections[REPLICA], connections[DEFAULT_DB_ALIAS]
    if replica.vendor != "postgresql" or primary.vendor != "postgresql":
        return replica.settings_dict["NAME"] == primary.settings_dict["NAME"]  # only the same database
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()")
        standby, replayed = cursor.fetchone()
    if not standby:
        return True
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn() <= %s::pg_lsn", [replayed])
        return bool(cursor.fetchone()[0])


@contextmanager
def replica_reads() -> Iterator[bool]:
    """Inside, reads go to the replica when it is configured, up to date, and no transaction is open on the
    primary (its uncommitted writes are not on the replica). Yields whether the replica is used."""
    use = False
    if replica_configured() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        try:
            use = _replica_caught_up()
        except DatabaseError as exc:  # the replica is down: the primary answers, as without one
            logger.warning("Read replica unavailable, reading from the primary: %s", exc)
    token = _replica_reads.set(use)
    try:
        yield use
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Reads inside `replica_reads()` to the replica; every write, and everything else, to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Explicit: without it Django writes an object to the database it was read from (the replica).
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica receives the schema by replication
