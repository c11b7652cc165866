from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CchcConfig(AppConfig):
    """The core app: units, periods, reports, memberships, and the shared layer other apps reuse."""

    name = "cchc"
    verbose_name = _("CCHC: danh mục dùng chung")

    def ready(self):
        from . import sections

        sections.autodiscover()
