"""Reminders about corrective actions (reports.publishing) that passed their due date (issue 15).

An open action (not done, not dropped) whose due date passed is one event per action and due date: the
clerks of the responsible unit and the manager who recorded it hear of it once (a later due date that
passes again is a new event). The managers' weekly digest lists the overdue actions of their subtree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from reports.publishing.choices import ACTION_OPEN_STATUSES
from reports.publishing.models import CorrectiveAction

from .choices import NoticeKind
from .events import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Older overdue actions are not announced one by one (e.g. on the first run after deploying); the digest
# still lists them.
OVERDUE_WINDOW_DAYS = 90
DIGEST_LISTED = 20


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def overdue_actions(today: dt.date) -> QuerySet[CorrectiveAction]:
    """Open corrective actions whose due date is before `today`."""
    return CorrectiveAction.objects.filter(status__in=ACTION_OPEN_STATUSES, due_date__lt=today).select_related(
        "unit", "responsible_unit", "created_by"
    )


def action_overdue_events(today: dt.date, clerks: dict[int, list]) -> list[tuple[User, Event]]:
    """(user, Event) for each action overdue within the window: its responsible clerks and its creator."""

    out = []
    recent = overdue_actions(today).filter(due_date__gte=today - dt.timedelta(days=OVERDUE_WINDOW_DAYS))
    for action in recent:
        context = {
            "indicator": action.indicator_name,
            "unit": action.unit.name,
            "responsible": action.responsible_unit.name,
            "due": _d(action.due_date),
            "description": action.description,
        }
        notice = Event(
            NoticeKind.ACTION_OVERDUE,
            f"action_overdue:{action.pk}:{action.due_date.isoformat()}",
            _("Quá hạn hành động khắc phục: %(indicator)s — %(unit)s") % context,
            _(
                "Hành động khắc phục chỉ tiêu “%(indicator)s” tại %(unit)s (%(responsible)s thực hiện) đã quá hạn "
                "hoàn thành %(due)s mà chưa xong. Việc cần làm: %(description)s\n"
                "Đề nghị cập nhật tiến độ hoặc hoàn thành ngay."
            )
            % context,
            reverse("action_detail", args=[action.pk]),
        )
        users = list(clerks.get(action.responsible_unit_id, []))
        creator = action.created_by
        if creator.is_active and all(user.pk != creator.pk for user in users):
            users.append(creator)
        out.extend((user, notice) for user in users)
    return out


def digest_lines(today: dt.date, path: str) -> list[str]:
    """The digest's lines on the overdue actions of the subtree at `path` (its cells or its responsible units)."""
    actions = list(
        overdue_actions(today)
        .filter(Q(unit__path__startswith=path) | Q(responsible_unit__path__startswith=path))
        .order_by("due_date", "pk")
    )
    if not actions:
        return []
    listed = [
        _("%(indicator)s tại %(unit)s (%(responsible)s, hạn %(due)s)")
        % {
            "indicator": a.indicator_name,
            "unit": a.unit.name,
            "responsible": a.responsible_unit.name,
            "due": _d(a.due_date),
        }
        for a in actions[:DIGEST_LISTED]
    ]
    more = len(actions) - len(listed)
    tail = [_("… và %(n)s hành động khác.") % {"n": more}] if more > 0 else []
    head = _("Hành động khắc phục quá hạn (%(n)s): %(actions)s") % {"n": len(actions), "actions": "; ".join(listed)}
    return [head, *tail]
