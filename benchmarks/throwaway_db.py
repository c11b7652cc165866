"""The throwaway database every benchmark runs in, and Django set up against it.

A benchmark drops and recreates its PostgreSQL database, so it refuses the names the test suite and the
other benchmarks use, and any name without "bench" in it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ALWAYS_FORBIDDEN = {"test", "test_test", "postgres", "template0", "template1"}


def postgres_create(url: str, *, forbidden: set[str] = frozenset()) -> str:
    """Drop and create the database named in `url`; return its name."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    refused = ALWAYS_FORBIDDEN | set(forbidden)
    if name in refused or "bench" not in name:
        sys.exit(
            f"Refusing database {name!r}: the benchmark drops it; use a name containing 'bench' "
            f"other than {sorted(refused)}."
        )
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def postgres_drop(url: str, name: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cchc.settings"
    # Production-like: DEBUG off, so Django does not keep every query in memory.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def throwaway_django(database_url: str | None, *, prefix: str, forbidden: set[str] = frozenset()):
    """Django set up and migrated on a throwaway database: the PostgreSQL one named by `database_url`
    (dropped and created, then dropped again), else a SQLite file in a temporary folder. Yields
    (the temporary folder, "postgresql" or "sqlite"); everything is removed on the way out."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    pg_name = None
    if database_url:
        pg_name = postgres_create(database_url, forbidden=forbidden)
        url, backend = database_url, "postgresql"
    else:
        url, backend = f"sqlite:///{workdir / 'bench.sqlite3'}", "sqlite"
    try:
        setup_django(url)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        yield workdir, backend
        connections.close_all()
    finally:
        if pg_name and database_url:
            postgres_drop(database_url, pg_name)
        for path in sorted(workdir.glob("*"), reverse=True):
            path.unlink()
        workdir.rmdir()


def machine_facts(backend: str) -> dict:
    """What a benchmark's figures depend on: the day, the database and its version, cores, load, Python."""
    from django.db import connection

    return {
        "date": dt.date.today().isoformat(),
        "backend": backend,
        "server_version": connection.cursor().connection.info.server_version
        if backend == "postgresql"
        else connection.Database.sqlite_version,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0],
    }
