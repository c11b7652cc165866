from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CchcConfig(AppConfig):
    """The core app: units, periods, reports, memberships, and the shared layer other apps reuse."""

    name = "cchc"
    verbose_name = _("CCHC: danh mục dùng chung")

    def import_models(self):
        super().import_models()
        # Models kept outside cchc/models.py, registered with this app as it loads its models.
        from . import nil_sections  # noqa: F401

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import lockdb, sections, security  # noqa: F401 - security connects the idle timeout's login signal

        sections.autodiscover()
        connection_created.connect(lockdb.register_sqlite_function, dispatch_uid="cchc_lock_sqlite_function")
        post_migrate.connect(lockdb.install_after_migrate, sender=self, dispatch_uid="cchc_lock_triggers")
        self._monthly_settings_connect()

    def _monthly_settings_connect(self) -> None:
        """The monthly-section settings are cached (cchc/figures_months.py): a write to one forgets them."""
        from django.db.models.signals import post_delete, post_save

        from .figures_months import monthly_settings_forget

        setting = self.get_model("MonthlySection")
        post_save.connect(monthly_settings_forget, sender=setting, dispatch_uid="cchc_monthly_settings_save")
        post_delete.connect(monthly_settings_forget, sender=setting, dispatch_uid="cchc_monthly_settings_delete")
