"""The check form: the drawings to upload, the rule pack and the limits to apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.compliance.models import RulePack
from apps.compliance.units import CHOICES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".dxf,.ifc"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


# The units' names as the engineer reads them (units.CHOICES keeps the English for messages).
UNIT_NAMES = {
    "mm": _("millimetres"),
    "cm": _("centimetres"),
    "m": _("metres"),
    "in": _("inches"),
    "ft": _("feet"),
}


class CheckForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label=_("Project or check name"))
    files = MultipleFileField(label=_("Drawings (DXF per storey, or one IFC model)"))
    drawing_units = forms.ChoiceField(
        required=False,
        label=_("Drawing units"),
        choices=[("", _("As the file says"))] + [(key, UNIT_NAMES[key]) for key in CHOICES],
        help_text=_(
            "Only when a DXF's units header is missing or wrong (IFC models state theirs)."
        ),
    )
    pack = forms.ModelChoiceField(
        queryset=RulePack.objects.all(), empty_label=None, label=_("Rule pack")
    )
    travel_distance_m = forms.FloatField(
        required=False, min_value=1, label=_("Exit travel distance limit (m)")
    )
    dead_end_m = forms.FloatField(
        required=False, min_value=0, label=_("Dead-end corridor limit (m)")
    )
    corridor_width_m = forms.FloatField(
        required=False, min_value=0.3, label=_("Minimum corridor width (m)")
    )
    occupant_load = forms.IntegerField(
        required=False, min_value=1, label=_("Metro platform occupant load (persons, optional)")
    )

    def parameters(self) -> dict:
        keys = ("travel_distance_m", "dead_end_m", "corridor_width_m")
        params = {k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k) is not None}
        if self.cleaned_data.get("drawing_units"):
            params["drawing_units"] = self.cleaned_data["drawing_units"]
        return params
