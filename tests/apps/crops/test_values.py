import pytest

from apps.crops.values import BadValue, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,234", 1234),
        ("1,23,456", 123456),
        ("1.234,5", 1234.5),
        ("12,5", 12.5),
        ("Rs 2,100", 2100),
        ("  850 ", 850),
        ("", None),
        ("NA", None),
        ("-40", -40),
        ("1 234", 1234),
    ],
)
def test_it_reads_numbers_with_local_separators(text, value):
    assert parse_number(text) == value


def test_it_refuses_text_in_a_number_cell_with_the_text_in_the_message():
    with pytest.raises(BadValue, match="abc"):
        parse_number("abc")
