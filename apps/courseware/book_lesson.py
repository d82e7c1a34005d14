"""A lesson assembled from the book's own teaching structure, with computed practice.

The title is the teacher's topic; objectives are the section's learning
objectives (made measurable), or one built from its heading; vocabulary is the
section's key terms with their glossary definitions; one learning cycle per
objective, each with sentences quoted from the section's prose, a worked
example with its solution, a check for understanding with its answer and
practice; the plenary uses the section summary. Worksheet and quiz: computed
items first, then the book's exercises and review questions that carry their
answers. Every item cites its block and says in its notes where it came from.
Where the book gives too little, fewer items, said in ``notes`` of the lesson
parts (``shortfalls``), never filler.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, ngettext

from apps.courseware import book_blocks as bb
from apps.courseware import planning
from apps.courseware.book_items import computed_note, make_item, quiz, quoted, worksheet
from apps.courseware.book_practice import computed_practice
from apps.courseware.book_section import BookSection, section_title, stems
from apps.courseware.computed_examples import Example, from_equation, from_practice
from apps.courseware.formulas import formula
from apps.courseware.lesson_context import Context
from apps.courseware.plan_writing import make_phases

MEASURABLE = (
    "identify define explain describe add subtract multiply divide solve calculate compare "
    "find use apply convert round write simplify estimate measure classify predict model "
    "locate order name draw differentiate discuss evaluate translate determine graph "
    "interpret recognize recognise analyze analyse list state distinguish"
).split()
_VAGUE = {"understand": "Explain", "learn": "Describe", "know": "State", "discover": "Find"}
MIN_DEFINITION_WORDS = 3


def measurable(objective: str, from_book: bool = True) -> str:
    """The objective opening with a measurable verb ("Understand x" -> "Explain x");
    a book's own objective keeps its verb unless it is a vague one, a heading
    without a verb gets "Explain"."""
    text = objective.strip().rstrip(".;,")
    text = re.sub(r",?\s*and$", "", text)
    first, _, rest = text.partition(" ")
    verb = first.casefold()
    if verb in _VAGUE:
        return f"{_VAGUE[verb]} {rest}"
    if verb in MEASURABLE or (from_book and verb.isalpha() and first[:1].isupper()):
        return text[0].upper() + text[1:]
    # "Introduction to Fractions" -> "Describe fractions": the heading's subject, not its form.
    subject = re.sub(r"^(?:an? )?(?:introduction|overview) (?:to|of) ", "", text, flags=re.I)
    if subject != text:
        return gettext("Describe %(what)s") % {"what": subject}
    return gettext("Explain %(what)s") % {"what": text}


def objectives_of(section: BookSection, topic: str, count: int) -> list[tuple[str, list[str]]]:
    """(objective, cited chunk ids), those nearest the topic first."""
    found = []
    for block in section.of_kind("objective"):
        found += [(measurable(o), block.chunk_ids[:1]) for o in bb.objectives(block)]
    if not found:
        first = section.blocks[0].chunk_ids[:1] if section.blocks else []
        found = [(measurable(section.title, from_book=False), first)]
    wanted = stems(topic)
    found.sort(key=lambda o: -len(wanted & stems(o[0])))
    return _unique(found)[:count]


def _unique(pairs):
    seen, out = set(), []
    for text, ids in pairs:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append((text, ids))
    return out


def vocabulary_of(section: BookSection, limit: int = 6) -> list[dict]:
    headings = {h.casefold() for b in section.blocks for h in b.heading.split(" > ")}
    items, seen = [], set()
    for block in section.of_kind("key_term"):
        pairs = bb.key_terms(block)
        label = re.match(r"^\s*(?:>\s*)?\*\*Note:\s*([^*\n]+)\*\*", block.text)
        if label and not pairs:
            term = label.group(1).strip()
            first = [
                s
                for s in bb.sentences(block)[:2]
                if re.search(r"\b(?:is|are|means|is called)\b", s) and stems(term) & stems(s)
            ]
            pairs = [(term, first[0])] if first else []
        for term, definition in pairs:
            words = [w for w in definition.split() if w.casefold() not in term.casefold().split()]
            if len(words) < MIN_DEFINITION_WORDS or term.casefold() in headings:
                continue
            if term.casefold() in seen:
                continue
            seen.add(term.casefold())
            items.append(
                make_item(block, quoted("glossary"), term=term[:120], definition=definition[:600])
            )
    return items[:limit]


def _usable(problem: str, solution: str) -> bool:
    """A problem and solution a class can read without the book's figure."""
    return bool(problem and solution and len(problem) <= 1200)


