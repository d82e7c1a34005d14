from django.urls import path

from apps.compliance import views

app_name = "compliance"
urlpatterns = [path("", views.home, name="home")]
