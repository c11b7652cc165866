"""Writes of published scorecards and corrective actions: each checks cchc.permissions and runs in a transaction.

Publishing builds everything first (the scorecard, the workbook, the Word report: seconds of work) and only
then takes a short lock to number the revision, so two managers publishing at once get one number each:
the scope unit's row is locked while the next number is read and written (PostgreSQL), SQLite serialises
writers, and the unique constraint (scope, span, revision) backs both (a collision is retried).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.history import history_note
from cchc.models import Period, Unit
from cchc.text import nfc, person_name

from .. import exporters
from ..builder import Scorecard, scorecard_build
from ..periods import PeriodSpan
from ..scope import scope_of
from ..templatetags.reports_tags import format_value
from . import snapshot as snap
from .choices import ACTION_OPEN_STATUSES, ActionStatus, FileKind
from .models import ActionUpdate, CorrectiveAction, Publication, PublicationFile

NUMBERING_ATTEMPTS = 5


def _last_period(span: PeriodSpan) -> Period:
    """The stored period the span ends with: its last quarter, or for a month span its last month."""
    if span.is_monthly:
        year, month = span.months[-1]
        period = Period.every.filter(year=year, month=month).first()
    else:
        year, quarter = span.quarters[-1]
        period = Period.objects.filter(year=year, quarter=quarter).first()
    if period is None:
        raise ValidationError(
            {"period": _("Kỳ: chưa có kỳ báo cáo %(code)s, quản trị viên cần tạo trước.") % {"code": span.code}}
        )
    return period


def _latest_revision(scope_unit: Unit, span: PeriodSpan) -> int:
    found = Publication.objects.filter(scope_unit=scope_unit, span_code=span.code).aggregate(n=Max("revision"))
    return found["n"] or 0


def _files(span: PeriodSpan, scope, user, now: dt.datetime) -> tuple[Scorecard, dict[str, bytes]]:
    """The scorecard and the exact files of the publication: the workbook and the Word report."""
    data = exporters.export_data(span=span, scope=scope, user=user, now=now)
    files: dict[str, bytes] = {
        FileKind.XLSX: exporters.render(data, "xlsx"),
        FileKind.DOCX: exporters.export_file("docx", span=span, scope=scope, user=user),
    }
    return data.scorecard, files


def publication_publish(
    *, user, span: PeriodSpan, scope_unit: Unit, reason: str = "", now: dt.datetime | None = None
) -> Publication:
    """Publish the scorecard of `span` for `scope_unit`'s subtree: snapshot, files, checksum, next revision.

    The first publication needs no reason; every later one (a revision) does. Raises NotAllowed unless the
    user manages the scope unit, ValidationError for a span without a period or a revision without reason.
    """
    permissions.require(user, "scorecard.publish", scope_unit)
    reason = nfc(reason)
    _last_period(span)
    if not reason and _latest_revision(scope_unit, span):
        raise ValidationError({"reason": _("Lý do công bố lại: bắt buộc nhập (kỳ này đã được công bố).")})
    now = now or timezone.now()
    scope = scope_of(user, span, unit=scope_unit)
    card, files = _files(span, scope, user, now)
    data = snap.scorecard_to_json(card)
    digests = {kind: snap.sha256(content) for kind, content in files.items()}
    for attempt in range(NUMBERING_ATTEMPTS):
        try:
            return _store(user, span, scope_unit, reason, now, data, files, digests)
        except IntegrityError:
            if attempt == NUMBERING_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _store(user, span, scope_unit, reason, now, data, files, digests) -> Publication:
    # The lock that serialises publishers of one scope (a no-op on SQLite, which serialises writers itself).
    Unit.objects.select_for_update().filter(pk=scope_unit.pk).first()
    revision = _latest_revision(scope_unit, span) + 1
    if revision > 1 and not reason:
        raise ValidationError({"reason": _("Lý do công bố lại: bắt buộc nhập (kỳ này vừa được công bố).")})
    publication = Publication(
        scope_unit=scope_unit,
        span_code=span.code,
        span_label=span.label,
        scope_name=scope_unit.name,
        revision=revision,
        reason=reason,
        published_by=user,
        published_by_name=person_name(user),
        published_at=now,
        snapshot=data,
        checksum=snap.checksum(data, digests),
    )
    history_note(publication, user=user)
    publication.save()
    for kind, content in files.items():
        PublicationFile.objects.create(
            publication=publication,
            kind=kind,
            name=_file_name(span, scope_unit, kind, revision),
            content_type=exporters.CONTENT_TYPES[kind],
            content=content,
            size=len(content),
            sha256=digests[kind],
        )
    return publication


def _file_name(span: PeriodSpan, scope_unit: Unit, kind: str, revision: int) -> str:
    """tong-hop-cchc-cb-2020-q1-cong-bo-1.xlsx"""
    stem = exporters.filename(span, scope_unit, kind).rsplit(".", 1)[0]
    return f"{stem}-cong-bo-{revision}.{kind}"


def publication_verify(publication: Publication) -> bool:
    """True when the stored snapshot and files still hash to the checksum written at publishing."""
    files = list(publication.files.all())
    if any(snap.sha256(bytes(f.content)) != f.sha256 for f in files):
        return False
    return snap.checksum(publication.snapshot, {f.kind: f.sha256 for f in files}) == publication.checksum


# --- corrective actions ------------------------------------------------------------------------------


def _cell(span: PeriodSpan, unit: Unit, indicator: str):
    card = scorecard_build(span=span, units=[unit], follow_successors=True)
    column = next((c for c in card.columns if c.code == indicator), None)
    if column is None or not card.rows:
        raise ValidationError({"indicator": _("Chỉ tiêu: không có chỉ tiêu “%(code)s”.") % {"code": indicator}})
    return column, card.rows[0].cells.get(indicator)


@transaction.atomic
def action_create(
    *,
    user,
    span: PeriodSpan,
    unit: Unit,
    indicator: str,
    description: str,
    responsible_unit: Unit | None,
    due_date: dt.date | None,
) -> CorrectiveAction:
    """Record a corrective action on the red or yellow cell (unit, indicator) of `span`'s scorecard."""
    permissions.require(user, "action.create", unit)
    period = _last_period(span)
    errors = {}
    description = nfc(description)
    if not description:
        errors["description"] = _("Việc cần làm: bắt buộc nhập.")
    if responsible_unit is None:
        errors["responsible_unit"] = _("Đơn vị chịu trách nhiệm: bắt buộc chọn.")
    elif not permissions.can_manage_unit(user, responsible_unit):
        errors["responsible_unit"] = _("Đơn vị chịu trách nhiệm: phải là đơn vị trong phạm vi bạn quản lý.")
    if due_date is None:
        errors["due_date"] = _("Hạn hoàn thành: bắt buộc nhập.")
    elif due_date <= period.end_date:
        errors["due_date"] = _("Hạn hoàn thành: phải sau ngày kết thúc kỳ (%(day)s).") % {
            "day": period.end_date.strftime("%d/%m/%Y")
        }
    column, cell = _cell(span, unit, indicator)
    if cell is None or cell.band not in ("red", "yellow"):
        errors["indicator"] = _("Chỉ tiêu: chỉ ghi hành động khắc phục cho ô màu đỏ hoặc vàng.")
    if errors:
        raise ValidationError(errors)
    assert due_date is not None  # refused above
    action = CorrectiveAction(
        period=period,
        span_code=span.code,
        unit=unit,
        indicator=indicator,
        indicator_name=column.name,
        band=cell.band,
        value_text=format_value(cell.value, column),
        description=description,
        responsible_unit=responsible_unit,
        due_date=due_date,
        created_by=user,
    )
    history_note(action, user=user)
    action.save()
    return action


