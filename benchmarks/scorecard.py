"""Benchmark of the scorecard builder: build time and query count for 100, 1,000 and 10,000 units.

    python benchmarks/scorecard.py
    python benchmarks/scorecard.py --database-url postgres://postgres@127.0.0.1:5432/cchc_bench_sc
    python benchmarks/scorecard.py --sizes 100,1000 --repeat 5

Everything is throwaway and clearly synthetic: a temporary SQLite file, or a PostgreSQL database that the
script creates and drops (its name must contain "bench"; "test", "test_test" and "cchc_bench" belong to
CI and the other benchmarks and are refused). The data is the synthetic province of
`manage.py generate_synthetic` (seeds.synthetic): the largest size's units × `--quarters` quarters
ending with `--end`, every unit reporting a ledger, procedure, staffing, ISO and outreach figures and one
year's rating, generated once. The first N units of the province (in the scorecard's order, as
`reports.selectors.scorecard_units` lists them for an admin) are then scored for each size with
`scorecard_build(span=…, units=…, total_unit=province)` and every registered indicator (`--exclude` leaves
some out). Unless `--no-scoring`, every indicator gets a target, a legend and a rubric item in the
throwaway database, so bands, points and ranks are computed as on a configured portal.

Printed (JSON on stdout, progress on stderr): the time to generate the data, the load average, and for each
size the number of queries of one build (CaptureQueriesContext), the seconds of each of `--repeat` builds
(the best and the median; wall and this process's CPU time), the load average after them, and the process's
maximum resident set size. `--profile N` first profiles one build of N units (cProfile, on stderr). Side by
side, alternating with the builds: a plain GROUP BY over the same tables (every figure table summed per unit
and quarter for the same units and quarters, `plain_group_by`), the floor a set-based engine could reach, and the ratio.
A build that fails is reported with its error, and the next size is still measured. The warm-up build reads
the registry, targets, legends and rubric once for the data version (reports.scorecard.load.configuration), as a
running portal does; the measured builds then read the figures, statuses and mergers.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import statistics
import sys
import time
import traceback
from pathlib import Path

from throwaway_db import ROOT, machine_facts, throwaway_django  # noqa: E402  (sibling script module)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="unit counts to score (default 100,1000,10000)")
    parser.add_argument("--quarters", type=int, default=4, help="quarters of data (default 4)")
    parser.add_argument("--end", default="2026-Q4", help="last quarter of the data (default 2026-Q4)")
    parser.add_argument(
        "--span", default="", help="span scored, e.g. 2026, 2026-H1, 2026-Q4 (default: the year of --end)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed builds per size (default 3)")
    parser.add_argument("--exclude", default="", help="indicator codes to leave out, comma separated")
    parser.add_argument(
        "--no-scoring",
        action="store_true",
        help="no targets, legends or rubric (default: one of each per indicator, so bands, points "
        "and ranks are computed as on a configured portal)",
    )
    parser.add_argument("--database-url", default="", help="postgres://…/<name containing 'bench'>; default SQLite")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--overview",
        type=int,
        default=0,
        help="also seed the demo and time its overview page (Q1-2020, the province's manager) this many times, "
        "each built afresh (cache cleared) and again from the cache",
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="profile one build of this many units with cProfile (printed on stderr)"
    )
    return parser.parse_args(argv)


# --- measuring ------------------------------------------------------------------------------------


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generate(args, largest: int) -> dict:
    from seeds.synthetic import synthetic_province_build

    year, quarter = args.end.upper().split("-Q")

    def progress(done, total):
        log(f"  generated {done:,}/{total:,} units")

    result = synthetic_province_build(
        units=largest, quarters=args.quarters, seed=args.seed, end=(int(year), int(quarter)), progress=progress
    )
    return {
        "province": result.province.code,
        "units": result.unit_count,
        "quarters": [p.code for p in result.periods],
        "reports": result.report_count,
        "figure_rows": result.row_count,
        "seconds": round(result.seconds, 1),
    }


def configure_scoring(indicators, year: int) -> None:
    """A target (for all units), a relative legend and a two-band rubric item for every indicator.

    Only in the throwaway database: a target "for all units" would apply to every unit of a real portal.
    """
    from decimal import Decimal

    from cchc.indicators import Direction, Rollup
    from reports.models import Legend, RubricBand, RubricItem, Target

    for indicator in indicators:
        rate = indicator.rollup == Rollup.RATIO or bool(indicator.denominator) or indicator.unit_of_measure == "%"
        higher = indicator.direction == Direction.HIGHER_IS_BETTER
        if higher:
            target, half = (Decimal("0.9"), Decimal("0.7")) if rate else (Decimal(100), Decimal(50))
        else:
            target, half = (Decimal("0.05"), Decimal("0.1")) if rate else (Decimal(10), Decimal(30))
        Target.objects.create(indicator=indicator.code, year=year, value=target, source_number="1/QĐ-UBND")
        Legend.objects.create(
            indicator=indicator.code, green_from=Decimal(1), yellow_from=Decimal("0.8") if higher else Decimal("1.5")
        )
        item = RubricItem.objects.create(
            name=f"Tiêu chí thử nghiệm hiệu năng {indicator.code}",
            indicator=indicator.code,
            area=int(indicator.area),
            max_points=Decimal(2),
        )
        RubricBand.objects.create(item=item, threshold=target, points=Decimal(2))
        RubricBand.objects.create(item=item, threshold=half, points=Decimal(1))


def plain_group_by(unit_ids: list[int], period_ids: list[int]) -> int:
    """Every figure table of the scorecard summed per (unit, quarter) for the units and quarters: the peer."""
    from django.db.models import Count, IntegerField, Sum

    from cchc.models import FigureValue
    from iso.models import IsoFigures
    from outreach.models import OutreachCount, OutreachItem
    from personnel.models import DownsizingApproval, PersonnelFigures, QualityRating
    from procedures.models import LedgerRow, ProcedureFigures

    rows = 0
    for model in (
        LedgerRow,
        ProcedureFigures,
        PersonnelFigures,
        QualityRating,
        DownsizingApproval,
        IsoFigures,
        OutreachItem,
        OutreachCount,
        FigureValue,
    ):
        numbers = {
            f.name: Sum(f.name)
            for f in model._meta.concrete_fields
            if isinstance(f, IntegerField) and not f.primary_key and not f.is_relation
        }
        queryset = (
            model.objects.filter(report__unit_id__in=unit_ids, report__period_id__in=period_ids)
            .values("report__unit_id", "report__period_id")
            .annotate(rows=Count("pk"), **numbers)
            .order_by()
        )
        rows += len(list(queryset))
    return rows


def measure(*, span, units, province, indicators, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cchc.models import Period
    from reports.builder import scorecard_build

    def build():
        return scorecard_build(span=span, units=units, total_unit=province, indicators=indicators)

    unit_ids = [u.pk for u in units] + [province.pk]
    period_ids = [p.pk for p in Period.objects.all() if (p.year, p.quarter) in set(span.quarters)]

    gc.collect()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        card = build()
        counted_seconds = time.perf_counter() - started
    runs, peer, cpu, peer_cpu = [], [], [], []
    for _ in range(repeat):  # alternating sides, so a change in the machine's load hits both
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        build()
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        started, started_cpu = time.perf_counter(), time.process_time()
        plain_group_by(unit_ids, period_ids)
        peer.append(time.perf_counter() - started)
        peer_cpu.append(time.process_time() - started_cpu)
    return {
        "units": len(units),
        "rows": len(card.rows),
        "columns": len(card.columns),
        "queries": len(queries),
        "ranked_rows": sum(1 for row in card.rows if row.rank is not None),
        "coloured_cells": sum(1 for row in card.rows for cell in row.cells.values() if cell.band),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "seconds_best": round(min(runs), 3) if runs else None,
        "seconds_median": round(statistics.median(runs), 3) if runs else None,
        "seconds_runs": [round(s, 3) for s in runs],
        "group_by_seconds_best": round(min(peer), 4) if peer else None,
        "ratio_to_group_by": round(min(runs) / min(peer), 1) if peer and min(peer) else None,
        # This process's CPU seconds (SQLite runs in it; a PostgreSQL server's work is not counted): less
        # sensitive than wall time to the other processes sharing the cores.
        "cpu_seconds_best": round(min(cpu), 3) if cpu else None,
        "group_by_cpu_seconds_best": round(min(peer_cpu), 4) if peer_cpu else None,
        "cpu_ratio_to_group_by": round(min(cpu) / min(peer_cpu), 1) if peer_cpu and min(peer_cpu) else None,
        "seconds_while_counting_queries": round(counted_seconds, 3),
        "slowest_query_ms": round(max((float(q["time"]) for q in queries.captured_queries), default=0) * 1000, 1),
        "maxrss_after_mb": round(maxrss_mb(), 1),
    }


def profile_build(span, units, province, indicators, top: int = 25) -> dict:
    """One build under cProfile: its seconds and the functions with the most own time (printed on stderr)."""
    import cProfile
    import io
    import pstats

    from reports.builder import scorecard_build

    profiler = cProfile.Profile()
    gc.collect()
    started = time.perf_counter()
    profiler.enable()
    scorecard_build(span=span, units=units, total_unit=province, indicators=indicators)
    profiler.disable()
    seconds = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    log(out.getvalue())
    return {"units": len(units), "seconds_under_profiler": round(seconds, 3)}


def overview_measure(repeat: int) -> dict:
    """The demo's overview page (`manage.py seed_demo`, Q1-2020, the province's manager, eight trend quarters):
    seconds of a request that builds the scorecard (cache cleared before it) and of one served from the cache,
    alternately, with the queries of each."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    started = time.perf_counter()
    call_command("seed_demo", allow_demo_accounts=True, verbosity=0, stdout=io.StringIO())
    seeded = time.perf_counter() - started
    # Static files are not collected in the throwaway: plain storage, so templates resolve their URLs.
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=plain):
        return _overview_requests(repeat, seeded)


