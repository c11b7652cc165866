"""Load test: 20 users on gunicorn + PostgreSQL for a fixed time; p50/p95/p99, req/s and errors per page.

    python benchmarks/load.py                       # 60 s, 20 users, 3 gunicorn workers
    python benchmarks/load.py --duration 120 --workers 5 --database-url postgres://…/bench_load_x

What it sets up, all throwaway: a PostgreSQL database (created and dropped; its name must contain "bench"),
migrated, with the Cao Bằng demo data (`seed_demo`) and a synthetic province of `--units` units × `--quarters`
quarters (`seeds.synthetic`, as `manage.py generate_synthetic`); half the users are managers of the synthetic
province, half are clerks of one of its units each, whose latest report is put back to draft. Static files
are collected (DEBUG=0 serves them through whitenoise's manifest) and gunicorn is started on 127.0.0.1 with
a free port, production-like settings (DEBUG=0, persistent connections) and the scorecard cache in Redis
(`--cache-url`, default redis://127.0.0.1:6379/0) under a key prefix of this run only, so every worker shares
the cached scorecards and their data version, as docs/deployment.md asks; its keys are deleted at the end.

The client is a small threaded one (urllib with a cookie jar per user; loopback only): each user logs in
through the login form, then until the end of `--duration` requests a page and waits `--think` seconds.
A manager opens the overview, the grid or a unit's page (a random unit of the synthetic province) for a
random span of its quarters (a quarter, a half, nine months or a year). A clerk opens the report page of its
draft and saves it as it is (the page's form posted back with its version: every section written again, so
every cached scorecard is out of date for the managers' next request, as a real save does).

Printed: per page the number of requests, p50 / p95 / p99 / max in ms, req/s and errors; the totals; the
goals of issue 12 (p95 ≤ 300 ms on the scorecard pages, ≤ 200 ms on the save, no error) marked met or not
(reported, never a failure of the script); the load average before and after; and the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time

from load_client import PASSWORD, Cast, load, log, print_table, summary  # noqa: E402  (sibling script module)
from throwaway_db import ROOT, machine_facts, throwaway_django  # noqa: E402  (sibling script module)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=20, help="users, half managers, half clerks (default 20)")
    parser.add_argument("--think", type=float, default=1.0, help="seconds each user waits between requests")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--units", type=int, default=300, help="units of the synthetic province (default 300)")
    parser.add_argument("--quarters", type=int, default=8, help="quarters of the synthetic province (default 8)")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/bench_load_scale", help="throwaway database"
    )
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0", help="Redis for the scorecard cache")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args(argv)


# --- the data -------------------------------------------------------------------------------------


def spans_of(periods) -> list[str]:
    """Quarters, halves, nine months and years of the generated quarters (only complete ones)."""
    quarters = {(p.year, p.quarter) for p in periods}
    spans = [f"{y}-Q{q}" for y, q in sorted(quarters)]
    for year in sorted({y for y, _ in quarters}):
        have = {q for y, q in quarters if y == year}
        spans += [f"{year}-H1"] if {1, 2} <= have else []
        spans += [f"{year}-9M"] if {1, 2, 3} <= have else []
        spans += [str(year)] if {1, 2, 3, 4} <= have else []
    return spans


def build_data(args) -> Cast:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from cchc import services
    from cchc.choices import ReportStatus, Role
    from cchc.models import Report, Unit
    from seeds.synthetic import synthetic_province_build

    started = time.perf_counter()
    call_command("seed_demo", allow_demo_accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    log(f"  seed_demo: {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    result = synthetic_province_build(units=args.units, quarters=args.quarters, seed=args.seed)
    log(
        f"  synthetic province: {result.unit_count} units × {len(result.periods)} quarters, "
        f"{result.report_count} reports, {time.perf_counter() - started:.0f} s"
    )
    province = result.province
    units = list(Unit.objects.filter(path__startswith=province.path).exclude(pk=province.pk).order_by("path"))
    latest = result.periods[-1]
    users = get_user_model().objects
    half = args.users // 2
    managers = []
    for i in range(args.users - half):
        user = users.create_user(username=f"bench_manager_{i:02d}", password=PASSWORD)
        services.membership_grant(user=user, unit=province, role=Role.MANAGER)
        managers.append(user.username)
    clerks = []
    step = max(1, len(units) // max(half, 1))
    for i in range(half):
        unit = units[(i * step) % len(units)]
        user = users.create_user(username=f"bench_clerk_{i:02d}", password=PASSWORD)
        services.membership_grant(user=user, unit=unit, role=Role.CLERK)
        report = Report.objects.get(unit=unit, period=latest)
        # Back to draft in the throwaway database only: the generator writes submitted or approved reports.
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
        clerks.append((user.username, report.pk))
    return Cast(managers, clerks, [u.pk for u in units], spans_of(result.periods))


# --- gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, cache_url: str, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DB_CONN_MAX_AGE="60",
        CACHE_URL=cache_url,
        CACHE_KEY_PREFIX=prefix,
        LOG_LEVEL="WARNING",
    )
    return env


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "cchc.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn exited with {server.returncode}")
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start within 60 s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def cache_keys_delete(cache_url: str, prefix: str) -> int:
    """Delete this run's keys only (never FLUSHDB: the Redis is shared)."""
    import redis

    client = redis.Redis.from_url(cache_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    return len(keys)


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The load test runs on PostgreSQL only (--database-url postgres://…/bench_…).")
    prefix = f"bench-load-{os.getpid()}"
    with throwaway_django(args.database_url, prefix="cchc-load-") as (_workdir, backend):
        log("data:")
        cast = build_data(args)
        from django.db import connections

        connections.close_all()
        port = free_port()
        env = server_env(args.database_url, args.cache_url, prefix)
        log(f"gunicorn: {args.workers} workers on 127.0.0.1:{port}")
        server = start_gunicorn(env, port, args.workers)
        try:
            facts = machine_facts(backend)
            load_before = [round(x, 2) for x in os.getloadavg()]
            log(
                f"load: {len(cast.managers)} managers, {len(cast.clerks)} clerks, {args.duration:.0f} s, "
                f"think {args.think} s (load average {load_before})"
            )
            stats, elapsed = load(f"http://127.0.0.1:{port}", cast, args)
            load_after = [round(x, 2) for x in os.getloadavg()]
        finally:
            stop(server)
            cache_keys_delete(args.cache_url, prefix)
        connections.close_all()
    result = summary(stats, elapsed)
    result.update(
        machine=facts,
        load_average_before=load_before,
        load_average_after=load_after,
        seconds=round(elapsed, 1),
        users={"managers": len(cast.managers), "clerks": len(cast.clerks)},
        workers=args.workers,
        synthetic_units=len(cast.units),
        spans=cast.spans,
        think_s=args.think,
    )
    print_table(result)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
