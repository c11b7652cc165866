"""The one import of Django's Tasks API.

On Django 5.2 it comes from the `django-tasks` backport; on Django 6 from `django.tasks`. Moving to
Django 6 changes nothing else in the portal (docs/deployment.md, "Task queue").
"""

try:  # Django 6+
    from django.tasks import TaskResultStatus, default_task_backend, task, task_backends  # type: ignore
except ImportError:  # Django 5.2: the backport
    from django_tasks import TaskResultStatus, default_task_backend, task, task_backends

__all__ = ["TaskResultStatus", "default_task_backend", "task", "task_backends"]
