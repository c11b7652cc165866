"""POST /api/v1/dossiers/: a batch of dossier records, checked and saved as the file import does."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from procedures.importing import ImportFailed

from ..dossiers import BatchInvalid, dossier_push, errors_of, records_of
from ..parsers import BatchJSONParser
from ..permissions import CanPushDossiers
from ..serializers.dossiers import DossierPushSerializer, PushErrorsSerializer, PushResultSerializer
from ..throttling import ClientPushThrottle


class DossierPush(APIView):
    """Upsert dossier records by their code and recompute the touched ledgers; all or nothing."""

    permission_classes = [CanPushDossiers]
    parser_classes = [BatchJSONParser]
    throttle_classes = [ClientPushThrottle]

    @extend_schema(
        summary=gettext_lazy("Gửi hồ sơ một cửa (theo lô)"),
        request=DossierPushSerializer,
        responses={
            200: PushResultSerializer,
            400: OpenApiResponse(PushErrorsSerializer, description=gettext_lazy("Lô có lỗi: không lưu hồ sơ nào.")),
            413: OpenApiResponse(description=gettext_lazy("Lô quá số hồ sơ cho phép.")),
        },
    )
    def post(self, request):
        try:
            records = records_of(request.data, limit=settings.API_DOSSIER_BATCH_MAX)
        except BatchInvalid as exc:
            return Response({"detail": exc.message, "error_count": 1, "errors": []}, status=exc.status)
        try:
            result = dossier_push(records=records, user=request.user)
        except ImportFailed as failed:
            preview = failed.preview
            body = {
                "detail": _("Lô có %(n)s lỗi: không lưu hồ sơ nào.") % {"n": preview.error_count},
                "error_count": preview.error_count,
                "errors": [asdict(error) for error in errors_of(failed)],
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(PushResultSerializer(result).data)
