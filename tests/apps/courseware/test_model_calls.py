"""A failed model call gives way to code; a cancelled run stops."""

import pytest

from apps.courseware.drafts import WorksheetDraft
from apps.courseware.model_calls import TimeBudgetSpent, try_fill


def test_a_failed_or_timed_out_call_gives_way_to_code():
    def invalid(prompt, schema, title):
        raise ValueError("not JSON")

    def spent(prompt, schema, title):
        raise TimeBudgetSpent(title)

    assert try_fill(invalid, "p", WorksheetDraft, "Worksheet item 1") is None
    assert try_fill(spent, "p", WorksheetDraft, "Worksheet item 1") is None


def test_a_cancelled_run_is_not_written_by_code():
    from core.steps import Cancelled as RunCancelled

    def cancelled(prompt, schema, title):
        raise RunCancelled()

    with pytest.raises(RunCancelled):
        try_fill(cancelled, "p", WorksheetDraft, "Worksheet item 1")


def test_the_models_draft_is_returned_as_it_is():
    draft = WorksheetDraft(question="Work out 2 + 3.", answer="5")
    assert try_fill(lambda p, s, t: draft, "p", WorksheetDraft, "Worksheet item 1") is draft
