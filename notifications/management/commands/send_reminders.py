"""`python manage.py send_reminders [--date dd/mm/yyyy]`: the reminders, for cron (idempotent)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from notifications.services import send_reminders


class Command(BaseCommand):
    help = "Gửi thông báo nhắc hạn, quá hạn, trả lại, mở lại báo cáo và tổng hợp tuần (không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="ngày tính nhắc hạn, dd/mm/yyyy (mặc định hôm nay)")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"--date: phải có dạng dd/mm/yyyy, không phải {date!r}.") from exc
        done = send_reminders(today)
        self.stdout.write(
            "Đã tạo {created} thông báo; gửi được {sent} thư, {failed} thư lỗi (sẽ gửi lại lần sau).".format(**done)
        )
