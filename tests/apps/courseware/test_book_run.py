"""The lesson run on a book with teaching structure: the section is read whole,
the lesson assembled from it without a model call, checked and exported; the
page a teacher reads has no fragment."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from apps.courseware import services
from apps.courseware.lesson import Lesson as LessonSchema
from apps.courseware.lesson import iter_items
from apps.courseware.models import Lesson

pytestmark = [pytest.mark.django_db]

BOOK = """# Chapter 4: Fractions

*Source: OpenStax, Prealgebra (https://openstax.org/details/books/prealgebra), chapter 4.*

## Add and Subtract Fractions with Different Denominators

**Learning objectives**

- Find the least common denominator (LCD)
- Add and subtract fractions with different denominators

### Find the Least Common Denominator

To add fractions with different denominators, we first convert each fraction to an equivalent
fraction with the least common denominator. The least common denominator of 1/4 and 1/6 is 12
because 12 is the least common multiple of 4 and 6. Adding fractions with unlike denominators
always starts from this common denominator.

> **Manipulative Math**
>
> Doing the activity Model Fraction Addition will help you.

> **Example**
>
> > **Exercise**
> >
> > **Problem:** Add: 1/2 + 1/3.
> >
> > **Solution:** The LCD of 2 and 3 is 6. Write 1/2 as 3/6 and 1/3 as 2/6. Then 3/6 + 2/6 = 5/6.

> **Try**
>
> > **Exercise**
> >
> > **Problem:** Add: 1/4 + 1/3.
> >
> > **Solution:** 7/12

> **Try**
>
> > **Exercise**
> >
> > **Problem:** Add: 1/2 + 1/5.
> >
> > **Solution:** 7/10

### Key Concepts

- To add fractions with different denominators, first rewrite them with their
  least common denominator.

## Glossary

- **least common denominator**: the least common multiple of the denominators of two fractions
- **equivalent fractions**: fractions that name the same part of a whole, such as 1/2 and 3/6
"""


@pytest.fixture
def corpus(cast, ingest):
    from core.corpora.services import create_corpus

    corpus = create_corpus(name="Prealgebra", reader_roles=["teacher"])
    ingest(corpus, "ch04-fractions.md", BOOK.encode(), licence="CC BY 4.0", attribution="OpenStax.")
    return corpus


def request(corpus, topic):
    return {
        "subject": "Mathematics",
        "topic": topic,
        "grade": 8,
        "minutes": 40,
        "language": "en",
        "corpus": corpus.slug,
        "parts": ["slides", "worksheet", "quiz"],
        "quiz_count": 5,
        "differentiation": "",
        "standards": [],
        "uncited": False,
    }


def test_the_chunks_keep_their_block_kinds(corpus):
    from core.corpora.models import Chunk

    kinds = set(Chunk.objects.filter(corpus=corpus).values_list("block_kind", flat=True))
    assert {"objective", "worked_example", "exercise", "caption", "key_term", "summary"} <= kinds


def test_a_lesson_from_the_books_structure(cast, corpus, start, client):
    topic = "Adding fractions with unlike denominators"
    lesson = start(lambda: services.request_lesson(cast["teacher"], request(corpus, topic)))
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY, lesson.report.get("blocking")
    schema = LessonSchema.model_validate(lesson.data)
    assert schema.title == topic
    assert [o.text for o in schema.objectives][:1] == [
        "Add and subtract fractions with different denominators"
    ]
    assert "Solution:" in schema.cycles[0].explanation
    assert {v.term for v in schema.vocabulary} == {
        "least common denominator",
        "equivalent fractions",
    }
    assert not lesson.run.steps.filter(kind="structured").exists()  # no model call was needed
    cited = {sid for _, item in iter_items(schema) for sid in item.source_ids}
    assert cited and cited <= set(lesson.retrieved_ids)
    services.export_bundle(lesson)  # exports build

    client.force_login(cast["teacher"])
    page = client.get(reverse("courseware:lesson", args=[lesson.pk])).content.decode()
    text = re.sub(r"<[^>]+>", " ", page)
    assert " > " not in text.split("Sources")[0].replace("&gt;", ">")
    assert "Manipulative Math" not in text.split("Sources")[0]
    assert "Worked example: Add: 1/2 + 1/3." in text
    assert "No item reads as a fragment" in text


FORCES = """# Chapter 4: Forces

*Source: OpenStax, Physics (https://openstax.org/details/books/physics), chapter 4.*

## Force

> **Learning Objectives: Section Learning Objectives**
>
> - Differentiate between force, net force, and dynamics

### Defining Force

A force is a push or a pull that acts on an object. When several forces act on one object,
they combine into one total force, called the net force. Dynamics is the study of how forces
change the motion of objects.

## Glossary

- **force**: a push or a pull on an object, with a size and a direction
- **net force**: the sum of all the forces that act on one object
- **dynamics**: the study of how forces change the motion of objects and systems

## Newton's Second Law of Motion

The acceleration of a system is proportional to the net external force that acts on it.

> **Worked Example: How Fast Does a Pushed Cart Speed Up?**
>
> > **Exercise**
> >
> > **Problem:** A net external force of 30 N acts on a cart of mass 15 kg. What is the
> > acceleration of the cart?
> >
> > **Solution:** Newton's second law gives the acceleration as the net force divided by the
> > mass: a = (30 N)/(15 kg) = 2.0 m/s^2.
"""


def test_a_section_without_examples_quotes_and_cites_the_chapters_next_one(cast, ingest, start):
    from core.corpora.services import create_corpus

    corpus = create_corpus(name="Physics", reader_roles=["teacher"])
    ingest(corpus, "ch04-forces.md", FORCES.encode(), licence="CC BY 4.0", attribution="OpenStax.")
    ask = {**request(corpus, "Force"), "subject": "Science"}
    lesson = start(lambda: services.request_lesson(cast["teacher"], ask))
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY, lesson.report.get("blocking")
    schema = LessonSchema.model_validate(lesson.data)
    example = next(c for c in schema.cycles if "Worked example:" in c.explanation)
    assert "Solution: Newton's second law gives the acceleration" in example.explanation
    assert any("“Newton's Second Law of Motion”" in n for n in example.notes)
    cited = {sid for _, item in iter_items(schema) for sid in item.source_ids}
    assert cited <= set(lesson.retrieved_ids)
    headings = {s.id: s.heading for s in schema.sources}
    second_law = [sid for sid in example.source_ids if "Second Law" in headings.get(sid, "")]
    assert second_law  # the quoted example is cited, and its passage is among the sources


def test_the_lessons_own_words_are_in_its_language_whatever_language_is_active(cast, corpus, start):
    # A worker runs in its default language and an eager run in the teacher's page
    # language: neither decides the words code adds to an English lesson.
    topic = "Adding fractions with unlike denominators"
    with translation.override("zh-hans"):
        lesson = start(lambda: services.request_lesson(cast["teacher"], request(corpus, topic)))
    lesson.refresh_from_db()
    schema = LessonSchema.model_validate(lesson.data)
    assert "Solution:" in schema.cycles[0].explanation
    assert "解答" not in json.dumps(lesson.data, ensure_ascii=False)
