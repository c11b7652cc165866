"""`python manage.py jobs_sweep`: fail jobs whose worker died; remove files past their retention."""

from django.core.management.base import BaseCommand

from jobs import services


class Command(BaseCommand):
    help = "Đánh dấu lỗi các công việc mất tín hiệu sống, dọn tệp của công việc đã quá hạn lưu."

    def handle(self, *args, **options):
        failed, cleaned = services.jobs_fail_stale(), services.jobs_cleanup()
        self.stdout.write(f"Đã đánh dấu lỗi {failed} công việc mất tín hiệu; dọn tệp của {cleaned} công việc.")
