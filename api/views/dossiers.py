"""POST /api/v1/dossiers/: a batch of dossier records, checked and saved as the file import does."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from procedures.importing import ImportFailed

from ..dossiers import BatchInvalid, dossier_push, errors_body, records_of
from ..jobs import dossier_push_enqueue
from ..parsers import BatchJSONParser
from ..permissions import CanPushDossiers
from ..serializers.dossiers import (
    DossierPushSerializer,
    PushAcceptedSerializer,
    PushErrorsSerializer,
    PushResultSerializer,
)
from ..throttling import ClientPushThrottle


class DossierPush(APIView):
    """Upsert dossier records by their code and recompute the touched ledgers; all or nothing.

    A batch above API_DOSSIER_INLINE_MAX records is queued as a job (202, with the URL to poll); a smaller
    one is pushed in the request. Both go through api.dossiers.dossier_push.
    """

    permission_classes = [CanPushDossiers]
    parser_classes = [BatchJSONParser]
    throttle_classes = [ClientPushThrottle]

    @extend_schema(
        summary=gettext_lazy("Gửi hồ sơ một cửa (theo lô)"),
        request=DossierPushSerializer,
        responses={
            200: PushResultSerializer,
            202: OpenApiResponse(
                PushAcceptedSerializer,
                description=gettext_lazy("Lô lớn: đã nhận, đang xử lý nền; hỏi kết quả ở địa chỉ url."),
            ),
            400: OpenApiResponse(PushErrorsSerializer, description=gettext_lazy("Lô có lỗi: không lưu hồ sơ nào.")),
            413: OpenApiResponse(description=gettext_lazy("Lô quá số hồ sơ cho phép.")),
        },
    )
    def post(self, request):
        try:
            records = records_of(request.data, limit=settings.API_DOSSIER_BATCH_MAX)
        except BatchInvalid as exc:
            return Response({"detail": exc.message, "error_count": 1, "errors": []}, status=exc.status)
        if len(records) > settings.API_DOSSIER_INLINE_MAX:
            return self.queued(request, records)
        try:
            result = dossier_push(records=records, user=request.user)
        except ImportFailed as failed:
            return Response(errors_body(failed), status=status.HTTP_400_BAD_REQUEST)
        return Response(PushResultSerializer(result).data)

    def queued(self, request, records: list[dict]) -> Response:
        job = dossier_push_enqueue(records=records, user=request.user)
        job.refresh_from_db(fields=["state"])  # an immediate backend (tests) has run it already
        url = reverse("api:job", args=[job.pk])
        body = {"job": job.pk, "state": job.state, "records": len(records), "url": url}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})
