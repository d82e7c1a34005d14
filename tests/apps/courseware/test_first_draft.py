"""The first part the teacher sees, written by code at once."""

from apps.courseware.first_draft import PROVISIONAL_NOTE, first_draft
from tests.apps.courseware.passages import CTX, FRACTIONS, ROUNDING


def test_the_first_draft_is_real_cited_content_and_its_phases_add_up():
    draft = first_draft(CTX, [ROUNDING, FRACTIONS])
    assert draft["objectives"] and len(draft["cycles"]) == 3
    assert draft["cycles"][0]["explanation"].startswith("To round a number")
    assert {sid for c in draft["cycles"] for sid in c["source_ids"]} == {"7", "8"}
    assert all(PROVISIONAL_NOTE in c["notes"] for c in draft["cycles"])
    assert sum(p["minutes"] for p in draft["phases"]) == 40
