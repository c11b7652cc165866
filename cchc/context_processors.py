"""What the navigation bar needs to know about the user, asked of the permission module."""

from . import permissions


def navigation(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "nav": {
            "enter_reports": permissions.has(user, "reports.enter"),
            "submissions": permissions.has(user, "submissions.view"),
            "admin": user.is_active and user.is_staff,
        }
    }
