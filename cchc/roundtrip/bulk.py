"""Bulk upload: a clerk who acts for several units uploads one workbook per unit at once.

Each file names its report in its signed hidden sheet; the clerk must be allowed to see that report
(`cchc.permissions`, "report.view"), and the analysis refuses one the clerk may not change. The first page
is every file's dry run; "Xác nhận lưu" then saves each report on its own, all-or-nothing per report
(`diff.save` is one transaction), and says which were saved and which not. A file with a conflict of the
three-way rule is not saved here: the user chooses on that report's own upload page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from cchc import permissions
from cchc.exceptions import ConcurrencyConflict
from cchc.selectors import reports_for_list
from cchc.views import PermissionMixin, error_messages

from . import diff
from .reader import Refused, max_bytes, open_workbook, read_meta, too_big
from .views import SESSION_KEY, forget_upload, load_upload, store_upload

if TYPE_CHECKING:
    from cchc.models import Report

MAX_FILES = 30


@dataclass
class FileRow:
    name: str
    report: Report | None = None
    result: diff.Analysis | None = None
    token: str = ""
    messages: tuple = ()
    saved: bool = False


def _report_of(user, data: bytes):
    """The report a workbook names in its hidden sheet, if the user may see it (else Refused)."""
    meta = read_meta(open_workbook(data)[0])
    report_id = meta.get("report")
    report = reports_for_list().filter(pk=report_id).first() if report_id is not None else None
    if report is None or not permissions.has(user, "report.view", report):
        raise Refused(_("Tệp này là báo cáo của một đơn vị bạn không phụ trách."))
    return report


class BulkUploadView(PermissionMixin, View):
    """ "Tải lên nhiều tệp Excel": one workbook per unit, each report saved on its own."""

    permission_action = "reports.enter"
    template_name = "cchc/roundtrip_bulk.html"

    def render_page(self, rows=(), *, confirmed=False, refusal=(), status=200):
        context = {"rows": rows, "confirmed": confirmed, "refusal": refusal, "max_files": MAX_FILES}
        context["can_confirm"] = any(row.token for row in rows) and not confirmed
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if request.POST.getlist("token"):
            return self.confirm(request.POST.getlist("token"))
        files = request.FILES.getlist("files")
        if not files:
            return self.render_page(refusal=[_("Tệp: hãy chọn các tệp Excel đã điền.")], status=400)
        if len(files) > MAX_FILES:
            return self.render_page(refusal=[_("Tối đa %(n)s tệp mỗi lần tải lên.") % {"n": MAX_FILES}], status=400)
        return self.render_page([self.dry_run(upload) for upload in files])

    def dry_run(self, upload) -> FileRow:
        row = FileRow(name=upload.name)
        if upload.size > max_bytes():
            row.messages = tuple(too_big(upload.size).messages)
            return row
        data = upload.read()
        try:
            row.report = _report_of(self.request.user, data)
            row.result = diff.analyse(report=row.report, user=self.request.user, data=data)
        except Refused as exc:
            row.messages = tuple(exc.messages)
            return row
        if row.result.conflicts:
            row.messages = (_("Có ô sửa ở cả hai nơi: hãy tải tệp này lên trên trang của báo cáo để chọn."),)
        elif row.result.can_save:
            row.token = store_upload(self.request, row.report, upload.name, data, row.result.version)
        return row

    def confirm(self, tokens: list[str]):
        rows = []
        reports = reports_for_list().filter(pk__in=self._report_ids(tokens))
        for report in reports:
            for token in self._tokens_of(tokens, report.pk):
                rows.append(self.save_one(report, token))
        return self.render_page(rows, confirmed=True)

    def _report_ids(self, tokens):
        uploads = self.request.session.get(SESSION_KEY, {})
        return [uploads[t]["report"] for t in tokens if t in uploads]

    def _tokens_of(self, tokens, report_pk):
        uploads = self.request.session.get(SESSION_KEY, {})
        return [t for t in tokens if uploads.get(t, {}).get("report") == report_pk]

    def save_one(self, report, token: str) -> FileRow:
        """Save one file's report on its own: all of it or nothing, and say which."""
        entry, data = load_upload(self.request, report, token)
        row = FileRow(name=entry["name"] if entry else "?", report=report)
        if entry is None:
            row.messages = (_("Tệp tải lên đã hết hạn hoặc không còn: hãy tải lên lại."),)
            return row
        try:
            row.result = diff.analyse(report=report, user=self.request.user, data=data)
            if row.result.version != entry["version"]:
                raise ConcurrencyConflict(current_version=row.result.version, changes=[])
            if not row.result.can_save:
                row.messages = tuple(row.result.errors) or (_("Không có thay đổi nào: không lưu gì."),)
                return row
            diff.save(row.result, self.request.user, entry["name"])
        except Refused as exc:
            row.messages = tuple(exc.messages)
        except ConcurrencyConflict:
            row.messages = (_("Báo cáo vừa được lưu ở nơi khác: hãy tải tệp lên lại để xem so sánh mới."),)
        except ValidationError as exc:  # a service refused: this report only, the others go on
            row.messages = tuple(error_messages(exc))
        else:
            row.saved = True
        forget_upload(self.request, token)
        return row