CLERK_STATUSES = (ActionStatus.IN_PROGRESS, ActionStatus.DONE)


@transaction.atomic
def action_answer(*, user, action: CorrectiveAction, text: str, status: str) -> ActionUpdate:
    """A progress note on the action, moving it to `status`. Clerks of the responsible unit report progress
    (in progress, done); the cell's managers may also reopen it or drop it, with the note as the reason."""
    current = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    permissions.require(user, "action.answer", current)
    manager = permissions.has(user, "action.manage", current)
    text = nfc(text)
    errors = {}
    if not text:
        errors["text"] = _("Nội dung: bắt buộc nhập.")
    if status not in ActionStatus.values:
        errors["status"] = _("Trạng thái: không hợp lệ.")
    elif not manager and status not in CLERK_STATUSES:
        errors["status"] = _("Trạng thái: đơn vị thực hiện chỉ báo “Đang thực hiện” hoặc “Đã hoàn thành”.")
    elif not manager and current.status not in ACTION_OPEN_STATUSES:
        errors["status"] = _("Trạng thái: hành động đã đóng, chỉ người quản lý mở lại được.")
    if errors:
        raise ValidationError(errors)
    current.status = status
    current.drop_reason = text if status == ActionStatus.DROPPED else ""
    current.closed_at = None if status in ACTION_OPEN_STATUSES else timezone.now()
    history_note(current, user=user)
    current.save()
    return ActionUpdate.objects.create(action=current, text=text, status=status, author=user)
