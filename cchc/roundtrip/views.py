"""Pages of the Excel round-trip: download the report's workbook, upload it, see the diff, confirm.

Thin: `cchc.permissions` decides (the download and the upload form need "report.edit"; a POST needs
"report.view" and the analysis then refuses a report the user may not change, with a message), `diff`
does the work. Between the dry run and the confirmation the file waits in a temporary directory under a
random token kept in the session; nothing is saved before "Xác nhận lưu".
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cchc import permissions
from cchc.exceptions import ConcurrencyConflict
from cchc.text import download_name
from cchc.views import ReportMixin, error_messages, report_url

from . import diff, template
from .reader import Refused, max_bytes, too_big

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "roundtrip_uploads"
KEEP_SECONDS = 24 * 3600


def upload_dir() -> Path:
    path = Path(getattr(settings, "ROUNDTRIP_UPLOAD_DIR", "") or Path(tempfile.gettempdir()) / "cchc-roundtrip")
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(request, report, name: str, data: bytes, version: int) -> str:
    folder = upload_dir()
    for old in folder.glob("*.xlsx"):  # files of dry runs never confirmed
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    (folder / f"{token}.xlsx").write_bytes(data)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"report": report.pk, "name": name, "version": version}
    request.session[SESSION_KEY] = dict(list(uploads.items())[-5:])
    return token


def load_upload(request, report, token: str):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = upload_dir() / f"{token}.xlsx"
    if not entry or entry["report"] != report.pk or not token.replace("-", "").replace("_", "").isalnum():
        return None, None
    if not path.is_file():
        return None, None
    return entry, path.read_bytes()


def forget_upload(request, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    (upload_dir() / f"{token}.xlsx").unlink(missing_ok=True)


class DownloadView(ReportMixin, View):
    """ "Tải mẫu Excel": the report's workbook, pre-filled with what the portal holds now."""

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        permissions.require(request.user, "report.edit", report)
        response = HttpResponse(template.workbook_bytes(report), content_type=XLSX)
        name = download_name(f"mau-{report.unit.code}", report.period.code, "xlsx")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class UploadView(ReportMixin, View):
    """Upload the filled workbook: the dry-run diff first, then "Xác nhận lưu" saves it, or nothing."""

    template_name = "cchc/roundtrip_upload.html"

    def render_page(self, report, *, result=None, token="", refusal=(), status=200):
        context = {"report": report, "result": result, "token": token, "refusal": refusal, "max_bytes": max_bytes()}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        permissions.require(request.user, "report.edit", report)
        return self.render_page(report)

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        if request.POST.get("token"):
            return self.confirm(report, request.POST["token"])
        upload = request.FILES.get("file")
        if upload is None:
            return self.render_page(report, refusal=[_("Tệp: hãy chọn tệp Excel đã điền.")], status=400)
        if upload.size > max_bytes():  # refused before reading it
            return self.render_page(report, refusal=too_big(upload.size).messages, status=400)
        data = upload.read()
        try:
            result = diff.analyse(report=report, user=request.user, data=data)
        except Refused as exc:
            return self.render_page(report, refusal=exc.messages, status=400)
        token = (
            store_upload(request, report, upload.name, data, result.version)
            if result.can_save or result.conflicts
            else ""
        )
        return self.render_page(report, result=result, token=token, status=200 if not result.errors else 400)

    def confirm(self, report, token: str):
        request = self.request
        entry, data = load_upload(request, report, token)
        if entry is None:
            messages.error(request, _("Tệp tải lên đã hết hạn hoặc không còn: hãy tải lên lại."))
            return redirect("roundtrip_upload", pk=report.pk)
        choices = {k[len("choice:") :]: v for k, v in request.POST.items() if k.startswith("choice:")}
        try:
            result = diff.analyse(report=report, user=request.user, data=data, choices=choices)
        except Refused as exc:
            forget_upload(request, token)
            return self.render_page(report, refusal=exc.messages, status=400)
        if result.version != entry["version"]:
            return self._changed_meanwhile(report, result, token, entry)
        if not result.changes:
            forget_upload(request, token)
            messages.info(request, _("Tệp không có thay đổi nào so với cổng: không lưu gì."))
            return redirect(report_url(report))
        if not result.can_save:
            if result.unresolved and not result.errors:
                messages.error(request, _("Chưa lưu: hãy chọn giá trị giữ lại cho từng ô bị sửa ở cả hai nơi."))
            return self.render_page(report, result=result, token=token, status=400)
        try:
            diff.save(result, request.user, entry["name"])
        except ConcurrencyConflict:
            return self._changed_meanwhile(report, result, token, entry)
        except ValidationError as exc:
            return self.render_page(report, result=result, token=token, refusal=error_messages(exc), status=400)
        forget_upload(request, token)
        messages.success(request, _("Đã lưu số liệu từ tệp %(name)s.") % {"name": entry["name"]})
        return redirect(report_url(report))

    def _changed_meanwhile(self, report, result, token, entry):
        report.refresh_from_db()
        try:
            result = diff.analyse(report=report, user=self.request.user, data=self._data(token))
        except Refused as exc:
            forget_upload(self.request, token)
            return self.render_page(report, refusal=exc.messages, status=400)
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads[token] = {**entry, "version": result.version}
        self.request.session[SESSION_KEY] = uploads
        messages.warning(
            self.request,
            _("Chưa lưu: báo cáo vừa được lưu ở nơi khác. Đây là so sánh tính lại; hãy xem rồi xác nhận lại."),
        )
        return self.render_page(report, result=result, token=token, status=409)

    def _data(self, token: str) -> bytes:
        return (upload_dir() / f"{token}.xlsx").read_bytes()
