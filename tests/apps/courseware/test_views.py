import io
import zipfile

import pytest
from django.urls import reverse

from apps.courseware.models import Lesson, StandardCode, TeacherSchool
from tests.apps.courseware.factories import lesson_data

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def corpus(cast):
    from core.accounts.roles import Role
    from core.corpora.services import create_corpus

    return create_corpus(name="Maths", slug="maths", reader_roles=[Role.TEACHER])


def form(the_corpus, **changes):
    data = {
        "subject": "Maths",
        "grade": 5,
        "topic": "adding whole numbers",
        "minutes": 40,
        "language": "en",
        "corpus": the_corpus.slug,
        "parts": ["plan", "slides", "worksheet", "quiz"],
        "quiz_count": 5,
        "differentiation": "",
        "standards": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def chunks(corpus):
    """Two real chunks for the factory lesson's passages "101" and "102" to point at."""
    from core.corpora.models import Chunk, Document

    doc = Document.objects.create(
        corpus=corpus,
        file="prealgebra.md",
        filename="prealgebra.md",
        title="Prealgebra, chapter 2",
        sha256="0" * 64,
        licence="CC BY 4.0",
    )
    made = [
        Chunk.objects.create(
            document=doc, corpus=corpus, ordinal=n, text="text", start=0, end=4, live=True
        )
        for n in range(2)
    ]
    return {"101": str(made[0].pk), "102": str(made[1].pk)}


def ready_lesson(owner, chunk_ids=None, **changes) -> Lesson:
    data = lesson_data(**changes)
    if chunk_ids:
        import json

        text = json.dumps(data)
        for old, new in chunk_ids.items():
            text = text.replace(f'"{old}"', f'"{new}"')
        data = json.loads(text)
    retrieved = [s["id"] for s in data["sources"]]
    return Lesson.objects.create(
        owner=owner,
        title=data["title"],
        corpus_slug="maths",
        request={"grade": 5, "minutes": 40, "language": "en"},
        data=data,
        retrieved_ids=retrieved,
        status=Lesson.Status.READY,
    )


def post_new(client, data):
    return client.post(reverse("courseware:new"), data)


def test_an_empty_topic_is_refused_with_a_sentence(cast, client_for, corpus):
    page = post_new(client_for(cast["teacher"]), form(corpus, topic="   ")).content.decode()
    assert "Please name the topic of the lesson." in page
    assert not Lesson.objects.exists()


def test_a_50_kb_topic_is_refused_with_a_sentence(cast, client_for, corpus):
    response = post_new(client_for(cast["teacher"]), form(corpus, topic="fractions " * 5000))
    assert response.status_code == 400
    assert "please name it in at most 300 characters" in response.content.decode()


def test_a_language_the_model_cannot_write_is_refused(cast, client_for, corpus):
    page = post_new(client_for(cast["teacher"]), form(corpus, language="hi")).content.decode()
    assert "cannot write Hindi" in page and "It can write: English" in page


def test_only_corpora_the_teacher_may_read_are_offered(cast, client_for, corpus):
    from core.corpora.services import create_corpus

    create_corpus(name="Engineering codes", slug="codes", reader_roles=["engineer"])
    page = client_for(cast["teacher"]).get(reverse("courseware:new")).content.decode()
    assert 'value="maths"' in page and 'value="codes"' not in page
    assert (
        "Select a valid choice"
        in post_new(client_for(cast["teacher"]), form(corpus, corpus="codes")).content.decode()
    )


def test_standards_codes_must_come_from_the_admin_loaded_list(cast, client_for, corpus):
    StandardCode.objects.create(
        corpus_slug="maths", code="5.NBT.5", description="Multiply whole numbers"
    )
    page = post_new(
        client_for(cast["teacher"]), form(corpus, standards="5.NBT.5, 9.XYZ.1")
    ).content.decode()
    assert "Not in the standards list loaded for this corpus: 9.XYZ.1" in page


def test_a_corpus_admin_loads_a_standards_list(cast, client_for, corpus):
    client_for(cast["corpusadmin"]).post(
        reverse("courseware:standards"),
        {"corpus": "maths", "codes": "5.NBT.5\tMultiply\n5.NF.1, Add fractions\n"},
    )
    assert set(StandardCode.objects.values_list("code", flat=True)) == {"5.NBT.5", "5.NF.1"}


def ready_lesson_page(cast, client_for, data: dict, *, title: str) -> str:
    """The teacher's page of a ready lesson holding ``data``."""
    lesson = Lesson.objects.create(
        owner=cast["teacher"],
        title=title,
        request={"grade": 5, "minutes": 40},
        data=data,
        retrieved_ids=["101", "102"],
        status=Lesson.Status.READY,
    )
    return (
        client_for(cast["teacher"])
        .get(reverse("courseware:lesson", args=[lesson.pk]))
        .content.decode()
    )


def test_html_in_any_field_is_escaped_on_the_page(cast, client_for):
    data = lesson_data()
    data["cycles"][0]["slide_text"] = "<script>alert(1)</script>"
    page = ready_lesson_page(cast, client_for, data, title="<b>x</b>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_worked_examples_lines_stay_lines_on_the_page_and_stay_escaped(cast, client_for):
    data = lesson_data()
    data["cycles"][0]["explanation"] = "Worked example: Add 27 + 15.\nSolution: <b>42</b>"
    page = ready_lesson_page(cast, client_for, data, title="Adding")
    assert "Worked example: Add 27 + 15.<br>Solution: &lt;b&gt;42&lt;/b&gt;" in page


def test_a_valid_lesson_downloads_as_a_bundle(cast, client_for, chunks):
    lesson = ready_lesson(cast["teacher"], chunks)
    response = client_for(cast["teacher"]).get(
        reverse("courseware:download", args=[lesson.pk, "zip"])
    )
    assert response.status_code == 200
    assert "ATTRIBUTION.txt" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_exporting_a_lesson_that_fails_validation_is_refused_with_reasons(cast, client_for, chunks):
    data = lesson_data()
    data["phases"][0]["minutes"] = 9
    lesson = ready_lesson(cast["teacher"], chunks, phases=data["phases"])
    response = client_for(cast["teacher"]).get(
        reverse("courseware:download", args=[lesson.pk, "pdf"])
    )
    assert response.status_code == 409
    assert "The phases add up to 44 minutes, not the lesson&#x27;s 40." in response.content.decode()


def test_editing_a_key_to_a_wrong_value_marks_it(cast, client_for, chunks):
    lesson = ready_lesson(cast["teacher"], chunks)
    client_for(cast["teacher"]).post(
        reverse("courseware:edit", args=[lesson.pk, "worksheet"]), {"worksheet.0.answer": "41"}
    )
    lesson.refresh_from_db()
    assert lesson.data["worksheet"][0]["answer"] == "41"
    assert lesson.data["worksheet"][0]["flags"] == [
        "answer key may be wrong: worked out by code it is 42"
    ]
    assert lesson.status == Lesson.Status.READY  # marked, still exportable


def test_only_the_owner_may_edit(cast, client_for, corpus):
    from core.accounts.services import create_user_with_role

    other = create_user_with_role("teacher2", "pw-teacher-2", "teacher")
    lesson = ready_lesson(cast["teacher"])
    lesson.share = Lesson.Share.CORPUS
    lesson.save()
    assert (
        client_for(other).post(reverse("courseware:edit", args=[lesson.pk, "quiz"]), {}).status_code
        == 403
    )


def test_the_library_shows_own_lessons_and_those_shared_with_the_school_or_corpus(
    cast, client_for, corpus
):
    from core.accounts.services import create_user_with_role

    other = create_user_with_role("teacher2", "pw-teacher-2", "teacher")
    TeacherSchool.objects.create(user=cast["teacher"], school="Hill School")
    TeacherSchool.objects.create(user=other, school="Hill School")
    private = ready_lesson(cast["teacher"], title="Private one")
    school = ready_lesson(cast["teacher"], title="School one")
    client_for(cast["teacher"]).post(
        reverse("courseware:share", args=[school.pk]), {"share": "school"}
    )
    page = client_for(other).get(reverse("courseware:home")).content.decode()
    assert "School one" in page and "Private one" not in page
    assert client_for(other).get(reverse("courseware:lesson", args=[private.pk])).status_code == 404


def test_duplicating_makes_an_own_copy(cast, client_for, corpus):
    lesson = ready_lesson(cast["teacher"])
    lesson.share = Lesson.Share.CORPUS
    lesson.save()
    from core.accounts.services import create_user_with_role

    other = create_user_with_role("teacher2", "pw-teacher-2", "teacher")
    response = client_for(other).post(reverse("courseware:duplicate", args=[lesson.pk]))
    copy = Lesson.objects.get(owner=other)
    assert response["Location"] == reverse("courseware:lesson", args=[copy.pk])
    assert copy.data == lesson.data and copy.duplicated_from == lesson


def test_a_lesson_citing_passages_that_no_longer_exist_cannot_be_exported(cast, client_for, corpus):
    lesson = ready_lesson(cast["teacher"])  # its passages were never stored as chunks
    response = client_for(cast["teacher"]).get(
        reverse("courseware:download", args=[lesson.pk, "zip"])
    )
    assert response.status_code == 409
    assert "cite passages that were not retrieved or no longer exist" in response.content.decode()
