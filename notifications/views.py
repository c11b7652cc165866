"""The bell's page: a user's notifications, opening one (marks it read), and the e-mail switch."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from cchc.views import PermissionMixin

from . import services
from .models import Notification, NotificationSetting


class NotificationListView(PermissionMixin, ListView):
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)

    def get_context_data(self, **kwargs):
        setting = NotificationSetting.objects.filter(user=self.request.user).first()
        return super().get_context_data(
            title=_("Thông báo"), email_enabled=setting is None or setting.email_enabled, **kwargs
        )


class NotificationOpenView(PermissionMixin, View):
    """Mark the notification read and go where it points (the user's own notifications only)."""

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, user=request.user)
        services.notification_read(notification=notification)
        link = notification.link
        if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
            return redirect(link)
        return redirect("notification_list")


class NotificationReadAllView(PermissionMixin, View):
    def post(self, request):
        services.notifications_read_all(user=request.user)
        return redirect("notification_list")


class NotificationSettingView(PermissionMixin, View):
    def post(self, request):
        enabled = request.POST.get("email_enabled") == "1"
        services.email_setting_save(user=request.user, enabled=enabled)
        messages.success(request, _("Đã bật nhận thư thông báo.") if enabled else _("Đã tắt nhận thư thông báo."))
        return redirect("notification_list")
