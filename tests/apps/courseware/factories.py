"""A small valid lesson, as JSON, for tests of checks, exports and pages."""

from __future__ import annotations

import copy

SOURCES = [
    {
        "id": "101",
        "document_id": "7",
        "document_title": "Prealgebra, chapter 2",
        "corpus_slug": "maths",
        "heading": "Add whole numbers",
        "page": None,
        "excerpt": "To add whole numbers, line up the digits by place value. 27 + 15 = 42.",
        "source_url": "https://example.org/book",
        "licence": "CC BY 4.0",
    },
    {
        "id": "102",
        "document_id": "7",
        "document_title": "Prealgebra, chapter 2",
        "corpus_slug": "maths",
        "heading": "Subtract whole numbers",
        "page": None,
        "excerpt": "Subtraction undoes addition. 42 - 15 = 27.",
        "source_url": "https://example.org/book",
        "licence": "CC BY 4.0",
    },
]


def _item(**fields):
    return {"source_ids": ["101"], "flags": [], "notes": [], **fields}


LESSON = {
    "title": "Adding and subtracting whole numbers",
    "subject": "Mathematics",
    "topic": "adding whole numbers",
    "grade": 5,
    "language": "en",
    "minutes": 40,
    "parts": ["plan", "slides", "worksheet", "quiz"],
    "differentiation": None,
    "standards": [],
    "uncited": False,
    "objectives": [_item(text="Add two whole numbers by lining up place values.")],
    "prior_knowledge": [_item(text="Place value of ones and tens.")],
    "vocabulary": [_item(term="sum", definition="The result of adding numbers.")],
    "misconceptions": [
        _item(misconception="Digits need not be lined up.", correction="Line up ones under ones.")
    ],
    "phases": [
        {
            "name": "Starter",
            "minutes": 5,
            "activity": "Warm up.",
            "source_ids": [],
            "flags": [],
            "notes": [],
        },
        {
            "name": "Learning cycle 1",
            "minutes": 25,
            "activity": "Explain and practise.",
            "source_ids": [],
            "flags": [],
            "notes": [],
        },
        {
            "name": "Plenary",
            "minutes": 10,
            "activity": "Review.",
            "source_ids": [],
            "flags": [],
            "notes": [],
        },
    ],
    "cycles": [
        _item(
            heading="Line up the digits",
            explanation="Write the numbers in columns.",
            slide_text="Ones under ones.",
            check_question="What is 27 + 15?",
            check_answer="42",
            practice="Add 31 and 18.",
        )
    ],
    "worksheet": [
        _item(prompt="Work out 27 + 15.", answer="42", level="on"),
        _item(prompt="Work out 42 - 15.", answer="27", level="on", source_ids=["102"]),
    ],
    "quiz": [
        _item(
            question="What is 27 + 15?",
            options=["42", "41", "43", "32"],
            answer_index=0,
            explanation="27 + 15 = 42.",
        )
    ],
    "sources": SOURCES,
}


def lesson_data(**changes) -> dict:
    data = copy.deepcopy(LESSON)
    data.update(changes)
    return data
