"""The rule pack editor's forms: the pack itself, and its rules as an inline formset."""

from django import forms

from apps.compliance.models import Rule, RulePack


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
