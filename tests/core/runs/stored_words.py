"""For the tests that a run's steps, stored in English, read in the reader's language:
the literals a module writes them with, and the English words left in what is shown."""

import ast
import re
from pathlib import Path


def literals(path: Path, method: str) -> list[str]:
    """The string literals passed as ``method``'s last positional argument in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == method:
            last = node.args[-1] if node.args else None
            if isinstance(last, ast.Constant) and isinstance(last.value, str):
                found.append(last.value)
    return found


def english_words(text: str, kept: frozenset[str] = frozenset()) -> list[str]:
    """Words of three or more Latin letters, but the ``kept`` ones (names of formats)."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in kept]
