from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    """Staffing quotas, annual quality ratings, leadership ratings, downsizing and restructuring."""

    name = "personnel"
    verbose_name = _("Tổ chức bộ máy và công vụ")