def example_text(problem: str, solution: str, limit: int = 1500, solved_by: str = "") -> str:
    """The worked example as the cycle shows it; one solved by code says so and
    with what (``solved_by``: "the key equation F_net = m × a")."""
    # The book's discussion after the solution ("Note: ...") is left to the book.
    solution = re.split(r"\n(?:Note|Discussion):", solution)[0].strip()
    solution = solution if len(solution) <= limit else _cut(solution, limit)
    if solved_by:
        return gettext(
            "Worked example (solved by code with %(rule)s): %(problem)s\nSolution: %(solution)s"
        ) % {"rule": solved_by, "problem": problem, "solution": solution}
    return gettext("Worked example: %(problem)s\nSolution: %(solution)s") % {
        "problem": problem,
        "solution": solution,
    }


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to whole lines within ``limit``."""
    out = ""
    for line in text.split("\n"):
        if len(out) + len(line) + 1 > limit:
            break
        out += line + "\n"
    return out.strip() or text[: text.rfind(" ", 0, limit)]


def assemble(ctx: Context, section: BookSection) -> dict:
    """The lesson's parts from ``section`` (objectives, vocabulary, cycles,
    phases, worksheet, quiz) and ``shortfalls``: what the book could not give."""
    objectives = objectives_of(section, ctx.topic, planning.cycle_count(ctx.minutes))
    examples = worked_examples(section.of_kind("worked_example"))
    exercises = usable_exercises(section)
    text = "\n".join(b.text for b in section.blocks)
    asked = [bb.problem_and_solution(b)[0] for b in section.of_kind("worked_example", "exercise")]
    computed = practice_of(ctx, section, text, [p for p, _, _ in examples + exercises], asked)
    shortfalls, solved_by, borrowed = [], {}, {}
    if not examples:
        examples, solved_by, borrowed, missing = substitute_examples(
            section, ctx.topic, asked, text, computed
        )
        shortfalls.append(missing)
    if not computed:
        shortfalls.append(gettext("No practice could be computed for this topic's operation."))
    first_block = section.blocks[0] if section.blocks else None
    vocabulary = vocabulary_of(section)
    prose = [(s, b) for b in section.of_kind("prose") for s in bb.sentences(b)]
    used = {"examples": set(), "exercises": set(), "prose": set()}
    used |= {"solved": solved_by, "solved_shown": set(), "terms": set(), "borrowed": borrowed}
    used |= {"open": open_questions(section), "open_used": set()}
    cycles = [
        _cycle(i, objective, prose, examples, exercises, computed, first_block, used, vocabulary)
        for i, (objective, _ids) in enumerate(objectives)
    ]
    cycles = [c for c in cycles if c is not None]
    sheet = worksheet(ctx, computed, exercises, vocabulary, first_block, shortfalls)
    questions = quiz(ctx, computed, section, first_block, vocabulary, shortfalls)
    return {
        "title": ctx.topic[:300],
        "objectives": objective_items(section, objectives),
        "vocabulary": vocabulary,
        "cycles": cycles,
        "phases": phases_of(ctx, section, cycles),
        **({"worksheet": sheet} if "worksheet" in ctx.parts else {}),
        **({"quiz": questions} if "quiz" in ctx.parts else {}),
        "shortfalls": shortfalls,
    }


def usable_exercises(section: BookSection) -> list[tuple[str, str, bb.Block]]:
    """(problem, solution, block) of the section's exercises a class can do
    without the book's figure."""
    return [
        (p, s, b)
        for b in section.of_kind("exercise")
        for p, s in [bb.problem_and_solution(b)]
        if _usable(p, s)
        and not bb.needs_figure(p)
        and not bb.needs_figure(s)
        and not bb.data_in_figure(b)
    ]


