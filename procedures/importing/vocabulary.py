"""The import file's vocabulary: its columns and their labels, and the values its coded columns take.

docs/procedures-import.md describes the columns and the rules for the people who prepare the files.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy

from ..choices import Channel, DossierStatus

COLUMNS = (
    "ma_ho_so",
    "ma_thu_tuc",
    "ma_don_vi",
    "noi_tiep_nhan",
    "kenh",
    "ngay_tiep_nhan",
    "ngay_hen_tra",
    "ngay_hoan_thanh",
    "trang_thai",
)
COLUMN_LABELS = {
    "ma_ho_so": gettext_lazy("Mã hồ sơ"),
    "ma_thu_tuc": gettext_lazy("Mã thủ tục"),
    "ma_don_vi": gettext_lazy("Mã đơn vị"),
    "noi_tiep_nhan": gettext_lazy("Nơi tiếp nhận"),
    "kenh": gettext_lazy("Kênh nộp"),
    "ngay_tiep_nhan": gettext_lazy("Ngày tiếp nhận"),
    "ngay_hen_tra": gettext_lazy("Ngày hẹn trả"),
    "ngay_hoan_thanh": gettext_lazy("Ngày hoàn thành"),
    "trang_thai": gettext_lazy("Trạng thái"),
}
CHANNELS = {
    "truc_tiep": Channel.IN_PERSON,
    "truc_tuyen": Channel.ONLINE,
    "buu_chinh": Channel.POSTAL,
    "buu_chinh_cong_ich": Channel.POSTAL,
    "qua_buu_chinh": Channel.POSTAL,
    "in_person": Channel.IN_PERSON,
    "online": Channel.ONLINE,
    "postal": Channel.POSTAL,
}
STATUSES = {
    "dang_giai_quyet": DossierStatus.PENDING,
    "da_giai_quyet": DossierStatus.RESOLVED,
    "tra_lai": DossierStatus.RETURNED,
    "rut": DossierStatus.WITHDRAWN,
    "rut_ho_so": DossierStatus.WITHDRAWN,
    "pending": DossierStatus.PENDING,
    "resolved": DossierStatus.RESOLVED,
    "returned": DossierStatus.RETURNED,
    "withdrawn": DossierStatus.WITHDRAWN,
}
EXTENSIONS = (".csv", ".xlsx")
# Naive times in a file are the province's local time.
FILE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CODE_MAX, POINT_MAX = 80, 200

# A record's stored fields besides its code (what a row must change for the record to be "changed").
RECORD_FIELDS = (
    "procedure_id",
    "unit_id",
    "reception_point",
    "channel",
    "received_at",
    "due_at",
    "completed_at",
    "status",
)
