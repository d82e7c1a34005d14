"""A book lesson's worked examples: the section's own a class can follow without
the book's figure; where it has none, one solved by code, else those of nearby
sections on the topic; and the text a cycle shows for one."""

from __future__ import annotations

import re

from django.utils.translation import gettext, ngettext

from apps.courseware import book_blocks as bb
from apps.courseware.book_section import BookSection, section_title, stems
from apps.courseware.computed_examples import Example, from_equation, from_practice


def usable(problem: str, solution: str) -> bool:
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


def worked_examples(blocks: list[bb.Block]) -> list[tuple[str, str, bb.Block]]:
    """(problem, solution, block) of each worked example a class can follow from
    the lesson alone: the book's figure is not in the lesson (nor a solution
    reading it), and a solution that repeats itself reads as a loop."""
    return [
        (p, s, b)
        for b in blocks
        for p, s in [bb.problem_and_solution(b)]
        if usable(p, s)
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
