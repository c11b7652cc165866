"""API clients in Django admin: create (the token is shown once), renew the token, revoke."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ApiClient
from .services import api_client_create, api_client_renew_token, api_client_revoke, default_expiry


class ApiClientForm(forms.ModelForm):
    class Meta:
        model = ApiClient
        fields = ["name", "unit", "can_read", "can_push_dossiers", "expires_at", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["expires_at"].initial = default_expiry()


def _show_token(request, client: ApiClient, token: str) -> None:
    messages.warning(
        request,
        format_html(
            "{} <code>{}</code>",
            _("Mã khóa API của «%(name)s» (chỉ hiện một lần, hãy chép ngay):") % {"name": client.name},
            token,
        ),
    )


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "unit", "can_read", "can_push_dossiers", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["can_read", "can_push_dossiers"]
    search_fields = ["name", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["token_prefix", "revoked_at", "last_used_at", "created_by", "user"]
    actions = ["renew_tokens", "revoke_tokens"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        client, token = api_client_create(
            name=data["name"],
            unit=data["unit"],
            can_read=data["can_read"],
            can_push_dossiers=data["can_push_dossiers"],
            expires_at=data["expires_at"],
            created_by=request.user,
            note=data.get("note", ""),
        )
        obj.pk = client.pk
        obj.__dict__.update(client.__dict__)
        _show_token(request, client, token)

    @admin.action(description=gettext_lazy("Cấp mã khóa mới (mã cũ hết hiệu lực ngay)"))
    def renew_tokens(self, request, queryset):
        for client in queryset:
            _show_token(request, client, api_client_renew_token(client=client))

    @admin.action(description=gettext_lazy("Thu hồi mã khóa"))
    def revoke_tokens(self, request, queryset):
        for client in queryset:
            api_client_revoke(client=client)
        self.message_user(request, _("Đã thu hồi %(n)s mã khóa.") % {"n": queryset.count()})
