from django.urls import path

from . import views

urlpatterns = [
    path("", views.JobListView.as_view(), name="job_list"),
    path("<int:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("<int:pk>/huy/", views.JobCancelView.as_view(), name="job_cancel"),
    path("<int:pk>/chay-lai/", views.JobRetryView.as_view(), name="job_retry"),
    path("<int:pk>/tai-ve/", views.JobDownloadView.as_view(), name="job_download"),
]
