"""Saving the report page: validate, save through `services.report_update`, and merge when the report moved on.

When someone saved the report after the user loaded it, the page's signed base (cchc/pagemerge.py) lets us
apply only what the user changed on top of the current version; fields both changed to different values
are shown side by side, and nothing is saved until the user chooses (docs/architecture.md, "Conflicts").

A save may be of one section only (the section's "Lưu mục này" button posts `section=<key>`): the page is
merged as a whole, but only that section is validated and saved, and only its fields can conflict. From
the page's script (an htmx request) the answer is the page rendered afresh, from which the script takes
the section, the navigation and the new version and base; without the script, a redirect to the section.
Submitting refuses a section left empty unless the clerk ticked "Không phát sinh" for it (cchc/nil_sections.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import pagemerge, permissions, sections, services
from .exceptions import ConcurrencyConflict, SubmissionInvalid
from .history import report_changes_since
from .models import Report
from .nil_sections import nil_keys, nil_sections_save
from .section_state import section_empty

NIL_PREFIX = "nil-"

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

# Someone may save between our merge and our save; we merge again, a few times at most.
MERGE_ATTEMPTS = 3


class ReportSaveMixin:
    """The POST of the report page. The view supplies `get_report`, `build_blocks` and `render_page`."""

    if TYPE_CHECKING:  # what the view (cchc.views.ReportDetailView) brings
        request: HttpRequest

        def get_report(self) -> Report: ...

        def build_blocks(
            self, report: Report, data: Any = None, editable: bool = False, only: str | None = None
        ) -> list[dict]: ...

        def render_page(
            self,
            report: Report,
            blocks: list[dict],
            *,
            version: int | None = None,
            conflict: Any = None,
            status: int = 200,
            base: str = "",
            pending: Any = (),
        ) -> HttpResponse: ...

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        permissions.require(request.user, "report.edit", report)
        try:
            expected_version = int(request.POST.get("version", ""))
        except ValueError:
            expected_version = -1
        base, data = request.POST.get("base", ""), request.POST.copy()
        self.only = self._section_of(report, data)
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

    @staticmethod
    def _section_of(report: Report, data) -> str | None:
        """The section a "Lưu mục này" button names, if it is one of this report's sections."""
        key = data.get("section") or ""
        return key if key and any(s.key == key for s in sections.sections_for_report(report)) else None

    def _merge(self, report: Report, data, token: dict, expected_version: int):
        """Merge the posted page into the page as it is now; the new base is the current version."""
        theirs = self.build_blocks(report, editable=True)
        mine = self.build_blocks(report, data=data, editable=True)
        result = pagemerge.merge_page(token, theirs, mine, data)
        if self.only is not None:
            # Only the section being saved can conflict: what the user typed elsewhere stays in the form.
            prefixes = _prefixes([b for b in theirs if b["section"].key == self.only])
            result.pending = [p for p in result.pending if p.key.startswith(prefixes)]
        changes = report_changes_since(report, expected_version)
        pagemerge.attribute(result.pending, changes)
        base = pagemerge.pending_token(report.version, pagemerge.snapshot(theirs), result.pending)
        return result, base, changes

    def _save(self, report: Report, data, expected_version: int, base: str, merged: bool, *, retry: bool):
        """Validate and save; a response, or None when someone saved in between and a merge can follow."""
        request = self.request
        blocks = self.build_blocks(report, data=data, editable=True, only=self.only)
        forms_valid = all(form.is_valid() for block in blocks for form in block["forms"].values())
        if not (all([block["explanations"].is_valid() for block in blocks]) and forms_valid):
            messages.error(request, _("Chưa lưu: hãy sửa các ô báo lỗi bên dưới."))
            return self.render_page(
                report, self._page(report, data, blocks), version=expected_version, base=base, status=400
            )
        ticked = {key[len(NIL_PREFIX) :] for key in data if key.startswith(NIL_PREFIX)}

        def apply(locked: Report) -> None:
            texts: dict[str, str] = {}
            for block in blocks:
                block["section"].save(locked, block["forms"], request.user)
                texts.update(block["explanations"].texts())
            services.check_explanations_save(report=locked, texts=texts)
            if self.only is None:  # the page's "Không phát sinh" ticks, kept only for sections still empty
                empty = {b["section"].key for b in blocks if b["forms"] and section_empty(b["section"], locked, {})}
                nil_sections_save(report=locked, keys=ticked, allowed=empty)

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
                report,
                self._page(report, data, blocks),
                version=conflict.current_version,
                conflict=conflict.changes,
                status=409,
            )
        except ValidationError as exc:
            messages.error(request, _("Chưa lưu:"))
            for message in exc.messages:
                messages.error(request, str(message))
            return self.render_page(
                report, self._page(report, data, blocks), version=expected_version, base=base, status=400
            )
        if merged:
            messages.info(request, _("Người khác đã lưu báo cáo trong lúc bạn sửa: đã giữ thay đổi của họ."))
        return self._finish(report)

    def _page(self, report: Report, data, blocks: list[dict]) -> list[dict]:
        """The blocks to render after a refused save: the whole page, even when one section was saved."""
        return blocks if self.only is None else self.build_blocks(report, data=data, editable=True)

    def _finish(self, report: Report):
        request = self.request
        url = reverse("report_detail", args=[report.pk])
        if self.only is not None:
            title = next(s.title for s in sections.sections_for_report(report) if s.key == self.only)
            messages.success(request, _("Đã lưu mục “%(title)s”.") % {"title": title})
            if getattr(request, "htmx", False):  # the page's script swaps the section in: no reload
                return self.render_page(report, self.build_blocks(report, editable=True))
            return redirect(f"{url}#section-{self.only}")
        if request.POST.get("action") != "submit":
            messages.success(request, _("Đã lưu nháp."))
            return redirect(url)
        forgotten = self._empty_unmarked(report)
        if forgotten:
            messages.warning(request, _("Đã lưu nháp nhưng chưa gửi được:"))
            for title in forgotten:
                messages.error(
                    request,
                    _(
                        "Mục “%(title)s” chưa có số liệu: hãy nhập, hoặc đánh dấu “Không phát sinh” nếu kỳ này "
                        "không có gì để báo cáo."
                    )
                    % {"title": title},
                )
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

    def _empty_unmarked(self, report: Report) -> list[str]:
        """Titles of the sections with nothing saved and no "Không phát sinh" tick: they block submitting."""
        # A section reported monthly is not asked of the quarter (its months are): empty there is not forgotten.
        skip = nil_keys(report) | sections.monthly_in_quarter(report)
        return [
            str(b["section"].title)
            for b in self.build_blocks(report, editable=True)
            if b["forms"] and b["section"].key not in skip and section_empty(b["section"], report, b["forms"])
        ]


def _prefixes(blocks: list[dict]) -> tuple[str, ...]:
    """The name prefixes of the blocks' fields (forms, formsets and explanations)."""
    return tuple(f"{unit.prefix}-" for unit in pagemerge.units_of(blocks))
