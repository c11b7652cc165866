"""URLs of the narrative report, included once under /tong-hop/ by reports.urls; cchc.permissions decides."""

from django.urls import path

from . import views as narrative_views

urlpatterns = [
    path("bao-cao/", narrative_views.NarrativeReportView.as_view(), name="narrative_report"),
    path("bao-cao/tai-xuong/", narrative_views.NarrativeDownloadView.as_view(), name="narrative_download"),
    path("bao-cao/sua/", narrative_views.NarrativeEditView.as_view(), name="narrative_edit"),
    path("bao-cao/xuat-nen/", narrative_views.NarrativeJobView.as_view(), name="narrative_job"),
]
