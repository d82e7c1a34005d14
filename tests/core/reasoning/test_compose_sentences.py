"""Passages cut into quotable sentences: what an answer may quote, and what not."""

from __future__ import annotations

from core.reasoning.compose.sentences import quotable_sentences, reads_as_prose, split_sentences
from tests.conftest import shared_data


def texts(passage: str) -> list[str]:
    return [s.text for s in quotable_sentences(1, passage)]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    paragraph = (
        "Dr. Smith measured the door, e.g. with a tape. It is 0.815 m wide. "
        "J. Watt named the unit. The force is 50 N. (That is large.) Next comes the stair."
    )
    assert split_sentences(paragraph) == [
        "Dr. Smith measured the door, e.g. with a tape.",
        "It is 0.815 m wide.",
        "J. Watt named the unit.",
        "The force is 50 N.",
        "(That is large.)",
        "Next comes the stair.",
    ]


def test_hindi_and_chinese_sentences_end_at_their_own_stops():
    assert split_sentences("बल एक धक्का है। घर्षण गति का विरोध करता है।") == [
        "बल एक धक्का है।",
        "घर्षण गति का विरोध करता है।",
    ]
    assert split_sentences("力是推或拉。摩擦力阻碍运动。") == ["力是推或拉。", "摩擦力阻碍运动。"]


def test_headings_figures_captions_tables_and_equations_are_not_quoted():
    passage = "\n".join(
        [
            "### Newton's Second Law",
            "[Figure: A box on a floor. — Friction acts opposite to the motion.]",
            "Figure 4.3 A sled is pushed across the snow by two people.",
            "| force | value in newtons |",
            "|---|---|",
            "    F_net = ma",
            "**Learning objectives**",
            "",
            "The acceleration of a system is proportional to the net external force on it.",
        ]
    )
    assert texts(passage) == [
        "The acceleration of a system is proportional to the net external force on it."
    ]


def test_exercise_and_teacher_boxes_are_not_quoted():
    passage = "\n".join(
        [
            "> **Teacher Support**",
            ">",
            "> [BL][OL] Ask students to give examples of smooth and rough surfaces.",
            "",
            "> **Try**",
            ">",
            "> > **Exercise**",
            "> >",
            "> > **Problem:** Find each sum of the two numbers given.",
            "",
            "The sum of any number and zero is the number itself.",
        ]
    )
    assert texts(passage) == ["The sum of any number and zero is the number itself."]


def test_list_items_are_sentences_and_a_bold_only_item_is_a_heading():
    passage = (
        "- **Find the least common denominator of two fractions.**\n"
        "- A fraction represents parts of a whole\n"
        "1. Divide the denominator into the numerator."
    )
    assert texts(passage) == [
        "A fraction represents parts of a whole",
        "Divide the denominator into the numerator.",
    ]


def test_pieces_cut_by_the_chunker_and_questions_are_left_out():
    passage = (
        "of the forces acting on the wagon is zero. What force slows the box down? "
        "Friction slows the box down on the floor. The box then stops when the"
    )
    assert texts(passage) == ["Friction slows the box down on the floor."]


def test_a_sentence_that_leans_back_carries_the_one_before_it():
    passage = (
        "What force acts on the box to slow it down? This force is called **friction**. "
        "Friction depends on the surfaces."
    )
    leaning = quotable_sentences(3, passage)[0]
    assert leaning.text == "This force is called **friction**."
    assert leaning.lead == "What force acts on the box to slow it down?"
    assert leaning.quote.startswith("What force acts")


def test_list_items_carry_the_lead_in_that_introduces_them():
    passage = (
        "**Newton’s first law of motion** states the following:\n\n"
        "1. A body at rest tends to remain at rest.\n"
        "2. A body in motion tends to remain in motion. (Recall what constant velocity means.)"
    )
    found = quotable_sentences(1, passage)
    assert [s.lead for s in found] == [
        "**Newton’s first law of motion** states the following:",
        "**Newton’s first law of motion** states the following:",
        "",
    ]


def test_no_quotable_sentence_of_a_real_chapter_is_a_caption_heading_or_exercise():
    chapter = shared_data("curriculum", "openstax-physics-hs", "ch13-waves-and-their-properties.md")
    found = texts(chapter.read_text(encoding="utf-8"))
    assert len(found) > 100
    for sentence in found:
        assert not sentence.startswith(("#", "[Figure", "Figure", "|", "**Problem", ">"))
        assert not sentence.endswith("?")
        assert "**Solution:**" not in sentence and "[OL]" not in sentence


