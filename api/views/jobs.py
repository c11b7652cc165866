"""GET /api/v1/jobs/<id>/: the state of a long dossier push (api/jobs.py), for the client that sent it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.models import Job

from ..jobs import KIND
from ..permissions import CanPushDossiers
from ..serializers.dossiers import PushJobSerializer
from ..throttling import ClientRateThrottle


class PushJobDetail(APIView):
    """A pushed batch's job: only the caller's own (a client sees its pushes, never another's)."""

    permission_classes = [CanPushDossiers]
    throttle_classes = [ClientRateThrottle]

    @extend_schema(
        summary=gettext_lazy("Trạng thái một lô hồ sơ đang xử lý"),
        responses={
            200: PushJobSerializer,
            404: OpenApiResponse(description=gettext_lazy("Không có công việc này của bạn.")),
        },
    )
    def get(self, request, pk: int):
        job_services.jobs_fail_stale()  # a dead worker's job is failed, never "running" forever
        job = get_object_or_404(Job.objects.filter(user=request.user, kind=KIND), pk=pk)
        return Response(PushJobSerializer(job_selectors.job_live(job=job)).data)
