"""The bell in the navigation bar: the number of unread notifications (one count query per page)."""

from .models import Notification


def bell(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
