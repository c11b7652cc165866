"""Benchmark of the ledger recompute: the per-report recompute (before issue 12) vs the set version, in one run.

    python benchmarks/ledger_recompute.py --rows 100000
    python benchmarks/ledger_recompute.py --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/bench_ledger_set

The data is the import benchmark's (benchmarks/import_dossiers.py: 100 synthetic units BENCH-Uxxx, 50 procedures,
2023-Q1…2024-Q4, two reception points per unit), imported once through `dossier_import_commit`: 800 reports
(100 units × 8 quarters) and 1,600 ledger rows. Then, alternately (old first in odd pairs, new first in even
ones), each side recomputes all 800 reports inside a transaction that is rolled back, so both start from the same
state:

- `first`: no ledger row stored (what an import of new records does);
- `again`: every row stored with the values the records give (a re-run: the old path saved and historised every
  row again, the set version writes nothing).

"old" is `procedures.services.ledger_recompute` as of e238dcc (one aggregate per report, `full_clean()` + `save()`
per row, copied below); "new" is `procedures.services.ledgers_recompute(reports=…)` over the 800. Both must leave
the same ledgers (checked on every pair). Printed: times, queries, the ratio old ÷ new per pair and its median,
the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from import_dossiers import create_reference_data, write_csv  # noqa: E402  (sibling script module)
from throwaway_db import machine_facts, throwaway_django  # noqa: E402  (sibling script module)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=100, help="synthetic units (default 100: 800 reports)")
    parser.add_argument("--pairs", type=int, default=2, help="alternating old/new pairs per scenario")
    parser.add_argument("--database-url", default="", help="postgres://…/<name containing 'bench'>; default SQLite")
    parser.add_argument("--seed", type=int, default=20240101)
    return parser.parse_args(argv)


def old_recompute(report) -> None:
    """`procedures.services.ledger_recompute` as it was before issue 12 (e238dcc)."""
    from cchc.services import instance_save
    from procedures import selectors
    from procedures.models import LedgerRow, LedgerSource

    computed = selectors.ledgers_from_records(unit_ids=[report.unit_id], period=report.period)
    points = {point for (_unit, point) in computed}
    stale = LedgerRow.objects.filter(report=report, source=LedgerSource.RECORDS).exclude(reception_point__in=points)
    for row in stale:
        row.delete()
    existing = {row.reception_point: row for row in LedgerRow.objects.filter(report=report)}
    for (_unit, point), values in computed.items():
        row = existing.get(point) or LedgerRow(report=report, reception_point=point)
        instance_save(row, {**values, "source": LedgerSource.RECORDS})


def snapshot() -> dict:
    from procedures.models import LEDGER_COUNTS, LedgerRow

    fields = ("source", *LEDGER_COUNTS)
    return {(r.report_id, r.reception_point): tuple(getattr(r, f) for f in fields) for r in LedgerRow.objects.all()}


def timed(side: str, reports) -> tuple[float, int, dict]:
    """Run one side on every report inside a transaction that is rolled back: (seconds, queries, ledgers)."""
    from django.db import connection, transaction

    from procedures import services

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with transaction.atomic(), connection.execute_wrapper(count):
        started = time.perf_counter()
        if side == "old":
            for report in reports:
                with transaction.atomic():  # as the import and the job did: one report at a time, under its lock
                    old_recompute(report)
        else:
            services.ledgers_recompute(reports=reports)
        seconds = time.perf_counter() - started
        queries = statements
        result = snapshot()
        transaction.set_rollback(True)
    return seconds, queries, result


def scenario(name: str, reports, pairs: int) -> dict:
    runs: list[dict] = []
    for pair in range(pairs):
        order = ("old", "new") if pair % 2 == 0 else ("new", "old")
        measured = {}
        for side in order:
            seconds, queries, result = timed(side, reports)
            measured[side] = (seconds, queries, result)
            print(f"{name} pair {pair + 1} {side}: {seconds:.2f} s, {queries} queries", file=sys.stderr)
        if measured["old"][2] != measured["new"][2]:
            sys.exit(f"{name}: the two sides left different ledgers")
        runs.append(
            {
                "order": list(order),
                "old_s": round(measured["old"][0], 3),
                "new_s": round(measured["new"][0], 3),
                "old_queries": measured["old"][1],
                "new_queries": measured["new"][1],
                "ratio_old_over_new": round(measured["old"][0] / measured["new"][0], 1),
                "ledger_rows": len(measured["new"][2]),
            }
        )
    return {"runs": runs, "median_ratio": statistics.median(run["ratio_old_over_new"] for run in runs)}


def main(argv=None) -> None:
    args = parse_args(argv)
    with throwaway_django(args.database_url, prefix="cchc-bench-ledger-") as (workdir, backend):
        from django.db import connection

        from cchc.models import Report
        from procedures import services
        from procedures.importing import dossier_import_commit
        from procedures.models import LedgerRow

        units, procedures, admin = create_reference_data(args.units)
        csv_path = workdir / f"ho-so-{args.rows}.csv"
        write_csv(csv_path, args.rows, units, procedures, args.seed)
        started = time.perf_counter()
        result = dossier_import_commit(file=csv_path, user=admin)
        print(f"Imported {args.rows:,} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        reports = list(
            Report.objects.filter(pk__in=[r.pk for r in result.reports]).select_related("unit", "period").order_by("pk")
        )
        load_before = [round(x, 2) for x in os.getloadavg()]
        # `first`: from no ledger rows (history kept: it is only appended to).
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {LedgerRow._meta.db_table}")
        first = scenario("first", reports, args.pairs)
        services.ledgers_recompute(reports=reports)  # committed: the rows `again` starts from
        again = scenario("again", reports, args.pairs)
        print(
            json.dumps(
                {
                    **machine_facts(backend),
                    "load_average_before": load_before,
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                    "rows": args.rows,
                    "reports": len(reports),
                    "first": first,
                    "again": again,
                },
                ensure_ascii=False,
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
