"""The dossier-record import page: upload → preview → commit.

The uploaded file is kept between preview and commit in a temporary file on the server, named by a
random token that lives in the user's session; the commit reads and checks the file again. Temporary
files older than a day are swept at each upload. (With several app servers, preview and commit must
reach the same server, or the temporary directory must be shared: docs/procedures-import.md.)
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cchc.views import PermissionMixin

from .forms_import import DossierImportCommitForm, DossierImportUploadForm
from .importing import COLUMNS, COUNTS, ImportFailed, dossier_import_commit, dossier_import_preview
from .ledger import fmt, label

SESSION_KEY = "dossier_import"
RESULT_KEY = "dossier_import_result"
MAX_AGE_SECONDS = 24 * 3600
MAX_LEDGER_ROWS_SHOWN = 500
MAX_REPORTS_LISTED = 100


def upload_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "cchc-dossier-import"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def upload_path(token: str) -> Path:
    return upload_dir() / f"{token}.upload"


def sweep_uploads(now: float | None = None) -> None:
    """Delete the temporary files of previews nobody committed."""
    now = now or time.time()
    for path in upload_dir().glob("*.upload"):
        try:
            if now - path.stat().st_mtime > MAX_AGE_SECONDS:
                path.unlink()
        except FileNotFoundError:
            pass


class DossierImportView(PermissionMixin, View):
    """Clerks import their units' dossier records (admins: any unit's); the ledgers follow."""

    permission_action = "dossiers.import"
    template_name = "procedures/import.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(upload_form=DossierImportUploadForm(), result=request.session.pop(RESULT_KEY, None))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "preview")
        if action == "commit":
            return self.commit()
        if action == "cancel":
            self.forget()
            messages.info(request, _("Đã hủy: không có hồ sơ nào được nhập."))
            return redirect("dossier_import")
        return self.preview()

    # -- steps --

    def preview(self):
        request = self.request
        form = DossierImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(upload_form=form, status=400)
        self.forget()
        sweep_uploads()
        upload = form.cleaned_data["file"]
        token = secrets.token_hex(16)
        with upload_path(token).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        request.session[SESSION_KEY] = {"token": token, "name": upload.name}
        preview = dossier_import_preview(file=upload_path(token), user=request.user, name=upload.name)
        return self.render_page(preview=preview, token=token, status=200 if preview.ok else 400)

    def commit(self):
        request = self.request
        form = DossierImportCommitForm(request.POST)
        kept = request.session.get(SESSION_KEY) or {}
        valid = form.is_valid() and form.cleaned_data["token"] == kept.get("token")
        if not valid or not upload_path(kept["token"]).exists():
            messages.error(
                request, _("Không còn tệp đã xem trước (đã nhập, đã hủy hoặc quá hạn): hãy tải tệp lên lại.")
            )
            return redirect("dossier_import")
        path = upload_path(kept["token"])
        try:
            result = dossier_import_commit(file=path, user=request.user, name=kept["name"])
        except ImportFailed as failed:
            messages.error(request, _("Chưa nhập: tệp có lỗi, không có hồ sơ nào được lưu."))
            return self.render_page(preview=failed.preview, token=kept["token"], status=400)
        self.forget()
        request.session[RESULT_KEY] = {
            "file_name": result.file_name,
            "rows_read": result.rows_read,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "report_count": len(result.reports),
            "reports": [
                {"url": reverse("report_detail", args=[report.pk]), "label": str(report)}
                for report in result.reports[:MAX_REPORTS_LISTED]
            ],
        }
        messages.success(
            request,
            _(
                "Đã nhập %(file)s: %(created)s hồ sơ mới, %(updated)s hồ sơ cập nhật, %(unchanged)s hồ sơ không đổi; "
                "đã tính lại sổ theo dõi của %(reports)s báo cáo."
            )
            % {
                "file": result.file_name,
                "created": fmt(result.created),
                "updated": fmt(result.updated),
                "unchanged": fmt(result.unchanged),
                "reports": fmt(len(result.reports)),
            },
        )
        return redirect("dossier_import")

    # -- helpers --

    def forget(self) -> None:
        kept = self.request.session.pop(SESSION_KEY, None)
        if kept and isinstance(kept.get("token"), str) and kept["token"].isalnum():
            upload_path(kept["token"]).unlink(missing_ok=True)

    def render_page(self, *, upload_form=None, preview=None, token=None, result=None, status=200):
        context = {
            "title": _("Nhập hồ sơ một cửa"),
            "upload_form": upload_form or DossierImportUploadForm(),
            "preview": preview,
            "commit_form": DossierImportCommitForm(initial={"token": token}) if token else None,
            "columns": COLUMNS,
            "ledger_columns": [(name, label(name)) for name in COUNTS],
            "ledgers": preview.ledgers[:MAX_LEDGER_ROWS_SHOWN] if preview else [],
            "ledgers_not_shown": max(0, len(preview.ledgers) - MAX_LEDGER_ROWS_SHOWN) if preview else 0,
            "result": result,
        }
        return render(self.request, self.template_name, context, status=status)
