"""Published scorecards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .scorecard import ScorecardSerializer


class PublicationSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Số định danh của lần công bố."))
    scope = serializers.CharField(source="scope_unit.code", help_text=_("Mã đơn vị phạm vi."))
    scope_name = serializers.CharField(help_text=_("Tên phạm vi khi công bố."))
    period = serializers.CharField(source="span_code", help_text=_("Kỳ: 2020-Q1, 2020-H1, 2020-9M hoặc 2020."))
    period_label = serializers.CharField(source="span_label", help_text=_("Tên kỳ."))
    revision = serializers.IntegerField(help_text=_("Lần công bố (1, 2…)."))
    reason = serializers.CharField(allow_blank=True, help_text=_("Lý do công bố lại."))
    published_by = serializers.CharField(source="published_by_name", help_text=_("Người công bố."))
    published_at = serializers.DateTimeField(help_text=_("Công bố lúc (ISO 8601)."))
    checksum = serializers.CharField(help_text=_("Mã kiểm tra SHA-256 của số liệu đã công bố."))


class PublicationDetailSerializer(PublicationSerializer):
    scorecard = ScorecardSerializer(help_text=_("Bảng điểm đúng như khi công bố."))
