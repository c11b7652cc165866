"""URLs of organisation and civil service. Every view has a rule (tests/test_permission_matrix.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("danh-gia/", views.QualityRatingListView.as_view(), name="rating_list"),
]
