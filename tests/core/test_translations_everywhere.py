"""Every message of every app and of the core (templates and Python sources, as
makemessages extracts them) is translated into Hindi, Bengali and Simplified
Chinese, with no fuzzy entry left: the farmer pages' test
(tests/apps/crops/test_translations.py), widened to every page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

from tests.apps.crops.test_translations import (
    KEYWORDS,
    LANGUAGES,
    ROOT,
    catalogue,
    needs_xgettext,
    read_po,
)

SKIPPED = {"migrations", "management", "tests"}


def every_source() -> tuple[list[Path], list[Path]]:
    templates = sorted((ROOT / "templates").rglob("*.html"))
    python = [
        p
        for folder in ("apps", "core")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if not SKIPPED & set(p.parts)
    ]
    return templates, python


def every_message(tmp_path: Path) -> list[dict]:
    templates, python = every_source()
    sources = []
    for number, template in enumerate(templates):
        out = tmp_path / f"{number}-{template.stem}.html.py"
        out.write_text(templatize(template.read_text(encoding="utf-8")), encoding="utf-8")
        sources.append(out)
    pot = tmp_path / "all.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "-o", str(pot)]
        + [f"--keyword={k}" for k in KEYWORDS]
        + [str(s) for s in [*sources, *python]],
        check=True,
        capture_output=True,
    )
    return [e for e in read_po(pot.read_text(encoding="utf-8")) if e["msgid"]]


@needs_xgettext
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_every_page_is_translated(language, tmp_path):
    wanted = every_message(tmp_path)
    assert len(wanted) > 400  # the extraction found every app's strings
    have = catalogue(language)
    missing = [
        e["msgid"]
        for e in wanted
        if (found := have.get((e.get("msgctxt"), e["msgid"]))) is None
        or "fuzzy" in found.get("flags", [])
        or not all(s.strip() for s in found.get("msgstr", [""]))
    ]
    assert missing == [], f"{len(missing)} messages untranslated in {language}: {missing[:5]}"
