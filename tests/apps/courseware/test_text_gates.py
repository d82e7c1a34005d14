"""What model text is kept in a lesson: words on the topic, not the prompt's
machinery, numbering or one phrase repeated."""

from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.text_gates import on_topic, option, unnumbered, usable

FORCE = Context(topic="Force", grade=8, minutes=40)
PASSAGE = SourcePassage(
    id="1",
    document_id="1",
    document_title="Physics",
    corpus_slug="physics",
    heading="Newton's first law",
    excerpt="A force pushes or pulls an object and can change its motion.",
)


def test_text_that_echoes_the_prompts_schema_is_not_kept():
    assert not usable("What is a JSON Schema?")
    assert not usable("The answer is items[0] of the list")
    assert not usable("force_perpendicular_to_plane_d", 1)
    assert usable("What is the JSON format used for?", 3, topic="Reading JSON files")


def test_numbering_and_repetition_are_not_kept():
    assert not usable("1.0.3.1.0", 1)
    assert not usable("a force that is a force that is a force that is a force that is", 3)
    assert unnumbered("3.1.1.1: Add whole numbers") == "Add whole numbers"
    assert unnumbered("2) Subtract") == "Subtract"
    assert usable("Describe how a force changes motion.")


def test_english_text_must_share_a_word_with_the_topic_or_passages():
    assert on_topic("Explain Newton's laws of motion", FORCE, [PASSAGE])
    assert on_topic("Describe forces on a moving cart", FORCE, [])  # forces ~ force
    assert not on_topic("How to prepare for the test", FORCE, [PASSAGE])
    assert not on_topic("push", FORCE, [PASSAGE]) and on_topic("push", FORCE, [PASSAGE], body=True)
    assert not on_topic("Chapter 4 lesson for students", FORCE, [PASSAGE], body=True)


def test_other_languages_are_not_held_to_english_words():
    hindi = Context(topic="बल", grade=8, minutes=40, language="hi")
    assert on_topic("बल एक धक्का या खिंचाव है", hindi, [PASSAGE])


def test_quiz_options_need_a_word_or_number():
    assert option("20", FORCE) and option("Tension", FORCE)
    assert not option(",", FORCE) and not option("{", FORCE) and not option("maxItems", FORCE)
