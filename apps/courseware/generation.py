"""Each part of a lesson, built from model-filled drafts plus code.

``fill(prompt, schema, title)`` returns a validated draft or raises; the run
binds it to ``core.reasoning.structured.generate_structured``. Code decides
what code can: timings, which passage each item rests on (always one that was
retrieved), the position of the correct option, arithmetic answers. When the
model's output fails twice, the part is written from the passage by code and
marked, so the lesson still finishes.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from pydantic import BaseModel

from apps.courseware import arithmetic, drafts, planning
from apps.courseware.checks import option_value
from apps.courseware.lesson import SourcePassage, normalise

log = logging.getLogger(__name__)
Fill = Callable[[str, type[BaseModel], str], BaseModel]
FALLBACK_FLAG = (
    "written by code from the source passage: the model's draft was unusable or its time ran out"
)


class TimeBudgetSpent(Exception):
    """The lesson's time for model calls is spent; code writes the rest from the sources."""


MAX_CODE_MATH = 2  # worked sums per worksheet / quiz taken from the passages


@dataclass
class Context:
    topic: str
    grade: int
    minutes: int
    language: str = "en"
    language_name: str = "English"
    subject: str = ""
    differentiation: str | None = None
    parts: list[str] = field(default_factory=lambda: ["plan", "slides", "worksheet", "quiz"])
    quiz_count: int = 5
    worksheet_count: int = 4
    standards: list[str] = field(default_factory=list)
    uncited: bool = False

    def prompt_vars(self) -> dict:
        return {
            "topic": self.topic,
            "grade": self.grade,
            "minutes": self.minutes,
            "language_name": self.language_name,
            "differentiation": self.differentiation,
        }


def tidy(text: object, limit: int = 600) -> str:
    return " ".join(str(text).split())[:limit].strip()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def best_source(text: str, sources: list[SourcePassage]) -> list[str]:
    """The id of the retrieved passage sharing most words with ``text``."""
    if not sources:
        return []
    words = _words(text)
    best = max(sources, key=lambda s: len(words & _words(s.excerpt + " " + s.heading)))
    return [best.id]


# The machinery of the prompt (it shows the JSON schema) that a small model
# writes back as lesson content: "What is a JSON Schema?", "items[0]", field names.
_ECHO = re.compile(r"json|schema|max_?items|min_?items|items\[|\b[a-z]+_[a-z_]+\b", re.I)
# Outline numbering a model copies from a syllabus: "3.1.1.1: ", "1. ", "2) ".
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.:)]?\s+")


def usable(text: object, min_words: int = 3, topic: str = "") -> bool:
    """Model text worth keeping: enough words, not one phrase repeated, made of
    words rather than numbering, and not the prompt's schema echoed back (unless
    the lesson is about such things)."""
    text = str(text)
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (
        len(words) >= min_words
        and len({w.lower() for w in words}) > len(words) // 3
        and letters >= 3
        and letters >= sum(c.isdigit() for c in text)
        and not _echoes(text, topic)
    )


def _echoes(text: str, topic: str) -> bool:
    """Whether ``text`` echoes the prompt's schema when the topic itself does not."""
    return bool(_ECHO.search(text)) and not _ECHO.search(topic)


def unnumbered(text: str) -> str:
    return _NUMBERING.sub("", text).strip()


# Words any lesson text may use; sharing one of them says nothing about the topic.
GENERIC = {w[:5] for w in ("chapter", "section", "lesson", "introduction", "students", "learn")}


def on_topic(text: str, ctx: Context, sources: list[SourcePassage], body: bool = False) -> bool:
    """Whether English model text shares a content word (its first five letters)
    with the topic or the passages' headings (and their text, with ``body``).
    Other languages are not checked: the passages may be in another language."""
    if ctx.language != "en":
        return True
    anchors = " ".join([ctx.topic, *(s.heading for s in sources)])
    if body:
        anchors += " " + " ".join(s.excerpt for s in sources)
    known = {w for w in _words(anchors) if w[:5] not in GENERIC}
    return any(_same_word(w, k) for w in _words(text) for k in known)


