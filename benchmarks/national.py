"""National scale on PostgreSQL: ~10,000 units × 8 quarters and millions of dossier records (issue 12).

    python benchmarks/national.py                                  # 10,000 units, 10,000,000 dossier records
    python benchmarks/national.py --dossiers 2000000 --units 10000 # a smaller run, to extrapolate from

PostgreSQL only (a throwaway database, created and dropped; its name must contain "bench"). Data: the synthetic
province of `seeds.synthetic` (set-based writes) with `--units` units × `--quarters` quarters, 50 synthetic
procedures, and `--dossiers` dossier records written straight into the app's table with
`INSERT … SELECT … FROM generate_series` in chunks (no history rows: the import writes those, this measures
the reading side), spread over the quarters and units, consistent with the table's CHECK constraints.

Measured, each printed with the load average (the machine is shared: times are noisy, ratios are the figure):
the data generation; the dossier table's size (table, indexes); the grouped ledger aggregate of one quarter for
every unit, the app's own (`procedures.selectors.ledgers_from_records`) and the same aggregate in plain SQL on
the app's table and on a copy partitioned by year (PostgreSQL declarative partitioning, in this database only),
alternating, with their ratio; the scorecard build of the year span (`reports.builder.scorecard_build`, every
registered indicator, the province's units); the workbook export of the year (data build + xlsx); and the main
pages through Django's test client (overview, grid, a unit's page, submissions, the dossier list) as a manager
of the province.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from throwaway_db import machine_facts, throwaway_django  # noqa: E402  (sibling script module)

CHUNK = 1_000_000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--end", default="2026-Q4", help="last quarter (default 2026-Q4)")
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each aggregate (default 3)")
    parser.add_argument("--skip", default="", help="comma separated: scorecard, export, pages, partition")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_load_scale_national")
    return parser.parse_args(argv)


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[{stamp} UTC, load {os.getloadavg()[0]:.1f}] {message}", file=sys.stderr, flush=True)


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


# --- data -----------------------------------------------------------------------------------------


def generate(args) -> dict:
    from seeds.synthetic import synthetic_province_build

    year, quarter = (int(x) for x in args.end.upper().split("-Q"))
    seconds, result = timed(
        lambda: synthetic_province_build(
            units=args.units,
            quarters=args.quarters,
            end=(year, quarter),
            progress=lambda done, total: log(f"  units {done:,}/{total:,}"),
        )
    )
    return {"result": result, "seconds": round(seconds, 1)}


def procedures_create() -> list[int]:
    from cchc.choices import UnitKind
    from procedures.choices import ProcedureLevel
    from procedures.services import procedure_upsert

    return [
        procedure_upsert(
            code=f"1.9{i:05d}",
            name=f"Thủ tục tổng hợp {i} (mô phỏng)",
            field="Thử nghiệm hiệu năng",
            level=ProcedureLevel.PROVINCE,
            unit_kind=UnitKind.DEPARTMENT,
        ).pk
        for i in range(1, 51)
    ]


# One dossier per generated number g: its unit and procedure by g, received on a day of the span (spread over
# the quarters), due 15 days later; 80 % resolved (early, on time or late), 3 % returned, 2 % withdrawn, 15 %
# still pending; completion never before reception and only for finished dossiers (the table's CHECKs).
DOSSIER_INSERT = """
INSERT INTO procedures_dossierrecord
    (created_at, updated_at, code, procedure_id, unit_id, reception_point, channel, received_at, due_at,
     completed_at, status)
SELECT now(), now(), 'NAT-' || g, p.ids[1 + g %% array_length(p.ids, 1)], u.ids[1 + (g / 7) %% array_length(u.ids, 1)],
       CASE WHEN g %% 3 = 0 THEN 'Bộ phận một cửa cấp xã' ELSE 'Trung tâm phục vụ hành chính công' END,
       (ARRAY['in_person', 'online', 'postal'])[1 + g %% 3],
       r.at, r.at + interval '15 days',
       CASE WHEN g %% 100 < 85 THEN r.at + make_interval(days => 3 + g %% 20) END,
       CASE WHEN g %% 100 < 80 THEN 'resolved' WHEN g %% 100 < 83 THEN 'returned'
            WHEN g %% 100 < 85 THEN 'withdrawn' ELSE 'pending' END
FROM generate_series(%(first)s, %(last)s) AS g,
     (SELECT array_agg(id ORDER BY id) AS ids FROM procedures_procedure WHERE code LIKE '1.9%%') AS p,
     (SELECT array_agg(id ORDER BY id) AS ids FROM cchc_unit WHERE code LIKE 'SYN-%%' AND parent_id IS NOT NULL) AS u,
     LATERAL (SELECT %(start)s::timestamptz + make_interval(secs => (g::bigint * 7919) %% %(seconds)s) AS at) AS r
