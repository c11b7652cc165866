"""HTTP hardening the portal adds to Django's own (docs/security.md).

- `RequestContextMiddleware` gives each request an id (the proxy's `X-Request-ID`, or a new one), returns
  it in the response, and lets every log line name the request, the user and the user's units
  (`RequestContextFilter`, attached to the console handler in settings.LOGGING).
- `SecurityHeadersMiddleware`: `Cache-Control: no-store` on every page served to a signed-in user and on
  every download (a shared computer or proxy keeps no copy of a report), and a `Permissions-Policy`.
- `SessionIdleMiddleware`: a session ends after `SESSION_IDLE_SECONDS` without a request. The expiry is
  pushed forward at most every `SESSION_REFRESH_SECONDS`, so a busy user costs no session write per page.
- `client_ip`: the address django-axes counts failed logins against (cchc/logins.py).
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

_current_request: contextvars.ContextVar = contextvars.ContextVar("cchc_request", default=None)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
LAST_SEEN_KEY = "_cchc_last_seen"


def now() -> float:
    """The clock of the idle timeout (a function, so that tests can move it)."""
    return time.time()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response.headers.setdefault("X-Request-ID", request.request_id)
        return response


def _units_of(user) -> str:
    from .models import Membership

    try:
        codes = sorted(set(Membership.objects.filter(user=user).values_list("unit__code", flat=True)))
    except Exception:  # noqa: BLE001 - a log line must never fail (e.g. inside a broken transaction)
        return "?"
    return ",".join(codes) or "-"


class RequestContextFilter(logging.Filter):
    """Adds request_id, user and unit to every record (``-`` outside a request or when signed out)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django's 4xx lines are logged after the middleware returned; they carry the request themselves.
        request = getattr(record, "request", None)
        if not hasattr(request, "META"):  # runserver's lines carry a socket as "request"
            request = _current_request.get()
        record.request_id = getattr(request, "request_id", "-")
        record.user, record.unit = "-", "-"
        if request is None:
            return True
        try:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
        except Exception:  # noqa: BLE001 - a log line must never fail (a broken transaction, no session)
            record.user = "?"
            return True
        if signed_in and user is not None:
            record.user = user.get_username()
            if not hasattr(request, "_log_units"):
                request._log_units = _units_of(user)
            record.unit = request._log_units
        return True


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        download = "attachment" in response.headers.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # A view that chose its own caching (an API with ETags: "private, no-cache") keeps it.
        if (signed_in or download) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store, private"
        return response


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(LAST_SEEN_KEY) is not None:
            moment = now()
            if moment - session[LAST_SEEN_KEY] >= settings.SESSION_REFRESH_SECONDS:
                # Saving the session pushes its expiry (SESSION_COOKIE_AGE = the idle period) forward.
                session[LAST_SEEN_KEY] = moment
        return self.get_response(request)


@receiver(user_logged_in)
def _mark_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = now()


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind the documented nginx (TRUSTED_PROXY_COUNT=1) the address
    nginx appended last to X-Forwarded-For. Never the first entry, which any client can forge."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


class UploadLimitMiddleware:
    """Refuse a request body larger than UPLOAD_MAX_BYTES from its Content-Length, before any of it is read
    (by CSRF, the form or the upload handlers): a 1 GB upload used to be accepted and parsed. HTTP 413."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_BYTES:
            from django.shortcuts import render

            return render(request, "413.html", {"limit_mb": upload_limit_mb()}, status=413)
        return self.get_response(request)


def upload_limit_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)
