"""The price file upload: the CSV, and the columns it may lack, said once for every row."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Price file (CSV)"))
    commodity = forms.CharField(
        required=False, max_length=200, help_text=_("If the file has no commodity column")
    )
    market = forms.CharField(
        required=False, max_length=200, help_text=_("If the file has no market column")
    )
    variety = forms.CharField(required=False, max_length=200)
    unit = forms.CharField(required=False, max_length=50, help_text=_("e.g. quintal, kg"))
    currency = forms.CharField(required=False, max_length=10, help_text=_("e.g. INR, BDT"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "This file is %(mb)d MB; the limit in the browser is %(max)d MB. Import it on "
                    "the server with: python manage.py crops_import FILE"
                )
                % {"mb": f.size // 2**20, "max": settings.MAX_UPLOAD_BYTES // 2**20}
            )
        return f
