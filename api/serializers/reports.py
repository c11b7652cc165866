"""Reports (status, figures, ledger) and the submission status of a period in a scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cchc.models import Report

from .fields import NumberField
from .scorecard import CellSerializer


class ReportSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("Mã đơn vị."))
    unit_name = serializers.CharField(source="unit.name", read_only=True, help_text=_("Tên đơn vị."))
    period = serializers.CharField(source="period.code", read_only=True, help_text=_("Kỳ: 2020-Q1."))
    on_time = serializers.SerializerMethodField(help_text=_("Gửi đúng hạn; null khi chưa gửi."))

    class Meta:
        model = Report
        fields = ["id", "unit", "unit_name", "period", "status", "version", "submitted_at", "reviewed_at", "on_time"]
        extra_kwargs = {
            "status": {"help_text": _("draft, submitted, approved hoặc returned.")},
            "version": {"help_text": _("Phiên bản (tăng mỗi lần lưu).")},
            "submitted_at": {"help_text": _("Thời điểm gửi (ISO 8601).")},
            "reviewed_at": {"help_text": _("Thời điểm duyệt hoặc trả lại.")},
        }

    def get_on_time(self, report: Report) -> bool | None:
        return report.is_on_time


class FigureValueSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã số liệu bổ sung."))
    name = serializers.CharField(help_text=_("Tên số liệu."))
    unit_of_measure = serializers.CharField(allow_blank=True, help_text=_("Đơn vị tính."))
    value = serializers.JSONField(help_text=_("Giá trị: số, văn bản hoặc ngày ISO; null khi chưa nhập."))
    as_of = serializers.DateField(allow_null=True, help_text=_("Tính đến ngày."))


class LedgerRowSerializer(serializers.Serializer):
    reception_point = serializers.CharField(help_text=_("Nơi tiếp nhận."))
    source = serializers.CharField(help_text=_("records: tính từ hồ sơ; typed: nhập tay."))
    counts = serializers.DictField(child=NumberField(), help_text=_("Các số của sổ theo dõi (null: không tách)."))


class ReportDetailSerializer(ReportSerializer):
    figures = FigureValueSerializer(many=True, read_only=True, help_text=_("Số liệu bổ sung của báo cáo."))
    ledger = LedgerRowSerializer(many=True, read_only=True, help_text=_("Sổ theo dõi hồ sơ một cửa."))
    indicators = serializers.DictField(
        child=CellSerializer(), read_only=True, help_text=_("Chỉ tiêu của đơn vị trong quý (như bảng điểm).")
    )

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "return_reason", "figures", "ledger", "indicators"]


class SummarySerializer(serializers.Serializer):
    expected = serializers.IntegerField(help_text=_("Số báo cáo phải gửi."))
    submitted = serializers.IntegerField(help_text=_("Đã gửi (kể cả đã duyệt)."))
    approved = serializers.IntegerField(help_text=_("Đã duyệt."))
    on_time = serializers.IntegerField(help_text=_("Gửi đúng hạn."))
    late = serializers.IntegerField(help_text=_("Gửi trễ hạn."))
    missing = serializers.IntegerField(help_text=_("Chưa gửi."))


class SubmissionsSerializer(serializers.Serializer):
    period = serializers.CharField(help_text=_("Kỳ: 2020-Q1."))
    scope = serializers.CharField(help_text=_("Mã đơn vị phạm vi."))
    summary = SummarySerializer()
    reports = ReportSerializer(many=True)
