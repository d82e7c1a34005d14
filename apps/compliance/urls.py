from django.urls import path

from apps.compliance import check_page, check_reports, pack_pages, views

app_name = "compliance"
urlpatterns = [
    path("", views.home, name="home"),
    path("checks/<int:pk>/", check_page.check_detail, name="check"),
    path("checks/<int:pk>/report.<str:fmt>", check_reports.report, name="report"),
    path("packs/", pack_pages.packs, name="packs"),
    path("packs/new/", pack_pages.pack_edit, name="pack_new"),
    path("packs/<int:pk>/", pack_pages.pack_edit, name="pack"),
]
