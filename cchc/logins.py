"""Brute-force protection of the logins (django-axes; settings AXES_*, docs/security.md).

Five wrong passwords (AXES_FAILURE_LIMIT) for one username from one address lock that pair out for 15
minutes (AXES_COOLOFF_MINUTES), on the portal's login and on /quan-tri/ alike; every failure and lockout
is logged by axes (logger "axes", with request id, user and unit) and kept in its tables (admin: Axes).
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginAttemptsBackend(AxesStandaloneBackend):
    """django-axes's lockout check, for logins over HTTP (the portal's and the admin's forms).

    authenticate() without a request (a management command, the test client's login()) has no address
    to count against and is not reachable from outside; axes would refuse it, we let ModelBackend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (HTTP 429), in Vietnamese, saying for how long."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)
