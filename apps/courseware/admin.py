from django.contrib import admin

from apps.courseware.models import Lesson, StandardCode, TeacherSchool

admin.site.register(
    StandardCode, list_display=("code", "corpus_slug", "description"), list_filter=("corpus_slug",)
)
admin.site.register(TeacherSchool, list_display=("user", "school"))
admin.site.register(
    Lesson,
    list_display=("title", "owner", "status", "share", "updated_at"),
    list_filter=("status",),
)
