"""Ingestion failures: stored in English by the worker, shown in the reader's language."""

import pytest
from django.utils import translation

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.failures import failure_words


def test_a_failure_with_parameters_is_stored_in_english():
    error = IngestionError(failures.PDF_TOO_MANY_PAGES, count="3,001", limit="2,000")
    assert error.message == "The PDF has 3,001 pages; the limit is 2,000."


@pytest.mark.parametrize("language", ["hi", "bn", "zh-hans"])
def test_a_stored_failure_reads_in_the_readers_language_with_its_numbers(language):
    stored = IngestionError(failures.PDF_TOO_MANY_PAGES, count="3,001", limit="2,000").message
    with translation.override(language):
        words = failure_words(stored)
    assert "3,001" in words and "2,000" in words and "PDF" in words
    assert "pages" not in words and "limit" not in words


def test_every_failure_sentence_is_translated_into_hindi():
    sentences = [v for k, v in vars(failures).items() if k.isupper() and isinstance(v, str)]
    assert len(sentences) > 20
    with translation.override("hi"):
        untranslated = [s for s in sentences if translation.gettext(s) == s]
    assert untranslated == []


def test_text_that_is_no_known_failure_is_shown_as_it_is():
    with translation.override("hi"):
        assert failure_words("The file could not be read just now.") == (
            "The file could not be read just now."
        )
        assert failure_words("") == ""
