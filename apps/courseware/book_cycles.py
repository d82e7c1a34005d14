"""One learning cycle of a book lesson, for one objective: sentences quoted from
the section's prose that explain its subject, a worked example shown once, a
check for understanding with its answer, and practice; each part's origin in
the cycle's notes."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from apps.courseware import book_blocks as bb
from apps.courseware.book_examples import example_text
from apps.courseware.book_items import computed_note, quoted
from apps.courseware.book_objectives import MEASURABLE
from apps.courseware.book_section import BookSection, stems


def open_questions(section: BookSection) -> list[tuple[str, str, bb.Block]]:
    """The book's questions it gives no answer to, as practice: the stem alone
    (no options), readable without a figure, a whole question."""
    out = []
    for block in section.of_kind("exercise", "review_question"):
        stem, _options, solution = bb.question_and_options(block)
        glued = re.search(r"[a-z][A-Z][a-z]", stem)  # "True or FalseAn external force"
        if solution or glued or bb.needs_figure(stem) or bb.data_in_figure(block):
            continue
        if not stem.endswith("?"):
            continue
        if len(stem.split()) >= 5 and len(stem) <= 400:
            out.append((stem, "", block))
    return out


# A sentence pointing back to one the lesson does not show ("This type of force ...").
_LEANS_BACK = re.compile(
    r"^(?:this|these|that|those|such|it|its|they|their|thus|therefore|hence|so)\b", re.I
)


# An objective's verbs and connectives: shared with a sentence, they say nothing of its subject.
_NOT_SUBJECT = stems(" ".join(MEASURABLE)) | stems("between give examples such relate both two")


# "combines these two definitions": things named before the sentence (not "those we use").
_POINTS_BACK = re.compile(
    r"\b(?:these|those)\s+(?:two\s+|three\s+)?(?!(?:we|you|that|which|who|are|is)\b)[a-z]+",
    re.I,
)


def _prose_score(sentence: str, wanted: set[str]) -> int:
    """Words shared with the objective's subject, one more for a sentence that
    explains, two fewer for one that leans on a sentence before it (one fewer
    when it points back further in), three fewer for a question (an explanation
    answers, it does not ask)."""
    leans = 2 * bool(_LEANS_BACK.match(sentence)) + 3 * sentence.endswith("?")
    leans += int(not _LEANS_BACK.match(sentence) and bool(_POINTS_BACK.search(sentence)))
    return len(wanted & stems(sentence)) + _explains(sentence) - leans


def _term_for(terms: list[dict], subject: set[str], used: set[str]) -> dict:
    """The key term the objective is about (most shared words), not asked yet."""
    free = [t for t in terms if t["term"] not in used] or terms
    term = max(free, key=lambda t: (len(subject & stems(t["term"])), -free.index(t)))
    used.add(term["term"])
    return term


def _explains(sentence: str) -> int:
    """1 for a sentence that says what something is or how it is done."""
    return int(bool(re.search(r"\b(?:is|are|means|is called|to \w+ \w+, )\b", sentence)))


def first_word(text: str) -> str:
    found = re.match(r"\W*([A-Za-z]+)", text)
    return found.group(1).casefold()[:5] if found else ""


def _nearest(
    items: list, wanted: set[str], used: set[int], verb_of: str, again: bool = True
) -> tuple | None:
    """The item (problem first) that asks what the objective's verb says and shares
    most words with it, not used yet (once all are used, one again if ``again``)."""
    free = [(i, item) for i, item in enumerate(items) if i not in used]
    if not free and again:
        free = list(enumerate(items))
    if not free:
        return None
    verb = first_word(verb_of)

    def score(found):
        problem = found[1][0]
        return (2 * (first_word(problem) == verb) + len(wanted & stems(problem)), -found[0])

    index, item = max(free, key=score)
    used.add(index)
    return item


def cycle(
    index, objective, prose, examples, exercises, computed, first_block, used, terms
) -> dict | None:
    subject = (
        stems(objective) - _NOT_SUBJECT
    )  # "Distinguish ... and give examples": not what it is about
    chosen, block = _explaining_sentences(prose, subject, used["prose"], first_block)
    notes = [quoted("prose")]
    cited = []  # blocks cited beside the prose's and the check's
    explanation = " ".join(chosen) or objective
    shown = _worked_example(examples, objective, chosen, used)
    if shown:
        explanation, note, example, borrowed = shown
        notes.append(note)
        cited += [example] if borrowed else []
        block = block or example
    check = _check(index, objective, subject, exercises, computed, terms, first_block, used)
    if check is None:
        return None
    check_q, check_a, check_block, note = check
    notes.append(note)
    practice, note = _practice(index, objective, explanation, check_q, exercises, computed, used)
    notes += [note] if note else []
    ids = (block.chunk_ids[:1] if block else []) + [c for b in cited for c in b.chunk_ids[:1]]
    ids = list(dict.fromkeys(ids + check_block.chunk_ids[:1]))
    return {
        "heading": objective[:200],
        "explanation": explanation[:3000],
        "slide_text": (chosen[0] if chosen else objective)[:300],
        "check_question": check_q[:600],
        "check_answer": check_a[:600],
        "practice": practice[:1200],
        "source_ids": ids,
        "notes": notes,
        "flags": [],
    }


def _explaining_sentences(prose, subject: set[str], used: set[str], first_block):
    """The two sentences that best explain the objective's subject, not shown
    yet if any are left, in the book's order; and the block to cite for them."""
    fresh = [sb for sb in prose if sb[0] not in used] or prose
    ranked = sorted(fresh, key=lambda sb: -_prose_score(sb[0], subject))
    order = {sentence: i for i, (sentence, _) in enumerate(prose)}
    chosen = sorted((s for s, _ in ranked[:2]), key=order.get)  # in the book's order
    used.update(chosen)
    return chosen, next((b for s, b in ranked if s in chosen), first_block)


