"""Answerability from evidence: what a question asks for, whether a sentence holds
it, key words in three scripts, and the three outcomes."""

from __future__ import annotations

import pytest

from core.reasoning.compose import SourceText, compose_answer
from core.reasoning.compose.answerability import (
    ACROSS_UNMATCHED,
    Signals,
    decide,
    decide_across,
    describe,
    probability,
)
from core.reasoning.compose.asked import asked_type, holds
from core.reasoning.compose.keys import keys, question_keys
from core.reasoning.compose.questions import shape_of


def kind(question: str) -> str:
    return asked_type(question, shape_of(question))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did Möngke Khan die?", "time"),
        ("In what year was the university founded?", "time"),
        ("How many students attend the school?", "number"),
        ("What percentage of voters approved?", "number"),
        ("Who founded the University of Chicago?", "person"),
        ("Where is the parliament building?", "place"),
        ("Which term means: the push or pull on an object?", "term"),
        ("Why do waves carry energy?", "other"),
        ("मंगोलों ने कब आक्रमण किया?", "time"),
        ("कितने छात्र पढ़ते हैं?", "number"),
        ("विश्वविद्यालय की स्थापना किसने की?", "person"),
        ("谁无法接受伊斯兰教可能无关政治的想法？", "person"),
        ("维多利亚州有多少人口？", "number"),
        ("这所大学是什么时候建立的？", "time"),
    ],
)
def test_the_asked_type_is_told_from_the_question_words(question, expected):
    assert kind(question) == expected


def test_a_when_question_is_held_by_a_sentence_with_a_year_the_question_lacks():
    question = "When did Möngke Khan die?"
    assert holds("time", "Möngke Khan died in 1259 during the siege.", question)
    assert not holds("time", "Möngke Khan led the army into Song territory.", question)
    # The year the question already gives is not an answer.
    assert not holds("time", "In 1251 he ruled.", "What did he do in 1251?")


def test_numbers_names_and_places_are_found_where_they_can_be_told():
    assert holds("number", "About 15,000 students attend it.", "How many students attend?")
    assert holds("number", "Three rivers meet there.", "How many rivers meet there?")
    assert holds("person", "The school was founded by John D. Rockefeller.", "Who founded it?")
    assert not holds("person", "The school was founded long ago.", "Who founded it?")
    assert holds("place", "The building stands in Holyrood near the palace.", "Where is it?")
    # Names cannot be told by capitals in Devanagari: unknown, not "no".
    assert holds("person", "इसकी स्थापना रॉकफेलर ने की।", "किसने स्थापना की?") is None


def test_key_words_keep_vowel_signs_and_make_chinese_bigrams():
    assert "विश्वविद्यालय" in keys("विश्वविद्यालय की स्थापना")
    assert "की" not in keys("विश्वविद्यालय की स्थापना")  # a function word
    assert keys("伊斯兰运动") == ["伊斯", "斯兰", "兰运", "运动"]
    # A year written against Chinese is its own key: the question's "自封" meets the sentence's.
    assert {"2014", "自封"} <= set(keys("伊斯兰国在2014年自封为什么？"))
    assert {"2014", "自封"} <= set(keys("2014年，该组织自封为 哈里发"))
    assert question_keys("Which term means the pull of the Earth?") == {"pull", "earth"}


def signals(**changes) -> Signals:
    values = dict(
        asked="other",
        dense=0.6,
        lexical=3.0,
        sentence_share=0.8,
        passage_share=0.9,
        agree=True,
        typed=None,
    )
    values.update(changes)
    return Signals(**values)


def test_more_evidence_never_lowers_the_chance_the_sources_answer():
    weak = signals(dense=0.2, lexical=0.2, sentence_share=0.1, passage_share=0.1, agree=False)
    strong = signals()
    assert probability(strong) > probability(weak)
    for name in ("dense", "sentence_share", "passage_share"):
        assert probability(signals(**{name: 0.9})) > probability(signals(**{name: 0.3}))
    # Without search scores the word signals decide alone.
    assert probability(signals(dense=None)) > probability(signals(dense=None, passage_share=0.2))


