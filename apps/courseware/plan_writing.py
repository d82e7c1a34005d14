"""The lesson plan from model-filled drafts plus code: title and objectives,
background (prior knowledge, vocabulary, misconceptions), one learning cycle
per passage, and the timed phases.

Code decides what code can: timings, which passage each item rests on (always
one that was retrieved), arithmetic keys. Model text that fails the text checks
(``text_checks``) gives way to the code fallback, which passes them too; each
``make_*`` records what failed on the ``Verdicts`` it is handed.
"""

from __future__ import annotations

from apps.courseware import drafts, planning, run_words
from apps.courseware.code_fallbacks import (
    FALLBACK_FLAG,
    code_evidence,
    cycle_from_passage,
    first_passing,
    lesson_heading,
)
from apps.courseware.computed_answers import code_key, computed_key
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_checks import CODE, Verdicts, evidence_for
from apps.courseware.text_gates import content_words, tidy, unnumbered


def best_source(text: str, sources: list[SourcePassage]) -> list[str]:
    """The id of the retrieved passage sharing most words with ``text``."""
    if not sources:
        return []
    words = content_words(text)
    best = max(sources, key=lambda s: len(words & content_words(s.excerpt + " " + s.heading)))
    return [best.id]


def _prompt_checks(ctx: Context, passages: list, prompt: str, task: str, *facts: str):
    """Evidence for model text: the passages, the prompt and its instructions."""

    def evidence(topic_known: bool = False):
        return evidence_for(
            ctx,
            passages,
            prompt=prompt,
            instructions=(*drafts.FRAME_RULES, task),
            facts=facts,
            topic_known=topic_known,
        )

    return evidence(), evidence(topic_known=True)


def make_outline(
    fill: Fill, ctx: Context, sources: list[SourcePassage], verdicts: Verdicts | None = None
) -> dict:
    verdicts = verdicts or Verdicts("Outline", ctx.topic)
    prompt = drafts.outline_prompt(ctx.prompt_vars(), sources[:3])
    draft = try_fill(fill, prompt, drafts.OutlineDraft, "Outline")
    evidence, restating = _prompt_checks(ctx, sources[:3], prompt, drafts.OUTLINE_TASK)
    title = unnumbered(tidy(draft.title, 80)) if draft else ""
    if title and not verdicts.passes(title, restating, "title", min_words=2):
        title = ""
    objectives = []
    for index, raw in enumerate(draft.objectives if draft else []):
        text = unnumbered(tidy(raw, 200))
        if verdicts.passes(text, evidence, f"objectives.{index}", min_words=3):
            objectives.append(text)
    objectives = list(dict.fromkeys(objectives))
    notes = []
    if not objectives:
        objectives, notes = fallback_objectives(ctx, sources, verdicts), [FALLBACK_FLAG]
    return {
        "title": title or ctx.topic[:80],
        "objectives": [
            {
                "text": o,
                "source_ids": [] if ctx.uncited else best_source(o, sources),
                "notes": list(notes),
                "flags": [],
            }
            for o in objectives
        ],
    }


def fallback_objectives(ctx: Context, sources: list[SourcePassage], verdicts: Verdicts) -> list:
    """By code: "Explain the key ideas of …" the passages' headings (not captions,
    not "Glossary"), each through the checks; the topic's when none passes."""
    evidence = code_evidence(ctx, sources)
    heads = list(dict.fromkeys(h for h in map(lesson_heading, (s.heading for s in sources)) if h))
    found = [
        text
        for index, text in enumerate(f"Explain the key ideas of {h}." for h in heads)
        if verdicts.passes(text, evidence, f"objectives.{index}", by=CODE, min_words=4)
    ]
    return found[:3] or [
        first_passing(
            verdicts, evidence, "objectives.0", [f"Explain the key ideas of {ctx.topic}."]
        )
    ]