def _overview_requests(repeat: int, seeded: float) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(get_user_model().objects.get(username="quanly.snv"))
    url = reverse("scorecard_overview") + "?period=2020-Q1"
    cold, warm, cold_cpu = [], [], []
    queries = {}
    for index in range(repeat + 1):  # the first of each is a warm-up (templates, translations, the registry)
        cache.clear()
        with CaptureQueriesContext(connection) as built:
            started, started_cpu = time.perf_counter(), time.process_time()
            assert client.get(url, secure=True).status_code == 200
            seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        with CaptureQueriesContext(connection) as cached:
            started = time.perf_counter()
            assert client.get(url, secure=True).status_code == 200
            cached_seconds = time.perf_counter() - started
        if index:
            cold.append(seconds)
            cold_cpu.append(cpu)
            warm.append(cached_seconds)
        queries = {"built": len(built), "cached": len(cached)}
    return {
        "seed_seconds": round(seeded, 1),
        "queries": queries,
        "built_seconds_best": round(min(cold), 3),
        "built_seconds_median": round(statistics.median(cold), 3),
        "built_cpu_seconds_best": round(min(cold_cpu), 3),
        "cached_seconds_best": round(min(warm), 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def raised_in(exc: BaseException) -> str:
    """The project's innermost frame of the traceback (file:line function), not Django's."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename
    ]
    if not frames:
        return ""
    frame = frames[-1]
    return f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno} {frame.name}"


def main(argv=None) -> None:
    args = parse_args(argv)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the overview's requests (Django's test client)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    with throwaway_django(args.database_url, prefix="cchc-bench-sc-", forbidden={"cchc_bench"}) as (workdir, backend):
        from django.contrib.auth import get_user_model

        from cchc.models import Unit
        from reports.periods import PeriodSpan
        from reports.registry import all_indicators
        from reports.selectors import scorecard_units

        report = {
            **machine_facts(backend),
        }
        log(f"Generating {sizes[-1]:,} synthetic units × {args.quarters} quarters…")
        report["data"] = generate(args, sizes[-1])
        log(
            f"  done in {report['data']['seconds']:,.1f}s: {report['data']['reports']:,} reports, "
            f"{report['data']['figure_rows']:,} figure rows"
        )

        span = PeriodSpan.parse(args.span or args.end.split("-")[0])
        excluded = {c.strip() for c in args.exclude.split(",") if c.strip()}
        indicators = [i for i in all_indicators() if i.code not in excluded]
        if not args.no_scoring:
            configure_scoring(indicators, span.year)
        report["scoring"] = not args.no_scoring
        admin = get_user_model().objects.create_superuser("bench-admin", password=None)
        province = Unit.objects.get(code=report["data"]["province"])
        units = list(scorecard_units(user=admin, span=span, scope=province))
        report.update(span=span.code, indicators=len(indicators), excluded=sorted(excluded), results=[])

        from reports.builder import scorecard_build

        scorecard_build(span=span, units=units[:10], total_unit=province, indicators=indicators)  # warm-up
        if args.profile:
            report["profile"] = profile_build(span, units[: args.profile], province, indicators)
        for size in sizes:
            log(f"Scoring {size:,} units…")
            started = time.perf_counter()
            try:
                result = measure(
                    span=span, units=units[:size], province=province, indicators=indicators, repeat=args.repeat
                )
            except Exception as exc:  # report it and go on with the next size
                result = {
                    "units": size,
                    "error": f"{type(exc).__name__}: {exc}"[:500],
                    "raised_in": raised_in(exc),
                    "seconds_until_error": round(time.perf_counter() - started, 1),
                }
            report["results"].append(result)
            log(f"  {json.dumps(result, ensure_ascii=False)}")
        if args.overview:
            log("Seeding the demo and timing its overview page…")
            report["overview"] = overview_measure(args.overview)
            log(f"  {json.dumps(report['overview'], ensure_ascii=False)}")
        print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
