"""URLs of the dossier-record import (kept apart from the lists so the two can grow independently)."""

from django.urls import path

from .import_views import DossierImportView

urlpatterns: list = [
    path("nhap-ho-so/", DossierImportView.as_view(), name="dossier_import"),
]
