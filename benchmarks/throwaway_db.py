"""The throwaway database every benchmark runs in, and Django set up against it.

A benchmark drops and recreates its PostgreSQL database, so it refuses the names the test suite and the
other benchmarks use, and any name without "bench" in it.
"""

from __future__ import annotations

import os
import sys
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
