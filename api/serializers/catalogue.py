"""Units, periods and the figure catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cchc.models import Period, Unit


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Mã đơn vị cấp trên (null với đơn vị gốc).")
    )
    successor = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("Mã đơn vị kế thừa khi đơn vị bị sáp nhập, giải thể.")
    )
    depth = serializers.SerializerMethodField(help_text=_("Cấp trong cây đơn vị: 0 là gốc."))

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent", "depth", "sort_order", "valid_from", "valid_to", "successor"]
        extra_kwargs = {
            "id": {"help_text": _("Số định danh của đơn vị trong cổng.")},
            "code": {"help_text": _("Mã đơn vị (dùng trong tham số scope, subtree và khi gửi hồ sơ).")},
            "name": {"help_text": _("Tên đơn vị.")},
            "kind": {"help_text": _("Loại đơn vị.")},
            "sort_order": {"help_text": _("Thứ tự hiển thị trong cấp.")},
            "valid_from": {"help_text": _("Hiệu lực từ ngày (ISO 8601), null nếu không giới hạn.")},
            "valid_to": {"help_text": _("Hiệu lực đến ngày (ISO 8601), null nếu còn hiệu lực.")},
        }

    def get_depth(self, unit: Unit) -> int:
        return max(0, unit.path.strip("/").count("/"))


class PeriodSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text=_("Mã kỳ: 2020-Q1."))

    class Meta:
        model = Period
        fields = ["code", "year", "quarter", "start_date", "end_date", "data_window_end", "deadline", "is_open"]
        extra_kwargs = {
            "year": {"help_text": _("Năm.")},
            "quarter": {"help_text": _("Quý (1–4).")},
            "start_date": {"help_text": _("Ngày đầu quý.")},
            "end_date": {"help_text": _("Ngày cuối quý.")},
            "data_window_end": {"help_text": _("Ngày chốt số liệu.")},
            "deadline": {"help_text": _("Hạn gửi báo cáo.")},
            "is_open": {"help_text": _("Kỳ còn mở (chưa khóa sổ).")},
        }


class BreakdownMemberSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã của thành phần."))
    label = serializers.CharField(help_text=_("Tên thành phần."))


class BreakdownSerializer(serializers.Serializer):
    dimension = serializers.CharField(help_text=_("Chiều chi tiết (kênh, mức độ…)."))
    label = serializers.CharField(help_text=_("Tên chiều chi tiết."))
    members = BreakdownMemberSerializer(many=True, help_text=_("Các thành phần; khóa số liệu: mã@chiều:thành phần."))


class FigureSerializer(serializers.Serializer):
    """One entry of the catalogue: a declared figure (cchc/figures.py) or an indicator of the scorecard."""

    code = serializers.CharField(help_text=_("Mã số liệu hoặc chỉ tiêu."))
    kind = serializers.ChoiceField(
        choices=["figure", "indicator"],
        help_text=_("figure: số liệu nhập hoặc tính từ sổ; indicator: chỉ tiêu của bảng điểm."),
    )
    name = serializers.CharField(help_text=_("Tên tiếng Việt."))
    name_en = serializers.CharField(allow_blank=True, help_text=_("Tên tiếng Anh."))
    area = serializers.IntegerField(help_text=_("Lĩnh vực cải cách (1–7)."))
    area_label = serializers.CharField(help_text=_("Tên lĩnh vực cải cách."))
    unit_of_measure = serializers.CharField(allow_blank=True, help_text=_("Đơn vị tính."))
    semantics = serializers.CharField(
        allow_blank=True,
        help_text=_(
            "Số liệu: flow (cộng các quý), stock (quý cuối), opening (quý đầu), derived (tính từ số liệu khác); "
            "chỉ tiêu: sum, latest hoặc ratio (tử số chia mẫu số)."
        ),
    )
    breakdowns = BreakdownSerializer(many=True, help_text=_("Các chiều chi tiết của số liệu, nếu có."))
    numerator = serializers.CharField(allow_blank=True, help_text=_("Chỉ tiêu: công thức tử số trên các mã số liệu."))
    denominator = serializers.CharField(
        allow_blank=True, help_text=_("Chỉ tiêu: công thức mẫu số; rỗng khi chỉ tiêu là số đếm.")
    )
