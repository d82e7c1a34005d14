from django.urls import path

from apps.courseware import views

app_name = "courseware"
urlpatterns = [path("", views.home, name="home")]
