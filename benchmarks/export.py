"""Benchmark of the report export: the Excel workbook of a synthetic province of 1,000 units, against a raw
openpyxl write-only workbook of the same cells.

    python benchmarks/export.py
    python benchmarks/export.py --units 1000 --spans 2026-Q4,2026 --repeat 3
    python benchmarks/export.py --database-url postgres://postgres@127.0.0.1:5432/cchc_bench_export

Everything is throwaway and clearly synthetic: a temporary SQLite file, or a PostgreSQL database that the
script creates and drops (its name must contain "bench"; "test", "test_test", "cchc_bench" and
"cchc_bench_sc" belong to CI and the other benchmarks and are refused). The data is the synthetic province
of `manage.py generate_synthetic` (seeds.synthetic): `--units` units × `--quarters` quarters ending with
`--end`, every unit reporting a ledger, procedure, staffing, ISO and outreach figures and one year's rating.

For each span, as an admin exporting the whole province:

- `data`: `reports.exporters.export_data` — the scorecard (scorecard_build), the annex (every reported
  figure), the legend and the definitions, with its query count: `data` with the scorecard read from the
  cache (reports.cache: any download after the first since the last change), `data_cold` with the cache
  cleared before each run (the first download after a change);
- `xlsx`: `reports.exporters.render(data, "xlsx")` — the writer alone (the data is built once before): the
  styled workbook as users download it (xlsxwriter, constant memory);
- `raw`: the same cells (every sheet's values, read back from the export, not timed) written to a plain
  openpyxl `Workbook(write_only=True)` with `ws.append(values)` and no styles, no widths, no merged cells;
- `raw_xlsxwriter`: the same cells with xlsxwriter (constant memory, no styles), for reference: the floor of
  the library the export uses;
- `ratio`: xlsx / raw (the cost of the layout over the bare minimum; the three alternate in each round and
  the median of the per-round ratios is given, with the load average of each round), and (data + xlsx) / raw
  (medians);
- `writer_peak_mb`: the peak of Python allocations (tracemalloc) while the workbook is written once more to
  a temporary file, above what was allocated before (the data is built already): flat as units grow when
  the writer streams. Run with `--units 100` and `--units 1000` to compare;
- `csv`: the "Tổng hợp" grid as CSV.

Goals (issue 12): xlsx / raw ≤ 1.2 and (data + xlsx) / raw ≤ 2 (given for both `data` and `data_cold`).

Printed: JSON on stdout (best and median of `--repeat` runs, file sizes, cells), progress on stderr.
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
import tempfile
import time
import tracemalloc

from throwaway_db import machine_facts, throwaway_django  # noqa: E402  (sibling script module)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1000, help="synthetic units (default 1000)")
    parser.add_argument("--quarters", type=int, default=4, help="quarters of data (default 4)")
    parser.add_argument("--end", default="2026-Q4", help="last quarter of the data (default 2026-Q4)")
    parser.add_argument("--spans", default="2026-Q4,2026", help="spans exported (default 2026-Q4,2026)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each step (default 3)")
    parser.add_argument("--database-url", default="", help="postgres://…/<name containing 'bench'>; default SQLite")
    parser.add_argument(
        "--exclude",
        default="",
        help="indicator codes to leave out, comma separated (e.g. iso.units_audited_12m on SQLite beyond ~1,000 units)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args(argv)


# --- measuring ------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def timed(function, repeat: int) -> tuple[list[float], object]:
    runs, result = [], None
    for _ in range(max(1, repeat)):
        gc.collect()
        started = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - started)
    return runs, result


def summary(runs: list[float]) -> dict:
    return {
        "best": round(min(runs), 3),
        "median": round(statistics.median(runs), 3),
        "runs": [round(r, 3) for r in runs],
    }


def sheet_values(content: bytes) -> list[tuple[str, list[tuple]]]:
    """Every sheet's rows of values, as the export wrote them (read back in read-only mode)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in workbook.worksheets]
    finally:
        workbook.close()


def raw_workbook(sheets: list[tuple[str, list[tuple]]]) -> bytes:
    """The same cells in a plain write-only workbook: values only, no styles, widths or merged cells."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def raw_xlsxwriter(sheets: list[tuple[str, list[tuple]]]) -> bytes:
    """The same cells with xlsxwriter in constant-memory mode, values only (text as strings, never formulas)."""
    import xlsxwriter

    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        stream, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    for title, rows in sheets:
        ws = workbook.add_worksheet(title)
        for index, row in enumerate(rows):
            ws.write_row(index, 0, row)
    workbook.close()
    return stream.getvalue()


def writer_peak_mb(render) -> float:
    """Peak Python allocations (MB) during `render()`, above those alive when it starts."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        render()
        return round((tracemalloc.get_traced_memory()[1] - before) / 2**20, 1)
    finally:
        tracemalloc.stop()


