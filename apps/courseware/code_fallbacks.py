"""Parts of a lesson written by code from the source passage, when the model's
draft was unusable or its time ran out. Each is marked with ``FALLBACK_FLAG``
so that the teacher (and courseware_eval) can tell them from the model's.

Code's text goes through the same checks as the model's (``text_checks``):
the sentences it quotes are the passage's prose only (no headings, figure
captions, tables or exercises: ``core.reasoning.quotable_sentences``), and a
quoted sentence or template that fails a check is passed over for the next.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.lesson_items import multiple_choice, worksheet_item
from apps.courseware.text_checks import CODE, Verdicts, evidence_for
from apps.courseware.text_gates import tidy
from core.reasoning import Evidence, quotable_sentences

# Stored in English on the lesson; the page shows it in the reader's language.
FALLBACK_FLAG = gettext_noop(
    "written by code from the source passage: the model's draft was unusable or its time ran out"
)
# The fixed wording of code's templates: known words to the checks (they are code's,
# not a claim), so a template filled with a passage's heading is not "empty".
CODE_WORDING = (
    "Explain the key ideas of. In your own words, what is the main idea of? Write two "
    "sentences about and share them with a partner. Explain one key fact about. Which key "
    "word means: Which word completes the sentence? The source says: Worked out:"
)
SLIDE_CHARS = 140  # one idea: a longer first sentence gives way to a shorter one
# Section names that say nothing about the subject: not a heading to teach.
_GENERIC_HEADING = re.compile(
    r"^(?:introduction|glossary|key (?:terms|concepts)|summary|review|exercises?|practice"
    r"(?: makes perfect)?|everyday math|writing exercises|self check|section \d.*|"
    r"learning objectives?|be prepared|chapter review|references?)$",
    re.I,
)
_CAPTION = re.compile(r"^(?:figure|fig\.|table|image|photo|chart|graph)\s*[\dIVX]", re.I)


def code_evidence(ctx: Context, passages: list, *facts: str, topic_known: bool = False) -> Evidence:
    return evidence_for(ctx, passages, facts=(CODE_WORDING, *facts), topic_known=topic_known)


def lesson_heading(heading: str) -> str:
    """The last part of a passage's heading path ("Whole Numbers > Round Whole
    Numbers" -> "Round Whole Numbers"), or "" for a caption or a section name
    that is not a subject ("Glossary", "Figure 3.2 …")."""
    last = tidy(heading.split(">")[-1], 80).strip(" #*_:")
    if not last or _CAPTION.match(last) or _GENERIC_HEADING.match(last):
        return ""
    return last


def passage_sentences(passage: SourcePassage | None) -> list[str]:
    """The passage's prose sentences, once each, in order."""
    if passage is None:
        return []
    found = [tidy(s.text, 400) for s in quotable_sentences(1, passage.excerpt)]
    return list(dict.fromkeys(found))


def checked_sentences(
    passage: SourcePassage | None, verdicts: Verdicts, evidence: Evidence, item: str
) -> list[str]:
    return [
        s
        for s in passage_sentences(passage)
        if verdicts.passes(s, evidence, item, by=CODE, min_words=4)
    ]


def first_passing(
    verdicts: Verdicts, evidence: Evidence, item: str, candidates: list[str], min_words: int = 1
) -> str:
    """The first candidate that passes the checks; else the last, the plainest
    (the objective or the topic), which a lesson cannot do without."""
    candidates = [c for c in candidates if c]
    for text in candidates:
        if verdicts.passes(text, evidence, item, by=CODE, min_words=min_words):
            return text
    verdicts.kept_failing.append(item)
    return candidates[-1]


