"""The one place that decides "may this user see / change this?". Every view and service asks it.

Rules (docs/permissions.md has the table):
- admins (active superusers) see everything and work in Django admin;
- a clerk sees and edits only the reports of the units where they are clerk;
- a manager sees the subtree of their unit, approves, returns and reopens its reports;
- a viewer sees the subtree of their unit, read-only;
- anonymous users see nothing but the login page;
- an API client (api app, a token) reads the subtree of its unit if it may read, and pushes dossier
  records for the units of that subtree if it may push; nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from .choices import ReportStatus, Role
from .exceptions import NotAllowed
from .models import Membership, Report, Unit

EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def _memberships(user) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_cchc_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        user._cchc_memberships = cached
    return cached


def roles(user) -> set[str]:
    return {m.role for m in _memberships(user)}


def clerk_unit_ids(user) -> set[int]:
    return {m.unit_id for m in _memberships(user) if m.role == Role.CLERK}


def api_client(user):
    """The API client (api.models.ApiClient) a request authenticated as with a token, else None.

    api.authentication puts it on the user it returns; a person signed in with a session has none.
    """
    return getattr(user, "_cchc_api_client", None)


def _client_path(user, *, push: bool = False) -> str | None:
    """The path of an API client's subtree, when the client may read (or push, with `push`)."""
    client = api_client(user)
    if client is None or not (client.can_push_dossiers if push else client.can_read):
        return None
    return client.unit.path


def _scope_paths(user) -> list[str]:
    """Paths of the subtrees a manager, a viewer or a reading API client may read."""
    paths = [m.unit.path for m in _memberships(user) if m.role in (Role.MANAGER, Role.VIEWER)]
    client_path = _client_path(user)
    return [*paths, client_path] if client_path else paths


def _manager_paths(user) -> list[str]:
    return [m.unit.path for m in _memberships(user) if m.role == Role.MANAGER]