def practice_of(ctx: Context, section: BookSection, text: str, problems, asked) -> list:
    """Practice computed on the topic's operation, else on the section's key equations."""
    listed = [o for b in section.of_kind("objective") for o in bb.objectives(b)]
    computed = computed_practice(ctx.topic, section.title, text, problems, listed)
    if not computed:
        for block in section.of_kind("key_equation"):
            for name, equation in bb.equations(block):
                computed += formula(name, equation, asked, text)
    return computed


def substitute_examples(section: BookSection, topic: str, asked, text: str, computed):
    """For a section without worked examples: (one solved by code, else those
    quoted from nearby sections; the problems solved by code with their rule;
    the borrowed problems with their section's title; the shortfall saying so)."""
    missing = gettext("The section has no worked examples with their solutions.")
    made = solved_example(section, asked, text, computed)
    if made is not None:
        example, block = made
        missing += " " + gettext("One worked example was solved by code instead.")
        return (
            [(example.problem, example.solution, block)],
            {example.problem: example.source},
            {},
            missing,
        )
    examples = nearby_examples(section, topic)
    borrowed = {p: section_title(b.heading) for p, _, b in examples}
    if examples:
        titles = ", ".join(f"“{t}”" for t in dict.fromkeys(borrowed.values()))
        missing += " " + ngettext(
            "%(n)s worked example is quoted from a nearby section of the chapter: %(titles)s.",
            "%(n)s worked examples are quoted from nearby sections of the chapter: %(titles)s.",
            len(examples),
        ) % {"n": len(examples), "titles": titles}
    return examples, {}, borrowed, missing


def objective_items(section: BookSection, objectives) -> list[dict]:
    note = (
        quoted("objectives")
        if section.of_kind("objective")
        else gettext("computed by code from the section heading")
    )
    return [{"text": o, "source_ids": ids, "notes": [note], "flags": []} for o, ids in objectives]


def phases_of(ctx: Context, section: BookSection, cycles: list[dict]) -> list[dict]:
    """The timed phases; the plenary reviews the objectives with the section's summary."""
    phases = make_phases(ctx, cycles)
    summary = [p for b in section.of_kind("summary") for p in bb.summary_points(b)]
    if summary:
        phases[-1]["activity"] = (
            gettext("Review the objectives with the section's summary:")
            + " "
            + " ".join(summary[:3])
        )[:1200]
    return phases


def worked_examples(blocks: list[bb.Block]) -> list[tuple[str, str, bb.Block]]:
    """(problem, solution, block) of each worked example a class can follow from
    the lesson alone: the book's figure is not in the lesson (nor a solution
    reading it), and a solution that repeats itself reads as a loop."""
    return [
        (p, s, b)
        for b in blocks
        for p, s in [bb.problem_and_solution(b)]
        if _usable(p, s)
        and not bb.needs_figure(p)
        and not bb.needs_figure(s)
        and not bb.data_in_figure(b)
        and not bb.repetitive(example_text(p, s))
    ]


NEARBY_EXAMPLES = 2


def nearby_examples(section: BookSection, topic: str) -> list[tuple[str, str, bb.Block]]:
    """The worked examples of the chapter's other sections that are about the
    topic (its words, or the section title's, in the problem or solution), those
    sharing most words first, then the nearest; at most ``NEARBY_EXAMPLES``."""
    wanted = stems(topic) | stems(section.title)
    scored = []
    for order, found in enumerate(worked_examples(section.nearby)):
        shared = len(wanted & stems(f"{found[0]} {found[1]}"))
        if shared:
            scored.append((-shared, order, found))
    return [found for *_, found in sorted(scored, key=lambda s: s[:2])][:NEARBY_EXAMPLES]


def solved_example(
    section: BookSection, problems: list[str], text: str, computed: list
) -> tuple[Example, bb.Block | None] | None:
    """One worked example solved by code, with the block it comes from: on the
    section's first key equation code can work with its own values, else on the
    last computed practice item with worked steps; None when neither."""
    for block in section.of_kind("key_equation"):
        for _name, equation in bb.equations(block):
            example = from_equation(equation, problems, text)
            if example is not None:
                return example, block
    for item in reversed(computed):  # the first items are the cycles' checks
        example = from_practice(item)
        if example is not None:
            return example, section.blocks[0] if section.blocks else None
    return None


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


def _cycle(
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
