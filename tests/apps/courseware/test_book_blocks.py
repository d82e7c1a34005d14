"""Reading a block into plain text a teacher reads: no box labels, figure
lines, blockquote marks or table pipes."""

from apps.courseware import book_blocks as bb
from apps.courseware.book_blocks import Block

EXAMPLE = """> **Example**
>
> > **Exercise**
> >
> > **Problem:** Add: 1/2 + 1/3.
> >
> > [Image: two fraction circles]
> >
> > **Solution:**
> >
> > | Find the LCD of 2, 3. | |
> > |---|---|
> > | Add. | 5/6 |
"""


def test_a_worked_example_gives_its_problem_and_its_solution():
    problem, solution = bb.problem_and_solution(Block("worked_example", EXAMPLE))
    assert problem == "Add: 1/2 + 1/3."
    assert "Find the LCD of 2, 3." in solution and "Add. \u2014 5/6" in solution
    assert "|" not in solution and "[Image" not in solution and ">" not in solution


def test_circled_part_letters_read_as_letters():
    block = Block("exercise", "> **Problem:** Name ⓐ 3/8 ⓑ 4/9\n>\n> **Solution:** ⓐ three eighths")
    problem, solution = bb.problem_and_solution(block)
    assert problem == "Name (a) 3/8 (b) 4/9"
    assert solution == "(a) three eighths"


def test_a_review_question_gives_its_stem_options_and_key():
    block = Block(
        "review_question",
        "> **Exercise**\n>\n> **Problem:** What is 1/2 + 1/4?\n>\n"
        "> 1. 3/4\n> 2. 2/6\n>\n> **Solution:** 3/4",
    )
    assert bb.question_and_options(block) == ("What is 1/2 + 1/4?", ["3/4", "2/6"], "3/4")


def test_objectives_glossary_and_equations():
    objectives = Block("objective", "**Learning objectives**\n\n- Add fractions\n- Find the LCD")
    assert bb.objectives(objectives) == ["Add fractions", "Find the LCD"]
    glossary = Block(
        "key_term", "## Glossary\n\n- **inertia**: the tendency of a body to stay at rest"
    )
    assert bb.key_terms(glossary) == [("inertia", "the tendency of a body to stay at rest")]
    table = Block("key_equation", "| Newton's second law | F_net = ma |\n|---|---|")
    assert bb.equations(table) == [("Newton's second law", "F_net = ma")]


def test_sentences_are_whole_and_about_the_subject():
    prose = Block(
        "prose",
        "### Add\n\nIn the previous section, we explained how to add. To add fractions with "
        "different denominators, first convert each to the LCD.\n\n- a list item that is not prose",
    )
    assert bb.sentences(prose) == [
        "To add fractions with different denominators, first convert each to the LCD."
    ]


def test_a_problem_that_needs_the_figure_is_known():
    assert bb.needs_figure("Find the value of the number modeled by the blocks shown.")
    assert not bb.needs_figure("Add: 1/2 + 1/3.")
    assert bb.needs_figure("Name the improper fraction modeled. Then write it as a mixed number.")


def test_boxes_ingestion_joined_in_one_passage_are_one_block_each_again():
    joined = (
        "> **Exercise**\n>\n> **Problem:** 1/3 and 1/12\n\n"
        "> **Exercise**\n>\n> **Problem:** 1/3 and 4/5"
    )
    boxes = bb.split_boxes(joined)
    assert [bb.problem_and_solution(Block("exercise", b))[0] for b in boxes] == [
        "1/3 and 1/12",
        "1/3 and 4/5",
    ]


def test_a_text_that_repeats_a_phrase_three_times_is_known():
    step = "How many equal parts are there? "
    assert bb.repetitive(step * 3)
    assert not bb.repetitive(step * 2 + "Five parts are shaded.")


IN_PARTS = """> **Worked Example: A Spring's Period and Wave Speed**
>
> > **Exercise**
> >
> > **Problem:** A spring is shaken 4 times a second. (a) What is the period? (b) Each wave
> > is 0.5 m long; how fast does it travel?
> >
> > > **Note: Strategy FOR (A)**
> > >
> > > The period is one over the frequency.
> >
> > **Solution:** T = 1/f = 1/(4 s^-1) = 0.25 s.
>
> > **Exercise**
> >
> > **Problem:** > **Note: Strategy FOR (B)**
> > >
> > > The speed is the frequency times the wavelength.
> >
> > **Solution:** v = f λ = (4 s^-1)(0.5 m) = 2 m/s.
"""


def test_a_worked_example_in_parts_solves_every_part_and_labels_its_strategy():
    problem, solution = bb.problem_and_solution(Block("worked_example", IN_PARTS))
    assert problem.startswith("A spring is shaken 4 times a second.")
    assert problem.endswith("Strategy for (a): The period is one over the frequency.")
    assert solution.startswith("T = 1/f = 1/(4 s^-1) = 0.25 s.")
    assert "Strategy for (b): The speed is the frequency times the wavelength." in solution
    assert solution.endswith("= 2 m/s.")
    assert "Problem" not in solution and "Solution" not in solution
    assert not any(line.startswith(" ") for line in solution.splitlines())


def test_an_exercise_box_keeps_its_first_problems_solution_only():
    problem, solution = bb.problem_and_solution(Block("exercise", IN_PARTS))
    assert solution == "T = 1/f = 1/(4 s^-1) = 0.25 s."


def test_a_problem_whose_data_is_only_in_its_figure_is_known():
    shaded = """> **Try**
>
> > **Exercise**
> >
> > **Problem:** Name the fraction. Then write it in words.
> >
> > [Image: A circle divided into four equal pieces, three of them shaded.]
> >
> > **Solution:** 3/4, three fourths
"""
    assert bb.data_in_figure(Block("exercise", shaded))
    assert not bb.data_in_figure(Block("worked_example", EXAMPLE))  # "Add: 1/2 + 1/3." beside it
    assert not bb.data_in_figure(Block("exercise", shaded.replace("[Image: ", "[Note: ")))
