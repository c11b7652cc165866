"""Forms of the dossier-record import: the upload, and the confirmation that commits a previewed file."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cchc.security import upload_limit_mb

from .importing import EXTENSIONS


class DossierImportUploadForm(forms.Form):
    """The file exported from the one-stop system (CSV UTF-8 or XLSX)."""

    file = forms.FileField(
        label=_("Tệp hồ sơ (CSV hoặc XLSX)"),
        help_text=_("Dòng đầu là tiêu đề các cột; CSV lưu bảng mã UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy."),
        error_messages={"required": _("Tệp hồ sơ: hãy chọn tệp."), "empty": _("Tệp hồ sơ: tệp rỗng.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Tệp hồ sơ: phải là tệp CSV hoặc XLSX."))
        # The request was already refused above UPLOAD_MAX_BYTES (cchc.security.UploadLimitMiddleware); this
        # covers a file that arrives inside a request whose length the server was not told.
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp hồ sơ: lớn quá %(mb)d MB; hãy chia thành nhiều tệp.") % {"mb": upload_limit_mb()}
            )
        return upload


class DossierImportCommitForm(forms.Form):
    """The preview job whose file is to be imported (it must be the user's own, done and without errors)."""

    job = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
