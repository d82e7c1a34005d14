"""The stream guard: a loop or an echo stops generation early, good text is
never stopped, and each feed reads only what is new."""

from __future__ import annotations

from core.reasoning.checks import Evidence, StreamGuard, check_text
from core.reasoning.checks.text import tokens
from tests.core.reasoning.test_checks import (
    GOOD_ANSWER,
    HINDI_ANSWER,
    RULES,
    VELOCITY,
    WAVE,
    evidence,
)

LOOPING = "\n\n".join(
    f"The answer is [{n}] because friction is a force that opposes motion." for n in range(1, 18)
)


def stream(guard: StreamGuard, text: str, step: int = 23):
    """Feed ``text`` as a model would stream it; (where it stopped, the failure) or (None, None)."""
    for end in range(step, len(text) + step, step):
        failure = guard.feed(text[:end])
        if failure is not None:
            return end, failure
    return None, None


def test_a_loop_stops_the_stream_long_before_the_token_cap():
    stopped, failure = stream(StreamGuard(evidence()), LOOPING)
    assert failure is not None and failure.name == "loop"
    assert stopped < len(LOOPING) / 4
    assert "loop" in check_text(LOOPING[:stopped], evidence()).names


def test_the_prompts_rules_echoed_stop_the_stream():
    text = "Sure. " + RULES.replace("Rules:\n", "") + " And then the answer follows at length."
    stopped, failure = stream(StreamGuard(evidence()), text)
    assert failure is not None and failure.name == "echo"
    assert stopped < len(text)


def test_a_clause_said_twice_stops_the_stream_once_the_second_one_ends():
    text = "This is a math problem — This is a math problem. And more words follow here."
    stopped, failure = stream(StreamGuard(evidence()), text, step=5)
    assert failure is not None and failure.name == "loop"
    assert stopped <= text.index(" And") + 10


def test_good_text_is_never_stopped_however_it_is_cut():
    for text, ev in (
        (GOOD_ANSWER, evidence()),
        (HINDI_ANSWER, evidence(question="तरंग क्या है?", language="hi")),
    ):
        for step in (1, 7, 50):
            assert stream(StreamGuard(ev), text, step) == (None, None)


def test_each_feed_reads_only_the_new_words():
    guard = StreamGuard(evidence())
    text = f"{WAVE} [1]\n\n{VELOCITY} [2]\n\n{GOOD_ANSWER}"
    assert stream(guard, text, step=9) == (None, None)
    guard.feed(text + " ")
    # every word fed exactly once, however many feeds it took
    assert [t.word for t in guard.loops.streams[True]] == [t.word for t in tokens(text)]


def test_a_citation_cut_in_the_middle_is_read_whole():
    guard = StreamGuard(Evidence(sources=("a", "b")))
    for piece in ("Waves [1, ", "Waves [1, 2] carry energy "):
        guard.feed(piece)
    assert [t.citation for t in guard.loops.streams[True]] == [False, True, True, False, False]


def test_a_stream_that_starts_over_is_guarded_afresh():
    guard = StreamGuard(evidence())
    assert stream(guard, LOOPING)[1] is not None
    assert guard.feed("A wave carries energy [1]. ") is None


SAYS_NOTHING = (
    "The answer is: [1]. The sources do not contain the answer to the question. "
    "The answer is: [2]. " + "A wave is described in the sources. " * 6
)


def test_a_draft_whose_first_sentences_say_nothing_is_stopped_where_code_found_an_answer():
    stopped, failure = stream(StreamGuard(evidence(answer_found=True)), SAYS_NOTHING)
    assert failure is not None and failure.name == "empty"
    assert stopped < len(SAYS_NOTHING) / 2


def test_with_no_answer_found_by_code_a_refusal_is_an_answer_and_runs_on():
    text = (
        "The sources do not contain the answer to the question. "
        "They talk about waves and their speed only. "
        "Please ask a corpus admin to add a document on this topic."
    )
    assert stream(StreamGuard(evidence(answer_found=False)), text) == (None, None)


def test_one_sentence_of_preamble_before_the_answer_is_not_stopped():
    text = "Sure, here is the answer from the sources. " + GOOD_ANSWER
    for step in (1, 7, 50):
        assert stream(StreamGuard(evidence(answer_found=True)), text, step) == (None, None)
