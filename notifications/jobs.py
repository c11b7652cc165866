"""The daily reminders as a job (jobs.registry "reminders.send"), started by `manage.py jobs_clock`."""

from jobs.runner import Outcome

from .services import send_reminders


def reminders_send(job, ctx) -> Outcome:
    return Outcome(result=send_reminders())
