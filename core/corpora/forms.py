"""The corpus settings form and the query tryout form (uploads: ``upload_form``)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from core.accounts.roles import role_label
from core.corpora.models import Corpus


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return role_label(obj.name)


class CorpusForm(forms.ModelForm):
    readers = GroupChoiceField(
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Who may read it"),
        help_text=_("Roles or groups. Corpus admins read every corpus."),
    )
    slug = forms.SlugField(
        required=False,
        label=_("Short name"),
        help_text=_("Short name used in links; made from the name if empty."),
    )

    class Meta:
        model = Corpus
        fields = ["name", "slug", "description", "language", "readers"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Name"), "description": _("Description"), "language": _("Language")}

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and Corpus.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another corpus already uses this short name."))
        return slug


class QueryForm(forms.Form):
    q = forms.CharField(max_length=500, label=_("Try a query"))
