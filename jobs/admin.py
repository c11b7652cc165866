from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "user", "state", "phase", "done", "total", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("input_name", "user__username", "error")
    readonly_fields = [field.name for field in Job._meta.fields]
