"""`python manage.py jobs_clock`: the scheduler process (Procfile's `clock`).

Every tick it fails jobs whose worker died and cleans old job files; once a day, from REMINDERS_AT
(local time), it starts the reminders job (the reminders themselves are idempotent: notifications
app). Safe to restart, and to run beside a cron job calling `send_reminders`.
"""

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from jobs import services
from jobs.models import Job


def tick(now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    done = {"failed": services.jobs_fail_stale(now), "cleaned": services.jobs_cleanup(now)}
    local = timezone.localtime(now)
    hour, minute = (int(part) for part in settings.REMINDERS_AT.split(":"))
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    due = local >= local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if due and not Job.objects.filter(kind="reminders.send", created_at__gte=start_of_day).exists():
        done["reminders_job"] = services.job_start(kind="reminders.send", user=None, input={}).pk
    return done


class Command(BaseCommand):
    help = "Bộ hẹn giờ: dọn công việc mất tín hiệu, mỗi ngày một lần chạy việc nhắc hạn báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="một lượt rồi dừng")
        parser.add_argument("--every", type=int, default=30, help="số giây giữa hai lượt (mặc định 30)")

    def handle(self, *args, once=False, every=30, **options):
        while True:
            done = tick()
            if done["failed"] or "reminders_job" in done:
                self.stdout.write(str(done))
            if once:
                return
            time.sleep(every)
