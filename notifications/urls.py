from django.urls import path

from . import views

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("<int:pk>/mo/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("da-doc-het/", views.NotificationReadAllView.as_view(), name="notification_read_all"),
    path("cai-dat/", views.NotificationSettingView.as_view(), name="notification_setting"),
]