def cycle_from_passage(
    ctx: Context,
    passage: SourcePassage | None,
    objective: str,
    source_ids: list[str],
    verdicts: Verdicts | None = None,
    item: str = "cycles",
) -> dict:
    """A learning cycle quoting the passage's first prose sentences."""
    verdicts = verdicts or Verdicts("Learning cycle", ctx.topic)
    evidence = code_evidence(ctx, [passage], objective)
    sentences = checked_sentences(passage, verdicts, evidence, f"{item}.explanation")
    named = passage is not None and bool(lesson_heading(passage.heading))
    heading = first_passing(
        verdicts,
        code_evidence(ctx, [passage], objective, topic_known=True),
        f"{item}.heading",
        [tidy(passage.heading, 60) if named else "", tidy(objective, 60), ctx.topic[:60]],
    )
    explanation = first_passing(
        verdicts,
        evidence,
        f"{item}.explanation",
        [" ".join(sentences[:3]), sentences[0] if sentences else "", tidy(objective, 400)],
    )
    short = [s for s in sentences[:3] if len(s) <= SLIDE_CHARS] or sentences[:1]
    first = short[0] if short else tidy(objective, SLIDE_CHARS)
    return {
        "heading": heading,
        "explanation": tidy(explanation, 400),
        "slide_text": first,
        "check_question": first_passing(
            verdicts,
            evidence,
            f"{item}.check_question",
            [
                f'In your own words, what is the main idea of "{heading}"?',
                f'In your own words, what is the main idea of "{ctx.topic[:60]}"?',
            ],
        ),
        "check_answer": tidy(sentences[0] if sentences else first, 200),
        "practice": first_passing(
            verdicts,
            evidence,
            f"{item}.practice",
            [
                f"Write two sentences about {heading} and share them with a partner.",
                f"Write two sentences about {ctx.topic[:60]} and share them with a partner.",
            ],
        ),
        "source_ids": source_ids,
        "notes": [FALLBACK_FLAG],
        "flags": [],
    }


def worksheet_from_passage(
    ctx: Context,
    passage: SourcePassage | None,
    index: int,
    verdicts: Verdicts | None = None,
    item: str = "worksheet",
) -> dict:
    """An "explain one key fact" item, keyed with a sentence of the passage."""
    verdicts = verdicts or Verdicts("Worksheet", ctx.topic)
    evidence = code_evidence(ctx, [passage])
    sentences = checked_sentences(passage, verdicts, evidence, f"{item}.answer")
    answer = sentences[index % len(sentences)] if sentences else ctx.topic
    topic = lesson_heading(passage.heading) if passage else ""
    prompt = first_passing(
        verdicts,
        evidence,
        f"{item}.prompt",
        [f"Explain one key fact about {topic}.", f"Explain one key fact about {ctx.topic}."],
    )
    made = worksheet_item(prompt, tidy(answer, 200), passage, ctx)
    made["notes"] = [FALLBACK_FLAG]
    return made


def vocabulary_question(
    vocabulary: list[dict],
    index: int,
    ctx: Context,
    sources: list[SourcePassage],
    verdicts: Verdicts | None = None,
    item: str = "quiz",
) -> dict | None:
    """Code-made: which key word matches this definition?"""
    if len(vocabulary) < 2:
        return None
    verdicts = verdicts or Verdicts("Quiz", ctx.topic)
    target = vocabulary[index % len(vocabulary)]
    others = [v["term"] for v in vocabulary if v is not target]
    passage = next((s for s in sources if s.id in target["source_ids"]), None)
    question = f"Which key word means: {target['definition']}"
    evidence = code_evidence(ctx, sources, *(v["term"] for v in vocabulary))
    if not verdicts.passes(question, evidence, f"{item}.question", by=CODE, min_words=4):
        return None
    made = multiple_choice(
        question,
        target["term"],
        others,
        f"{target['term']}: {target['definition']}",
        passage,
        ctx,
    )
    if made:
        made["notes"] = [FALLBACK_FLAG]
    return made


def cloze_question(
    passage: SourcePassage,
    sources: list[SourcePassage],
    index: int,
    ctx: Context,
    verdicts: Verdicts | None = None,
    item: str = "quiz",
) -> dict | None:
    """Code-made: a prose sentence of the passage with its longest word left
    out; the other options are long words from the other passages' prose."""
    verdicts = verdicts or Verdicts("Quiz", ctx.topic)
    evidence = code_evidence(ctx, sources)
    sentences = [
        s
        for s in checked_sentences(passage, verdicts, evidence, f"{item}.question")
        if _long_words(s)
    ]
    if not sentences:
        return None
    sentence = sentences[index % len(sentences)]
    answer = max(_long_words(sentence), key=len)
    pool = [
        w
        for s in sources
        for w in _long_words(" ".join(passage_sentences(s)))
        if w.lower() not in sentence.lower()
    ]
    pool.sort(key=lambda w: (abs(len(w) - len(answer)), w))
    question = "Which word completes the sentence? " + re.sub(
        rf"\b{re.escape(answer)}\b", "_____", sentence, count=1
    )
    made = multiple_choice(
        tidy(question, 300),
        answer,
        pool[:3],
        f"The source says: {tidy(sentence, 200)}",
        passage,
        ctx,
    )
    if made:
        made["notes"] = [FALLBACK_FLAG]
    return made


def _long_words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]{6,}", text)))
