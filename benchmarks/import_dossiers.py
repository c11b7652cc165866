"""Benchmark of the dossier-record import: N synthetic rows, imported through `dossier_import_commit`.

    python benchmarks/import_dossiers.py --rows 100000
    python benchmarks/import_dossiers.py --rows 1000000 --database-url postgres://postgres@127.0.0.1:5432/cchc_bench

Everything is throwaway and clearly synthetic: a temporary SQLite file, or a PostgreSQL database that the
script creates and drops (its name must contain "bench"; "test" and "test_test" belong to CI and are
refused). Units are BENCH-Uxxx under a province BENCH, procedures 1.9xxxxx, periods 2023-Q1…2024-Q4.
The CSV is written to a temporary directory, streamed, and deleted afterwards.

    python benchmarks/import_dossiers.py --write-demo ho-so-100000.csv --rows 100000

writes, instead, a file for the demo data of `make run` (the seeded procedure catalogue and Cao Bằng
departments, dossiers received in 2025), to try the import page by hand: nothing is measured.

Printed: rows per second of the import (reading, checking, writing and the ledger recompute, in one
transaction), the tracemalloc peak of the import, and the process's maximum resident set size
(resource.getrusage) before and after it. tracemalloc slows Python down; `--no-tracemalloc` measures
the speed without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from throwaway_db import machine_facts, throwaway_django  # noqa: E402  (sibling script module)

POINTS = ("Bộ phận một cửa", "Trung tâm Phục vụ hành chính công")
CHANNELS = ("truc_tiep", "truc_tuyen", "buu_chinh")
START, END = dt.datetime(2023, 1, 1), dt.datetime(2024, 12, 31, 17, 0)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=100, help="synthetic units (default 100)")
    parser.add_argument("--database-url", default="", help="postgres://…/<name containing 'bench'>; default SQLite")
    parser.add_argument("--no-tracemalloc", action="store_true", help="measure speed without tracemalloc")
    parser.add_argument("--reimport", action="store_true", help="import the same file again (nothing changes)")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--progress-every", type=int, default=100_000)
    parser.add_argument("--write-demo", metavar="PATH", help="only write a CSV for the `make run` demo data")
    return parser.parse_args(argv)


# --- synthetic data -------------------------------------------------------------------------------


def create_reference_data(units: int):
    from django.contrib.auth import get_user_model

    from cchc import services as core
    from cchc.choices import UnitKind
    from procedures.choices import ProcedureLevel
    from procedures.services import procedure_upsert

    province = core.unit_upsert(code="BENCH", name="Tỉnh thử nghiệm hiệu năng (tổng hợp)", kind=UnitKind.PROVINCE)
    codes = []
    for i in range(1, units + 1):
        unit = core.unit_upsert(
            code=f"BENCH-U{i:03d}", name=f"Đơn vị tổng hợp {i:03d}", kind=UnitKind.DEPARTMENT, parent=province
        )
        codes.append(unit.code)
    procedures = []
    for i in range(1, 51):
        procedure = procedure_upsert(
            code=f"1.9{i:05d}",
            name=f"Thủ tục tổng hợp {i}",
            field="Thử nghiệm",
            level=ProcedureLevel.PROVINCE,
            unit_kind=UnitKind.DEPARTMENT,
        )
        procedures.append(procedure.code)
    for year in (2023, 2024):
        for quarter in (1, 2, 3, 4):
            core.period_upsert(year=year, quarter=quarter)
    admin = get_user_model().objects.create_superuser("bench-admin", password=None)
    return codes, procedures, admin


def write_csv(
    path: Path, rows: int, units: list[str], procedures: list[str], seed: int, *, start=START, end=END, prefix="BENCH"
) -> None:
    """N synthetic dossiers over 2023–2024: 80% resolved, 3% returned, 2% withdrawn, the rest pending."""
    START, END = start, end  # noqa: N806  (the span of this file)
    rng = random.Random(seed)
    span = int((END - START).total_seconds())
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "ma_ho_so,ma_thu_tuc,ma_don_vi,noi_tiep_nhan,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_hoan_thanh,trang_thai\n"
        )
        for i in range(rows):
            received = START + dt.timedelta(seconds=rng.randrange(span))
            received = received.replace(hour=7 + received.hour % 10)
            due = received + dt.timedelta(days=rng.randint(1, 20))
            roll = rng.random()
            completed = received + dt.timedelta(days=rng.randint(0, 25), hours=rng.randint(0, 6))
            if roll < 0.80:
                status = "da_giai_quyet"
            elif roll < 0.83:
                status = "tra_lai"
            elif roll < 0.85:
                status = "rut"
            else:
                status, completed = "dang_giai_quyet", None
            if completed is not None and completed > END:
                status, completed = "dang_giai_quyet", None
            out.write(
                ",".join(
                    (
                        f"{prefix}-{i:08d}",
                        rng.choice(procedures),
                        rng.choice(units),
                        rng.choice(POINTS),
                        rng.choice(CHANNELS),
                        received.strftime("%d/%m/%Y %H:%M"),
                        due.strftime("%d/%m/%Y"),
                        completed.strftime("%d/%m/%Y %H:%M") if completed else "",
                        status,
                    )
                )
                + "\n"
            )


# --- measuring ------------------------------------------------------------------------------------


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def progress_printer():
    started = time.monotonic()

    def progress(rows, fraction, stage="read"):
        elapsed = time.monotonic() - started
        if stage == "ledger":
            print(f"  {elapsed:7.1f}s  read {rows:,} rows; recomputing ledgers…", file=sys.stderr, flush=True)
        else:
            share = f"{fraction:4.0%}" if fraction is not None else "   ?"
            print(
                f"  {elapsed:7.1f}s  {share}  {rows:,} rows  {rows / max(elapsed, 1e-9):,.0f} rows/s",
                file=sys.stderr,
                flush=True,
            )

    return progress


def import_once(path: Path, admin, *, trace: bool, progress_every: int) -> dict:
    from procedures.importing import ImportFailed, dossier_import_commit

    gc.collect()
    rss_before = maxrss_mb()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        result = dossier_import_commit(
            file=path, user=admin, progress=progress_printer(), progress_every=progress_every
        )
    except ImportFailed as failed:
        sys.exit("Import refused:\n" + "\n".join(failed.preview.messages()[:20]))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    return {
        "rows": result.rows_read,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "reports_recomputed": len(result.reports),
        "ledger_rows": len(result.ledgers),
        "seconds": round(seconds, 1),
        "rows_per_second": round(result.rows_read / seconds),
        "tracemalloc_peak_mb": round(peak, 1) if peak is not None else None,
        "maxrss_before_mb": round(rss_before, 1),
        "maxrss_after_mb": round(maxrss_mb(), 1),
    }


def write_demo(path: Path, rows: int, seed: int) -> None:
    """A file the demo data of `make run` accepts (seeds/): its procedures, its departments, 2025."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from seeds import cao_bang, procedures

    units = [code for code, _name in cao_bang.DEPARTMENTS]
    write_csv(
        path,
        rows,
        units,
        procedures.CODES,
        seed,
        start=dt.datetime(2025, 1, 1),
        end=dt.datetime(2025, 12, 31, 17, 0),
        prefix="DEMO",
    )
    print(f"Wrote {rows:,} rows to {path} ({path.stat().st_size / 2**20:,.1f} MB)", file=sys.stderr)


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.write_demo:
        write_demo(Path(args.write_demo), args.rows, args.seed)
        return
    with throwaway_django(args.database_url, prefix="cchc-bench-", forbidden=frozenset()) as (workdir, backend):
        units, procedures, admin = create_reference_data(args.units)
        csv_path = workdir / f"ho-so-{args.rows}.csv"
        started = time.perf_counter()
        write_csv(csv_path, args.rows, units, procedures, args.seed)
        print(
            f"Generated {args.rows:,} rows ({csv_path.stat().st_size / 2**20:,.1f} MB) in "
            f"{time.perf_counter() - started:,.1f}s",
            file=sys.stderr,
        )
        report = {
            **machine_facts(backend),
            "units": args.units,
            "file_mb": round(csv_path.stat().st_size / 2**20, 1),
            "tracemalloc": not args.no_tracemalloc,
        }
        report["import"] = import_once(
            csv_path, admin, trace=not args.no_tracemalloc, progress_every=args.progress_every
        )
        if args.reimport:
            report["reimport"] = import_once(
                csv_path, admin, trace=not args.no_tracemalloc, progress_every=args.progress_every
            )
        print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
