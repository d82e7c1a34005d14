"""Language: the text is not in the language that was asked for.

Rules, with why:
- under 12 letters (after citations, numbers, code and markup are taken out)
  nothing is judged: "F = ma [1]" has no language;
- sentences copied word for word from the sources are left out when the rest
  has 12 letters or more: a quotation is in the sources' language (the
  composed answer quotes English passages under one line in the asked one);
  a text that is nothing but quotations passes only in a Latin-script request
  or where the sources are written in the asked language's script (a Chinese
  sentence naming "Digital Equipment Corporation" has more Latin letters than
  Han characters, and is still Chinese);
- the script must be the asked language's (Devanagari for Hindi, Bengali
  script for Bengali, Han for Chinese, …), by ``core.reasoning.language``;
- words that begin with a vowel sign or virama (no written word does) in 3 or
  more words and a tenth of them: garbled Indic text, what a small model
  writes when asked for Hindi;
- Latin script: English against French, Spanish, German, Portuguese, Italian,
  Indonesian and Swahili by their commonest words, only from 15 words up and
  only on positive evidence (3 or more of the other language's words, 8% of
  all words, more than the English ones): a table of terms has few English
  function words and is still English;
- 4 or more Han/kana characters in a text asked in another language, unless
  the sources have them: R1 slips into Chinese mid-answer.
"""

from __future__ import annotations

import re
import unicodedata

from core.reasoning.checks.prepared import Prepared
from core.reasoning.checks.report import LANGUAGE, Failure, gettext_noop
from core.reasoning.checks.text import CITATION, LETTER, WORD
from core.reasoning.language import detect_language, label_for

MIN_LETTERS = 12
MIN_WORDS_LATIN = 15
SAMPLE = 800  # characters the script is judged on (a Python loop); the Han rule reads all
_SCRIPT = {
    "hi": "hi", "mr": "hi", "ne": "hi", "sa": "hi",
    "bn": "bn", "as": "bn",
    "zh": "zh", "ja": "ja", "ko": "ko",
    "ar": "ar", "ur": "ar", "fa": "ar",
    "ru": "ru", "uk": "ru", "bg": "ru", "sr": "ru",
    "ta": "ta",
}  # fmt: skip
_NAMES = {
    "en": gettext_noop("English"), "hi": gettext_noop("Hindi"), "mr": gettext_noop("Marathi"),
    "ne": gettext_noop("Nepali"), "bn": gettext_noop("Bengali"), "zh": gettext_noop("Chinese"),
    "ja": gettext_noop("Japanese"), "ko": gettext_noop("Korean"), "ar": gettext_noop("Arabic"),
    "ur": gettext_noop("Urdu"), "ru": gettext_noop("Russian"), "ta": gettext_noop("Tamil"),
    "fr": gettext_noop("French"), "es": gettext_noop("Spanish"), "de": gettext_noop("German"),
    "pt": gettext_noop("Portuguese"), "it": gettext_noop("Italian"),
    "id": gettext_noop("Indonesian"), "sw": gettext_noop("Swahili"),
}  # fmt: skip
# What a failure says (stored in English; the run page translates it, language names too).
WRITTEN_IN = gettext_noop("It is written in %(found)s, not %(asked)s as asked.")
GARBLED = gettext_noop(
    "It is garbled: %(broken)s of its %(count)s words begin with a vowel sign, "
    "which no written word does."
)
SLIPS = gettext_noop("It slips into Chinese (“%(quote)s”) in a text asked in %(asked)s.")
SENTENCES = (WRITTEN_IN, GARBLED, SLIPS, *_NAMES.values())
Found = tuple[str, dict]  # a sentence above and its parameters, less the asked language
_ENGLISH = frozenset(
    "the and is of to in that it are was for with as on this by be from or an which not "
    "have has can will its their they".split()
)
_LATIN_WORDS = {
    "fr": "le la les des est une et que pour dans du sur avec qui pas sont au ce cette",
    "es": "el la los las es una y que por para con del se un como más pero sus",
    "de": "der die das und ist nicht ein eine mit zu den von sich des auf für im dem",
    "pt": "o os as é um uma e que para com do da dos das não em no na",
    "it": "il lo la gli le è un una e che per con del della non sono nel",
    "id": "yang dan di ini itu dengan untuk adalah dari ke tidak dalam pada",
    "sw": "na ya wa kwa ni katika la za kama hii",
}
_FOREIGN = {code: frozenset(ws.split()) - _ENGLISH for code, ws in _LATIN_WORDS.items()}
_NOISE = re.compile(r"```.*?```|`[^`\n]*`|https?://\S+|<[^<>]{0,200}>|\d+", re.S)
_PIECE = re.compile(r"(?<=[.!?।。！？\n\"“”])\s+|\n")
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,40}\]")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?，。；：！？、।])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def language_name(code: str) -> str:
    return _NAMES.get(code, label_for(code))


