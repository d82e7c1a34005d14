"""The book lesson's item helpers: a part with fewer items than asked says so."""

from apps.courseware.book_items import fewer_than_wanted


def test_a_part_with_fewer_items_than_asked_says_how_many_instead_of_how_many():
    shortfalls = []
    fewer_than_wanted(shortfalls, "Quiz: %(n)s questions instead of %(want)s.", 3, 5)
    fewer_than_wanted(shortfalls, "Worksheet: %(n)s items instead of %(want)s.", 4, 4)
    assert shortfalls == ["Quiz: 3 questions instead of 5."]


def test_a_term_question_never_holds_its_own_answer():
    from apps.courseware.book_items import _term_questions

    vocabulary = [
        {"term": t, "definition": d, "source_ids": ["1"]}
        for t, d in [
            ("counting numbers", "The counting numbers are the numbers 1, 2, 3, and so on."),
            ("coordinate", "A number paired with a point on a number line is its coordinate."),
            ("number line", "a line with numbers marked at equal steps"),
            ("proper fraction", "A fraction is proper when its numerator is less."),
            ("origin", "the point labeled 0 on a number line"),
        ]
    ]
    items = _term_questions(vocabulary, 5)
    questions = [q["question"] for q in items]
    assert questions[:2] == [
        "Which term fills the blank: The _____ are the numbers 1, 2, 3, and so on.",
        "Which term fills the blank: A number paired with a point on a number line is its _____.",
    ]
    # "line" and "fraction" stand in their definitions and in no other option: not asked.
    assert not any("equal steps" in q or "proper" in q for q in questions)
    assert questions[2] == "Which term means: the point labeled 0 on a number line?"
    for item in items:
        right = item["options"][item["answer_index"]]
        assert right.casefold() not in item["question"].casefold()
