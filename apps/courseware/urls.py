from django.urls import path

from apps.courseware import views

app_name = "courseware"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("standards/", views.standards, name="standards"),
    path("<int:pk>/", views.lesson, name="lesson"),
    path("<int:pk>/body", views.lesson_body, name="body"),
    path("<int:pk>/edit/<slug:section>/", views.edit, name="edit"),
    path("<int:pk>/regenerate", views.regenerate, name="regenerate"),
    path("<int:pk>/uncited", views.uncited, name="uncited"),
    path("<int:pk>/share", views.share, name="share"),
    path("<int:pk>/duplicate", views.duplicate, name="duplicate"),
    path("<int:pk>/download/<slug:fmt>", views.download, name="download"),
]
