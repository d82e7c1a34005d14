"""The inline <think> parser, over every way of splitting the stream."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.reasoning.think import (
    CLOSE,
    OPEN,
    ThinkSplitter,
    looks_like_reasoning_model,
    split_reasoning,
)

# Text full of tag fragments, so partial matches get exercised.
ALPHABET = st.sampled_from(
    list("<>/thinkTHINK xa\n") + ["<t", "</", "</th", "<think", "think>", "中"]
)
PLAIN = (
    st.lists(ALPHABET, max_size=30).map("".join).filter(lambda s: OPEN not in s and CLOSE not in s)
)


def feed_in_pieces(text, cuts, **kwargs):
    splitter = ThinkSplitter(**kwargs)
    deltas, start = [], 0
    for cut in sorted(set(cuts)) + [len(text)]:
        deltas += splitter.feed(text[start:cut])
        start = cut
    deltas += splitter.close()
    return splitter, deltas


def joined(deltas, kind):
    return "".join(d.text for d in deltas if d.kind == kind)


def reference(text, opens):
    """An independent statement of the rules, on the whole text at once."""
    body = text.lstrip()
    thinking = opens
    if body.startswith(OPEN):
        body, thinking = body[len(OPEN) :], True
    if CLOSE in body:
        reasoning, answer = body.split(CLOSE, 1)
        return reasoning.lstrip(), answer.lstrip()
    return (body.lstrip(), "") if thinking else ("", body)


cuts_for = lambda text: st.lists(st.integers(0, len(text)), max_size=12)  # noqa: E731


@settings(max_examples=400, deadline=None)
@given(st.data(), st.lists(ALPHABET, max_size=40).map("".join), st.booleans())
def test_any_split_of_any_text_gives_the_same_result_as_the_whole(data, text, opens):
    cuts = data.draw(cuts_for(text))
    split, deltas = feed_in_pieces(text, cuts, opens_in_thinking=opens)
    whole, whole_deltas = feed_in_pieces(text, [], opens_in_thinking=opens)
    assert split.result() == whole.result() == reference(text, opens)
    assert joined(deltas, "reasoning") == joined(whole_deltas, "reasoning")
    assert joined(deltas, "answer") == joined(whole_deltas, "answer")
    assert all(d.text for d in deltas)


@settings(max_examples=300, deadline=None)
@given(
    st.data(),
    PLAIN,
    PLAIN,
    st.sampled_from(["tagged", "no_open", "unterminated", "plain"]),
    st.sampled_from(["", "\n", "  \n"]),
)
def test_reasoning_and_answer_never_mix_whatever_the_shape(data, reasoning, answer, shape, space):
    reasoning, answer = reasoning.strip() or "r", answer.strip() or "a"
    text, opens, expected = {
        "tagged": (
            f"{space}{OPEN}{space}{reasoning}{CLOSE}{space}{answer}",
            False,
            (reasoning, answer),
        ),
        "no_open": (f"{reasoning}{CLOSE}{space}{answer}", True, (reasoning, answer)),
        "unterminated": (f"{OPEN}{reasoning}", False, (reasoning, "")),
        "plain": (f"{space}{answer}", False, ("", answer)),
    }[shape]
    splitter, deltas = feed_in_pieces(text, data.draw(cuts_for(text)), opens_in_thinking=opens)
    assert splitter.result() == expected
    # what streamed live is what was kept: no tag text leaks, nothing moves afterwards
    assert (joined(deltas, "reasoning"), joined(deltas, "answer")) == expected


@settings(max_examples=200, deadline=None)
@given(st.data(), PLAIN, PLAIN)
def test_a_lone_closing_tag_moves_what_came_before_into_the_reasoning(data, reasoning, answer):
    reasoning, answer = reasoning.strip() or "r", answer.strip() or "a"
    text = f"{reasoning}{CLOSE}\n\n{answer}"
    splitter, _ = feed_in_pieces(text, data.draw(cuts_for(text)), opens_in_thinking=False)
    assert splitter.result() == (reasoning, answer)


def test_text_is_held_back_only_while_it_could_still_be_a_tag():
    splitter = ThinkSplitter(opens_in_thinking=True)
    assert [d.text for d in splitter.feed("Let me think </thi")] == ["Let me think "]
    assert splitter.feed("nk>") == []
    assert [(d.kind, d.text) for d in splitter.feed("Yes.")] == [("answer", "Yes.")]


def test_a_plain_answer_streams_from_its_first_character():
    splitter = ThinkSplitter()
    assert [d.text for d in splitter.feed("Rice")] == ["Rice"]


def test_a_whole_reply_splits_like_a_stream():
    assert split_reasoning("<think>\nHmm.\n</think>\n\nFour.") == ("Hmm.\n", "Four.")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", True),
        ("deepseek-reasoner", True),
        ("QwQ-32B", True),
        ("SmolLM2-135M-Instruct", False),
        ("llama-3.1-8b-instruct", False),
    ],
)
def test_reasoning_models_are_recognised_by_name(name, expected):
    assert looks_like_reasoning_model(name) is expected
