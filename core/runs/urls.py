from django.urls import path

from core.runs import views

app_name = "runs"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/live", views.live_fragment, name="fragment"),
    path("<uuid:pk>/events", views.events, name="events"),
    path("<uuid:pk>/cancel", views.cancel, name="cancel"),
]
