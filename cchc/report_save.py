"""Saving the report page: validate, save through `services.report_update`, and merge when the report moved on.

When someone saved the report after the user loaded it, the page's signed base (cchc/pagemerge.py) lets us
apply only what the user changed on top of the current version; fields both changed to different values
are shown side by side, and nothing is saved until the user chooses (docs/architecture.md, "Conflicts").
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import pagemerge, permissions, services
from .exceptions import ConcurrencyConflict, SubmissionInvalid
from .history import report_changes_since
from .models import Report

# Someone may save between our merge and our save; we merge again, a few times at most.
MERGE_ATTEMPTS = 3


class ReportSaveMixin:
    """The POST of the report page. The view supplies `get_report`, `build_blocks` and `render_page`."""

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        permissions.require(request.user, "report.edit", report)
        try:
            expected_version = int(request.POST.get("version", ""))
        except ValueError:
            expected_version = -1
        base, data = request.POST.get("base", ""), request.POST.copy()
        token = pagemerge.load(base)
        if token is not None and token["version"] != expected_version:
            token = None  # not the base of the version posted: nothing to merge against
        if pagemerge.apply_choices(data, token):
            messages.error(request, _("Chưa lưu: hãy chọn giữ giá trị nào cho từng ô hai người cùng sửa."))
            blocks = self.build_blocks(report, data=data, editable=True)
            pending = pagemerge.pending_of(token)
            return self.render_page(report, blocks, version=expected_version, base=base, pending=pending, status=409)
        merged = False
        for attempt in range(MERGE_ATTEMPTS):
            if report.version != expected_version and token is not None:
                result, base, changes = self._merge(report, data, token, expected_version)
                if result.pending:
                    messages.error(request, _("Chưa lưu: có ô bạn và người khác cùng sửa; hãy chọn giữ giá trị nào."))
                    blocks = self.build_blocks(report, data=result.data, editable=True)
                    pending = [vars(p) for p in result.pending]
                    return self.render_page(
                        report, blocks, version=report.version, conflict=changes, base=base, pending=pending, status=409
                    )
                data, expected_version, token, merged = result.data, report.version, pagemerge.load(base), True
            response = self._save(
                report, data, expected_version, base, merged, retry=token is not None and attempt + 1 < MERGE_ATTEMPTS
            )
            if response is not None:
                return response
            report = self.get_report()
        raise AssertionError("unreachable: the last attempt never retries")  # pragma: no cover

    def _merge(self, report: Report, data, token: dict, expected_version: int):
        """Merge the posted page into the page as it is now; the new base is the current version."""
        theirs = self.build_blocks(report, editable=True)
        mine = self.build_blocks(report, data=data, editable=True)
        result = pagemerge.merge_page(token, theirs, mine, data)
        changes = report_changes_since(report, expected_version)
        pagemerge.attribute(result.pending, changes)
        base = pagemerge.pending_token(report.version, pagemerge.snapshot(theirs), result.pending)
        return result, base, changes

    def _save(self, report: Report, data, expected_version: int, base: str, merged: bool, *, retry: bool):
        """Validate and save; a response, or None when someone saved in between and a merge can follow."""
        request = self.request
        blocks = self.build_blocks(report, data=data, editable=True)
        forms_valid = all(form.is_valid() for block in blocks for form in block["forms"].values())
        if not (all([block["explanations"].is_valid() for block in blocks]) and forms_valid):
            messages.error(request, _("Chưa lưu: hãy sửa các ô báo lỗi bên dưới."))
            return self.render_page(report, blocks, version=expected_version, base=base, status=400)

        def apply(locked: Report) -> None:
            texts: dict[str, str] = {}
            for block in blocks:
                block["section"].save(locked, block["forms"], request.user)
                texts.update(block["explanations"].texts())
            services.check_explanations_save(report=locked, texts=texts)

        try:
            report = services.report_update(
                report=report, user=request.user, expected_version=expected_version, apply=apply
            )
        except ConcurrencyConflict as conflict:
            if retry:
                return None
            messages.error(
                request,
                _(
                    "Chưa lưu: báo cáo đã được người khác lưu trong lúc bạn sửa. Số liệu bạn nhập vẫn còn "
                    "trong biểu mẫu; hãy xem các thay đổi của họ rồi lưu lại."
                ),
            )
            return self.render_page(
                report, blocks, version=conflict.current_version, conflict=conflict.changes, status=409
            )
        except ValidationError as exc:
            messages.error(request, _("Chưa lưu:"))
            for message in exc.messages:
                messages.error(request, str(message))
            return self.render_page(report, blocks, version=expected_version, base=base, status=400)
        if merged:
            messages.info(request, _("Người khác đã lưu báo cáo trong lúc bạn sửa: đã giữ thay đổi của họ."))
        return self._finish(report)

    def _finish(self, report: Report):
        request = self.request
        url = reverse("report_detail", args=[report.pk])
        if request.POST.get("action") != "submit":
            messages.success(request, _("Đã lưu nháp."))
            return redirect(url)
        try:
            services.report_submit(report=report, user=request.user)
        except SubmissionInvalid as exc:
            messages.warning(request, _("Đã lưu nháp nhưng chưa gửi được:"))
            for message in exc.messages:
                messages.error(request, str(message))
            return redirect(url)
        messages.success(request, _("Đã gửi báo cáo."))
        return redirect(url)
