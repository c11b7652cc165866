"""Writes of the API app: issue, renew and revoke API clients' tokens.

A token is `cchc_<prefix>.<secret>`: the prefix finds the client (an index), the SHA-256 digest of the
whole token is what is stored and compared. The token itself exists only in the return value of
`api_client_create` / `api_client_renew_token`: the admin page shows it once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import string

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cchc.models import Unit
from cchc.text import nfc

from .models import TOKEN_PREFIX_LENGTH, ApiClient

TOKEN_START = "cchc_"
_ALPHABET = string.ascii_lowercase + string.digits


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(client: ApiClient, token: str) -> bool:
    return hmac.compare_digest(client.token_hash, token_digest(token))


def token_prefix_of(token: str) -> str | None:
    """The prefix of a well-formed token, or None."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, dot, secret = token[len(TOKEN_START) :].partition(".")
    if not dot or len(prefix) != TOKEN_PREFIX_LENGTH or not secret:
        return None
    return prefix


def _new_token() -> tuple[str, str]:
    while True:
        prefix = "".join(secrets.choice(_ALPHABET) for _ in range(TOKEN_PREFIX_LENGTH))
        if not ApiClient.objects.filter(token_prefix=prefix).exists():
            return prefix, f"{TOKEN_START}{prefix}.{secrets.token_urlsafe(32)}"


def default_expiry(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(days=settings.API_TOKEN_DAYS)


def _username(name: str) -> str:
    base = "api." + (slugify(name) or "client")[:100]
    username, n = base, 1
    users = get_user_model().objects
    while users.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def api_client_create(
    *,
    name: str,
    unit: Unit,
    can_read: bool = True,
    can_push_dossiers: bool = False,
    expires_at: dt.datetime | None = None,
    created_by=None,
    note: str = "",
) -> tuple[ApiClient, str]:
    """A new client, its account (named after it, without a password) and its token: (client, token)."""
    name = nfc(name)
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError({"name": _("Đã có hệ thống gọi API tên «%(name)s».") % {"name": name}})
    user = get_user_model().objects.create_user(username=_username(name), first_name=name[:150])
    user.set_unusable_password()
    user.save(update_fields=["password"])
    prefix, token = _new_token()
    client = ApiClient(
        name=name,
        user=user,
        unit=unit,
        can_read=can_read,
        can_push_dossiers=can_push_dossiers,
        token_prefix=prefix,
        token_hash=token_digest(token),
        expires_at=expires_at or default_expiry(),
        created_by=created_by,
        note=note,
    )
    client.full_clean(exclude=["user"])
    client.save()
    return client, token


@transaction.atomic
def api_client_renew_token(*, client: ApiClient, expires_at: dt.datetime | None = None) -> str:
    """A fresh token for the client (the old one stops working at once); the revocation, if any, is lifted."""
    prefix, token = _new_token()
    client.token_prefix, client.token_hash = prefix, token_digest(token)
    client.expires_at = expires_at or default_expiry()
    client.revoked_at = None
    client.save(update_fields=["token_prefix", "token_hash", "expires_at", "revoked_at", "updated_at"])
    return token


def api_client_revoke(*, client: ApiClient, at: dt.datetime | None = None) -> ApiClient:
    """The client's token stops working at once; the client and its history stay."""
    if client.revoked_at is None:
        client.revoked_at = at or timezone.now()
        client.save(update_fields=["revoked_at", "updated_at"])
    return client
