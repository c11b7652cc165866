"""Throttling per API client (and per signed-in person using the API with a session)."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from cchc import permissions


class ClientRateThrottle(SimpleRateThrottle):
    """`API_THROTTLE_READ` requests per client for reads; anonymous requests are refused before this."""

    scope = "api_read"

    def get_cache_key(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return None
        client = permissions.api_client(user)
        ident = f"client-{client.pk}" if client is not None else f"user-{user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ClientPushThrottle(ClientRateThrottle):
    """Pushes are heavier than reads: their own, smaller budget (`API_THROTTLE_PUSH`)."""

    scope = "api_push"
