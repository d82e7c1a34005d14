from django import forms

from apps.compliance.models import Rule, RulePack
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


class CheckForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label="Project or check name")
    files = MultipleFileField(label="Drawings (DXF per storey, or one IFC model)")
    drawing_units = forms.ChoiceField(
        required=False,
        label="Drawing units",
        choices=[("", "As the file says")] + [(key, name) for key, (_, name) in CHOICES.items()],
        help_text="Only when a DXF's units header is missing or wrong (IFC models state theirs).",
    )
    pack = forms.ModelChoiceField(
        queryset=RulePack.objects.all(), empty_label=None, label="Rule pack"
    )
    travel_distance_m = forms.FloatField(
        required=False, min_value=1, label="Exit travel distance limit (m)"
    )
    dead_end_m = forms.FloatField(required=False, min_value=0, label="Dead-end corridor limit (m)")
    corridor_width_m = forms.FloatField(
        required=False, min_value=0.3, label="Minimum corridor width (m)"
    )
    occupant_load = forms.IntegerField(
        required=False, min_value=1, label="Metro platform occupant load (persons, optional)"
    )

    def parameters(self) -> dict:
        keys = ("travel_distance_m", "dead_end_m", "corridor_width_m")
        params = {k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k) is not None}
        if self.cleaned_data.get("drawing_units"):
            params["drawing_units"] = self.cleaned_data["drawing_units"]
        return params


class RulePackForm(forms.ModelForm):
    class Meta:
        model = RulePack
        fields = ["name", "slug", "description", "parameters"]


RuleFormSet = forms.inlineformset_factory(
    RulePack,
    Rule,
    fields=[
        "code",
        "measurement",
        "comparator",
        "threshold",
        "threshold_max",
        "units",
        "parameter",
        "name_pattern",
        "jurisdiction",
        "code_name",
        "clause_id",
        "clause_title",
        "review_margin",
        "enabled",
    ],
    extra=1,
    can_delete=True,
)
