"""The worksheet: maths tasks from the passages with keys worked out by code,
then one model-drafted item per passage (or code's "explain one key fact").
Every item's text passes the text checks (``text_checks``)."""

from __future__ import annotations

from apps.courseware import drafts
from apps.courseware.code_fallbacks import code_evidence, worksheet_from_passage
from apps.courseware.computed_answers import computed_key
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.lesson_items import worksheet_item
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_checks import CODE, Verdicts, evidence_for
from apps.courseware.text_gates import tidy
from apps.courseware.worked_maths import DERIVED_NOTE, MAX_CODE_MATH, has_tasks, worked_tasks


def make_worksheet(
    fill: Fill, ctx: Context, sources: list[SourcePassage], verdicts: Verdicts | None = None
) -> list[dict]:
    verdicts = verdicts or Verdicts("Worksheet", ctx.topic)
    items = _maths_items(ctx, sources, verdicts)
    for index in range(max(1, ctx.worksheet_count - len(items))):
        passage = sources[index % len(sources)] if sources else None
        where = f"worksheet.{len(items)}"
        item = _model_item(fill, ctx, passage, index, verdicts, where)
        if item is None:
            item = worksheet_from_passage(ctx, passage, index, verdicts, where)
        if normalise(item["prompt"]) not in {normalise(i["prompt"]) for i in items}:
            items.append(item)
    return items


def _maths_items(ctx: Context, sources: list[SourcePassage], verdicts: Verdicts) -> list[dict]:
    """The passages' own tasks, keyed by code, kept when their text passes the checks."""
    items = []
    for task, passage in worked_tasks(sources, MAX_CODE_MATH):
        question = task.question + (" Show your working." if task.kind == "sum" else "")
        item = worksheet_item(question, task.key, passage, ctx)
        evidence = code_evidence(ctx, [passage], item["answer"])
        where = f"worksheet.{len(items)}"
        if not (
            verdicts.passes(question, evidence, f"{where}.prompt", by=CODE, min_words=2)
            and verdicts.passes(item["answer"], evidence, f"{where}.answer", by=CODE)
        ):
            continue
        if task.derived:
            item["notes"].append(DERIVED_NOTE)
        items.append(item)
    return items


def _model_item(fill: Fill, ctx: Context, passage, index: int, verdicts: Verdicts, where: str):
    prompt = drafts.worksheet_prompt(
        ctx.prompt_vars(), passage or no_source(ctx), maths=has_tasks(passage)
    )
    draft = try_fill(fill, prompt, drafts.WorksheetDraft, f"Worksheet item {index + 1}")
    if draft is None:
        return None
    item = worksheet_item(tidy(draft.question, 300), tidy(draft.answer, 200), passage, ctx)
    evidence = evidence_for(
        ctx,
        [passage],
        prompt=prompt,
        instructions=(*drafts.FRAME_RULES, drafts.WORKSHEET_TASK, drafts.MATHS_TASK),
        facts=(computed_key(item["prompt"]),),
    )
    if verdicts.passes(
        item["prompt"], evidence, f"{where}.prompt", min_words=3
    ) and verdicts.passes(item["answer"], evidence, f"{where}.answer"):
        return item
    return None