def _worked_example(examples, objective: str, chosen: list[str], used: dict):
    """(explanation with the worked example nearest the objective, its note, its
    block, whether it is quoted from a nearby section); None when none is left.
    A worked example is shown once: the same one in every cycle is no more teaching."""
    found = _nearest(examples, stems(objective), used["examples"], objective, again=False)
    solved_by = used["solved"].get(found[0], "") if found else ""
    if not found or (solved_by and found[0] in used["solved_shown"]):
        return None
    problem, solution, example = found
    text = example_text(problem, solution, solved_by=solved_by)
    # Prose saying what the example says again ("the LCD of 1/4 and 1/6 is 12") is dropped.
    kept = [c for c in chosen if not bb.repetitive(f"{c}\n\n{text}")]
    explanation = f"{' '.join(kept)}\n\n{text}".strip()
    if bb.repetitive(explanation):
        explanation = text
    origin = used["borrowed"].get(problem)
    if solved_by:
        used["solved_shown"].add(problem)
        note = gettext("worked example solved by code (%(rule)s)") % {"rule": solved_by}
        return explanation, note, example, False
    if origin:
        where = gettext("(from the chapter's section “%(title)s”)") % {"title": origin}
        return explanation, quoted("worked example") + " " + where, example, True
    return explanation, quoted("worked example"), example, False


def _check(index, objective, subject, exercises, computed, terms, first_block, used):
    """The check for understanding as (question, answer, block, note): the book's
    exercise nearest the objective, else computed, else what a key term means;
    None when the section has none of them."""
    found = (
        _nearest(exercises, stems(objective), used["exercises"], objective) if exercises else None
    )
    if found:
        question, answer, block = found
        return (
            question,
            answer,
            block,
            quoted("exercise") + f" ({gettext('check for understanding')})",
        )
    if computed:
        item = computed[index % len(computed)]
        return item.question, item.answer, first_block, computed_note(item)
    if terms:
        term = _term_for(terms, subject, used["terms"])
        question = gettext("What does “%(term)s” mean?") % {"term": term["term"]}
        note = quoted("key term") + f" ({gettext('check for understanding')})"
        return question, term["definition"], first_block, note
    return None


def _practice(index, objective, explanation, check_q, exercises, computed, used):
    """(practice question, its note or None): computed practice not in the
    explanation or check, else a book exercise, else an open question, else the check."""
    rotated = computed[index + 1 :] + computed[: index + 1]
    fresh = [c for c in rotated if _operands(c.question) not in explanation + check_q]
    practice_item = (fresh or rotated or [None])[0]
    # The book's open question when code's only item is the check itself: never the same twice.
    open_item = (
        _nearest(used["open"], stems(objective), used["open_used"], objective)
        if used["open"]
        else None
    )
    if practice_item and (practice_item.question != check_q or not open_item):
        return practice_item.question, gettext("practice answer: %(a)s") % {
            "a": practice_item.answer
        }
    if len(exercises) > index + 1:
        question, answer, _block = exercises[-1 - index]
        return question, gettext("practice answer: %(a)s") % {"a": answer}
    if open_item:
        return open_item[
            0
        ], f"{quoted('exercise')} ({gettext('practice; the book gives no answer')})"
    return check_q, None


def _operands(question: str) -> str:
    """The sum a question asks ("1/2 + 1/3"), to tell it from the example's."""
    return question.split(":", 1)[-1].split(".", 1)[0].strip()
