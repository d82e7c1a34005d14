"""courseware_eval's measures, on lesson data whose answers are known."""

from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.evaluation import model_written
from tests.apps.courseware.factories import lesson_data


def test_items_written_by_code_are_not_counted_as_the_models():
    data = lesson_data()
    total, by_model = model_written(data)
    assert total > 3 and by_model == total
    data["quiz"][0]["notes"] = [FALLBACK_FLAG]
    data["cycles"][0]["notes"] = ["a note that is not the fallback mark", FALLBACK_FLAG]
    assert model_written(data) == (total, total - 2)
