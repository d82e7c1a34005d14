from django.contrib import admin
from django.urls import include, path

from core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("core.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("corpora/", include("core.corpora.urls")),
    path("runs/", include("core.runs.urls")),
    path("ask/", include("core.ask.urls")),
    path("crops/", include("apps.crops.urls")),
    path("compliance/", include("apps.compliance.urls")),
    path("courseware/", include("apps.courseware.urls")),
]
