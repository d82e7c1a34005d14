"""The book lesson's item helpers: a part with fewer items than asked says so."""

from apps.courseware.book_items import fewer_than_wanted


def test_a_part_with_fewer_items_than_asked_says_how_many_instead_of_how_many():
    shortfalls = []
    fewer_than_wanted(shortfalls, "Quiz: %(n)s questions instead of %(want)s.", 3, 5)
    fewer_than_wanted(shortfalls, "Worksheet: %(n)s items instead of %(want)s.", 4, 4)
    assert shortfalls == ["Quiz: 3 questions instead of 5."]
