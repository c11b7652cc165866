from django.contrib import admin

from .models import Notification, NotificationSetting, ReminderPolicy


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "days_before", "digest_weekday")

    def has_add_permission(self, request):  # one row, created on first use
        return not ReminderPolicy.objects.exists()


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    list_display = ("user", "email_enabled")
    search_fields = ("user__username",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "user", "kind", "created_at", "read_at", "email_status")
    list_filter = ("kind", "email_status")
    search_fields = ("subject", "user__username", "event_key")
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):  # the reminders write them; a hand-made one would have no event
        return False
