from django.urls import path

from apps.crops import views

app_name = "crops"
urlpatterns = [path("", views.home, name="home")]
