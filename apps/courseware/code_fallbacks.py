"""Parts of a lesson written by code from the source passage, when the model's
draft was unusable or its time ran out. Each is marked with ``FALLBACK_FLAG``
so that the teacher (and courseware_eval) can tell them from the model's."""

from __future__ import annotations

import re

from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.lesson_items import multiple_choice, worksheet_item
from apps.courseware.text_gates import tidy

FALLBACK_FLAG = (
    "written by code from the source passage: the model's draft was unusable or its time ran out"
)


def cycle_from_passage(
    ctx: Context, passage: SourcePassage | None, objective: str, source_ids: list[str]
) -> dict:
    """A learning cycle quoting the passage's first sentences."""
    sentences = _sentences(passage.excerpt) if passage else []
    first = sentences[0] if sentences else objective
    heading = tidy(passage.heading, 60) if passage and passage.heading else tidy(objective, 60)
    return {
        "heading": heading or ctx.topic[:60],
        "explanation": tidy(" ".join(sentences[:3]) or objective, 400),
        "slide_text": tidy(first, 90),
        "check_question": f'In your own words, what is the main idea of "{heading}"?',
        "check_answer": tidy(first, 200),
        "practice": f"Write two sentences about {heading} and share them with a partner.",
        "source_ids": source_ids,
        "notes": [FALLBACK_FLAG],
        "flags": [],
    }


def worksheet_from_passage(ctx: Context, passage: SourcePassage | None, index: int) -> dict:
    """An "explain one key fact" item, keyed with a sentence of the passage."""
    sentences = _sentences(passage.excerpt) if passage else []
    answer = sentences[index % len(sentences)] if sentences else ctx.topic
    topic = passage.heading if passage and passage.heading else ctx.topic
    item = worksheet_item(f"Explain one key fact about {topic}.", tidy(answer, 200), passage, ctx)
    item["notes"] = [FALLBACK_FLAG]
    return item


def vocabulary_question(
    vocabulary: list[dict], index: int, ctx: Context, sources: list[SourcePassage]
) -> dict | None:
    """Code-made: which key word matches this definition?"""
    if len(vocabulary) < 2:
        return None
    target = vocabulary[index % len(vocabulary)]
    others = [v["term"] for v in vocabulary if v is not target]
    passage = next((s for s in sources if s.id in target["source_ids"]), None)
    item = multiple_choice(
        f"Which key word means: {target['definition']}",
        target["term"],
        others,
        f"{target['term']}: {target['definition']}",
        passage,
        ctx,
    )
    if item:
        item["notes"] = [FALLBACK_FLAG]
    return item


def cloze_question(
    passage: SourcePassage, sources: list[SourcePassage], index: int, ctx: Context
) -> dict | None:
    """Code-made: a sentence of the passage with its longest word left out; the
    other options are long words from the other passages."""
    sentences = [s for s in _sentences(passage.excerpt) if _long_words(s)]
    if not sentences:
        return None
    sentence = sentences[index % len(sentences)]
    answer = max(_long_words(sentence), key=len)
    pool = [w for s in sources for w in _long_words(s.excerpt) if w.lower() not in sentence.lower()]
    pool.sort(key=lambda w: (abs(len(w) - len(answer)), w))
    question = "Which word completes the sentence? " + re.sub(
        rf"\b{re.escape(answer)}\b", "_____", sentence, count=1
    )
    item = multiple_choice(
        tidy(question, 300),
        answer,
        pool[:3],
        f"The source says: {tidy(sentence, 200)}",
        passage,
        ctx,
    )
    if item:
        item["notes"] = [FALLBACK_FLAG]
    return item


def _sentences(text: str) -> list[str]:
    clean = re.sub(r"[#>*_`|\[\]]", " ", text)
    return [
        s.strip()
        for s in re.split(r"(?<=[.!?])\s+", " ".join(clean.split()))
        if len(s.split()) >= 4
    ]


def _long_words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]{6,}", text)))
