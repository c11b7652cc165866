"""Errors raised by the shared services, each with a translated message a user can read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _


class WorkflowError(ValidationError):
    """An illegal move in the report state machine (approve a draft, submit an approved report…)."""


class ReportLockedError(WorkflowError):
    """A write to an approved report, or to a report of a closed period, without an admin override."""


class SubmissionInvalid(WorkflowError):
    """The report cannot be submitted: the sections' checks found errors (a list of messages)."""


class ConcurrencyConflict(Exception):
    """Someone saved the report after the version the user started from.

    `changes` lists what they changed (HistoryChange entries), so the message can name it.
    """

    def __init__(self, *, current_version: int, changes: list):
        self.current_version = current_version
        self.changes = changes
        super().__init__(_("Báo cáo đã được người khác lưu trong lúc bạn sửa."))


class NotAllowed(PermissionDenied):
    """The permission module refused an action (views turn this into 403)."""