"""


def dossiers_insert(count: int, start, end) -> float:
    from django.db import connection

    seconds = int((end - start).total_seconds()) - 40 * 86400  # leave room for the completion date
    started = time.perf_counter()
    for first in range(1, count + 1, CHUNK):
        last = min(count, first + CHUNK - 1)
        with connection.cursor() as cursor:
            cursor.execute(DOSSIER_INSERT, {"first": first, "last": last, "start": start, "seconds": seconds})
        log(f"  dossier records {last:,}/{count:,}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE procedures_dossierrecord")
    return time.perf_counter() - started


def table_size(table: str) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size(%s::regclass), pg_relation_size(%s::regclass), "
            "pg_indexes_size(%s::regclass), (SELECT count(*) FROM " + table + ")",
            [table, table, table],
        )
        total, heap, indexes, rows = cursor.fetchone()
    mb = 1024 * 1024
    return {
        "rows": rows,
        "total_mb": round(total / mb),
        "table_mb": round(heap / mb),
        "indexes_mb": round(indexes / mb),
    }


# --- the grouped ledger aggregate, on the app's table and on a copy partitioned by year -------------------

# The ledger of one quarter for every unit and reception point (the shape of ledgers_from_records), and a year's
# dossiers per unit and quarter (where partition pruning can help: the filter is on the partition key).
QUARTER_LEDGER = """
SELECT unit_id, reception_point, count(*) FILTER (WHERE received_at < %(start)s) AS carried_over,
       count(*) FILTER (WHERE received_at >= %(start)s) AS received_new,
       count(*) FILTER (WHERE status = 'resolved' AND completed_at >= %(start)s AND completed_at < %(end)s) AS resolved,
       count(*) FILTER (WHERE completed_at IS NULL OR completed_at >= %(end)s) AS pending
FROM {table} WHERE received_at < %(end)s AND (completed_at IS NULL OR completed_at >= %(start)s)
GROUP BY unit_id, reception_point
"""
YEAR_BY_QUARTER = """
SELECT unit_id, date_trunc('quarter', received_at) AS quarter, count(*) AS received,
       count(*) FILTER (WHERE status = 'resolved') AS resolved
