from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The machine API (/api/v1/): API clients with tokens, read endpoints and the dossier push."""

    name = "api"
    verbose_name = _("API cho hệ thống khác")

    def ready(self):
        from . import schema  # noqa: F401 - registers the token scheme with drf-spectacular
