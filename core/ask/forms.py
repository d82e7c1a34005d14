from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    corpora = forms.MultipleChoiceField(
        label=_("Search in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to search every collection you can read."),
    )
    language = forms.ChoiceField(label=_("Answer in"), choices=settings.LANGUAGES)

    def __init__(self, *args, corpus_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corpora"].choices = list(corpus_choices)
        limit = settings.ASK_MAX_QUESTION_CHARS
        self.fields["question"].widget.attrs["maxlength"] = str(limit)

    def clean_question(self):
        question = self.cleaned_data["question"]
        limit = settings.ASK_MAX_QUESTION_CHARS
        if len(question) > limit:
            raise forms.ValidationError(
                _("Please keep the question under %(limit)s characters (it has %(count)s).")
                % {"limit": f"{limit:,}", "count": f"{len(question):,}"}
            )
        if len(question) < 3:
            raise forms.ValidationError(_("Please write a question of a few words."))
        return question