def make_background(
    fill: Fill, ctx: Context, sources: list[SourcePassage], verdicts: Verdicts | None = None
) -> dict:
    verdicts = verdicts or Verdicts("Background", ctx.topic)
    prompt = drafts.background_prompt(ctx.prompt_vars(), sources[:3])
    draft = try_fill(fill, prompt, drafts.BackgroundDraft, "Background")
    evidence, restating = _prompt_checks(ctx, sources[:3], prompt, drafts.BACKGROUND_TASK)

    def cited(text: str) -> list[str]:
        return [] if ctx.uncited else best_source(text, sources)

    if draft is None:
        return {"prior_knowledge": [], "vocabulary": [], "misconceptions": []}

    prior = []
    for index, raw in enumerate(draft.prior_knowledge):
        text = unnumbered(tidy(raw, 200))
        if verdicts.passes(text, evidence, f"prior_knowledge.{index}", min_words=3):
            prior.append(text)
    vocabulary, seen = [], set()
    for index, (term, meaning) in enumerate(zip(draft.key_words, draft.definitions, strict=False)):
        name, definition = unnumbered(tidy(term, 60)), tidy(meaning, 200)
        where = f"vocabulary.{index}"
        if (
            verdicts.passes(name, restating, f"{where}.term")
            and verdicts.passes(definition, restating, f"{where}.definition", min_words=3)
            and normalise(name) not in seen
        ):
            seen.add(normalise(name))
            vocabulary.append(
                {
                    "term": name,
                    "definition": definition,
                    "source_ids": cited(f"{name} {definition}"),
                    "flags": [],
                }
            )
    pair = _misconception(draft, evidence, verdicts)
    misconceptions = []
    if pair:
        misconceptions.append(
            {
                "misconception": pair[0],
                "correction": pair[1],
                "source_ids": cited(" ".join(pair)),
                "flags": [],
            }
        )
    return {
        "prior_knowledge": [
            {"text": p, "source_ids": cited(p), "flags": []} for p in dict.fromkeys(prior)
        ],
        "vocabulary": vocabulary,
        "misconceptions": misconceptions,
    }


def _misconception(draft, evidence, verdicts: Verdicts) -> tuple[str, str] | None:
    """The model's misconception with its correction, checked as the page shows
    them (one after the other): "This is a math problem — This is a math
    problem" loops, and is not a misconception."""
    wrong, right = tidy(draft.misconception, 200), tidy(draft.correction, 200)
    if not (
        verdicts.passes(f"{wrong} — {right}", evidence, "misconceptions.0")
        and verdicts.passes(wrong, evidence, "misconceptions.0.misconception", min_words=3)
        and verdicts.passes(right, evidence, "misconceptions.0.correction", min_words=3)
    ):
        return None
    if normalise(wrong) == normalise(right):  # too short for the loop check's 4 words
        verdicts.reject(
            "misconceptions.0",
            "loop",
            run_words.CORRECTION_REPEATS,
            f"{wrong} — {right}",
        )
        return None
    return wrong, right


def cycle_sources(sources: list[SourcePassage], count: int) -> list[SourcePassage | None]:
    """One passage per cycle, the best-ranked first; reused when there are fewer."""
    if not sources:
        return [None] * count
    return [sources[i % len(sources)] for i in range(count)]


CYCLE_FIELDS = {  # field: fewest words
    "heading": 1,
    "explanation": 3,
    "slide_text": 3,
    "check_question": 3,
    "check_answer": 1,
    "practice": 3,
}


def make_cycle(
    fill: Fill,
    ctx: Context,
    passage: SourcePassage | None,
    objective: str,
    verdicts: Verdicts | None = None,
    index: int = 0,
) -> dict:
    verdicts = verdicts or Verdicts("Learning cycle", ctx.topic)
    prompt = drafts.cycle_prompt(ctx.prompt_vars(), passage or no_source(ctx), objective)
    draft = try_fill(fill, prompt, drafts.CycleDraft, f"Learning cycle: {objective[:40]}")
    source_ids = [passage.id] if passage and not ctx.uncited else []
    where = f"cycles.{index}"
    if draft is not None:
        fields = {k: tidy(v, 400) for k, v in draft.model_dump().items()}
        question = fields["check_question"]
        fields["check_answer"], notes = code_key(question, fields["check_answer"])
        facts = (objective, computed_key(question))
        evidence, restating = _prompt_checks(ctx, [passage], prompt, drafts.CYCLE_TASK, *facts)
        if all(
            verdicts.passes(
                fields[name],
                restating if name == "heading" else evidence,
                f"{where}.{name}",
                min_words=words,
            )
            for name, words in CYCLE_FIELDS.items()
        ):
            return {**fields, "source_ids": source_ids, "notes": notes, "flags": []}
    return cycle_from_passage(ctx, passage, objective, source_ids, verdicts, where)


def make_phases(ctx: Context, cycles: list[dict]) -> list[dict]:
    plans = planning.phase_plan(ctx.minutes, len(cycles), quiz="quiz" in ctx.parts)
    minutes = planning.allocate_minutes(ctx.minutes, [p.weight for p in plans])
    phases = []
    for plan, length in zip(plans, minutes, strict=True):
        name = plan.name
        if plan.cycle is not None:
            name = f"{plan.name}: {cycles[plan.cycle]['heading']}"[:120]
        phases.append(
            {
                "name": name,
                "minutes": length,
                "activity": plan.activity,
                "source_ids": [],
                "flags": [],
            }
        )
    return phases
