"""The worksheet: maths tasks from the passages with keys worked out by code,
then one model-drafted item per passage (or code's "explain one key fact")."""

from __future__ import annotations

from apps.courseware import drafts
from apps.courseware.code_fallbacks import worksheet_from_passage
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.lesson_items import worksheet_item
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_gates import tidy, usable
from apps.courseware.worked_maths import DERIVED_NOTE, MAX_CODE_MATH, has_tasks, worked_tasks


def make_worksheet(fill: Fill, ctx: Context, sources: list[SourcePassage]) -> list[dict]:
    items = []
    for task, passage in worked_tasks(sources, MAX_CODE_MATH):
        question = task.question + (" Show your working." if task.kind == "sum" else "")
        items.append(worksheet_item(question, task.key, passage, ctx))
        if task.derived:
            items[-1]["notes"].append(DERIVED_NOTE)
    for index in range(max(1, ctx.worksheet_count - len(items))):
        passage = sources[index % len(sources)] if sources else None
        prompt = drafts.worksheet_prompt(
            ctx.prompt_vars(), passage or no_source(ctx), maths=has_tasks(passage)
        )
        draft = try_fill(fill, prompt, drafts.WorksheetDraft, f"Worksheet item {index + 1}")
        if draft and usable(draft.question, 3, ctx.topic) and usable(draft.answer, 1, ctx.topic):
            item = worksheet_item(tidy(draft.question, 300), tidy(draft.answer, 200), passage, ctx)
        else:
            item = worksheet_from_passage(ctx, passage, index)
        if normalise(item["prompt"]) not in {normalise(i["prompt"]) for i in items}:
            items.append(item)
    return items
