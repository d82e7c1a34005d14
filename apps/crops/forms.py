from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.crops.layouts import ROLES

ROLE_LABELS = {
    "date": _("Date"),
    "price": _("Price (modal)"),
    "min_price": _("Minimum price"),
    "max_price": _("Maximum price"),
    "arrival": _("Arrivals (quantity)"),
    "market": _("Market"),
    "commodity": _("Commodity"),
    "variety": _("Variety or price type"),
    "unit": _("Unit"),
    "currency": _("Currency"),
    "region": _("Region / state"),
}


# The farmer's form says its errors in our own words, translated with the rest
# of the page (Django's own catalogue is patchy in Hindi and Bengali).
NUMBER_ERRORS = {
    "required": _("Please fill this in."),
    "invalid": _("Write a number, for example 10 or 2.5."),
    "min_value": _("Write a number of at least %(limit_value)s."),
}


class AdvisoryForm(forms.Form):
    quantity = forms.FloatField(
        label=_("How much you hold"), min_value=0.01, initial=10, error_messages=NUMBER_ERRORS
    )
    storage_cost_per_week = forms.FloatField(
        label=_("Storage cost per unit per week"),
        min_value=0,
        initial=0,
        help_text=_("In the same money and unit as the prices above."),
        error_messages=NUMBER_ERRORS,
    )
    min_price = forms.FloatField(
        label=_("Lowest price you can accept (optional)"),
        min_value=0,
        required=False,
        error_messages=NUMBER_ERRORS,
    )


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


class MappingForm(forms.Form):
    """One select per role, listing the file's columns; the detected ones preselected."""

    date_order = forms.ChoiceField(
        label=_("Date order"),
        choices=[
            ("dmy", _("day/month/year")),
            ("mdy", _("month/day/year")),
            ("ymd", _("year-month-day")),
        ],
    )

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in this file —"))] + [(c, c) for c in header]
        for role in ROLES:
            self.fields[f"col_{role}"] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=choices, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {
            r: self.cleaned_data[f"col_{r}"] for r in ROLES if self.cleaned_data.get(f"col_{r}")
        }