def check_language(text: str, language: str, prepared: Prepared) -> Failure | None:
    language = (language or "en").split("-")[0].lower()
    clean = _NOISE.sub(" ", CITATION.sub(" ", text))
    own = _without_quotes(clean, prepared.source_text)
    if _letters(own) >= MIN_LETTERS:
        clean = own
    elif _letters(clean) < MIN_LETTERS or _SCRIPT.get(language, "latin") == "latin":
        return None
    elif _sources_in(language, prepared):
        return None  # nothing but quotations from sources written in the asked language
    asked = language_name(language)
    found = _garbled(clean) or _wrong_script(clean, language) or _wrong_latin(clean, language)
    if found:
        sentence, params = found
        return Failure(LANGUAGE, sentence % {**params, "asked": asked})
    if language not in ("zh", "ja", "ko"):
        slipped = [ch for ch in _CJK.findall(clean) if ch not in prepared.source_chars]
        if len(slipped) >= 4:
            shown = "".join(slipped[:8])
            return Failure(LANGUAGE, SLIPS % {"quote": shown, "asked": asked})
    return None


def _sources_in(language: str, prepared: Prepared) -> bool:
    if not prepared.source_text:
        return False
    code, _ = detect_language(prepared.source_text, sample=SAMPLE)
    return code == _SCRIPT.get(language, "latin")


def _letters(text: str) -> int:
    return len(LETTER.findall(text, 0, 600))


def _without_quotes(clean: str, sources: str) -> str:
    """The text less its sentences copied word for word from the sources: a quotation is
    in the sources' language (the composed answer quotes English passages under one
    line in the asked language)."""
    if not sources:
        return clean
    kept = []
    # Numbers and bracketed marks left out on both sides: a quote drops an editor's
    # "[update]" ("截至2015年3月[更新]，…").
    flat = _flat(_NOISE.sub(" ", sources))
    for piece in _PIECE.split(clean):
        # a citation taken out leaves spaces before the stop: "设计 [4]。" -> "设计  。";
        # a clause window of a long sentence is marked "…" where it was cut
        core = _flat(piece).strip(" \"'“”‘’«»*_>-:;,.。！？，、；：।॥…")
        # 20 characters, a Chinese one counting twice (it is a word, or half of one)
        if len(core) + len(_CJK.findall(core)) < 20 or core not in flat:
            kept.append(piece)
    return " ".join(kept)


def _flat(text: str) -> str:
    """``text`` less bracketed marks, with single spaces and none before a stop."""
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(_BRACKETED.sub("", text).split()))


def _garbled(clean: str) -> Found | None:
    found = WORD.findall(clean)
    broken = [w for w in found if unicodedata.category(w[0]).startswith("M")]
    if len(broken) >= 3 and len(broken) >= 0.1 * len(found):
        return GARBLED, {"broken": len(broken), "count": len(found)}
    return None


def _wrong_script(clean: str, language: str) -> Found | None:
    code, label = detect_language(clean, sample=SAMPLE)
    wanted = _SCRIPT.get(language, "latin")
    if code == "und" or code == wanted or (wanted == "ja" and code == "zh"):
        return None
    if wanted == "latin" and code in ("en", "latin"):
        return None
    return WRITTEN_IN, {"found": label}


def _wrong_latin(clean: str, language: str) -> Found | None:
    if _SCRIPT.get(language, "latin") != "latin":
        return None
    found = [w.lower() for w in WORD.findall(clean) if w.isalpha()]
    if len(found) < MIN_WORDS_LATIN:
        return None
    english = sum(w in _ENGLISH for w in found)
    hits = {code: sum(w in words for w in found) for code, words in _FOREIGN.items()}
    if language == "en":
        code, best = max(hits.items(), key=lambda item: item[1])
        if best >= 3 and best >= 0.08 * len(found) and best > english:
            return WRITTEN_IN, {"found": language_name(code)}
    elif language in hits:
        own = hits[language]
        if english >= 3 and english >= 0.1 * len(found) and english > own:
            return WRITTEN_IN, {"found": language_name("en")}
    return None