def test_three_outcomes():
    assert decide(signals()).outcome == "answer"
    off = signals(dense=0.1, lexical=0.1, sentence_share=0.0, passage_share=0.1, agree=False)
    assert decide(off).outcome == "not_covered"
    topic = signals(
        dense=0.2, lexical=0.3, sentence_share=0.2, passage_share=0.7, agree=False, typed=False
    )
    assert decide(topic).outcome == "not_said"


def test_the_signals_are_described_in_words():
    lines = describe(decide(signals(asked="time", typed=True)))
    assert lines[0].startswith("Decision: answer")
    assert any("asks for a date or year" in line for line in lines)
    assert any("%" in line for line in lines)


def test_a_decision_across_languages_rests_on_meaning_alone_and_says_so():
    def across(dense):
        return Signals("other", dense, None, 0.0, 0.0, None, None, "DEVANAGARI", across=True)

    close, far, unmatched = (decide_across(across(d)) for d in (0.86, 0.76, None))
    assert (close.outcome, far.outcome, unmatched.outcome) == (
        "answer",
        "not_covered",
        "not_covered",
    )
    assert close.probability > 0.5 > far.probability and unmatched.probability == 0.0
    lines = describe(close)
    assert any("another language" in line for line in lines)
    assert not any("key words" in line for line in lines)  # no word can be shared
    assert describe(unmatched)[-1] == ACROSS_UNMATCHED


MONGKE = (
    "Möngke Khan succeeded Güyük in 1251 after a bitter struggle among the princes. "
    "He commanded a campaign against the Song dynasty in the south. "
    "Möngke Khan died in 1259 while besieging a fortress in Sichuan."
)


def test_a_when_question_gets_the_sentence_with_the_new_date():
    composed = compose_answer(
        "When did Möngke Khan die?", [SourceText(1, MONGKE, score=0.7, lexical=9.0)]
    )
    assert composed.outcome == "answer"
    assert "1259" in composed.text
    assert "1251" not in composed.text
    assert composed.decision["signals"]["typed"] is True


def test_a_question_on_another_topic_is_not_covered():
    composed = compose_answer(
        "What is the population of Jacksonville, Florida?",
        [SourceText(1, MONGKE, score=0.1, lexical=None)],
    )
    assert composed.abstained and composed.outcome == "not_covered"
    assert composed.cited == ()


ALUMNI = (
    "Notable faculty in physics have included the speed of light calculator A. A. Michelson, "
    "elementary charge calculator Robert A. Millikan, discoverer of the Compton Effect Arthur H. "
    'Compton, the creator of the first nuclear reactor Enrico Fermi, "the father of the hydrogen '
    'bomb" Edward Teller, "one of the most brilliant and productive experimental physicists of '
    'the twentieth century" Luis Walter Alvarez, Murray Gell-Mann who introduced the quark, '
    "second female Nobel laureate Maria Goeppert-Mayer, the youngest American winner of the "
    "Nobel Prize Tsung-Dao Lee, and astrophysicist Subrahmanyan Chandrasekhar."
)


def test_a_long_list_sentence_is_quoted_by_one_window_of_its_clauses():
    composed = compose_answer(
        "Who is known as the father of the hydrogen bomb?",
        [SourceText(1, ALUMNI, score=0.6, lexical=8.0)],
    )
    assert composed.outcome == "answer"
    assert "Edward Teller" in composed.text
    assert composed.text.count("hydrogen bomb") == 1  # overlapping windows are not both quoted
    assert composed.text.endswith("… [1]") or composed.text.endswith("[1].")
    assert len(composed.text.split()) < 40


def test_a_when_question_finds_the_he_sentence_about_the_person_asked():
    from tests.core.reasoning.test_compose_sentences import REIGN

    text = "Möngke Khan succeeded Güyük as Great Khan in 1251. " + REIGN
    composed = compose_answer(
        "When did Möngke Khan die?", [SourceText(1, text, score=0.7, lexical=9.0)]
    )
    assert "He died in 1259" in composed.text and "1251" not in composed.text
