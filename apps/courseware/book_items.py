"""The worksheet and quiz of a book lesson: computed items first, then the
book's exercises and review questions that carry their answers, then
questions on the section's key terms; fewer items, said plainly, rather than
filler. Also the item helpers every part of a book lesson uses."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from apps.courseware import book_blocks as bb
from apps.courseware.book_practice import Practice
from apps.courseware.book_section import BookSection
from apps.courseware.lesson_items import _stable_index


def make_item(block: bb.Block | None, note: str = "", **fields) -> dict:
    return {
        **fields,
        "source_ids": list(block.chunk_ids[:1]) if block else [],
        "notes": [note] if note else [],
        "flags": [],
    }


def quoted(kind: str) -> str:
    return gettext("quoted from the book's %(kind)s") % {"kind": kind.replace("_", " ")}


def computed_note(practice: Practice) -> str:
    wrong = "; ".join(f"{option}: {why}" for option, why in practice.wrong)
    note = gettext("computed by code (%(rule)s)") % {"rule": practice.rule}
    return f"{note}; {gettext('wrong options')}: {wrong}" if wrong else note


def fewer_than_wanted(shortfalls: list[str], message: str, count: int, want: int) -> None:
    """Say plainly, with ``message`` ("%(n)s items instead of %(want)s: ..."),
    that a part has fewer items than asked, rather than fill it."""
    if count < want:
        shortfalls.append(message % {"n": count, "want": want})


def worksheet(ctx, computed, exercises, vocabulary, first_block, shortfalls) -> list[dict]:
    want = ctx.worksheet_count or 4
    items = [
        make_item(
            first_block,
            computed_note(p),
            prompt=p.question,
            answer=f"{p.answer} ({p.steps})" if p.steps else p.answer,
            level=p.level,
        )
        for p in computed
    ]
    for problem, solution, block in exercises:
        if len(items) >= want:
            break
        items.append(
            make_item(
                block, quoted("exercise"), prompt=problem[:1200], answer=solution[:600], level="on"
            )
        )
    for term in vocabulary:
        if len(items) >= want:
            break
        items.append(
            {
                **term,
                "prompt": gettext("Define “%(term)s” in your own words.") % {"term": term["term"]},
                "answer": term["definition"],
                "level": "below",
                "notes": [quoted("glossary")],
            }
        )
        for key in ("term", "definition"):
            items[-1].pop(key)
    fewer_than_wanted(
        shortfalls,
        gettext(
            "Worksheet: %(n)s items instead of %(want)s: "
            "the section has no more practice with answers."
        ),
        len(items),
        want,
    )
    return items[:want]


def _words(text: str) -> set[str]:
    """Words of four letters or more, plural and ending aside ("numbers" ~ "number")."""
    return {w.casefold().removesuffix("s")[:5] for w in re.findall(r"[^\W\d_]{4,}", text)}


def _term_stem(term: str, definition: str, others: list[str]) -> str | None:
    """The question asking which term a definition is of: the term left blank
    where the definition names it ("The _____ are the numbers 1, 2, 3, …"); None
    when it would still give its answer away, a word of the term that no other
    option has standing in it ("... a proper fraction if ..." for "Proper and
    Improper Fractions")."""
    named = re.compile(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)", re.I)
    blanked = named.sub("_____", definition.rstrip("."))
    own = _words(term) - {w for other in others for w in _words(other)}
    if own & _words(blanked):
        return None
    if blanked != definition.rstrip("."):
        blanked += "" if blanked.endswith(("…", "?", "!")) else "."
        return gettext("Which term fills the blank: %(definition)s") % {"definition": blanked}
    return gettext("Which term means: %(definition)s?") % {"definition": blanked}


def _term_questions(vocabulary: list[dict], want: int) -> list[dict]:
    """ "Which term means ...?" with the section's other key terms as the wrong
    options; none whose question gives its answer away."""
    terms = [v["term"] for v in vocabulary]
    items = []
    for entry in vocabulary:
        if len(items) >= want:
            break
        others = [t for t in terms if t.casefold() != entry["term"].casefold()][:3]
        if not others:
            break
        question = _term_stem(entry["term"], entry["definition"], others)
        if question is None:
            continue
        options = [entry["term"], *others]
        position = (len(items) + _stable_index(entry["term"], len(options))) % len(options)
        options.insert(position, options.pop(0))
        items.append(
            {
                "question": question,
                "options": options,
                "answer_index": position,
                "explanation": gettext("The wrong options are other key terms of the section."),
                "source_ids": entry["source_ids"],
                "notes": [quoted("glossary")],
                "flags": [],
            }
        )
    return items


def quiz(ctx, computed, section: BookSection, first_block, vocabulary, shortfalls) -> list[dict]:
    want = ctx.quiz_count or 5
    items = []
    for p in computed:
        options = [p.answer] + [o for o, _ in p.wrong if o != p.answer]
        options = list(dict.fromkeys(options))[:4]
        if len(options) < 2:
            continue
        position = (len(items) + _stable_index(p.question, len(options))) % len(options)
        options.insert(position, options.pop(0))
        why = "; ".join(w for _, w in p.wrong)
        items.append(
            make_item(
                first_block,
                computed_note(p),
                question=p.question,
                options=options,
                answer_index=position,
                explanation=(
                    gettext("Each wrong option comes from a typical mistake: %(why)s.")
                    % {"why": why}
                )[:1200],
            )
        )
    for block in section.of_kind("review_question"):
        if len(items) >= want:
            break
        question, options, solution = bb.question_and_options(block)
        matches = [
            i
            for i, o in enumerate(options)
            if solution and bb.one_line(o).casefold() == solution.casefold()
        ]
        if len(options) >= 2 and len(matches) == 1 and question:
            items.append(
                make_item(
                    block,
                    quoted("review question"),
                    question=question,
                    options=options[:6],
                    answer_index=matches[0],
                    explanation="",
                )
            )
    items += _term_questions(vocabulary, max(0, want - len(items)))
    fewer_than_wanted(
        shortfalls,
        gettext(
            "Quiz: %(n)s questions instead of %(want)s: "
            "the section has no more questions with their answers."
        ),
        len(items),
        want,
    )
    return items[:want]
