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
