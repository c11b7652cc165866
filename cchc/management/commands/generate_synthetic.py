"""`python manage.py generate_synthetic --units N --quarters Q [--seed S] [--code SYN-01] [--end 2026-Q4] [--replace]`.

Builds a clearly labelled synthetic province for demos and benchmarks (seeds.synthetic): codes "SYN-…",
names "… mô phỏng … (tổng hợp)", never under the Cao Bằng seed's units. `--replace` deletes the previous
synthetic province of the same code first (only its own units, reports and figures). `--delete` only
deletes it. `--background` queues the build as a job instead (seeds/jobs.py; the worker runs it, progress
and cancel on the "Công việc" pages, where admins see it) and prints the job's id.
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from cchc.choices import ReportStatus, UnitKind
from seeds import synthetic


def n(value: float) -> str:
    """A count the Vietnamese way: 1.000.000."""
    return f"{value:,.0f}".replace(",", ".")


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def quarter(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-Q([1-4])", (value or "").strip().upper())
    if not match:
        raise CommandError(f"Quý “{value}” không hợp lệ: dùng dạng 2026-Q4.")
    return int(match.group(1)), int(match.group(2))


ROW_LABELS = {
    "ledgerrow": "sổ một cửa",
    "procedurefigures": "số liệu TTHC",
    "personnelfigures": "số liệu biên chế",
    "qualityrating": "xếp loại chất lượng",
    "isofigures": "số liệu ISO",
    "outreachcount": "số tin, bài",
}


class Command(BaseCommand):
    help = (
        "Tạo một tỉnh mô phỏng (dữ liệu tổng hợp, mã SYN-…) với N đơn vị và Q quý báo cáo có số liệu ngẫu nhiên "
        "nhưng khớp nhau, để trình diễn và đo hiệu năng. Không bao giờ trộn vào dữ liệu mẫu Cao Bằng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=100, help="Số đơn vị dưới tỉnh mô phỏng (mặc định 100).")
        parser.add_argument("--quarters", type=int, default=4, help="Số quý (mặc định 4).")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên: cùng hạt giống, cùng số liệu."
        )
        parser.add_argument(
            "--code",
            default=synthetic.DEFAULT_CODE,
            help=f"Mã tỉnh mô phỏng, bắt đầu bằng SYN- (mặc định {synthetic.DEFAULT_CODE}).",
        )
        parser.add_argument(
            "--end",
            help="Quý cuối, ví dụ 2026-Q4 (mặc định: kỳ báo cáo mới nhất đã có, "
            "nếu chưa có kỳ nào thì 2026-Q4). Kỳ còn thiếu được tạo.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Xóa tỉnh mô phỏng cùng mã (chỉ đơn vị SYN-… và báo cáo của chúng) rồi tạo lại.",
        )
        parser.add_argument("--delete", action="store_true", help="Chỉ xóa tỉnh mô phỏng cùng mã, không tạo lại.")
        parser.add_argument(
            "--without-iso-outreach", action="store_true", help="Không sinh số liệu ISO và số tin, bài tuyên truyền."
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Tạo qua hàng đợi công việc (tiến trình xử lý chạy), xem tiến độ ở trang Công việc.",
        )

    def handle(self, *args, **options):
        try:
            if options["delete"]:
                deleted = synthetic.synthetic_province_delete(code=options["code"])
                self.stdout.write(self.style.SUCCESS(self.deleted_line(options["code"], deleted)))
                return
            if options["background"]:
                self.queue(options)
                return
            result = synthetic.synthetic_province_build(
                units=options["units"],
                quarters=options["quarters"],
                seed=options["seed"],
                code=options["code"],
                end=quarter(options["end"]) if options["end"] else None,
                replace=options["replace"],
                iso_and_outreach=not options["without_iso_outreach"],
                progress=self.progress,
            )
        except synthetic.SyntheticDataError as exc:
            raise CommandError(str(exc)) from exc
        if result.deleted is not None:
            self.stdout.write(self.deleted_line(result.province.code, result.deleted))
        kinds = result.units
        periods = result.periods
        self.stdout.write(
            f"Tỉnh mô phỏng {result.province.code} — {result.province.name}: {n(result.unit_count)} đơn vị "
            f"({n(kinds.get(UnitKind.DEPARTMENT, 0))} sở, {n(kinds.get(UnitKind.DISTRICT, 0))} huyện, "
            f"{n(kinds.get(UnitKind.COMMUNE, 0))} xã) và tỉnh."
        )
        self.stdout.write(
            f"{len(periods)} quý từ {periods[0].code} đến {periods[-1].code}: {n(result.report_count)} báo cáo "
            f"({n(result.reports.get(ReportStatus.APPROVED, 0))} đã duyệt, "
            f"{n(result.reports.get(ReportStatus.SUBMITTED, 0))} đã gửi)."
        )
        parts = ", ".join(f"{ROW_LABELS.get(name, name)} {n(count)}" for name, count in result.rows.items())
        self.stdout.write(f"{n(result.row_count)} dòng số liệu: {parts}.")
        self.stdout.write(
            self.style.SUCCESS(f"Xong trong {seconds(result.seconds)} giây (hạt giống {options['seed']}).")
        )

    def queue(self, options) -> None:
        from seeds.jobs import synthetic_job_start

        job = synthetic_job_start(
            user=None,
            units=options["units"],
            quarters=options["quarters"],
            seed=options["seed"],
            code=synthetic.check_code(options["code"]),
            end=quarter(options["end"]) if options["end"] else None,
            replace=options["replace"],
            iso_and_outreach=not options["without_iso_outreach"],
        )
        self.stdout.write(self.style.SUCCESS(f"Đã xếp công việc #{job.pk} (tạo tỉnh mô phỏng) vào hàng đợi."))

    def progress(self, done: int, total: int) -> None:
        if total > synthetic.CHUNK_UNITS:
            self.stderr.write(f"  {n(done)}/{n(total)} đơn vị…")

    @staticmethod
    def deleted_line(code: str, deleted: dict[str, int]) -> str:
        if not deleted:
            return f"Không có tỉnh mô phỏng {code.upper()} để xóa."
        units = deleted.get("cchc.Unit", 0)
        reports = deleted.get("cchc.Report", 0)
        rows = sum(v for k, v in deleted.items() if k not in ("cchc.Unit", "cchc.Report") and ".Historical" not in k)
        return (
            f"Đã xóa tỉnh mô phỏng {code.upper()} cũ: {n(units)} đơn vị, {n(reports)} báo cáo, {n(rows)} dòng số liệu."
        )
