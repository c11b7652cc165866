"""Token authentication of API clients: `Authorization: Bearer cchc_<prefix>.<secret>`.

A valid token gives the client's own user with the client attached (cchc.permissions.api_client reads
it), so every permission check and every history record goes through the same paths as a person's.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiClient
from .services import token_matches, token_prefix_of

KEYWORDS = ("bearer", "token")
# last_used_at is written at most this often per client, so a dashboard polling every second costs no write.
LAST_USED_EVERY = dt.timedelta(minutes=5)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Reads `Authorization: Bearer <token>` (or `Token <token>`); no header leaves the request to sessions."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải là «Bearer <mã khóa>»."))
        token = header[1]
        prefix = token_prefix_of(token)
        client = None
        if prefix is not None:
            client = ApiClient.objects.select_related("user", "unit").filter(token_prefix=prefix).first()
        if client is None or not token_matches(client, token):
            raise exceptions.AuthenticationFailed(_("Mã khóa API không đúng."))
        now = timezone.now()
        if client.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Mã khóa API đã bị thu hồi."))
        if client.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("Mã khóa API đã hết hạn."))
        if not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản của hệ thống gọi API đã bị khóa."))
        if client.last_used_at is None or now - client.last_used_at > LAST_USED_EVERY:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        user = client.user
        user._cchc_api_client = client
        return user, client

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
