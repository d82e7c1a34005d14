from django.urls import path

from apps.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.home, name="home"),
    path("checks/<int:pk>/", views.check_detail, name="check"),
    path("checks/<int:pk>/report.<str:fmt>", views.report, name="report"),
    path("packs/", views.packs, name="packs"),
    path("packs/new/", views.pack_edit, name="pack_new"),
    path("packs/<int:pk>/", views.pack_edit, name="pack"),
]
