"""With a served R1 that answers well (the fake vLLM server, R1's wire format),
most answers are shown as the model's; a wrong number or citation is still caught."""

import pytest

from core.reasoning.grounded import answer_with_sources
from core.retrieval.passages import Passage
from core.steps.events import ListSink, Steps
from tests.fakes.vllm import Script, serving

# (question, passage, a correct cited answer); the wording is the model's, not a copy.
CASES = [
    (
        "What is friction?",
        "Friction is a force that opposes the motion of two surfaces sliding past each other.",
        "Friction is a force that resists two surfaces sliding over one another [1].",
    ),
    (
        "How much moisture can stored wheat have?",
        "Wheat keeps well in storage only when its moisture is below 14 percent.",
        "Stored wheat should stay below 14 percent moisture [1].",
    ),
    (
        "What is a numerator?",
        "In a fraction, the numerator is the number above the bar; it counts the parts taken.",
        "The numerator is the number above the fraction bar, counting the parts taken [1].",
    ),
    (
        "What does Newton's first law say?",
        "Newton's first law says a body stays at rest or in uniform motion unless a net "
        "external force acts on it.",
        "A body keeps its state of rest or uniform motion unless a net external force acts "
        "on it [1].",
    ),
    (
        "What is the minimum clear width of a door?",
        "Door openings shall provide a clear width of 815 mm minimum.",
        "A door must give at least 815 mm of clear width [1].",
    ),
    (
        "What is the wavelength of a wave?",
        "The wavelength is the distance between two neighbouring crests of a wave.",
        "Wavelength is the distance from one crest of a wave to the next crest [1].",
    ),
    (
        "When should onions be sold after harvest?",
        "Onion prices usually rise by 10 to 15 percent in the three months after harvest, "
        "while storage losses reach 5 percent a month.",
        "Prices often rise 10 to 15 percent in the three months after harvest, but storage "
        "losses can reach 5 percent a month [1].",
    ),
    (
        "What is a prime number?",
        "A prime number is a counting number greater than 1 whose only factors are 1 and itself.",
        "A prime number is a counting number above 1 with no factors but 1 and itself [1].",
    ),
    (
        "What is velocity?",
        "Velocity is the speed of an object together with the direction of its motion.",
        "Velocity is an object's speed together with the direction it moves in [1].",
    ),
    (
        "How high may a stair riser be?",
        "Stair riser heights shall be 100 mm minimum and 180 mm maximum.",
        "A stair riser must be between 100 mm and 180 mm high [1].",
    ),
]


def passage(text):
    return Passage(1, text, 1, "Notes", "notes", "Notes", None, 0, len(text), "", "")


def answer(question, text, said):
    with serving(Script(reasoning=["Source 1 says it."], content=[said])):
        return answer_with_sources(Steps(ListSink()), question=question, passages=[passage(text)])


def test_at_least_nine_in_ten_good_answers_are_shown_as_the_models():
    origins = [answer(q, text, said).origin for q, text, said in CASES]
    assert origins.count("model") >= 9, list(zip([c[0] for c in CASES], origins, strict=True))


@pytest.mark.parametrize(
    "said, caught",
    [
        ("A door must give at least 850 mm of clear width [1].", "unsupported_number"),
        ("A door must give at least 815 mm of clear width [2].", "bad_citation"),
    ],
)
def test_a_wrong_number_or_citation_in_a_good_looking_answer_is_caught(said, caught):
    q, text, _ = CASES[4]
    result = answer(q, text, said)
    assert result.origin == "composed"
    assert caught in {f["name"] for f in result.checks["failures"]}
    assert "815 mm" in result.answer and "[1]" in result.answer
