"""English sentences stored with their parameters filled in, put into the reader's
language when a page shows them: each known sentence (marked for translation where
it is written) becomes a pattern that reads its parameters back out of the stored
text. Text that matches no known sentence (older, or already translated) is kept."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(sentence: str) -> re.Pattern:
    parts = PLACEHOLDER.split(sentence)  # text, name, text, name, ..., text
    regex, named = "", set()
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex += re.escape(part.replace("%%", "%"))
        else:  # a parameter written twice is the same text both times
            regex += f"(?P={part})" if part in named else f"(?P<{part}>.+?)"
            named.add(part)
    return re.compile(f"^{regex}$", re.DOTALL)


class KnownSentences:
    """Sentences with ``%(name)s`` placeholders only (numbers are formatted before);
    ``%%`` is a percent sign."""

    def __init__(self, sentences: Iterable[str]):
        # The most literal text first, so that a short sentence ("%(title)s: %(reason)s")
        # never claims a longer one's text.
        ordered = sorted(set(sentences), key=lambda s: -len(PLACEHOLDER.sub("", s)))
        self._patterns = [(_pattern(s), s) for s in ordered]

    def read(self, stored: str) -> tuple[str, dict[str, str]] | None:
        """The sentence ``stored`` was written from, and its parameters; None if none."""
        for pattern, sentence in self._patterns:
            found = pattern.match(stored or "")
            if found:
                return sentence, found.groupdict()
        return None

    def words(self, stored: str, param: Callable[[str], str] = str) -> str:
        """``stored`` in the active language, each parameter passed through ``param``
        (a known sentence inside another, a word); any other text as it is."""
        read = self.read(stored)
        if read is None:
            return stored
        sentence, params = read
        return gettext(sentence) % {name: param(value) for name, value in params.items()}
