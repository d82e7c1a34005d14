from django.urls import path

from core.corpora import views

app_name = "corpora"
urlpatterns = [path("", views.corpus_list, name="list")]