FROM {table} WHERE received_at >= %(year_start)s AND received_at < %(year_end)s
GROUP BY unit_id, date_trunc('quarter', received_at)
"""


def partitioned_copy(years: list[int]) -> dict:
    """The dossier table copied into one partitioned by year of reception (PostgreSQL declarative partitioning).

    Its primary key and the dossier code's uniqueness must include the partition key (received_at): PostgreSQL
    cannot enforce `code` unique across partitions, which the import's upsert (ON CONFLICT (code)) relies on."""
    from django.db import connection

    statements = [
        "CREATE TABLE dossier_by_year (LIKE procedures_dossierrecord INCLUDING DEFAULTS) "
        "PARTITION BY RANGE (received_at)",
        *[
            f"CREATE TABLE dossier_by_year_{y} PARTITION OF dossier_by_year "
            f"FOR VALUES FROM ('{y}-01-01 00:00+07') TO ('{y + 1}-01-01 00:00+07')"
            for y in years
        ],
        "INSERT INTO dossier_by_year SELECT * FROM procedures_dossierrecord",
        "ALTER TABLE dossier_by_year ADD PRIMARY KEY (id, received_at)",
        "CREATE UNIQUE INDEX dossier_by_year_code ON dossier_by_year (code, received_at)",
        "CREATE INDEX dossier_by_year_unit_received ON dossier_by_year (unit_id, received_at)",
        "ANALYZE dossier_by_year",
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        cursor.execute(
            "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('dossier_by_year'::regclass) WHERE isleaf"
        )
        total = cursor.fetchone()[0]
    return {"seconds": round(time.perf_counter() - started, 1), "total_mb": round(total / 1024 / 1024)}


def aggregates(params: dict, repeat: int, partitioned: bool) -> dict:
    """Each aggregate on the app's table and on the partitioned copy, alternating; best times and ratios."""
    from django.db import connection

    def run(sql: str, table: str) -> tuple[float, int]:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(sql.format(table=table), params)
            rows = len(cursor.fetchall())
        return time.perf_counter() - started, rows

    out = {}
    for name, sql in (("quarter_ledger", QUARTER_LEDGER), ("year_by_unit_and_quarter", YEAR_BY_QUARTER)):
        plain, split, rows = [], [], 0
        for _ in range(repeat):
            seconds, rows = run(sql, "procedures_dossierrecord")
            plain.append(seconds)
            if partitioned:
                split.append(run(sql, "dossier_by_year")[0])
        result = {
            "groups": rows,
            "plain_best_s": round(min(plain), 3),
            "plain_median_s": round(statistics.median(plain), 3),
        }
        if split:
            result.update(
                partitioned_best_s=round(min(split), 3),
                partitioned_median_s=round(statistics.median(split), 3),
                partitioned_over_plain=round(min(split) / min(plain), 2),
            )
        out[name] = result
    return out


# --- the app at that size -----------------------------------------------------------------------------


def app_ledger(units, period) -> dict:
    from procedures.selectors import ledgers_from_records

    seconds, ledgers = timed(lambda: ledgers_from_records(unit_ids=[u.pk for u in units], period=period))
    return {"seconds": round(seconds, 2), "groups": len(ledgers)}


def scorecard(span, province, admin) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.builder import scorecard_build
    from reports.registry import all_indicators
    from reports.selectors import scorecard_units

    units = list(scorecard_units(user=admin, span=span, scope=province))
    indicators = list(all_indicators())
    with CaptureQueriesContext(connection) as queries:
        seconds, card = timed(
            lambda: scorecard_build(span=span, units=units, total_unit=province, indicators=indicators)
        )
    return {
        "units": len(units),
        "indicators": len(indicators),
        "rows": len(card.rows),
        "queries": len(queries),
        "seconds": round(seconds, 1),
    }


def export(span, province, admin) -> dict:
    from reports import exporters
    from reports.scope import scope_of

    scope = scope_of(admin, span, unit=province)
    data_seconds, data = timed(lambda: exporters.export_data(span=span, scope=scope, user=admin))
    xlsx_seconds, content = timed(lambda: exporters.render(data, "xlsx"))
    return {
        "rows": len(data.scorecard.rows),
        "data_s": round(data_seconds, 1),
        "xlsx_s": round(xlsx_seconds, 1),
        "bytes": len(content),
    }


def pages(span, province, units) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from cchc import services
    from cchc.choices import Role

    settings.ALLOWED_HOSTS = ["testserver"]
    manager = get_user_model().objects.create_user("bench-national-manager")
    services.membership_grant(user=manager, unit=province, role=Role.MANAGER)
    client = Client()
    client.force_login(manager)
    urls = {
        "overview": reverse("scorecard_overview"),
        "grid": reverse("scorecard_grid"),
        "unit": reverse("scorecard_unit", args=[units[len(units) // 2].pk]),
        "submissions": reverse("report_submissions"),
        "dossier_list": reverse("dossier_list"),
    }
    out = {}
    for name, url in urls.items():
        runs = []
        for _ in range(2):  # first: cold (the scorecard built), second: from the cache where there is one
            with CaptureQueriesContext(connection) as queries:
                seconds, response = timed(lambda u=url: client.get(u, {"period": span.code}, secure=True))
            runs.append({"status": response.status_code, "seconds": round(seconds, 2), "queries": len(queries)})
        out[name] = runs
        log(f"  page {name}: {runs}")
    return out


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("National scale is measured on PostgreSQL only (--database-url postgres://…/bench_…).")
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    report: dict = {"args": vars(args)}

    def out(key: str, value) -> None:  # printed as soon as measured: a long run keeps what it reached
        report[key] = value
        log(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}")

    with throwaway_django(args.database_url, prefix="cchc-national-") as (_workdir, backend):
        from django.contrib.auth import get_user_model

        from cchc.models import Unit
        from reports.periods import PeriodSpan

        report["machine"] = machine_facts(backend)
        log(f"generating {args.units:,} units × {args.quarters} quarters")
        generated = generate(args)
        result = generated["result"]
        out(
            "synthetic",
            {
                "units": result.unit_count,
                "reports": result.report_count,
                "figure_rows": result.row_count,
                "seconds": generated["seconds"],
            },
        )
        procedures_create()
        periods = result.periods
        start, end = periods[0].start_date, periods[-1].end_date
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Asia/Ho_Chi_Minh")
        seconds = dossiers_insert(
            args.dossiers,
            datetime(start.year, start.month, start.day, tzinfo=zone),
            datetime(end.year, end.month, end.day, tzinfo=zone),
        )
        out(
            "dossiers",
            {
                "rows": args.dossiers,
                "insert_seconds": round(seconds, 1),
                "rows_per_second": round(args.dossiers / seconds),
                **table_size("procedures_dossierrecord"),
            },
        )

        last = periods[-1]
        q_start = datetime(last.start_date.year, last.start_date.month, last.start_date.day, tzinfo=zone)
        q_end = datetime(last.end_date.year, last.end_date.month, last.end_date.day, tzinfo=zone)
        params = {
            "start": q_start,
            "end": q_end + timedelta(days=1),
            "year_start": datetime(last.year, 1, 1, tzinfo=zone),
            "year_end": datetime(last.year + 1, 1, 1, tzinfo=zone),
        }
        partitioned = "partition" not in skip
        if partitioned:
            out("partitioned_copy", partitioned_copy(sorted({p.year for p in periods})))
        out("aggregates", aggregates(params, args.repeat, partitioned))
        province = result.province
        units = list(Unit.objects.filter(code__startswith="SYN-").exclude(pk=province.pk).order_by("path"))
        out("app_ledger_quarter_all_units", app_ledger(units, last))
        admin = get_user_model().objects.create_superuser("bench-national-admin", password=None)
        span = PeriodSpan.parse(str(last.year))
        if "scorecard" not in skip:
            out("scorecard_year", scorecard(span, province, admin))
        if "export" not in skip:
            out("export_year", export(span, province, admin))
        if "pages" not in skip:
            out("pages", pages(span, province, units))
        report["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
