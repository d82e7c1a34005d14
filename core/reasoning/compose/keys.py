"""The key words of a text for matching a question against passages, in any
script: English words stemmed, words of other spaced scripts as written
(letters plus their combining marks), Chinese and Japanese as character
bigrams; function words of English, Hindi, Bengali and Chinese left out.
Weighted by rarity among the texts compared in ``key_weights``."""

from __future__ import annotations

import unicodedata

import regex

from core.reasoning.compose.words import QUESTION_FRAME, STOPWORDS, stem
from core.retrieval.tokenize import SCRIPT_TOKEN

_LATIN = regex.compile(r"^[\p{Latin}\p{N}]+$")
OTHER_STOPWORDS = frozenset(
    """है हैं था थे थी थीं हो होता होती होते होने के की का में से को और एक यह वह ये वे पर
    लिए कि तो भी ने नहीं किया किए गया गई गए कौन क्या कब कहाँ कहां कितने कितना कितनी किस
    किसने किसको किसका किसकी जो जब तक साथ द्वारा अपने उनके उसके इस उस इन उन कर करने करते
    এবং এই সেই একটি হয় ছিল কি কী কে কোন কখন কোথায় কত থেকে জন্য সঙ্গে তার তাদের না এর ও
    的 了 是 在 和 有 与 及 或 为 被 对 于 以 之 也 而 这 那 个 什么 哪 谁 何 吗 呢 多少""".split()
)
_CJK_STOP = frozenset("的了是在和与及或为被对于以之也而这那个吗呢")


def keys(text: str, *, drop: frozenset[str] = frozenset()) -> list[str]:
    """The key words of ``text`` in order (see the module docstring)."""
    out: list[str] = []
    for run, word in SCRIPT_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()):
        if run:
            chars = [c for c in run if c not in _CJK_STOP]
            if len(chars) == 1:
                out.append(chars[0])
            out.extend(a + b for a, b in zip(chars, chars[1:], strict=False))
            continue
        if word in STOPWORDS or word in OTHER_STOPWORDS or word in drop:
            continue
        if _LATIN.match(word):
            if len(word) < 2 and not word.isdigit():
                continue
            out.append(stem(word))
        else:
            out.append(word)
    return out


def question_keys(question: str) -> set[str]:
    return set(keys(question, drop=QUESTION_FRAME))
