"""The worksheet: maths items from the passages with keys code works out."""

from apps.courseware.checks import run_checks
from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.worksheet_writing import make_worksheet
from tests.apps.courseware.passages import CTX, FRACTIONS, ROUNDING, no_model


def test_maths_tasks_in_the_passages_become_items_with_computed_keys():
    worksheet = make_worksheet(no_model, CTX, [ROUNDING, FRACTIONS])
    assert worksheet[0]["prompt"] == "Round 843 to the nearest ten."
    assert worksheet[0]["answer"] == "840"
    assert (
        worksheet[1]["prompt"].startswith("Work out 3/8 + 1/8") and worksheet[1]["answer"] == "1/2"
    )
    report = run_checks({"worksheet": worksheet}, ["7", "8"])
    assert report.math_checked >= 2 and report.math_wrong == 0


def test_without_the_model_the_other_items_are_written_by_code_and_marked():
    worksheet = make_worksheet(no_model, CTX, [ROUNDING, FRACTIONS])
    by_code = [i for i in worksheet if FALLBACK_FLAG in i["notes"]]
    assert by_code and all(i["prompt"].startswith("Explain one key fact") for i in by_code)
