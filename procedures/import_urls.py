"""URLs of the dossier-record import (kept apart from the lists so the two can grow independently)."""

from django.urls import path

from .import_template import DossierTemplateView
from .import_views import DossierImportView

urlpatterns: list = [
    path("nhap-ho-so/", DossierImportView.as_view(), name="dossier_import"),
    path("nhap-ho-so/tep-mau/", DossierTemplateView.as_view(), name="dossier_import_template"),
]
