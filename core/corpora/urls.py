from django.urls import path

from core.corpora import views

app_name = "corpora"
urlpatterns = [
    path("", views.corpus_list, name="list"),
    path("new/", views.corpus_create, name="create"),
    path("c/<slug:slug>/", views.corpus_detail, name="detail"),
    path("c/<slug:slug>/documents/", views.corpus_documents, name="documents"),
    path("c/<slug:slug>/upload/", views.corpus_upload, name="upload"),
    path("c/<slug:slug>/reindex/", views.corpus_reindex, name="reindex"),
    path("c/<slug:slug>/delete/", views.corpus_delete, name="delete"),
    path("c/<slug:slug>/query/", views.corpus_query, name="query"),
    path("documents/<int:pk>/retry/", views.document_retry, name="document_retry"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
