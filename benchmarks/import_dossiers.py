"""Benchmark of the dossier-record import, side by side with its peers on the same rows (issue 12).

    python benchmarks/import_dossiers.py --rows 1000000 --database-url postgres://postgres@127.0.0.1:5432/bench_import
    python benchmarks/import_dossiers.py --rows 100000            # SQLite (no COPY peer)

Everything is throwaway and clearly synthetic: a temporary SQLite file, or a PostgreSQL database that the
script creates and drops (its name must contain "bench"; "test" and "test_test" belong to CI and are
refused). Units are BENCH-Uxxx under a province BENCH, procedures 1.9xxxxx, periods 2023-Q1…2024-Q4.
The CSV is written to a temporary directory, streamed, and deleted afterwards.

Measured, alternating sides `--repeat` times, with the load average at each measure (the machine is shared:
compare the ratios, not the times):

- the portal's import of `--rows` rows (`dossier_import_commit` as an admin, one transaction): reading +
  checking + writing (records and their history) until the ledger stage, then the ledger recompute of the
  touched reports, reported apart; and on PostgreSQL the raw `COPY` of the same CSV (import_peers.copy_csv);
- the portal's import and django-import-export 4.x's default import of the same first `--peer-rows` rows
  (import_peers.import_export_default; `pip install -e '.[bench]'`);
- with `--xlsx-rows N`, the portal's import of the first N rows saved as XLSX (openpyxl's reader bounds it);
- the process's maximum resident set size after the portal's imports (before the peers, whose readers hold
  the whole file). `--profile` prints cProfile's top functions of one import's reading + checking + writing.

    python benchmarks/import_dossiers.py --write-demo ho-so-100000.csv --rows 100000

writes, instead, a file for the demo data of `make run` (the seeded procedure catalogue and Cao Bằng
departments, dossiers received in 2025), to try the import page by hand: nothing is measured.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import json
import os
import pstats
import random
import resource
import statistics
import sys
import time
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
    parser.add_argument("--repeat", type=int, default=2, help="rounds of each side (default 2)")
    parser.add_argument("--peer-rows", type=int, default=5_000, help="rows for django-import-export (0: skip)")
    parser.add_argument("--xlsx-rows", type=int, default=0, help="rows of the XLSX measure (default 0: skip)")
    parser.add_argument("--profile", action="store_true", help="cProfile one import's reading+checking+writing")
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


class LedgerStage(Exception):
    """Raised by the progress callback to stop a profiled import at the ledger stage."""


def import_once(path: Path, admin, *, progress_every: int, profile: bool = False, ledger: bool = True) -> dict:
    """One import of the file (on empty record tables): its phases' seconds and rows per second. Without
    `ledger`, the import stops at the ledger stage and rolls back (the recompute is measured once, apart)."""
    from procedures.importing import ImportFailed, dossier_import_commit

    records_clear()
    gc.collect()
    marks: dict[str, float] = {}
    printer = progress_printer()
    profiler = cProfile.Profile() if profile else None

    def progress(rows, fraction, stage="read"):
        if stage == "ledger":
            marks["ledger"], marks["rows"] = time.perf_counter(), rows
            if profiler is not None:
                profiler.disable()
            if profiler is not None or not ledger:
                raise LedgerStage
        printer(rows, fraction, stage)

    started = time.perf_counter()
    try:
        if profiler is not None:
            profiler.enable()
        result = dossier_import_commit(file=path, user=admin, progress=progress, progress_every=progress_every)
    except ImportFailed as failed:
        sys.exit("Import refused:\n" + "\n".join(failed.preview.messages()[:20]))
    except LedgerStage:
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        seconds = marks["ledger"] - started
        return {
            "read_check_write_s": round(seconds, 2),
            "rows": marks["rows"],
            "rows_per_s": round(marks["rows"] / seconds),
            "load": load(),
        }
    ended = time.perf_counter()
    rows_seconds = marks["ledger"] - started
    return {
        "rows": result.rows_read,
        "created": result.created,
        "reports_recomputed": len(result.reports),
        "read_check_write_s": round(rows_seconds, 2),
        "read_check_write_rows_per_s": round(result.rows_read / rows_seconds),
        "ledger_recompute_s": round(ended - marks["ledger"], 2),
        "total_s": round(ended - started, 2),
        "total_rows_per_s": round(result.rows_read / (ended - started)),
        "load": load(),
    }


def records_clear() -> None:
    """Empty the dossier records and their history (each measure imports new records)."""
    from django.db import connection

    from procedures.models import DossierRecord

    with connection.cursor() as cursor:
        for model in (DossierRecord, DossierRecord.history.model):
            table = model._meta.db_table
            cursor.execute(f"TRUNCATE {table}" if connection.vendor == "postgresql" else f"DELETE FROM {table}")


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def write_xlsx(source: Path, target: Path, rows: int) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    with source.open(encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.reader(f)):
            if number > rows:
                break
            sheet.append(row)
    workbook.save(target)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


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
        import import_peers

        units, procedures, admin = create_reference_data(args.units)
        csv_path = workdir / f"ho-so-{args.rows}.csv"
        started = time.perf_counter()
        write_csv(csv_path, args.rows, units, procedures, args.seed)
        print(f"Generated {args.rows:,} rows in {time.perf_counter() - started:,.1f}s", file=sys.stderr)
        report: dict = {**machine_facts(backend), "units": args.units, "rows": args.rows}
        report["file_mb"] = round(csv_path.stat().st_size / 2**20, 1)
        every = args.progress_every
        if args.profile:
            import_once(csv_path, admin, progress_every=every, profile=True)
        ours, copies = [], []
        for round_ in range(args.repeat):  # alternating: the portal's import, then COPY of the same file
            # The ledger recompute (the same for every round: the same reports) is measured in the first round.
            ours.append(import_once(csv_path, admin, progress_every=every, ledger=round_ == 0))
            if backend == "postgresql":
                copies.append({"copy_s": round(import_peers.copy_csv(csv_path), 2), "load": load()})
        report["import"] = ours
        report["maxrss_mb_after_imports"] = round(maxrss_mb(), 1)
        ours_s = median([run["read_check_write_s"] for run in ours])
        report["import_rows_per_s_median"] = round(args.rows / ours_s)
        if copies:
            copy_s = median([c["copy_s"] for c in copies])
            report["copy"] = copies
            report["copy_rows_per_s_median"] = round(args.rows / copy_s)
            report["import_over_copy"] = round(ours_s / copy_s, 1)
        if args.xlsx_rows:
            xlsx = workdir / "ho-so.xlsx"
            write_xlsx(csv_path, xlsx, args.xlsx_rows)
            report["xlsx"] = import_once(xlsx, admin, progress_every=every, ledger=False)
        if args.peer_rows:
            report["import_export"] = peers_import_export(args, workdir, units, procedures, admin)
        print(json.dumps(report, ensure_ascii=False, indent=2))


def peers_import_export(args, workdir: Path, units, procedures, admin) -> dict:
    """The portal's import and django-import-export's default on the same first `--peer-rows` rows, alternating."""
    import import_peers

    small = workdir / f"ho-so-{args.peer_rows}.csv"
    write_csv(small, args.peer_rows, units, procedures, args.seed)
    ours, theirs = [], []
    for round_ in range(args.repeat):
        ours.append(import_once(small, admin, progress_every=args.progress_every, ledger=False))
        records_clear()
        peer_file = workdir / f"import-export-{round_}.csv"
        import_peers.import_export_file(small, peer_file, prefix=f"R{round_}-")
        seconds, rows = import_peers.import_export_default(peer_file)
        theirs.append({"seconds": round(seconds, 2), "rows": rows, "load": load()})
    ours_s = median([run["read_check_write_s"] for run in ours])
    theirs_s = median([run["seconds"] for run in theirs])
    return {
        "rows": args.peer_rows,
        "portal": ours,
        "import_export_default": theirs,
        # The same work: records and their history (the portal's ledger recompute is reported apart).
        "speedup_records_and_history": round(theirs_s / ours_s, 1),
    }


if __name__ == "__main__":
    main()
