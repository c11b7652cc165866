from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    """Administrative procedures (TTHC), decisions, the one-stop dossier ledger and dossier records."""

    name = "procedures"
    verbose_name = _("Thủ tục hành chính và một cửa")
