"""answer_eval's matching rules and fixed-rule counts, on texts whose answers are
known (no model, no database), and one slow run of the command end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from core.ask.evaluation import (
    QA,
    Answered,
    contains_own_term,
    judge,
    looping_phrase,
    markup_tags,
    names_answer,
    names_term,
    read_qa,
    shown_words,
    summary,
    unsupported_numbers,
    valid_citations,
    words_of,
)
from core.ask.evaluation.report import nearest_rank
from tests.conftest import REPO_ROOT, shared_data

WAVE = (
    "Which term means: wave in which the disturbance is parallel to the direction of propagation?"
)
SUM = "Which term means: The sum is the result of adding two or more numbers?"
LCD = (
    "Which term means: The least common denominator (LCD) of two fractions is the least common "
    "multiple (LCM) of their denominators?"
)


# --- matching --------------------------------------------------------------------------


def test_texts_are_compared_after_nfkc_case_folding_quotes_hyphens_and_markdown():
    assert words_of("**Newton’s** First-Law — of ＭＯＴＩＯＮ") == [
        "newton's",
        "first",
        "law",
        "of",
        "motion",
    ]
    assert words_of("# [Inertia](https://x.org) `mass` _weight_ | F_net") == [
        "inertia",
        "mass",
        "weight",
        "f",
        "net",
    ]


@pytest.mark.parametrize(
    "answer",
    [
        "A **longitudinal wave** [1].",
        "It is a Longitudinal-wave.",
        "* longitudinal   wave",
        "This describes a longitudinal wave in which the disturbance is parallel [2].",
    ],
)
def test_an_answer_naming_the_term_counts(answer):
    assert names_term(answer, "longitudinal wave", WAVE)


@pytest.mark.parametrize(
    "answer",
    [
        "A wave in which the disturbance is parallel to the direction of propagation [1].",
        "Longitudinal waves are common.",  # whole words: a plural is another word
        "A transverse wave [1].",
        "",
    ],
)
def test_an_answer_not_naming_the_term_does_not_count(answer):
    assert not names_term(answer, "longitudinal wave", WAVE)


def test_the_whole_term_must_be_there_as_whole_words():
    assert not names_term("The answer is nodes.", "node", "Which term means: a point?")
    assert not names_term("Superpositions [1].", "superposition", "Which term means: waves?")


def test_a_term_echoed_inside_the_question_s_own_words_does_not_count():
    echo = "The sum is the result of adding two or more numbers [1]."
    assert contains_own_term(SUM, "sum")
    assert not names_term(echo, "sum", SUM)
    assert names_term("The term is sum [1].", "sum", SUM)
    assert names_term("We call it the sum.", "sum", SUM)  # "the sum" is two words only


def test_either_part_of_a_term_written_x_y_counts():
    assert names_term("Use the LCD [1].", "least common denominator (LCD)", LCD)
    assert names_term(
        "That is the least common denominator.",
        "least common denominator (LCD)",
        "Which term means: a denominator?",
    )
    assert not names_term("The LCM [1].", "least common denominator (LCD)", LCD)


def test_a_term_longer_than_a_copied_run_still_counts_alone():
    assert names_term("least common denominator [1]", "least common denominator (LCD)", LCD)
    copied = "The least common denominator (LCD) of two fractions is the least common multiple."
    assert not names_term(copied, "least common denominator (LCD)", LCD)


def test_a_question_holding_its_own_term_is_told_apart():
    assert contains_own_term(LCD, "least common denominator (LCD)")
    assert not contains_own_term(WAVE, "longitudinal wave")
    assert contains_own_term("Which term means: a force acting from outside?", "force")


# --- the fixed rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The speed is 3 m/s </pre>",
        "Next: <next-question>",
        'A copy: <source id="1" document="Waves">',
        "Done.<|im_end|>",
        "Defanged ‹source id=1›",
        "A line<br/>break",
        "`<think>` in code",
    ],
)
def test_html_like_tags_are_markup(text):
    assert markup_tags(text)


@pytest.mark.parametrize(
    "text",
    [
        "**Bold**, _emphasis_, `code`, a [link](https://x.org) and a table | a | b |",
        "If a < b and c > d then 3 < 5.",
        "The fraction a/b is proper if a <b and c> d.",
        "See <https://openstax.org/details>.",
    ],
)
def test_rendered_markdown_and_comparisons_are_not_markup(text):
    assert markup_tags(text) == []


def test_a_five_word_phrase_said_three_times_is_a_loop():
    loop = "The wave moves the energy [1]. " * 3
    assert looping_phrase(loop) == "the wave moves the energy"
    cited = "A force is a push [1]. A force is a push [2]. A force is a push [3]."
    assert looping_phrase(cited) == "a force is a push"  # citations are not words of it
    assert looping_phrase("The wave moves the energy. " * 2) == ""
    assert looping_phrase("A long answer with many different words, none of them repeated.") == ""


PASSAGES = ["The door is 0.815 m wide and 2,100 mm high; 18% of doors fail.", "Add 3 and 4."]


@pytest.mark.parametrize(
    "text",
    [
        "It is 815 mm wide [1].",
        "About 32 in wide.",  # 0.8128 m is 0.815 m within half an inch
        "It is 0.815 metres, 2100 mm, 2.1 m high; 0.18 of them fail; 3 plus 4 [2].",
        "1. Wide [1].\n2. High [2].",  # list marks are not numbers
    ],
)
def test_numbers_found_in_a_passage_after_unit_conversion_are_supported(text):
    assert unsupported_numbers(text, PASSAGES) == []


def test_numbers_in_no_passage_are_counted_once_each():
    text = "About 3.489365 m/s, or 3.489365 again, in 1905; 33 in wide."
    assert unsupported_numbers(text, PASSAGES) == ["3.489365", "1905", "33"]
    assert unsupported_numbers("The code is m53036 and CO2.", []) == []  # inside words


def test_citations_are_valid_when_they_point_to_a_given_source():
    assert valid_citations("A [1]. B [2, 3]. C [7].", 3) == (3, 4)
    assert valid_citations("No citation.", 3) == (0, 0)


# --- the report ------------------------------------------------------------------------


def answered(term, question, shown, **more) -> Answered:
    fields = {"origin": "composed", "status": "succeeded", "sources": ["A wave carries energy."]}
    return Answered(question, term, more.pop("off_corpus", False), shown=shown, **fields | more)


def test_the_summary_counts_what_each_key_promises():
    rows = [
        answered("wave", "Which term means: a disturbance?", "A wave [1].", model_text="A wave.",
                 origin="model", seconds=4.0, first_answer_s=0.5),
        answered("sum", SUM, "The sum is the result of adding two or more numbers [1].",
                 seconds=6.0, first_answer_s=1.5),
        answered("node", "Which term means: a point?", "Points <b>here</b> [4].", seconds=8.0),
        answered("wave", "Which term means: sound?", "The sources do not cover this question.",
                 off_corpus=True, abstained=True, seconds=0.1, first_answer_s=0.1),
    ]  # fmt: skip
    result = summary([(a, judge(a)) for a in rows])
    assert result["questions"] == 3
    assert result["answer_accuracy"] == 0.5  # the sum question holds its own term
    assert result["answer_accuracy_all"] == round(1 / 3, 4)
    assert result["model_answer_accuracy"] == 0.5
    assert result["shown_from_model_share"] == round(1 / 3, 4)
    assert result["abstained_off_corpus_share"] == 1.0
    assert result["shown_markup"] == 1 and result["shown_loops"] == 0
    assert result["unsupported_numbers_shown"] == 0
    assert result["citation_valid_share"] == round(2 / 3, 4)
    assert result["seconds_median"] == 5.0 and result["seconds_p95"] == 8.0
    assert result["seconds_to_first_answer_median"] == 0.5
    assert list(result) == [
        "questions",
        "answer_accuracy",
        "answer_accuracy_all",
        "model_answer_accuracy",
        "shown_from_model_share",
        "abstained_off_corpus_share",
        "shown_markup",
        "shown_loops",
        "unsupported_numbers_shown",
        "shown_failed_checks",
        "citation_valid_share",
        "seconds_median",
        "seconds_p95",
        "seconds_to_first_answer_median",
        "false_abstention_share",
        "shown_words_median",
    ]
    assert result["false_abstention_share"] == 0.0
    assert result["shown_words_median"] == 2.0  # 2, 11 and 2 words shown; refusals left out


def test_unanswerable_lines_count_apart_and_both_refusals_are_abstentions():
    rows = [
        answered("1259", "When did he die?", "He died in 1259 [1].", answers=("1259",)),
        answered("Qwest", "Who partnered?", "The sources do not cover this question.",
                 abstained=True, outcome="not_covered", answers=("Qwest", "Level 3")),
        answered("", "When was the assembly founded?",
                 "The sources talk about this but do not say the answer.",
                 abstained=True, outcome="not_said", unanswerable=True),
        answered("", "Who won in 1999?", "Smith won [1].", unanswerable=True),
    ]  # fmt: skip
    result = summary([(a, judge(a)) for a in rows])
    assert result["questions"] == 4
    assert result["answer_accuracy"] == 0.5  # unanswerable lines are left out
    assert result["false_abstention_share"] == 0.5
    assert result["abstained_unanswerable_share"] == 0.5
    assert result["shown_words_median"] == 3.0  # "He died in 1259" 4 ... "Smith won" 2


def test_chinese_answers_match_as_substrings_and_hindi_words_keep_their_vowel_signs():
    assert names_answer("穆斯林兄弟会是伊斯兰运动。[1]", ("伊斯兰运动",), "什么是穆斯林兄弟会？")
    assert not names_answer("穆斯林兄弟会 [1]", ("伊斯兰运动",), "什么？")
    assert names_answer("उत्तर **विद्यालय** है [1]", ("विद्यालय",), "क्या?")
    # A part of a Hindi word is not the word: "विद्या" inside "विद्यालय".
    assert not names_answer("उत्तर विद्यालय है", ("विद्या",), "क्या?")
    assert shown_words("伊斯兰运动 is here [1]") == 2 + 2.5


def test_the_qa_file_reads_answers_and_unanswerable_lines(tmp_path):
    path = tmp_path / "qa.jsonl"
    lines = [
        {"question": "Who?", "answer": "A", "answers": ["A", "B"], "relevant": ["x-01.md"],
         "id": "1"},
        {"question": "When?", "answer": "", "answers": [], "relevant": ["x-02.md"],
         "unanswerable": True, "id": "2"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second = read_qa(path, 10)
    assert first.golds == ("A", "B") and not first.unanswerable
    assert second.unanswerable and second.golds == () and second.answer == ""
    assert QA("谁？", "x").language == "zh" and QA("कौन?", "x").language == "hi"


def test_the_p95_is_the_nearest_rank():
    assert nearest_rank([float(n) for n in range(1, 21)], 0.95) == 19.0
    assert nearest_rank([3.0], 0.95) == 3.0 and nearest_rank([], 0.95) is None


def test_the_qa_file_is_read_in_order_up_to_the_limit(tmp_path):
    path = tmp_path / "qa.jsonl"
    lines = [
        json.dumps({"question": f"Which term means: q{n}?", "answer": f"t{n}"}) for n in range(5)
    ]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert read_qa(path, 3) == [QA(f"Which term means: q{n}?", f"t{n}") for n in range(3)]


# --- the command, end to end -----------------------------------------------------------


@pytest.mark.slow
def test_the_command_asks_three_questions_and_prints_one_json_line_last(tmp_path):
    chapter = shared_data(
        "curriculum", "openstax-physics-hs", "ch04-forces-and-newtons-laws-of-motion.md"
    )
    other = shared_data("curriculum", "openstax-physics-hs", "ch13-waves-and-their-properties.md")
    build = str(REPO_ROOT.parent / "shared" / "eval" / "build_qrels.py")
    subprocess.run([sys.executable, build, str(tmp_path / "on"), str(chapter)], check=True)
    subprocess.run([sys.executable, build, str(tmp_path / "off"), str(other)], check=True)
    questions = (tmp_path / "on" / "qa.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    (tmp_path / "qa.jsonl").write_text("\n".join(questions) + "\n", encoding="utf-8")
    off = (tmp_path / "off" / "qa.jsonl").read_text(encoding="utf-8").splitlines()[:1]
    (tmp_path / "off.jsonl").write_text(off[0] + "\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    relevant = {name for line in questions for name in json.loads(line)["relevant"]}
    for name in sorted(relevant)[:6]:
        (docs / name).write_bytes((tmp_path / "on" / "docs" / name).read_bytes())
    done = subprocess.run(
        [sys.executable, "manage.py", "answer_eval", "--qa", str(tmp_path / "qa.jsonl"),
         "--docs", str(docs), "--off-corpus-qa", str(tmp_path / "off.jsonl"), "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=540,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["questions"] == 3
    assert result["abstained_off_corpus_share"] in (0.0, 1.0)
    assert 0.0 <= result["answer_accuracy_all"] <= 1.0
    assert result["seconds_median"] > 0 and result["seconds_to_first_answer_median"] > 0
    assert "[answer_eval]" in done.stderr and "[answer_eval]" not in done.stdout
