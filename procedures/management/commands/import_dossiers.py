"""`python manage.py import_dossiers FILE [--user USERNAME] [--preview]`: the web import, from a shell.

The same services as the page (procedures.importing): the file is streamed, checked row by row, and
committed in one transaction or not at all. Progress goes to stderr; on any error the command lists the
errors and exits with status 1, having saved nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cchc import permissions
from procedures.importing import (
    ImportFailed,
    ImportPreview,
    LedgerFigures,
    dossier_import_commit,
    dossier_import_preview,
)
from procedures.models import LEDGER_COUNTS


def n(value: float) -> str:
    """A count the Vietnamese way: 1.000.000."""
    return f"{value:,.0f}".replace(",", ".")


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class Progress:
    """A text progress bar on stderr: a bar when the share read is known (CSV), else rows and speed."""

    WIDTH = 30

    def __init__(self, stream, *, live: bool):
        self.stream, self.live = stream, live  # a command's OutputWrapper
        self.started = time.monotonic()
        self.last_line = ""

    def __call__(self, rows: int, fraction: float | None, stage: str = "read") -> None:
        if stage == "ledger":
            self.finish(rows)
            self.stream.write("Đang tính lại sổ theo dõi hồ sơ của các báo cáo…")
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        text = f"{n(rows):>13} dòng · {n(rows / elapsed):>9} dòng/giây"
        if fraction is not None:
            done = int(self.WIDTH * fraction)
            text = f"[{'#' * done}{'.' * (self.WIDTH - done)}] {fraction:>4.0%} " + text
        self.last_line = text
        self.stream.write(("\r" + text) if self.live else text, ending="" if self.live else "\n")
        self.stream.flush()

    def finish(self, rows: int) -> None:
        if self.live and self.last_line:
            self.stream.write("")
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.stream.write(f"Đã đọc {n(rows)} dòng trong {seconds(elapsed)} giây ({n(rows / elapsed)} dòng/giây).")
        self.last_line = ""


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ một cửa từ tệp CSV/XLSX xuất từ hệ thống một cửa điện tử (docs/procedures-import.md). "
        "Có lỗi thì không lưu gì và thoát với mã 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp CSV (UTF-8) hoặc XLSX.")
        parser.add_argument("--user", help="Nhập với quyền của người dùng này (mặc định: quản trị viên).")
        parser.add_argument("--preview", action="store_true", help="Chỉ đọc, kiểm tra và cho xem trước; không lưu.")
        parser.add_argument("--progress-every", type=int, default=10_000, help="Báo tiến độ sau mỗi N dòng.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}.")
        user = self.user(options["user"])
        if not permissions.has(user, "dossiers.import"):
            raise CommandError(
                f"Người dùng {user.get_username()} không có quyền nhập hồ sơ (chỉ cán bộ nhập liệu, quản trị viên)."
            )
        progress = Progress(self.stderr, live=self.stderr.isatty())
        kwargs = {"file": path, "user": user, "progress": progress, "progress_every": max(1, options["progress_every"])}
        if options["preview"]:
            preview = dossier_import_preview(**kwargs)
            progress.finish(preview.rows_read)
            self.describe(preview)
            if not preview.ok:
                self.fail(preview)
            self.stdout.write(self.style.SUCCESS("Tệp không có lỗi: có thể nhập (bỏ --preview)."))
            return
        try:
            result = dossier_import_commit(**kwargs)
        except ImportFailed as failed:
            progress.finish(failed.preview.rows_read)
            self.describe(failed.preview)
            self.fail(failed.preview)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.file_name}: {n(result.rows_read)} dòng; {n(result.created)} hồ sơ mới, "
                f"{n(result.updated)} cập nhật, {n(result.unchanged)} không đổi; đã tính lại sổ theo dõi của "
                f"{n(len(result.reports))} báo cáo trong {seconds(result.seconds)} giây."
            )
        )

    def user(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"Không có người dùng đang hoạt động tên {username}.")
            return user
        admin = users.filter(is_superuser=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Chưa có tài khoản quản trị viên: tạo bằng createsuperuser, hoặc dùng --user.")
        return admin

    def describe(self, preview: ImportPreview) -> None:
        self.stdout.write(
            f"Tệp {preview.file_name}: đã đọc {n(preview.rows_read)} dòng, {n(preview.rows_valid)} dòng hợp lệ, "
            f"{n(preview.rows_with_errors)} dòng có lỗi; hồ sơ mới {n(preview.created)}, "
            f"cập nhật {n(preview.updated)}, không đổi {n(preview.unchanged)}."
        )
        if preview.ledgers:
            self.stdout.write(f"Sổ theo dõi sẽ tính được ({len(preview.ledgers)} dòng):")
            self.stdout.write("  " + "\t".join(["đơn vị", "quý", "nơi tiếp nhận", *LEDGER_COUNTS]))
            for row in preview.ledgers[:50]:
                self.stdout.write("  " + self.ledger_line(row))
            if len(preview.ledgers) > 50:
                self.stdout.write(f"  … và {len(preview.ledgers) - 50} dòng khác.")

    @staticmethod
    def ledger_line(row: LedgerFigures) -> str:
        return "\t".join([row.unit_code, row.period_label, row.reception_point, *map(str, row.cells)])

    def fail(self, preview: ImportPreview):
        for message in preview.messages():
            self.stderr.write(message)
        raise CommandError(
            f"Không nhập: tệp có {n(preview.error_count)} lỗi ở {n(preview.rows_with_errors)} dòng; "
            "không có gì được lưu."
        )
