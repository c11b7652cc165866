"""The approval lock in the database: triggers on every report-part table, and the override flag they read.

`ReportPart.save()`/`delete()` and the guarded QuerySet (cchc/lockguard.py) refuse writes with a readable
message; these triggers are the last line under them, so a path that skips Python — raw SQL, a bulk
import, a future `QuerySet` method — still cannot change a part of an approved report or of a closed
period, nor of a month report whose quarter is approved or closed (cchc/locks.py).
The superuser override (`cchc.locks.lock_override`) raises a flag the triggers read:

- PostgreSQL: the custom setting `cchc.lock_override`, set with `set_config(..., is_local => true)`
  inside a savepoint, so it ends with the transaction and is undone if the block fails;
- SQLite: a function `cchc_lock_override()` registered on every connection, returning the flag kept on
  the connection. A connection without it (the sqlite3 shell) fails closed: the trigger errors.

Triggers are installed by migration cchc 0003 and again after every `migrate` (post_migrate), because
SQLite drops a table's triggers when a migration rebuilds the table, and a new ReportPart model gets its
triggers without anyone remembering to.
"""

import contextlib

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction

PREFIX = "cchc_lock"
# How many override blocks are open on a connection: our own attribute on Django's connection object (one per
# thread and alias), which the SQLite override function reads.
DEPTH_ATTRIBUTE = "cchc_lock_override_depth"
# The trigger's message; Python-side messages are translated, this one is what a raw write sees.
MESSAGE = "Báo cáo đã được duyệt hoặc kỳ báo cáo đã khóa sổ: không được ghi số liệu (khóa phê duyệt)."
PG_SETTING = "cchc.lock_override"

# A month report is locked by its quarter too (cchc/locks.py): the unit's quarter report approved, or the
# quarter's period closed. `{months}` is left out before migration cchc 0008 adds `cchc_period.month`.
MONTH_LOCKED = (
    "(p.month IS NOT NULL AND (EXISTS (SELECT 1 FROM cchc_report qr JOIN cchc_period qp ON qp.id = qr.period_id "
    "WHERE qr.unit_id = r.unit_id AND qp.year = p.year AND qp.quarter = p.quarter AND qp.month IS NULL "
    "AND qr.status = 'approved') OR EXISTS (SELECT 1 FROM cchc_period qp WHERE qp.year = p.year "
    "AND qp.quarter = p.quarter AND qp.month IS NULL AND NOT qp.is_open)))"
)

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION {prefix}_locked(report bigint) RETURNS boolean AS $$
    SELECT coalesce(bool_or(r.status = 'approved' OR NOT p.is_open{months}), false)
      FROM cchc_report r JOIN cchc_period p ON p.id = r.period_id WHERE r.id = report;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION {prefix}_guard() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('{setting}', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND {prefix}_locked(OLD.report_id) THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF {prefix}_locked(NEW.report_id) THEN
            RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_LOCKED = (
    "EXISTS (SELECT 1 FROM cchc_report r JOIN cchc_period p ON p.id = r.period_id "
    "WHERE r.id = {row}.report_id AND (r.status = 'approved' OR NOT p.is_open{months}))"
)


def _months_clause(connection, cursor) -> str:
    """The month-report condition, once the period table has its month column (migration cchc 0008)."""
    if connection.vendor == "sqlite":  # (Django's introspection cannot parse this table's CHECK constraints)
        cursor.execute("SELECT name FROM pragma_table_info('cchc_period') WHERE name = 'month'")
    else:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'cchc_period' "
            "AND column_name = 'month' AND table_schema = current_schema()"
        )
    return f" OR {MONTH_LOCKED}" if cursor.fetchone() else ""


def part_tables() -> list[str]:
    """The tables of every concrete ReportPart model."""
    from .models import ReportPart

    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if issubclass(m, ReportPart) and not m._meta.abstract and not m._meta.proxy
    )


def _sqlite_statements(table: str, months: str) -> list[str]:
    old, new = SQLITE_LOCKED.format(row="OLD", months=months), SQLITE_LOCKED.format(row="NEW", months=months)
    when = {"insert": new, "update": f"({old} OR {new})", "delete": old}
    # Dropped and created again: a trigger of an earlier definition (before month reports) is replaced.
    return [
        statement
        for op, condition in when.items()
        for statement in (
            f"DROP TRIGGER IF EXISTS {PREFIX}_{table}_{op}",
            f"CREATE TRIGGER {PREFIX}_{table}_{op} BEFORE {op.upper()} ON {table} "
            f"WHEN NOT {PREFIX}_override() AND {condition} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        )
    ]


def install(connection) -> list[str]:
    """Create (or replace) the guard triggers on every existing report-part table; returns the tables."""
    existing = set(connection.introspection.table_names())
    tables = [t for t in part_tables() if t in existing]
    with connection.cursor() as cursor:
        months = _months_clause(connection, cursor) if "cchc_period" in existing else ""
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION.format(prefix=PREFIX, setting=PG_SETTING, message=MESSAGE, months=months))
            for table in tables:
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {PREFIX}_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}_guard()"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for statement in _sqlite_statements(table, months):
                    cursor.execute(statement)
    return tables


def uninstall(connection) -> None:
    """Drop the guard (reverse of migration cchc 0003)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}_guard() CASCADE")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PREFIX}_locked(bigint)")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"])
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed(connection) -> set[str]:
    """The report-part tables that carry the guard (all three operations on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name = %s",
                [f"{PREFIX}_guard"],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"]
        )
        names: dict[str, int] = {}
        for table, _name in cursor.fetchall():
            names[table] = names.get(table, 0) + 1
        return {table for table, n in names.items() if n == 3}


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created: give each SQLite connection the override function the triggers call."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        f"{PREFIX}_override", 0, lambda: 1 if getattr(connection, DEPTH_ATTRIBUTE, 0) else 0
    )


def install_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate: re-create triggers a table rebuild dropped, and add them to new part tables."""
    install(connections[using])


@contextlib.contextmanager
def override(using: str = DEFAULT_DB_ALIAS):
    """Raise the database's override flag for this block (nested blocks keep it raised)."""
    connection = connections[using]
    depth = getattr(connection, DEPTH_ATTRIBUTE, 0)
    if connection.vendor != "postgresql":
        setattr(connection, DEPTH_ATTRIBUTE, depth + 1)
        try:
            yield
        finally:
            setattr(connection, DEPTH_ATTRIBUTE, depth)
        return
    # A savepoint: if the block fails, PostgreSQL undoes the set_config with it.
    with transaction.atomic(using=using):
        setattr(connection, DEPTH_ATTRIBUTE, depth + 1)
        try:
            if depth == 0:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
            yield
            if depth == 0:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])
        finally:
            setattr(connection, DEPTH_ATTRIBUTE, depth)
