"""Published scorecards (reports.publishing): read-only, as published, never recomputed."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from cchc import permissions
from reports.publishing.models import Publication
from reports.publishing.selectors import publications_visible, published_scorecard

from .. import selectors
from ..serializers.publications import PublicationDetailSerializer, PublicationSerializer
from .base import ListView, ReadView
from .reports import SCOPE, SPAN


class PublicationList(ListView):
    """Publications of scorecards the caller may see, newest first; filtered by period and scope."""

    serializer_class = PublicationSerializer

    def get_queryset(self):
        params, user = self.request.query_params, self.request.user
        queryset = publications_visible(user)
        if params.get("period"):
            queryset = queryset.filter(span_code=selectors.span_param(params=params).code)
        scope = selectors.unit_param(user=user, code=params.get("scope", ""), name="scope")
        if scope is not None:
            queryset = queryset.filter(scope_unit=scope)
        return queryset.order_by("-published_at", "-revision", "-pk")

    @extend_schema(summary=_("Các bảng điểm đã công bố"), parameters=[SPAN, SCOPE])
    def get(self, request):
        return self.list(request)


class PublicationDetail(ReadView):
    """One publication: the scorecard exactly as published, with its checksum."""

    serializer_class = PublicationDetailSerializer

    @extend_schema(summary=_("Một bảng điểm đã công bố"))
    def get(self, request, pk):
        publication = get_object_or_404(Publication.objects.select_related("scope_unit"), pk=pk)
        permissions.require(request.user, "publication.view", publication)
        card = published_scorecard(publication)
        card.scope = publication.scope_unit.code
        publication.scorecard = card
        return Response(self.get_serializer(publication).data)
