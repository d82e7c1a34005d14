"""The lesson request form, and the standards list form for corpus admins."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from apps.courseware.languages import OFFERED, writable_languages
from apps.courseware.lesson import PARTS
from apps.courseware.services import validate_standards
from core.reasoning import active_model_name

TOPIC_MAX = 300
PART_LABELS = {
    "plan": _("Lesson plan"),
    "slides": _("Slides"),
    "worksheet": _("Worksheet"),
    "quiz": _("Quiz with answer key"),
}


def offered_choices() -> list[tuple[str, str]]:
    """The offered lesson languages, named in the teacher's language."""
    return [(code, str(get_language_info(code)["name_translated"])) for code in OFFERED]


class LessonRequestForm(forms.Form):
    subject = forms.CharField(max_length=120, required=False, label=_("Subject"))
    grade = forms.IntegerField(min_value=1, max_value=12, initial=8, label=_("Grade"))
    # No max_length here: a 50 KB topic gets a sentence, not a silently truncated field.
    topic = forms.CharField(
        strip=True,
        label=_("Topic"),
        widget=forms.TextInput(attrs={"maxlength": TOPIC_MAX}),
        error_messages={"required": _("Please name the topic of the lesson.")},
    )
    minutes = forms.IntegerField(
        min_value=10, max_value=180, initial=40, label=_("Lesson length (minutes)")
    )
    language = forms.ChoiceField(choices=offered_choices, initial="en", label=_("Output language"))
    corpus = forms.ChoiceField(label=_("Curriculum corpus"))
    parts = forms.MultipleChoiceField(
        choices=[(p, PART_LABELS[p]) for p in PARTS],
        initial=list(PARTS),
        widget=forms.CheckboxSelectMultiple,
        label=_("What to produce"),
        error_messages={"required": _("Choose at least one thing to produce.")},
    )
    quiz_count = forms.IntegerField(min_value=1, max_value=20, initial=5, label=_("Quiz questions"))
    differentiation = forms.ChoiceField(
        choices=[
            ("", _("No differentiation")),
            ("below", _("Below level")),
            ("on", _("On level")),
            ("above", _("Above level")),
        ],
        required=False,
        label=_("Differentiation"),
    )
    standards = forms.CharField(
        required=False, label=_("Standards or curriculum codes (optional, comma-separated)")
    )

    def __init__(self, *args, corpora=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corpus"].choices = [(c.slug, c.name) for c in corpora]

    def clean_topic(self) -> str:
        topic = " ".join(self.cleaned_data["topic"].split())
        if not topic:
            raise forms.ValidationError(gettext("Please name the topic of the lesson."))
        if len(topic) > TOPIC_MAX:
            raise forms.ValidationError(
                gettext(
                    "The topic is %(n)s characters long; please name it in at most %(most)s "
                    "characters (a phrase, not a document)."
                )
                % {"n": f"{len(topic):,}", "most": TOPIC_MAX}
            )
        return topic

    def clean_language(self) -> str:
        code = self.cleaned_data["language"]
        if code not in writable_languages():
            named = dict(offered_choices())
            names = ", ".join(named.get(c, c) for c in writable_languages())
            raise forms.ValidationError(
                gettext(
                    "The active model (%(model)s) cannot write %(language)s well enough for a "
                    "lesson. It can write: %(names)s."
                )
                % {"model": active_model_name(), "language": named.get(code, code), "names": names}
            )
        return code

    def clean_standards(self) -> list[str]:
        return [
            c
            for c in (
                code.strip()
                for code in re.split(r"[,\n;]", self.cleaned_data.get("standards") or "")
            )
            if c
        ]

    def clean(self):
        data = super().clean()
        codes, corpus = data.get("standards") or [], data.get("corpus")
        if codes and corpus:
            unknown = validate_standards(corpus, codes)
            if unknown:
                self.add_error(
                    "standards",
                    gettext(
                        "Not in the standards list loaded for this corpus: %(codes)s. Ask your "
                        "corpus admin to load them, or leave them out."
                    )
                    % {"codes": ", ".join(unknown)},
                )
        return data

    def as_request(self) -> dict:
        d = self.cleaned_data
        return {
            "subject": d["subject"],
            "topic": d["topic"],
            "grade": d["grade"],
            "minutes": d["minutes"],
            "language": d["language"],
            "corpus": d["corpus"],
            "parts": d["parts"],
            "quiz_count": d["quiz_count"],
            "differentiation": d["differentiation"],
            "standards": d["standards"],
            "uncited": False,
        }


class StandardsForm(forms.Form):
    corpus = forms.ChoiceField(label=_("Corpus"))
    codes = forms.CharField(
        widget=forms.Textarea,
        label=_("One code per line, then its description"),
        max_length=200_000,
    )

    def __init__(self, *args, corpora=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corpus"].choices = [(c.slug, c.name) for c in corpora]
