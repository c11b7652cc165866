"""URLs of iso. Every view has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.IsoAdoptionListView.as_view(), name="iso_adoption_list"),
]
