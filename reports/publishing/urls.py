"""URLs of published scorecards and corrective actions, included under /tong-hop/ by reports/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("cong-bo/", views.PublicationListView.as_view(), name="publication_list"),
    path("cong-bo/moi/", views.PublicationCreateView.as_view(), name="publication_create"),
    path("cong-bo/<int:pk>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("cong-bo/<int:pk>/tai-xuong/", views.PublicationFileView.as_view(), name="publication_file"),
    path("cong-bo/<int:pk>/so-sanh/", views.PublicationCompareView.as_view(), name="publication_compare"),
    path("cong-bo/<int:pk>/ban-sua-doi/", views.PublicationRevisedView.as_view(), name="publication_revised"),
    path("khac-phuc/", views.ActionListView.as_view(), name="action_list"),
    path("khac-phuc/them/", views.ActionCreateView.as_view(), name="action_create"),
    path("khac-phuc/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
]
