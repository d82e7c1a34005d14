from django.urls import path

from apps.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.home, name="home"),
    path("checks/<int:pk>/", views.check_detail, name="check"),
    path("checks/<int:pk>/report.<str:fmt>", views.report, name="report"),
]
