from django.urls import path

from core.ask import views

urlpatterns = [path("", views.ask, name="ask")]
