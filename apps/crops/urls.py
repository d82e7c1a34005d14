from django.urls import path

from apps.crops import views

app_name = "crops"
urlpatterns = [
    path("", views.home, name="home"),
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("series/<int:pk>/computing/", views.series_computing, name="series_computing"),
    path("series/<int:pk>/advise/", views.advise, name="advise"),
    path("upload/", views.upload, name="upload"),
    path("upload/confirm/", views.upload_confirm, name="upload_confirm"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
]
