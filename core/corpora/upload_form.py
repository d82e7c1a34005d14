"""The upload form: several files at once, with the licence, attribution and source
they share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Each file is judged on its own later (empty, too big, wrong type), with
        # its own message; here we only need at least one.
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, Word (.docx), HTML, Markdown, CSV or plain text; several at once."),
    )
    licence = forms.CharField(max_length=200, required=False, label=_("Licence"))
    attribution = forms.CharField(max_length=1000, required=False, label=_("Attribution"))
    source_url = forms.URLField(required=False, label=_("Source URL"), assume_scheme="https")
