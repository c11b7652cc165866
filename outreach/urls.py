"""URLs of outreach. Every view has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.OutreachItemListView.as_view(), name="outreach_item_list"),
    path("co-quan/", views.MediaOutletListView.as_view(), name="outlet_list"),
]
