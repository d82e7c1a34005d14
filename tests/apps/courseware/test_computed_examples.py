"""A worked example solved by code when the book gives none: the problem from a
key equation the section states (any equation of the two forms, its values the
section's own, with units), the solution step by step, computed and checked."""

from apps.courseware.book_practice import fractions_unlike
from apps.courseware.computed_examples import from_equation, from_practice
from apps.courseware.evaluation.teaching import written_sums


def test_the_example_states_the_sections_quantities_and_solves_it_step_by_step():
    problems = ["A sprinter of mass 65.0 kg accelerates at 1.5 m/s^2. What force acts?"]
    example = from_equation("F_net = ma or ΣF = ma", problems, "")
    assert example.problem == (
        "The mass is m = 65.0 kg and the acceleration is a = 1.5 m/s^2. Find the force F_net."
    )
    assert example.solution.splitlines() == [
        "Step 1: the equation, F_net = m × a.",
        "Step 2: substitute the values, F_net = (65.0 kg) × (1.5 m/s^2).",
        "Step 3: compute, 65.0 × 1.5 = 97.5.",
        "Step 4: the answer, F_net = 97.5 N.",
    ]
    assert example.source == "the key equation F_net = m × a"
    assert written_sums(example.solution) == [("97.5", True)]


def test_an_equation_of_symbols_it_was_never_told_about_is_read_from_the_section():
    text = (
        "Density is mass per volume. A block with m = 1.5 kg fills V = 0.50 m^3.\n"
        "So its density is high."
    )
    example = from_equation("ρ = m/V", [], text)
    assert "V = 0.50 m^3" in example.problem and "m = 1.5 kg" in example.problem
    assert "Step 3: compute, 1.5 ÷ 0.50 = 3." in example.solution
    assert example.solution.endswith("the answer, ρ = 3 kg/m^3.")


def test_a_constant_the_section_states_is_used_and_a_quotient_that_does_not_end_is_not():
    text = "On Earth, g = 9.80 m/s^2. A 5.00 kg mass hangs from a rope."
    example = from_equation("W = mg", [], text)
    assert "Step 4: the answer, W = 49 N." in example.solution
    assert from_equation("a = F_net/m", ["A force of 10 N on a 3 kg cart."], "") is None


def test_no_example_without_a_readable_equation_or_the_sections_values():
    assert from_equation("E = mc^2", ["A mass of 2 kg."], "") is None
    assert from_equation("v = fλ", [], "A wave is a disturbance that travels.") is None


def test_a_computed_practice_item_becomes_an_example_with_its_worked_key():
    item = fractions_unlike({2, 3, 4, 6})[0]
    example = from_practice(item)
    assert example.problem == item.question
    assert example.source.startswith("the rule for fractions with unlike denominators")
    sums = written_sums(example.solution)
    assert sums and all(right for _, right in sums)
    assert example.solution.endswith(f"the answer, {item.answer}.")