def _same_word(a: str, b: str) -> bool:
    """Same first five letters ("fraction" ~ "fractions"), or a four-letter word
    and the start of the other ("push" ~ "pushes")."""
    n = 4 if min(len(a), len(b)) == 4 else 5
    return a[:n] == b[:n]


def _try(fill: Fill, prompt: str, schema: type[BaseModel], title: str) -> BaseModel | None:
    from core.runs.steps import RunCancelled

    try:
        return fill(prompt, schema, title)
    except TimeBudgetSpent:
        return None
    except RunCancelled:
        raise  # the teacher stopped the run: no code fallback
    except Exception as exc:  # the model's failure is recorded on the run; code takes over
        errors = getattr(exc, "errors", None) or []
        log.warning("courseware: %s fell back to code: %s %s", title, exc, errors[:3])
        return None


def _sentences(text: str) -> list[str]:
    clean = re.sub(r"[#>*_`|\[\]]", " ", text)
    return [
        s.strip()
        for s in re.split(r"(?<=[.!?])\s+", " ".join(clean.split()))
        if len(s.split()) >= 4
    ]


def _stable_index(key: str, size: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % size


# --- outline -----------------------------------------------------------------


def make_outline(fill: Fill, ctx: Context, sources: list[SourcePassage]) -> dict:
    draft = _try(
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
    draft = _try(
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


# --- learning cycles -----------------------------------------------------------


def cycle_sources(sources: list[SourcePassage], count: int) -> list[SourcePassage | None]:
    """One passage per cycle, the best-ranked first; reused when there are fewer."""
    if not sources:
        return [None] * count
    return [sources[i % len(sources)] for i in range(count)]


def make_cycle(fill: Fill, ctx: Context, passage: SourcePassage | None, objective: str) -> dict:
    prompt = drafts.cycle_prompt(ctx.prompt_vars(), passage or _no_source(ctx), objective)
    draft = _try(fill, prompt, drafts.CycleDraft, f"Learning cycle: {objective[:40]}")
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
    return _cycle_from_passage(ctx, passage, objective, source_ids)


def _cycle_from_passage(
    ctx: Context, passage: SourcePassage | None, objective: str, source_ids: list[str]
) -> dict:
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


def _no_source(ctx: Context) -> SourcePassage:
    return SourcePassage(id="", document_title="none", excerpt=ctx.topic)


PROVISIONAL_NOTE = (
    "provisional: written by code from the source passage while the model writes its version"  # noqa: E501
)


def _no_model(prompt: str, schema: type[BaseModel], title: str) -> BaseModel:
    raise TimeBudgetSpent(title)


def first_draft(ctx: Context, sources: list[SourcePassage]) -> dict:
    """The first part the teacher sees, made by code in well under a second right
    after retrieval: objectives from the passages' headings, one learning cycle
    per passage (its own sentences, cited) and the timed phases. Every item is
    noted as provisional; the model's parts replace them as they are written."""
    outline = make_outline(_no_model, ctx, sources)
    count = planning.cycle_count(ctx.minutes)
    cycles = []
    for index, passage in enumerate(cycle_sources(sources, count)):
        objective = outline["objectives"][index % len(outline["objectives"])]["text"]
        source_ids = [passage.id] if passage and not ctx.uncited else []
        cycles.append(_cycle_from_passage(ctx, passage, objective, source_ids))
    for item in [*outline["objectives"], *cycles]:
        item["notes"] = [PROVISIONAL_NOTE]
    return {**outline, "cycles": cycles, "phases": make_phases(ctx, cycles)}


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


# --- worksheet and quiz ------------------------------------------------------------


def worked_tasks(
    sources: list[SourcePassage], limit: int
) -> list[tuple[arithmetic.Task, SourcePassage]]:
    """Tasks in the passages whose answers code works out exactly: sums, equations
    to solve, roundings, percentages and fractions of a number (at most ``limit``)."""
    found, seen = [], set()
    for passage in sources:
        for line in passage.excerpt.splitlines():
            task = arithmetic.find_task(line)
            if task is None or len(task.question) > 80 or task.question in seen:
                continue
            if task.value.denominator > 1000 or abs(task.value) > 10**9:
                continue
            seen.add(task.question)
            found.append((task, passage))
            if len(found) >= limit:
                return found
    for passage in sources:  # then practice made from the numbers the passages use
        for task in arithmetic.tasks_from_numbers(passage.excerpt):
            if task.question in seen:
                continue
            seen.add(task.question)
            found.append((task, passage))
            if len(found) >= limit:
                return found
    return found


DERIVED_NOTE = (
    "practice made by code from the numbers in the source passage; key worked out by code"  # noqa: E501
)


_NUMERIC = re.compile(r"(?<![\w.])-?\d+(?:[.,/]\d+)?(?![\w/])")


def has_tasks(passage: SourcePassage | None) -> bool:
    """Whether the passage is numerical enough to ask for a calculation: it works
    one out, or it holds several numbers or fractions (maths, or physics with data)."""
    if passage is None:
        return False
    return bool(worked_tasks([passage], 1)) or len(_NUMERIC.findall(passage.excerpt)) >= 4


def make_worksheet(fill: Fill, ctx: Context, sources: list[SourcePassage]) -> list[dict]:
    items = []
    for task, passage in worked_tasks(sources, MAX_CODE_MATH):
        question = task.question + (" Show your working." if task.kind == "sum" else "")
        items.append(_item(question, task.key, passage, ctx))
        if task.derived:
            items[-1]["notes"].append(DERIVED_NOTE)
    for index in range(max(1, ctx.worksheet_count - len(items))):
        passage = sources[index % len(sources)] if sources else None
        prompt = drafts.worksheet_prompt(
            ctx.prompt_vars(), passage or _no_source(ctx), maths=has_tasks(passage)
        )
        draft = _try(fill, prompt, drafts.WorksheetDraft, f"Worksheet item {index + 1}")
        if draft and usable(draft.question, 3, ctx.topic) and usable(draft.answer, 1, ctx.topic):
            item = _item(tidy(draft.question, 300), tidy(draft.answer, 200), passage, ctx)
        else:
            item = _worksheet_from_passage(ctx, passage, index)
        if normalise(item["prompt"]) not in {normalise(i["prompt"]) for i in items}:
            items.append(item)
    return items


def code_key(question: str, key: str) -> tuple[str, list[str]]:
    """The key code computes when the question holds a sum; a note when the
    model's key differed (kept visible, not silently replaced)."""
    try:
        status, value = arithmetic.check_key(question, key)
    except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
        return key, []
    if status in ("unchecked", "ok"):
        return key, []
    computed = arithmetic.format_value(value)
    return computed, [f'the model\'s key "{key}" was replaced by the computed value {computed}']


def _item(prompt: str, answer: str, passage: SourcePassage | None, ctx: Context) -> dict:
    source_ids = [passage.id] if passage and not ctx.uncited else []
    answer, notes = code_key(prompt, answer)
    return {
        "prompt": prompt,
        "answer": answer,
        "level": ctx.differentiation or "on",
        "source_ids": source_ids,
        "notes": notes,
        "flags": [],
    }


def _worksheet_from_passage(ctx: Context, passage: SourcePassage | None, index: int) -> dict:
    sentences = _sentences(passage.excerpt) if passage else []
    answer = sentences[index % len(sentences)] if sentences else ctx.topic
    topic = passage.heading if passage and passage.heading else ctx.topic
    item = _item(f"Explain one key fact about {topic}.", tidy(answer, 200), passage, ctx)
    item["notes"] = [FALLBACK_FLAG]
    return item


def math_distractors(value: Fraction, places: int = 0) -> list[str]:
    """Three wrong values a student might give, written like the answer
    (``places`` decimals for a rounded answer)."""
    candidates = [
        value + 1,
        value - 1,
        value * 2,
        value + 10,
        value - 10,
        value / 2,
        -value,
        value * 10,
    ]
    if value.denominator > 1:
        candidates[:0] = [
            Fraction(value.numerator, value.denominator + 1),
            Fraction(value.numerator + 1, value.denominator),
        ]
    if places:
        step = Fraction(1, 10**places)
        candidates = [value + step, value - step, value * 10, value / 10, value + 10 * step]
    answer = arithmetic.format_decimal(value, places)
    out: list[str] = []
    for candidate in candidates:
        text = arithmetic.format_decimal(candidate, places)
        if candidate != value and text not in out and (value < 0 or candidate >= 0):
            out.append(text)
        if len(out) == 3:
            break
    return sorted(out, key=lambda t: abs(len(t) - len(answer)))[:3]


def _mcq(
    question: str, correct: str, wrong: list[str], explanation: str, passage, ctx: Context
) -> dict | None:
    correct, notes = code_key(question, correct)
    options = [correct]
    for option in wrong:
        value = option_value(option)
        if not option or normalise(option) in {normalise(o) for o in options}:
            continue
        if value is not None and value in {option_value(o) for o in options}:
            continue  # "2/4" beside "1/2": two correct options
        options.append(option)
    if len(options) < 2:
        return None
    options = options[:4]
    position = _stable_index(question, len(options))
    options.insert(position, options.pop(0))
    source_ids = [passage.id] if passage and not ctx.uncited else []
    return {
        "question": question,
        "options": options,
        "answer_index": position,
        "explanation": explanation,
        "source_ids": source_ids,
        "notes": notes,
        "flags": [],
    }


def make_quiz(
    fill: Fill, ctx: Context, sources: list[SourcePassage], vocabulary: list[dict]
) -> list[dict]:
    items: list[dict] = []
    for task, passage in worked_tasks(sources, MAX_CODE_MATH):
        if len(items) >= ctx.quiz_count:
            break
        places = len(task.key.partition(".")[2]) if task.kind == "rounding" else 0
        answer = arithmetic.format_decimal(task.value, places)
        wrong = math_distractors(task.value, places)
        if task.kind == "comparison":
            answer, wrong = task.key, [c for c in task.choices if c != task.key]
        elif task.kind == "mixed number":
            answer = task.key
            wrong = [arithmetic.format_mixed(arithmetic.Fraction(w)) for w in wrong]
        item = _mcq(task.question, answer, wrong, f"Worked out: {answer}.", passage, ctx)
        if item and task.derived:
            item["notes"].append(DERIVED_NOTE)
        if item:
            items.append(item)
    index = 0
    while len(items) < ctx.quiz_count and index < ctx.quiz_count * 2:
        passage = sources[index % len(sources)] if sources else None
        index += 1
        draft = _try(
            fill,
            drafts.quiz_prompt(
                ctx.prompt_vars(), passage or _no_source(ctx), maths=has_tasks(passage)
            ),
            drafts.QuizDraft,
            f"Quiz question {len(items) + 1}",
        )
        item = None
        if draft and usable(draft.question, 3, ctx.topic) and option(draft.correct_answer, ctx):
            item = _mcq(
                tidy(draft.question, 300),
                tidy(draft.correct_answer, 120),
                [tidy(w, 120) for w in draft.wrong_answers if option(w, ctx)],
                tidy(draft.explanation, 300),
                passage,
                ctx,
            )
        if item is None:
            item = _vocabulary_question(vocabulary, len(items), ctx, sources)
        if item is None and passage is not None:
            item = _cloze_question(passage, sources, len(items), ctx)
        if item and normalise(item["question"]) not in {normalise(i["question"]) for i in items}:
            items.append(item)
    return items


def option(text: str, ctx: Context) -> bool:
    """A quiz option worth showing: a word or a number, not punctuation or schema."""
    text = tidy(text)
    return bool(re.search(r"\w", text)) and not _echoes(text, ctx.topic)


def _vocabulary_question(
    vocabulary: list[dict], index: int, ctx: Context, sources: list[SourcePassage]
) -> dict | None:
    """Code-made: which key word matches this definition?"""
    if len(vocabulary) < 2:
        return None
    target = vocabulary[index % len(vocabulary)]
    others = [v["term"] for v in vocabulary if v is not target]
    passage = next((s for s in sources if s.id in target["source_ids"]), None)
    item = _mcq(
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


def _long_words(text: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"[A-Za-z]{6,}", text)))


def _cloze_question(
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
    item = _mcq(
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