def _unit_q(user, prefix: str = "") -> Q | None:
    """A filter on units the user may see; None means everything (admin)."""
    if is_admin(user):
        return None
    q = Q(**{f"{prefix}pk__in": clerk_unit_ids(user)})
    for path in _scope_paths(user):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def visible_units(user, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    queryset = Unit.objects.all() if queryset is None else queryset
    q = _unit_q(user)
    return queryset if q is None else queryset.filter(q)


def scope_queryset(user, queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
    """Filter any queryset whose rows belong to a unit down to the rows the user may see.

    `unit_field` is the path from a row to its unit ("unit", "report__unit"); "" when rows are units.
    """
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    q = _unit_q(user, prefix=f"{unit_field}__" if unit_field else "")
    return queryset if q is None else queryset.filter(q)


def _in_paths(unit: Unit, paths: list[str]) -> bool:
    return any(unit.path.startswith(path) for path in paths)


def hide_others_drafts(user, queryset: QuerySet, report_path: str = "report") -> QuerySet:
    """Rows of reports not yet submitted (draft or returned) only for the clerks of their unit.

    A draft is the clerk's work in progress: lists of figures must not show it to managers, viewers or
    admins as if it were reported. Submitted rows stay, marked provisional until approved.
    """
    draft = Q(**{f"{report_path}__status__in": EDITABLE_STATUSES})
    own = Q(**{f"{report_path}__unit_id__in": clerk_unit_ids(user)})
    return queryset.exclude(draft & ~own)


def can_view_unit(user, unit: Unit) -> bool:
    return is_admin(user) or unit.pk in clerk_unit_ids(user) or _in_paths(unit, _scope_paths(user))


def can_view_report(user, report: Report) -> bool:
    return can_view_unit(user, report.unit)


def can_edit_report(user, report: Report) -> bool:
    """Only the unit's own clerks, only while the report is a draft or returned and the period open."""
    return report.unit_id in clerk_unit_ids(user) and report.status in EDITABLE_STATUSES and report.period.is_open


def can_review_report(user, report: Report) -> bool:
    """Approve, return or reopen: admins and managers whose subtree holds the unit."""
    return is_admin(user) or _in_paths(report.unit, _manager_paths(user))


def can_view_submissions(user) -> bool:
    return is_admin(user) or bool(_scope_paths(user))


def can_enter_reports(user) -> bool:
    return bool(clerk_unit_ids(user))


def can_import_dossiers(user) -> bool:
    """Clerks import their units' dossier records; admins for any unit; pushing API clients for their subtree."""
    return is_admin(user) or can_enter_reports(user) or _client_path(user, push=True) is not None


def can_import_for_unit(user, unit: Unit) -> bool:
    client_path = _client_path(user, push=True)
    return (
        is_admin(user)
        or unit.pk in clerk_unit_ids(user)
        or (client_path is not None and unit.path.startswith(client_path))
    )


def can_use_api(user) -> bool:
    """The read endpoints of the API: any signed-in person (each sees their scope), a client allowed to read."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    client = api_client(user)
    return client.can_read if client is not None else True


def can_push_dossiers_api(user) -> bool:
    """POST /api/v1/dossiers/: whoever may import dossier files (each unit is checked per record)."""
    return bool(user and user.is_authenticated and user.is_active) and can_import_dossiers(user)


def can_manage_unit(user, unit: Unit) -> bool:
    """Publish a unit's scorecard, record and steer corrective actions on it: admins and its managers."""
    return is_admin(user) or _in_paths(unit, _manager_paths(user))


def can_view_action(user, action) -> bool:
    """A corrective action: whoever sees the cell's unit, and the clerks of the unit responsible for it."""
    return can_view_unit(user, action.unit) or can_view_unit(user, action.responsible_unit)


def can_answer_action(user, action) -> bool:
    """Report progress: the responsible unit's clerks, and the managers of the cell's unit."""
    return action.responsible_unit_id in clerk_unit_ids(user) or can_manage_unit(user, action.unit)


def can_see_job(user, job) -> bool:
    """A background job (jobs app) is its starter's; admins see every job."""
    return is_admin(user) or (job.user_id is not None and job.user_id == user.pk)


RULES: dict[str, Callable[..., bool]] = {
    "unit.view": can_view_unit,
    "report.view": can_view_report,
    "report.edit": can_edit_report,
    "report.review": can_review_report,
    "submissions.view": lambda user, obj=None: can_view_submissions(user),
    "data_quality.view": lambda user, obj=None: can_view_submissions(user),
    "reports.enter": lambda user, obj=None: can_enter_reports(user),
    "dossiers.import": lambda user, obj=None: can_import_dossiers(user),
    "dossiers.import_unit": can_import_for_unit,
    "scorecard.publish": can_manage_unit,
    "scorecard.manage_any": lambda user, obj=None: is_admin(user) or bool(_manager_paths(user)),
    "publication.view": lambda user, obj: can_view_unit(user, obj.scope_unit),
    "action.create": can_manage_unit,
    "action.view": can_view_action,
    "action.answer": can_answer_action,
    "action.manage": lambda user, obj: can_manage_unit(user, obj.unit),
    "job.view": can_see_job,
    "job.cancel": can_see_job,
    "narrative.edit": can_manage_unit,  # add or replace a paragraph of a scope unit's narrative report
    "narrative.background": can_manage_unit,  # build a scope unit's narrative .docx as a job (reports/jobs.py)
    "synthetic.generate": lambda user, obj=None: is_admin(user),  # the synthetic province job (seeds/jobs.py)
    "portal.use": lambda user, obj=None: bool(user and user.is_authenticated and user.is_active),
    # The machine API (api app): docs/api.md.
    "api.read": lambda user, obj=None: can_use_api(user),
    "api.push_dossiers": lambda user, obj=None: can_push_dossiers_api(user),
}


def has(user, action: str, obj=None) -> bool:
    try:
        rule = RULES[action]
    except KeyError:  # a typo in a view must not open it to everyone
        raise ValueError(f"Unknown permission action {action!r}") from None
    return rule(user, obj) if obj is not None else rule(user)


def require(user, action: str, obj=None) -> None:
    """Raise NotAllowed (HTTP 403) unless the user may do `action` on `obj`."""
    if not has(user, action, obj):
        raise NotAllowed(action)
