from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsoConfig(AppConfig):
    """ISO 9001 quality management adoption per unit."""

    name = "iso"
    verbose_name = _("Áp dụng ISO 9001")
