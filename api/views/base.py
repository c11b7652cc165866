"""What every read view shares: the permission (cchc.permissions via api.permissions), conditional GET."""

from __future__ import annotations

from rest_framework.generics import GenericAPIView, ListAPIView

from ..caching import ConditionalGetMixin
from ..permissions import CanRead
from ..throttling import ClientRateThrottle


class ReadView(ConditionalGetMixin, GenericAPIView):
    permission_classes = [CanRead]
    throttle_classes = [ClientRateThrottle]


class ListView(ConditionalGetMixin, ListAPIView):
    """A paginated list; get_queryset orders by a unique key so pages are stable."""

    permission_classes = [CanRead]
    throttle_classes = [ClientRateThrottle]
