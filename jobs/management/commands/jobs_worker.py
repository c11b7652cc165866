"""`python manage.py jobs_worker`: the worker of whichever queue settings.TASKS_BACKEND names.

db → django-tasks-db's `db_worker`; rq → django-rq's `rqworker` with django-tasks-rq's Job class. The
Procfile (`make run`) and production (docs/deployment.md) start workers through this one command.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý công việc nền (hàng đợi theo TASKS_BACKEND)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="làm hết việc đang chờ rồi dừng")

    def handle(self, *args, burst=False, **options):
        backend = settings.TASKS_BACKEND
        if backend == "db":
            extra = ["--batch"] if burst else []
            call_command("db_worker", "--queue-name", ",".join(settings.TASK_QUEUES), "--no-reload", *extra)
        elif backend == "rq":
            extra = ["--burst"] if burst else []
            call_command("rqworker", *settings.TASK_QUEUES, "--job-class", "django_tasks_rq.Job", *extra)
        else:
            raise CommandError(f"TASKS_BACKEND={backend!r} runs tasks in the request: there is no worker to start.")
