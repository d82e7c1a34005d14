"""The lesson plan from model-filled drafts plus code: title and objectives,
background (prior knowledge, vocabulary, misconceptions), one learning cycle
per passage, and the timed phases.

Code decides what code can: timings, which passage each item rests on (always
one that was retrieved), arithmetic keys. Model text that fails the text gates
gives way to the code fallback.
"""

from __future__ import annotations

from apps.courseware import drafts, planning
from apps.courseware.code_fallbacks import FALLBACK_FLAG, cycle_from_passage
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_gates import content_words, on_topic, tidy, unnumbered, usable
from apps.courseware.worked_maths import code_key


def best_source(text: str, sources: list[SourcePassage]) -> list[str]:
    """The id of the retrieved passage sharing most words with ``text``."""
    if not sources:
        return []
    words = content_words(text)
    best = max(sources, key=lambda s: len(words & content_words(s.excerpt + " " + s.heading)))
    return [best.id]


def make_outline(fill: Fill, ctx: Context, sources: list[SourcePassage]) -> dict:
    draft = try_fill(
        fill, drafts.outline_prompt(ctx.prompt_vars(), sources[:3]), drafts.OutlineDraft, "Outline"
    )
    notes = [] if draft else [FALLBACK_FLAG]
    title = unnumbered(tidy(draft.title, 80)) if draft else ""
    if not (usable(title, 2, ctx.topic) and on_topic(title, ctx, sources)):
        title = ""
    objectives = [unnumbered(tidy(o, 200)) for o in (draft.objectives if draft else [])]
    objectives = list(
        dict.fromkeys(
            o for o in objectives if usable(o, 3, ctx.topic) and on_topic(o, ctx, sources)
        )
    )
    if not objectives:
        heads = list(dict.fromkeys(s.heading for s in sources if s.heading)) or [ctx.topic]
        objectives = [f"Explain the key ideas of {h}." for h in heads[:3]]
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


def make_background(fill: Fill, ctx: Context, sources: list[SourcePassage]) -> dict:
    draft = try_fill(
        fill,
        drafts.background_prompt(ctx.prompt_vars(), sources[:3]),
        drafts.BackgroundDraft,
        "Background",
    )

    def cited(text: str) -> list[str]:
        return [] if ctx.uncited else best_source(text, sources)

    if draft is None:
        return {"prior_knowledge": [], "vocabulary": [], "misconceptions": []}

    def keep(text: str, words: int) -> bool:
        return usable(text, words, ctx.topic) and on_topic(text, ctx, sources, body=True)

    prior = [unnumbered(tidy(p, 200)) for p in draft.prior_knowledge]
    prior = list(dict.fromkeys(p for p in prior if keep(p, 3)))
    vocabulary, seen = [], set()
    for term, meaning in zip(draft.key_words, draft.definitions, strict=False):
        name, definition = unnumbered(tidy(term, 60)), tidy(meaning, 200)
        if keep(name, 1) and keep(definition, 3) and normalise(name) not in seen:
            seen.add(normalise(name))
            vocabulary.append(
                {
                    "term": name,
                    "definition": definition,
                    "source_ids": cited(f"{name} {definition}"),
                    "flags": [],
                }
            )
    misconceptions = []
    if keep(tidy(draft.misconception), 3) and keep(tidy(draft.correction), 3):
        text = f"{draft.misconception} {draft.correction}"
        misconceptions.append(
            {
                "misconception": tidy(draft.misconception, 200),
                "correction": tidy(draft.correction, 200),
                "source_ids": cited(text),
                "flags": [],
            }
        )
    return {
        "prior_knowledge": [{"text": p, "source_ids": cited(p), "flags": []} for p in prior],
        "vocabulary": vocabulary,
        "misconceptions": misconceptions,
    }


def cycle_sources(sources: list[SourcePassage], count: int) -> list[SourcePassage | None]:
    """One passage per cycle, the best-ranked first; reused when there are fewer."""
    if not sources:
        return [None] * count
    return [sources[i % len(sources)] for i in range(count)]


def make_cycle(fill: Fill, ctx: Context, passage: SourcePassage | None, objective: str) -> dict:
    prompt = drafts.cycle_prompt(ctx.prompt_vars(), passage or no_source(ctx), objective)
    draft = try_fill(fill, prompt, drafts.CycleDraft, f"Learning cycle: {objective[:40]}")
    source_ids = [passage.id] if passage and not ctx.uncited else []
    if draft is not None:
        fields = {k: tidy(v, 400) for k, v in draft.model_dump().items()}
        explanation = fields["explanation"]
        if (
            all(usable(v, 1, ctx.topic) for v in fields.values())
            and usable(explanation, 3, ctx.topic)
            and on_topic(explanation, ctx, [passage] if passage else [], body=True)
        ):
            fields["check_answer"], notes = code_key(
                fields["check_question"], fields["check_answer"]
            )
            return {**fields, "source_ids": source_ids, "notes": notes, "flags": []}
    return cycle_from_passage(ctx, passage, objective, source_ids)


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
