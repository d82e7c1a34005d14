"""The lesson request form, and the standards list form for corpus admins."""

from __future__ import annotations

import re

from django import forms

from apps.courseware.languages import OFFERED, language_name, writable_languages
from apps.courseware.lesson import PARTS
from apps.courseware.services import validate_standards
from core.reasoning import active_model_name

TOPIC_MAX = 300
PART_LABELS = {
    "plan": "Lesson plan",
    "slides": "Slides",
    "worksheet": "Worksheet",
    "quiz": "Quiz with answer key",
}


class LessonRequestForm(forms.Form):
    subject = forms.CharField(max_length=120, required=False)
    grade = forms.IntegerField(min_value=1, max_value=12, initial=8)
    # No max_length here: a 50 KB topic gets a sentence, not a silently truncated field.
    topic = forms.CharField(
        strip=True,
        widget=forms.TextInput(attrs={"maxlength": TOPIC_MAX}),
        error_messages={"required": "Please name the topic of the lesson."},
    )
    minutes = forms.IntegerField(
        min_value=10, max_value=180, initial=40, label="Lesson length (minutes)"
    )
    language = forms.ChoiceField(
        choices=list(OFFERED.items()), initial="en", label="Output language"
    )
    corpus = forms.ChoiceField(label="Curriculum corpus")
    parts = forms.MultipleChoiceField(
        choices=[(p, PART_LABELS[p]) for p in PARTS],
        initial=list(PARTS),
        widget=forms.CheckboxSelectMultiple,
        label="What to produce",
        error_messages={"required": "Choose at least one thing to produce."},
    )
    quiz_count = forms.IntegerField(min_value=1, max_value=20, initial=5, label="Quiz questions")
    differentiation = forms.ChoiceField(
        choices=[
            ("", "No differentiation"),
            ("below", "Below level"),
            ("on", "On level"),
            ("above", "Above level"),
        ],
        required=False,
    )
    standards = forms.CharField(
        required=False, label="Standards or curriculum codes (optional, comma-separated)"
    )

    def __init__(self, *args, corpora=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corpus"].choices = [(c.slug, c.name) for c in corpora]

    def clean_topic(self) -> str:
        topic = " ".join(self.cleaned_data["topic"].split())
        if not topic:
            raise forms.ValidationError("Please name the topic of the lesson.")
        if len(topic) > TOPIC_MAX:
            raise forms.ValidationError(
                f"The topic is {len(topic):,} characters long; please name it in at most {TOPIC_MAX} characters (a phrase, not a document)."  # noqa: E501
            )
        return topic

    def clean_language(self) -> str:
        code = self.cleaned_data["language"]
        if code not in writable_languages():
            names = ", ".join(language_name(c) for c in writable_languages())
            raise forms.ValidationError(
                f"The active model ({active_model_name()}) cannot write {language_name(code)} well enough for a lesson. "  # noqa: E501
                f"It can write: {names}."
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
                    f"Not in the standards list loaded for this corpus: {', '.join(unknown)}. Ask your corpus admin to load them, or leave them out.",  # noqa: E501
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
    corpus = forms.ChoiceField(label="Corpus")
    codes = forms.CharField(
        widget=forms.Textarea, label="One code per line, then its description", max_length=200_000
    )

    def __init__(self, *args, corpora=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corpus"].choices = [(c.slug, c.name) for c in corpora]
