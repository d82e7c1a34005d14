"""Every string a farmer can see on the crops pages is translated into Hindi,
Bengali and Simplified Chinese (English is the source text).

The strings are extracted from the farmer-facing sources themselves with
xgettext (templates through Django's templatize), so a new string that nobody
added to the catalogues fails here too, not only an empty msgstr.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ("hi", "bn", "zh_Hans")
FARMER_TEMPLATES = sorted((ROOT / "templates" / "crops").glob("*.html")) + [
    ROOT / "templates" / "base.html"
]
FARMER_PYTHON = [
    p
    for p in sorted((ROOT / "apps" / "crops").rglob("*.py"))
    if "migrations" not in p.parts and "management" not in p.parts
] + [ROOT / "core" / "accounts" / "roles.py"]
KEYWORDS = (
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "_",
    "ngettext:1,2",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "pgettext_lazy:1c,2",
)
_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def read_po(text: str) -> list[dict]:
    """Entries of a .po/.pot file: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    entries, entry, field = [], {}, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, field = {}, None
        elif line.startswith("#,"):
            entry.setdefault("flags", []).extend(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif m := _FIELD.match(line):
            field, value = m.group(1), json.loads(m.group(2))
            if field.startswith("msgstr"):
                entry.setdefault("msgstr", []).append(value)
            else:
                entry[field] = value
        elif line.startswith('"') and field:
            value = json.loads(line)
            if field.startswith("msgstr"):
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
    return entries


def catalogue(language: str) -> dict[tuple, dict]:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    entries = read_po(path.read_text(encoding="utf-8"))
    return {(e.get("msgctxt"), e["msgid"]): e for e in entries if e["msgid"]}


def farmer_strings(tmp_path: Path) -> list[dict]:
    """The msgids of the farmer-facing sources, as makemessages would extract them."""
    sources = []
    for template in FARMER_TEMPLATES:
        out = tmp_path / f"{template.stem}.html.py"
        out.write_text(templatize(template.read_text(encoding="utf-8")), encoding="utf-8")
        sources.append(out)
    sources += FARMER_PYTHON
    pot = tmp_path / "farmer.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "-o", str(pot)]
        + [f"--keyword={k}" for k in KEYWORDS]
        + [str(s) for s in sources],
        check=True,
        capture_output=True,
    )
    return [e for e in read_po(pot.read_text(encoding="utf-8")) if e["msgid"]]


needs_xgettext = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="xgettext (gettext) is not installed"
)


@needs_xgettext
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_farmer_facing_string_has_a_translation(language, tmp_path):
    wanted = farmer_strings(tmp_path)
    assert len(wanted) > 150  # the extraction found the pages' strings
    have = catalogue(language)
    missing = []
    for e in wanted:
        found = have.get((e.get("msgctxt"), e["msgid"]))
        if (
            found is None
            or "fuzzy" in found.get("flags", [])
            or not all(s.strip() for s in found.get("msgstr", [""]))
        ):
            missing.append(e["msgid"])
    assert missing == [], f"{len(missing)} farmer-facing strings untranslated in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_of_the_english(language):
    wrong = []
    for (_ctx, msgid), e in catalogue(language).items():
        english = set(_PLACEHOLDER.findall(msgid + e.get("msgid_plural", "")))
        for text in e.get("msgstr", []):
            if text and set(_PLACEHOLDER.findall(text)) - english:
                wrong.append(msgid)
            if text and not e.get("msgid_plural") and set(_PLACEHOLDER.findall(text)) != english:
                wrong.append(msgid)
    assert wrong == []


# Messages whose translation may be Latin: codes of money, and the quiz option
# letters (Chinese quizzes letter their options A, B, C, D).
LATIN_EVERYWHERE = {"e.g. INR, BDT", "Model", "ABCDEFGH"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_are_written_in_the_languages_own_script(language):
    script = {"hi": r"[\u0900-\u097f]", "bn": r"[\u0980-\u09ff]", "zh_Hans": r"[\u4e00-\u9fff]"}
    pattern = re.compile(script[language])
    latin_only = [
        e["msgid"]
        for e in catalogue(language).values()
        if any(s for s in e.get("msgstr", []))
        and not any(pattern.search(s) for s in e["msgstr"])
        and re.search(r"[A-Za-z]{3}", re.sub(r"%\(\w+\)[sd]", "", e["msgid"]))
        and e["msgid"] not in LATIN_EVERYWHERE
    ]
    assert latin_only == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_compiles_with_format_checks(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
