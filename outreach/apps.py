from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Media outlets and outreach items about administrative reform."""

    name = "outreach"
    verbose_name = _("Tuyên truyền cải cách hành chính")
