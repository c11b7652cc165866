"""DRF permission classes: thin doors to cchc.permissions, the one module that decides."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from cchc import permissions


class CanRead(BasePermission):
    message = _("Bạn không có quyền đọc số liệu qua API.")

    def has_permission(self, request, view):
        return permissions.has(request.user, "api.read")


class CanPushDossiers(BasePermission):
    message = _("Bạn không có quyền gửi hồ sơ một cửa qua API.")

    def has_permission(self, request, view):
        return permissions.has(request.user, "api.push_dossiers")