def measure(span_code: str, province, admin, repeat: int, excluded: set[str]) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import exporters
    from reports.periods import PeriodSpan
    from reports.registry import all_indicators
    from reports.scope import scope_of

    span = PeriodSpan.parse(span_code)
    scope = scope_of(admin, span, unit=province)
    indicators = [i for i in all_indicators() if i.code not in excluded]

    def build():
        return exporters.export_data(span=span, scope=scope, user=admin, indicators=indicators)

    with CaptureQueriesContext(connection) as queries:
        data = build()
    data_runs, data = timed(build, repeat)  # the scorecard from the cache, as the next download gets it

    def build_cold():
        cache.clear()  # the first download after a change: the scorecard is built, not read from the cache
        return build()

    cold_runs, _cold = timed(build_cold, repeat)
    content = exporters.render(data, "xlsx")
    sheets = sheet_values(content)
    raw = raw_workbook(sheets)
    # The export and the raw workbooks alternate, so a change of load on the machine hits them alike; the
    # ratio is taken per round.
    xlsx_runs, raw_runs, xw_runs, loads = [], [], [], []
    for _ in range(max(1, repeat)):
        loads.append(round(os.getloadavg()[0], 2))
        xlsx_runs += timed(lambda: exporters.render(data, "xlsx"), 1)[0]
        raw_runs += timed(lambda: raw_workbook(sheets), 1)[0]
        xw_runs += timed(lambda: raw_xlsxwriter(sheets), 1)[0]
    ratios = [x / r for x, r in zip(xlsx_runs, raw_runs, strict=True)]
    with tempfile.TemporaryFile() as output:  # to a file: the peak is the writer's, not the output's bytes
        peak = writer_peak_mb(lambda: exporters.write(data, "xlsx", output))
    csv_runs, csv_content = timed(lambda: exporters.render(data, "csv"), repeat)
    cells = sum(1 for _title, rows in sheets for row in rows for value in row if value is not None)
    return {
        "span": span.code,
        "units": len(data.scorecard.rows),
        "indicators": len(data.scorecard.columns),
        "annex_rows": sum(len(t.rows) for a in data.annex.areas for t in a.tables),
        "texts": len(data.annex.texts),
        "sheets": len(sheets),
        "cells": cells,
        "queries": len(queries),
        "seconds": {
            "data": summary(data_runs),
            "data_cold": summary(cold_runs),
            "xlsx": summary(xlsx_runs),
            "raw_openpyxl": summary(raw_runs),
            "raw_xlsxwriter": summary(xw_runs),
            "csv": summary(csv_runs),
        },
        "load_average_per_round": loads,
        "ratio_xlsx_to_raw": {"median": round(statistics.median(ratios), 2), "runs": [round(r, 2) for r in ratios]},
        "ratio_raw_xlsxwriter_to_raw": round(
            statistics.median(w / r for w, r in zip(xw_runs, raw_runs, strict=True)), 2
        ),
        "ratio_data_and_xlsx_to_raw": round(
            (statistics.median(data_runs) + statistics.median(xlsx_runs)) / statistics.median(raw_runs), 2
        ),
        "ratio_cold_data_and_xlsx_to_raw": round(
            (statistics.median(cold_runs) + statistics.median(xlsx_runs)) / statistics.median(raw_runs), 2
        ),
        "bytes": {"xlsx": len(content), "raw_openpyxl": len(raw), "csv": len(csv_content)},
        "writer_peak_mb": peak,
        "maxrss_after_mb": round(maxrss_mb(), 1),
    }


def main(argv=None) -> None:
    args = parse_args(argv)
    with throwaway_django(
        args.database_url, prefix="cchc-bench-export-", forbidden={"cchc_bench", "cchc_bench_sc"}
    ) as (_workdir, backend):
        import openpyxl
        import xlsxwriter
        from django.contrib.auth import get_user_model

        from seeds.synthetic import synthetic_province_build

        report = {**machine_facts(backend), "openpyxl": openpyxl.__version__, "xlsxwriter": xlsxwriter.__version__}
        log(f"Generating {args.units:,} synthetic units × {args.quarters} quarters…")
        year, quarter = args.end.upper().split("-Q")
        result = synthetic_province_build(
            units=args.units,
            quarters=args.quarters,
            seed=args.seed,
            end=(int(year), int(quarter)),
            progress=lambda done, total: log(f"  generated {done:,}/{total:,} units"),
        )
        report["data"] = {
            "province": result.province.code,
            "units": result.unit_count,
            "quarters": [p.code for p in result.periods],
            "reports": result.report_count,
            "figure_rows": result.row_count,
            "seconds": round(result.seconds, 1),
        }
        admin = get_user_model().objects.create_superuser("bench-admin", password=None)
        excluded = {c.strip() for c in args.exclude.split(",") if c.strip()}
        report.update(excluded=sorted(excluded), results=[])
        for span_code in [s.strip() for s in args.spans.split(",") if s.strip()]:
            log(f"Exporting {span_code}…")
            measured = measure(span_code, result.province, admin, args.repeat, excluded)
            report["results"].append(measured)
            seconds = measured["seconds"]
            log(
                f"  data {seconds['data']['median']} s, xlsx {seconds['xlsx']['median']} s, raw "
                f"{seconds['raw_openpyxl']['median']} s (medians): ratio {measured['ratio_xlsx_to_raw']['median']}, "
                f"(data + xlsx) / raw {measured['ratio_data_and_xlsx_to_raw']} (cold "
                f"{measured['ratio_cold_data_and_xlsx_to_raw']}), writer peak "
                f"{measured['writer_peak_mb']} MB, load {measured['load_average_per_round']}"
            )
        print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