def test_a_figure_reference_opening_a_sentence_starts_a_quotable_sentence():
    paragraph = (
        "In a **longitudinal wave**, the disturbance is parallel to the direction of motion. "
        "(see the figure) shows two waves that arrive out of phase, producing **destructive "
        "interference**."
    )
    assert split_sentences(paragraph)[1].startswith("(see the figure) shows")
    assert texts(paragraph) == split_sentences(paragraph)


REIGN = (
    "Möngke Khan commenced a military campaign against the Song dynasty in southern China. "
    "The Mongol force that invaded southern China was far greater than the one sent west. "
    "He died in 1259 without a successor. "
    "Gaining support from the princes, Kublai returned north. "
    "Kublai convened a kurultai. He was elected Great Khan."
)


def test_a_he_sentence_is_matched_with_the_person_named_before_and_quoted_after_them():
    by_text = {s.text: s for s in quotable_sentences(1, REIGN)}
    died = by_text["He died in 1259 without a successor."]
    assert died.about == "Möngke Khan"
    assert died.quote.startswith("Möngke Khan commenced") and " … He died in 1259" in died.quote
    elected = by_text["He was elected Great Khan."]  # the sentence just before names him
    assert elected.about == "Kublai" and elected.lead == "Kublai convened a kurultai."
    # A word that opens a sentence is no name unless the passage capitalises it elsewhere.
    assert by_text["Gaining support from the princes, Kublai returned north."].about == ""


def test_a_name_in_the_possessive_is_the_person_a_later_he_sentence_is_about():
    text = (
        "Al-Muwaffaq’s contributions in the field are also pioneering. "
        "Living in the 10th century, he wrote a book on remedies. "
        "He made clear distinction between sodium carbonate and potassium carbonate. "
        "He also describes the distillation of sea-water for drinking."
    )
    last = quotable_sentences(1, text)[-1]
    assert last.about == "Al-Muwaffaq"
    assert last.quote.startswith("Al-Muwaffaq’s contributions")
    assert " … He also describes" in last.quote


def test_all_of_this_leans_on_the_sentence_before():
    before = "Merit built a network between three universities."
    text = f"{before} All of this set the stage for its role."
    assert quotable_sentences(1, text)[-1].lead == before


def test_editors_marks_are_not_quoted():
    text = (
        "He also describes the distillation of sea-water for drinking.[verification needed] "
        "As of August 2009[update], the chairman of the board was a student.[citation needed] "
        "उनका जन्म दिल्ली में हुआ था और वहीं पढ़े।[सत्यापन की आवश्यकता]"
    )
    quotes = " ".join(s.quote for s in quotable_sentences(1, text))
    assert "[" not in quotes and "needed" not in quotes and "आवश्यकता" not in quotes
    assert "As of August 2009, the chairman" in quotes


def test_a_long_sentence_leant_on_is_quoted_by_its_last_clauses():
    long_one = (
        "Over the next years the network was enhanced to support terminal connections, "
        "batch connections, interactive file transfer, gateways to the public data networks, "
        "host attachments, gateways to other data networks, attached hosts of every kind, "
        "and eventually new protocols and additional public universities in the state."
    )
    last = quotable_sentences(1, f"{long_one} All of this set the stage for its later role.")[-1]
    assert last.lead.startswith("… ") and last.lead.endswith("universities in the state.")
    assert last.quote.endswith("All of this set the stage for its later role.")


def test_chart_labels_run_into_a_sentence_are_not_quoted():
    """A PDF's chart axes, joined into the footnote after them, are not prose; a
    sentence heavy with years and figures still is."""
    residue = (
        "Jan-22 Jun-22 Dec-22 May-23 Nov-23 Apr-24 Oct-24 Apr-25 Sep-25 Gold Silver (RHS) "
        "US$/toz 0 50 100 150 200 250 2020 2021 2022 2023 2024 2025 Food Beverages "
        "Index, 100 = 2010 375 400 425 450 Energy Metals and minerals Agriculture Commodities "
        "Index, 1,000 = Jan 2024 The forecasts do not reflect announced policies."
    )
    assert quotable_sentences(1, residue) == []
    assert not reads_as_prose("Energy Metals Minerals Agriculture Commodities Index Food Grains")
    for prose in (
        "The population was 1,234,567 in 2010, up from 1,100,000 in 2000.",
        "From 1996 to 2000 and from 2001 to 2005, wheat output was 1,234 tonnes.",
        "1996年至2000年，小麦产量为1234吨。",
        "इसकी जनसंख्या 2011 में 1,234 थी।",
    ):
        assert reads_as_prose(prose), prose
