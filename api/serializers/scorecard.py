"""The scorecard of a span and a scope: exactly what reports.builder.scorecard_build returns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .fields import NumberField


class ColumnSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã chỉ tiêu."))
    name = serializers.CharField(help_text=_("Tên chỉ tiêu."))
    area = serializers.IntegerField(help_text=_("Lĩnh vực cải cách (1–7)."))
    area_label = serializers.CharField(help_text=_("Tên lĩnh vực."))
    unit_of_measure = serializers.CharField(allow_blank=True, help_text=_("Đơn vị tính (% là tỷ lệ)."))
    decimals = serializers.IntegerField(help_text=_("Số chữ số thập phân khi hiển thị."))
    direction = serializers.CharField(help_text=_("higher: càng cao càng tốt; lower: càng thấp càng tốt."))
    rollup = serializers.CharField(help_text=_("Cách cộng qua các quý: sum, latest, ratio."))
    is_rate = serializers.BooleanField(help_text=_("Là tỷ lệ: value = numerator / denominator, từ 0 đến 1."))


class CellSerializer(serializers.Serializer):
    value = NumberField(help_text=_("Giá trị; tỷ lệ ghi dạng thập phân (0.9938 là 99,38%); null: chưa báo cáo."))
    numerator = NumberField(help_text=_("Tử số của tỷ lệ (số đếm)."))
    denominator = NumberField(help_text=_("Mẫu số của tỷ lệ (số đếm)."))
    target = NumberField(help_text=_("Chỉ tiêu của kỳ; null: chưa có chỉ tiêu."))
    target_source = serializers.CharField(allow_blank=True, help_text=_("Văn bản giao chỉ tiêu."))
    band = serializers.CharField(allow_blank=True, help_text=_("Mức: green, yellow, red; rỗng khi không xếp mức."))
    band_label = serializers.CharField(allow_blank=True, help_text=_("Tên mức."))
    points = NumberField(help_text=_("Điểm chấm theo thang điểm."))
    max_points = NumberField(help_text=_("Điểm tối đa."))
    previous = NumberField(help_text=_("Giá trị kỳ trước."))
    year_earlier = NumberField(help_text=_("Giá trị cùng kỳ năm trước."))
    provisional = serializers.BooleanField(help_text=_("Số liệu tạm: có báo cáo chưa được duyệt."))


class RowSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField(allow_null=True, help_text=_("Số định danh đơn vị."))
    code = serializers.CharField(allow_blank=True, help_text=_("Mã đơn vị."))
    name = serializers.CharField(help_text=_("Tên đơn vị."))
    kind = serializers.CharField(allow_blank=True, help_text=_("Loại đơn vị."))
    cells = serializers.DictField(child=CellSerializer(), help_text=_("Ô của từng chỉ tiêu, theo mã chỉ tiêu."))
    points_by_area = serializers.DictField(child=NumberField(), help_text=_("Điểm theo lĩnh vực."))
    points = NumberField(help_text=_("Tổng điểm."))
    rank = serializers.IntegerField(allow_null=True, help_text=_("Thứ hạng theo tổng điểm (1 là cao nhất)."))
    provisional = serializers.BooleanField(help_text=_("Có báo cáo chưa được duyệt."))


class ScorecardSerializer(serializers.Serializer):
    period = serializers.CharField(source="span.code", help_text=_("Kỳ: 2020-Q1, 2020-H1, 2020-9M hoặc 2020."))
    period_label = serializers.CharField(source="span.label", help_text=_("Tên kỳ."))
    scope = serializers.CharField(help_text=_("Mã đơn vị của dòng tổng."))
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)
    total = RowSerializer(help_text=_("Dòng tổng: số của đơn vị phạm vi, hoặc tính lại từ số đếm của các dòng."))
    approved = serializers.IntegerField(help_text=_("Số đơn vị có mọi báo cáo trong kỳ đã duyệt."))
    provisional = serializers.IntegerField(help_text=_("Số đơn vị có báo cáo chưa duyệt."))
    missing_periods = serializers.ListField(child=serializers.CharField(), help_text=_("Quý chưa có trong cổng."))
