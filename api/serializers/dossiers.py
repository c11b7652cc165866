"""The dossier push: a batch of records with the columns of the import file, and its answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .fields import NumberField


class DossierRecordSerializer(serializers.Serializer):
    """One record: the columns of the import file (docs/procedures-import.md), checked by the import's rules."""

    ma_ho_so = serializers.CharField(help_text=_("Mã hồ sơ (khóa: gửi lại cùng mã thì cập nhật)."))
    ma_thu_tuc = serializers.CharField(help_text=_("Mã thủ tục trong danh mục."))
    ma_don_vi = serializers.CharField(help_text=_("Mã đơn vị tiếp nhận."))
    noi_tiep_nhan = serializers.CharField(help_text=_("Nơi tiếp nhận."))
    kenh = serializers.CharField(help_text=_("truc_tiep, truc_tuyen hoặc buu_chinh."))
    ngay_tiep_nhan = serializers.CharField(help_text=_("Ngày tiếp nhận: ISO 8601 hoặc dd/mm/yyyy HH:MM."))
    ngay_hen_tra = serializers.CharField(help_text=_("Ngày hẹn trả."))
    ngay_hoan_thanh = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text=_("Ngày hoàn thành; null khi đang giải quyết.")
    )
    trang_thai = serializers.CharField(help_text=_("dang_giai_quyet, da_giai_quyet, tra_lai hoặc rut."))


class DossierPushSerializer(serializers.Serializer):
    records = DossierRecordSerializer(many=True, help_text=_("Các hồ sơ (tối đa API_DOSSIER_BATCH_MAX một lần)."))


class PushErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(allow_null=True, help_text=_("Vị trí hồ sơ trong records (từ 0); null: cả lô."))
    field = serializers.CharField(allow_null=True, help_text=_("Cột có lỗi."))
    message = serializers.CharField(help_text=_("Lỗi, bằng tiếng Việt, như khi nhập tệp."))


class PushErrorsSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Lô bị từ chối: không lưu hồ sơ nào."))
    error_count = serializers.IntegerField(help_text=_("Tổng số lỗi."))
    errors = PushErrorSerializer(many=True)


class LedgerSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit_code", help_text=_("Mã đơn vị."))
    period = serializers.SerializerMethodField(help_text=_("Kỳ: 2020-Q1."))
    report_id = serializers.IntegerField(allow_null=True, help_text=_("Báo cáo chứa sổ."))
    reception_point = serializers.CharField(help_text=_("Nơi tiếp nhận."))
    counts = serializers.DictField(source="values", child=NumberField(), help_text=_("Các số của sổ theo dõi."))

    def get_period(self, figures) -> str:
        return f"{figures.year}-Q{figures.quarter}"


class PushResultSerializer(serializers.Serializer):
    records = serializers.IntegerField(source="rows_read", help_text=_("Số hồ sơ đã đọc."))
    created = serializers.IntegerField(help_text=_("Hồ sơ mới."))
    updated = serializers.IntegerField(help_text=_("Hồ sơ đã có, được cập nhật."))
    unchanged = serializers.IntegerField(help_text=_("Hồ sơ đã có, không đổi."))
    ledgers = LedgerSerializer(many=True, help_text=_("Sổ theo dõi của các báo cáo được tính lại."))


class PushAcceptedSerializer(serializers.Serializer):
    """The answer to a long batch: queued as a job, to poll."""

    job = serializers.IntegerField(help_text=_("Mã công việc xử lý lô."))
    state = serializers.CharField(help_text=_("Trạng thái: queued, running, done, failed, cancelled."))
    records = serializers.IntegerField(help_text=_("Số hồ sơ của lô."))
    url = serializers.CharField(help_text=_("Địa chỉ để hỏi kết quả: /api/v1/jobs/<id>/."))


class PushJobSerializer(serializers.Serializer):
    """A long batch's job: its state and progress; the push's answer when done, its errors when refused."""

    id = serializers.IntegerField()
    state = serializers.CharField(help_text=_("queued, running, done, failed hoặc cancelled."))
    phase = serializers.CharField(help_text=_("Giai đoạn: read (đọc và kiểm tra), write, ledger (tính sổ)."))
    done = serializers.IntegerField(help_text=_("Số hồ sơ đã xử lý."))
    total = serializers.IntegerField(allow_null=True, help_text=_("Số hồ sơ của lô."))
    percent = serializers.IntegerField(allow_null=True, help_text=_("Phần trăm hoàn thành, khi biết."))
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    detail = serializers.CharField(source="error", help_text=_("Lỗi của công việc (rỗng khi không lỗi)."))
    result = serializers.SerializerMethodField(help_text=_("Kết quả như khi gửi lô nhỏ (khi state = done)."))
    error_count = serializers.SerializerMethodField(help_text=_("Số lỗi của lô (khi lô bị từ chối)."))
    errors = serializers.SerializerMethodField(help_text=_("Lỗi theo vị trí hồ sơ (khi lô bị từ chối)."))

    @extend_schema_field(PushResultSerializer(allow_null=True))
    def get_result(self, job) -> dict | None:
        return job.result if job.state == "done" else None

    @extend_schema_field(serializers.IntegerField())
    def get_error_count(self, job) -> int:
        return int(job.result.get("error_count", 0)) if job.state == "failed" else 0

    @extend_schema_field(PushErrorSerializer(many=True))
    def get_errors(self, job) -> list:
        return list(job.result.get("errors", [])) if job.state == "failed" else []
