"""API clients: the one-stop system, a dashboard… each an account created by an admin, with a token.

A client is a Django user of its own (no password, cannot sign in to the portal) plus this row: the
scope (a unit and its subtree), what it may do (read, push dossier records) and its token. The user
makes every write the client does show in the history under the client's name, through the same
services a person's writes go through. The token is stored as a SHA-256 digest only: it is shown once,
when it is issued; it expires and can be revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.models import TimeStampedModel, Unit

TOKEN_PREFIX_LENGTH = 8


class ApiClient(TimeStampedModel):
    """A system that calls the API, bound to a unit subtree and to the permissions it was given."""

    name = models.CharField(_("tên hệ thống"), max_length=150, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("phạm vi (đơn vị và các đơn vị trực thuộc)"),
        on_delete=models.PROTECT,
        related_name="api_clients",
    )
    can_read = models.BooleanField(_("được đọc số liệu"), default=True)
    can_push_dossiers = models.BooleanField(_("được gửi hồ sơ một cửa"), default=False)
    token_prefix = models.CharField(_("đầu mã khóa"), max_length=TOKEN_PREFIX_LENGTH, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("hệ thống gọi API")
        verbose_name_plural = _("hệ thống gọi API")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(can_read=True) | Q(can_push_dossiers=True),
                name="api_client_has_a_permission",
                violation_error_message=_("Hệ thống gọi API phải được đọc số liệu hoặc gửi hồ sơ (ít nhất một quyền)."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_usable(self, now=None) -> bool:
        """Not revoked, not expired, and its account active."""
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now and self.user.is_active
