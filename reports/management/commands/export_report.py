"""`python manage.py export_report --period 2020-Q1 [--scope UNIT_CODE] [--format xlsx|docx|csv] --output FILE`.

Writes the same files as the "Tải Excel" buttons of the overview and grid pages (reports.exporters), e.g.
from cron. `--period` takes a month 2022-08, a quarter 2022-Q3, 2022-H1, 2022-9M, the year 2022 or a run of months
2019-10-01..2020-08-31 (whole months: a bad or empty span is refused). Without `--user` it runs as the system (every
unit); with `--user NAME` it exports what that user sees on the grid. The file is written to a temporary
file next to FILE and renamed at the end, so a failure never leaves a partial file; bad input (an unknown
period, unit or user, a scope the user may not see, a path that cannot be written) stops with a message and
a non-zero exit before anything is written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from cchc.figures import period_query
from cchc.models import Period, Unit
from reports import exporters
from reports.exporters.annex import tr
from reports.periods import PeriodSpan
from reports.scope import PageError, scope_of

EXTENSIONS = {".xlsx": "xlsx", ".csv": "csv", ".docx": "docx"}


def size_text(size: int) -> str:
    return f"{size / 1024:,.1f} KB".replace(",", " ").replace(".", ",")


class Command(BaseCommand):
    help = (
        "Xuất báo cáo CCHC của một kỳ (quý, 6 tháng, 9 tháng, năm) ra tệp Excel (xlsx), CSV hoặc Word (docx), "
        "như nút “Tải Excel” trên trang tổng hợp."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            required=True,
            help="Kỳ: 2022-08, 2022-Q3, 2022-H1, 2022-9M, 2022 hoặc 2019-10-01..2020-08-31.",
        )
        parser.add_argument("--scope", default="", help="Mã đơn vị (mặc định: tỉnh — đơn vị gốc đang hoạt động).")
        parser.add_argument(
            "--format",
            choices=exporters.FORMATS,
            default=None,
            help="xlsx, csv hoặc docx (mặc định: theo đuôi tệp, không có thì xlsx).",
        )
        parser.add_argument("--output", required=True, help="Đường dẫn tệp sẽ ghi (ghi đè nếu đã có).")
        parser.add_argument(
            "--user", default="", help="Xuất theo quyền của tài khoản này (mặc định: hệ thống, mọi đơn vị)."
        )
        parser.add_argument("--language", choices=("vi", "en"), default="vi", help="Ngôn ngữ của tệp (mặc định vi).")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self.export(options)

    def export(self, options):
        output = Path(options["output"]).expanduser()
        fmt = options["format"] or EXTENSIONS.get(output.suffix.lower(), "xlsx")
        self.check_output(output)
        try:
            span = PeriodSpan.parse(options["period"], months=True)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.check_period(span)
        user = self.user(options["user"])
        scope_unit = self.scope_unit(options["scope"], user, span)
        try:
            scope = scope_of(user, span, unit=scope_unit)
        except PermissionDenied:
            raise CommandError(
                tr("Tài khoản “%(user)s” không được xem đơn vị %(code)s.", "User “%(user)s” may not see unit %(code)s.")
                % {"user": options["user"], "code": scope_unit.code}
            ) from None
        except PageError as exc:
            raise CommandError(exc.message) from None

        try:
            content = exporters.export_file(fmt, span=span, scope=scope, user=user)
        except exporters.ExportError as exc:
            raise CommandError(str(exc)) from None
        self.write_atomically(output, content)
        self.stdout.write(
            self.style.SUCCESS(
                tr(
                    "Đã ghi %(path)s (%(fmt)s, %(size)s): %(period)s, phạm vi %(scope)s, %(units)s đơn vị.",
                    "Wrote %(path)s (%(fmt)s, %(size)s): %(period)s, scope %(scope)s, %(units)s units.",
                )
                % {
                    "path": output,
                    "fmt": fmt,
                    "size": size_text(len(content)),
                    "period": span.label,
                    "scope": f"{scope.unit.name} ({scope.unit.code})",
                    "units": len(scope.rows),  # the scorecard's rows: one per unit of the scope
                }
            )
        )

    # --- input checks (all before anything is written) ----------------------------------------------

    def check_output(self, output: Path) -> None:
        folder = output.parent if str(output.parent) else Path(".")
        if output.is_dir():
            raise CommandError(
                tr("Không ghi được “%(path)s”: đó là một thư mục.", "Cannot write “%(path)s”: it is a directory.")
                % {"path": output}
            )
        if not folder.is_dir():
            raise CommandError(
                tr(
                    "Không ghi được “%(path)s”: thư mục “%(folder)s” không tồn tại.",
                    "Cannot write “%(path)s”: folder “%(folder)s” does not exist.",
                )
                % {"path": output, "folder": folder}
            )
        if not os.access(folder, os.W_OK | os.X_OK) or (output.exists() and not os.access(output, os.W_OK)):
            raise CommandError(
                tr("Không ghi được “%(path)s”: không có quyền ghi.", "Cannot write “%(path)s”: permission denied.")
                % {"path": output}
            )

    def check_period(self, span: PeriodSpan) -> None:
        if not Period.every.filter(period_query(span.keys)).exists():
            raise CommandError(
                tr(
                    "Chưa có kỳ báo cáo nào của %(period)s (%(code)s): quản trị viên cần tạo kỳ báo cáo trước.",
                    "There is no reporting period for %(period)s (%(code)s) yet: an admin must create it first.",
                )
                % {"period": span.label, "code": span.code}
            )

    def user(self, username: str):
        if not username:
            return exporters.system_user()
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(
                tr(
                    "Không có tài khoản “%(user)s” (hoặc tài khoản đã bị khóa).",
                    "No user “%(user)s” (or the account is disabled).",
                )
                % {"user": username}
            )
        return user

    def scope_unit(self, code: str, user, span: PeriodSpan) -> Unit:
        if code:
            unit = Unit.objects.filter(code=code.strip()).first()
            if unit is None:
                raise CommandError(
                    tr("Không có đơn vị mã “%(code)s”.", "No unit with code “%(code)s”.") % {"code": code}
                )
            return unit
        roots = exporters.root_units(user, span)
        if not roots:
            raise CommandError(
                tr(
                    "Không có đơn vị nào đang hoạt động trong kỳ %(period)s để xuất: dùng --scope.",
                    "No unit is active in %(period)s to export: use --scope.",
                )
                % {"period": span.label}
            )
        if len(roots) > 1:
            self.stderr.write(
                tr(
                    "Có %(n)s đơn vị gốc (%(codes)s): xuất %(code)s; chọn đơn vị khác bằng --scope.",
                    "%(n)s top units (%(codes)s): exporting %(code)s; choose another with --scope.",
                )
                % {"n": len(roots), "codes": ", ".join(u.code for u in roots), "code": roots[0].code}
            )
        return roots[0]

    # --- writing ----------------------------------------------------------------------------------

    def write_atomically(self, output: Path, content: bytes) -> None:
        """Write to a temporary file in the same folder, then rename: the file appears whole or not at all."""
        folder = output.parent if str(output.parent) else Path(".")
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, output)
        except OSError as exc:
            Path(temporary).unlink(missing_ok=True)
            raise CommandError(
                tr("Không ghi được “%(path)s”: %(error)s", "Cannot write “%(path)s”: %(error)s")
                % {"path": output, "error": exc.strerror or exc}
            ) from None
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
