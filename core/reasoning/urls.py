from django.urls import path

from core.reasoning import views

urlpatterns = [path("", views.ask, name="ask")]
