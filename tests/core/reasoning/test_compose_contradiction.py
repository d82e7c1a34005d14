"""Questions that share a passage's words but ask something it does not say."""

from core.reasoning.compose import SourceText, compose_answer
from core.reasoning.compose.contradiction import conflict

LIBRARY = (
    "In 1273, the Mongols created the Imperial Library Directorate, a government-sponsored "
    "printing office. It printed calendars and almanacs for the whole empire."
)


def test_a_negated_question_is_not_a_conflict_by_itself():
    # Measured: fair questions ask "not" of passages that say it other ways.
    assert conflict("When was the library directorate not created?", LIBRARY, LIBRARY) == ""


def test_the_opposite_extreme_and_a_number_the_passage_never_gives():
    sentence = "In 1990 the firm became the largest television company in the country."
    assert "largest" in conflict("Which is the smallest television company?", sentence, sentence)
    assert conflict("Which is the largest television company?", sentence, sentence) == ""
    officer = "Paulson was the 74th Secretary of the Treasury."
    assert "75" in conflict("Who was the 75th Secretary of the Treasury?", officer, officer)
    assert conflict("Who was the 74th Secretary of the Treasury?", officer, officer) == ""
    assert (
        conflict("Who held the post for two years?", "He held it 2 years.", "He held it 2 years.")
        == ""
    )


def test_other_languages_get_no_conflict():
    assert conflict("पुस्तकालय कब नहीं बना?", LIBRARY, LIBRARY) == ""


def test_the_answer_turns_to_the_sources_do_not_say_with_the_reason_shown():
    composed = compose_answer(
        "Which is the smallest government printing office the Mongols created?",
        [
            SourceText(
                n=1,
                text=LIBRARY.replace("a government", "the largest government"),
                score=0.8,
                lexical=12.0,
            )
        ],
    )
    assert composed.outcome == "not_said" and composed.abstained
    assert "1273" in composed.text  # the closest sentence is still shown, cited
    assert "largest" in composed.decision["signals"]["conflict"]
