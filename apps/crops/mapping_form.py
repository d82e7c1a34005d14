"""Confirming an upload's columns: which of the file's columns holds each role."""

from django import forms
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
