"""Forms of the dossier-record import: the upload, and the confirmation that commits a previewed file."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import EXTENSIONS

# An export of a year of a large province is a few hundred megabytes of CSV; anything bigger is a mistake.
MAX_UPLOAD_BYTES = 1024 * 1024 * 1024


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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp hồ sơ: lớn quá 1 GB; hãy chia thành nhiều tệp."))
        return upload


class DossierImportCommitForm(forms.Form):
    """The preview job whose file is to be imported (it must be the user's own, done and without errors)."""

    job = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
