"""The farmer's form: what they hold and what storing costs, for the sell-or-hold advice.
The import forms are in ``upload_form`` and ``mapping_form``."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
